using NanoCard.Hal.Crypto;

namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// SCP03 (GlobalPlatform Card Specification v2.3 Amendment D), the card's side, i = 60: a
    /// random card challenge, R-MAC and R-ENCRYPTION supported, 8-byte challenges, cryptograms
    /// and MACs (S8 mode), AES-128 keys. INITIALIZE UPDATE derives the session keys S-ENC, S-MAC
    /// and S-RMAC (§6.2.1) and answers the card cryptogram; EXTERNAL AUTHENTICATE checks the host
    /// cryptogram and its C-MAC and sets the level. From then on every command to the selected
    /// applet of the channel's security domain must come wrapped: C-MAC with MAC chaining (§6.2.4), C-DECRYPTION with the ICV from
    /// the encryption counter (§6.2.6), and the reply gets R-ENCRYPTION (§6.2.7) and R-MAC (§6.2.5)
    /// as the level asks. Any wrapped command that does not verify closes the session before the
    /// applet sees it. The channel writes nothing to the store, and allocates nothing after construction.
    /// The session's state is not the channel's own: every domain's channel shares the card's one
    /// <see cref="Scp03SessionState"/>, and a channel sees a session only while it is its domain's.
    /// </summary>
    public sealed class Scp03Channel : ISecureChannel
    {
        public const byte InsInitializeUpdate = 0x50;
        public const byte InsExternalAuthenticate = 0x82;
        /// <summary>SCP03's identifier in the key information (Amendment D §7.1.1.6).</summary>
        public const byte Protocol = 0x03;
        /// <summary>The "i" parameter: random card challenge, R-MAC and R-ENCRYPTION supported (Amendment D §5.1).</summary>
        public const byte Parameter = 0x60;
        public const short ChallengeLength = 8;
        public const short MacLength = 8;
        /// <summary>INITIALIZE UPDATE's reply: diversification data (10) ‖ key information (3) ‖ card challenge ‖ card cryptogram.</summary>
        public const short InitializeUpdateReplyLength = 10 + 3 + 2 * ChallengeLength;
        /// <summary>Most bytes of one short response (ISO/IEC 7816-4 §5.1): a longer wrapped reply goes on by 61xx and GET RESPONSE.</summary>
        private const short ShortResponse = 256;

        /// <summary>The proprietary class INITIALIZE UPDATE comes in.</summary>
        private const byte ClassByte80 = 0x80;
        /// <summary>Class bit 3: GlobalPlatform proprietary secure messaging (CLA 84, 04).</summary>
        private const byte ClaSecureMessaging = 0x04;
        /// <summary>Class bit 4: ISO/IEC 7816-4 secure messaging, which this channel does not speak.</summary>
        private const byte ClaIsoSecureMessaging = 0x08;
        private const byte BlockLength = 16;
        /// <summary>MAC chaining value ‖ header ‖ Lc ‖ up to 255 data bytes: the longest C-MAC or R-MAC input.</summary>
        internal const short ScratchLength = BlockLength + Iso7816.OffsetCdata + 255;
        /// <summary>Where INITIALIZE UPDATE builds derivation data, after the static keys.</summary>
        private const short DerivationOffset = 128;
        private const short ContextLength = 2 * ChallengeLength;

        private const short SessionEnc = 0;
        private const short SessionMac = 16;
        private const short SessionRmac = 32;

        private readonly ICrypto crypto;
        private readonly Scp03KeySet keys;
        /// <summary>The card's one session state, shared with every other domain's channel.</summary>
        private readonly Scp03SessionState session;

        /// <param name="session">The card's session state, the same object for every domain's channel (<see cref="Scp03SessionState"/>).</param>
        public Scp03Channel(ICrypto crypto, Scp03KeySet keys, Scp03SessionState session)
        {
            if (keys.BufferLength > DerivationOffset)
            {
                throw new System.ArgumentException("keys");
            }
            this.crypto = crypto;
            this.keys = keys;
            this.session = session;
        }

        public byte SecurityLevel { get { return Owns ? session.Level : NanoCard.Os.SecureChannel.SecurityLevel.None; } }

        /// <summary>
        /// The session state's scratch buffer (<see cref="ScratchLength"/> bytes, the same for every
        /// domain), lent to the domains between the channels' own calls: after <see cref="Unwrap"/> and
        /// before <see cref="Wrap"/> no channel keeps anything in it, so PUT KEY and the domains' key-set
        /// checks work there rather than keep buffers of their own on the device's small heap. Borrowers wipe it.
        /// </summary>
        internal byte[] WorkBuffer { get { return session.Scratch; } }

        public bool CommandWasUnwrapped { get { return Owns && session.Unwrapped; } }

        /// <summary>The card's session state, to share with the other domains' channels.</summary>
        public Scp03SessionState Session { get { return session; } }

        /// <summary>True when the card's session (initialized or open) is this domain's.</summary>
        private bool Owns { get { return session.Owner == this; } }

        /// <summary>This domain's view of the session: closed while there is none or it is another domain's.</summary>
        private byte State { get { return Owns ? session.State : Scp03SessionState.Closed; } }

        public ushort ProcessSecurity(Apdu apdu)
        {
            if (apdu.Cla == ClassByte80 && apdu.Ins == InsInitializeUpdate)
            {
                return InitializeUpdate(apdu);
            }
            if (apdu.Cla == (ClassByte80 | ClaSecureMessaging) && apdu.Ins == InsExternalAuthenticate)
            {
                return ExternalAuthenticate(apdu);
            }
            return Sw.InsNotSupported;
        }

        /// <summary>Closes this domain's session; another domain's session is not this channel's to close.</summary>
        public void ResetSecurity()
        {
            if (Owns)
            {
                session.Close();
            }
        }

        public ushort Unwrap(Apdu apdu)
        {
            if (Owns)
            {
                session.Unwrapped = false;
            }
            byte cla = apdu.Cla;
            if ((cla & ClaIsoSecureMessaging) != 0)
            {
                return Sw.SecureMessagingNotSupported;
            }
            if (cla == ClassByte80 && apdu.Ins == InsInitializeUpdate)
            {
                // Starts a new session; ProcessSecurity closes the current one.
                return Sw.NoError;
            }
            if ((cla & ClaSecureMessaging) == 0)
            {
                if (State == Scp03SessionState.Closed)
                {
                    return Sw.NoError;
                }
                // A plain command inside a session: a relay may have stripped its MAC.
                ResetSecurity();
                return Sw.SecurityStatusNotSatisfied;
            }
            if (State != Scp03SessionState.Open && cla == (ClassByte80 | ClaSecureMessaging) && apdu.Ins == InsExternalAuthenticate)
            {
                // ProcessSecurity checks it (6985 without INITIALIZE UPDATE).
                return Sw.NoError;
            }
            if (State != Scp03SessionState.Open)
            {
                // Also when the session is another domain's: a wrapped command for an applet outside
                // the session's domain ends it, as one that does not verify inside it does.
                session.Close();
                return Sw.SecurityStatusNotSatisfied;
            }
            ushort sw = VerifyAndDecrypt(apdu);
            if (sw != Sw.NoError)
            {
                ResetSecurity();
                return sw;
            }
            session.Unwrapped = true;
            return Sw.NoError;
        }

        public ushort Wrap(Apdu apdu, ushort sw)
        {
            if (!CommandWasUnwrapped)
            {
                return sw;
            }
            session.Unwrapped = false;
            byte level = session.Level;
            if (session.State != Scp03SessionState.Open || (level & NanoCard.Os.SecureChannel.SecurityLevel.RMac) == 0)
            {
                return sw;
            }
            int sw1 = sw >> 8;
            if (sw != Sw.NoError && sw1 != 0x62 && sw1 != 0x63)
            {
                // Amendment D §6.2.5: an error status word goes back alone, without R-MAC.
                apdu.SetOutgoingLength(0);
                return sw;
            }
            short length = apdu.OutgoingLength;
            bool encrypt = (level & NanoCard.Os.SecureChannel.SecurityLevel.REncryption) != 0 && length > 0;
            short padded = encrypt ? (short)((length / BlockLength + 1) * BlockLength) : length;
            byte[] buffer = apdu.Buffer;
            if (padded + BlockLength + 2 > buffer.Length)
            {
                // The R-MAC input (chaining value ‖ data ‖ SW) is built in the APDU buffer: it must fit there.
                ResetSecurity();
                apdu.SetOutgoingLength(0);
                return Sw.WrongLength;
            }
            if (encrypt)
            {
                Pad(buffer, length);
                EncryptReply(buffer, padded);
            }
            length = padded;
            Move(buffer, 0, BlockLength, length);
            Util.ArrayCopy(session.Chaining, 0, buffer, 0, BlockLength);
            short end = (short)(BlockLength + length);
            buffer[end] = (byte)(sw >> 8);
            buffer[end + 1] = (byte)sw;
            crypto.AesCmac(session.SessionKeys, SessionRmac, buffer, 0, (short)(end + 2), session.Mac, 0);
            Move(buffer, BlockLength, 0, length);
            Util.ArrayCopy(session.Mac, 0, buffer, length, MacLength);
            short total = (short)(length + MacLength);
            apdu.SetOutgoingLength(total);
            // The R-MAC comes even without Le; a reply beyond one short response goes on by 61xx.
            apdu.ExpectAtLeast(total < ShortResponse ? total : ShortResponse);
            return sw;
        }

        /// <summary>
        /// R-ENCRYPTION of <c>buffer[0..length)</c> in place, AES-CBC under S-ENC with ICV = AES(S-ENC,
        /// counter with its first byte 80), through the scratch buffer a chunk at a time (the chunk's
        /// last ciphertext block is the next chunk's IV), so a reply of any length the buffer holds fits.
        /// </summary>
        private void EncryptReply(byte[] buffer, short length)
        {
            Util.ArrayCopy(session.Counter, 0, session.Icv, 0, BlockLength);
            session.Icv[0] = 0x80;
            crypto.AesEcb(true, session.SessionKeys, SessionEnc, session.Icv, 0, BlockLength, session.Icv, 0);
            const short chunk = 16 * BlockLength;
            for (short at = 0; at < length; at += chunk)
            {
                short n = length - at < chunk ? (short)(length - at) : chunk;
                crypto.AesCbc(true, session.SessionKeys, SessionEnc, session.Icv, 0, buffer, at, n, session.Scratch, 0);
                Util.ArrayCopy(session.Scratch, 0, buffer, at, n);
                Util.ArrayCopy(session.Scratch, (short)(n - BlockLength), session.Icv, 0, BlockLength);
            }
            Util.ArrayFill(session.Scratch, 0, chunk, 0);
        }

        /// <summary>
        /// <c>80 50 KVN 00 08 host-challenge [Le]</c>: KVN 00 takes the card's key set; another
        /// version than the card's answers 6A88. Replies diversification data (10 × 00: keys are not
        /// diversified) ‖ KVN ‖ 03 ‖ 60 ‖ card challenge ‖ card cryptogram.
        /// </summary>
        private ushort InitializeUpdate(Apdu apdu)
        {
            // The card's one session becomes this domain's, whoever had it.
            session.Close();
            session.Owner = this;
            if (apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (!ApduCase.HasCommandData(apdu.Case) || apdu.IncomingLength != ChallengeLength)
            {
                return Sw.WrongLength;
            }
            byte[] buffer = apdu.Buffer;
            short version = keys.Load(session.Scratch);
            try
            {
                if (version < 0 || (apdu.P1 != 0 && apdu.P1 != version))
                {
                    return Sw.ReferencedDataNotFound;
                }
                Util.ArrayCopy(buffer, apdu.DataOffset, session.Context, 0, ChallengeLength);
                crypto.Random.NextBytes(session.Context, ChallengeLength, ChallengeLength);
                DeriveSessionKey(Scp03KeySet.EncOffset, Scp03Kdf.SessionEnc, SessionEnc);
                DeriveSessionKey(Scp03KeySet.MacOffset, Scp03Kdf.SessionMac, SessionMac);
                DeriveSessionKey(Scp03KeySet.MacOffset, Scp03Kdf.SessionRmac, SessionRmac);
            }
            finally
            {
                Util.ArrayFill(session.Scratch, 0, ScratchLength, 0);
            }
            Util.ArrayFill(buffer, 0, 10, 0);
            buffer[10] = (byte)version;
            buffer[11] = Protocol;
            buffer[12] = Parameter;
            Util.ArrayCopy(session.Context, ChallengeLength, buffer, 13, ChallengeLength);
            Cryptogram(Scp03Kdf.CardCryptogram, buffer, 13 + ChallengeLength);
            session.State = Scp03SessionState.Initialized;
            apdu.SetOutgoingAndSend(0, InitializeUpdateReplyLength);
            return Sw.NoError;
        }

        /// <summary>
        /// <c>84 82 level 00 10 host-cryptogram C-MAC</c> right after INITIALIZE UPDATE. 6982 for a
        /// wrong C-MAC or cryptogram, 6A86 for a level Amendment D §5.1 does not list (this card
        /// also refuses level 00: it would let a relay alter every later command), 6985 without
        /// INITIALIZE UPDATE. Any failure closes the session.
        /// </summary>
        private ushort ExternalAuthenticate(Apdu apdu)
        {
            if (State != Scp03SessionState.Initialized)
            {
                ResetSecurity();
                return Sw.ConditionsNotSatisfied;
            }
            session.State = Scp03SessionState.Closed;
            if (apdu.IsExtended || apdu.Case != ApduCase.CommandData || apdu.IncomingLength != ChallengeLength + MacLength)
            {
                ResetSecurity();
                return Sw.WrongLength;
            }
            if (!VerifyMac(apdu))
            {
                ResetSecurity();
                return Sw.SecurityStatusNotSatisfied;
            }
            Cryptogram(Scp03Kdf.HostCryptogram, session.Scratch, 0);
            bool ok = Util.ConstantTimeEquals(session.Scratch, 0, apdu.Buffer, apdu.DataOffset, ChallengeLength);
            Util.ArrayFill(session.Scratch, 0, ChallengeLength, 0);
            if (!ok)
            {
                ResetSecurity();
                return Sw.SecurityStatusNotSatisfied;
            }
            byte requested = apdu.P1;
            if (apdu.P2 != 0 || !NanoCard.Os.SecureChannel.SecurityLevel.IsValidRequest(requested))
            {
                ResetSecurity();
                return Sw.IncorrectP1P2;
            }
            Util.ArrayCopy(session.Mac, 0, session.Chaining, 0, BlockLength);
            Util.ArrayFill(session.Counter, 0, BlockLength, 0);
            session.Level = (byte)(requested | NanoCard.Os.SecureChannel.SecurityLevel.Authenticated);
            session.State = Scp03SessionState.Open;
            return Sw.NoError;
        }

        /// <summary>
        /// Checks the C-MAC of the short command in the APDU buffer (its last 8 data bytes) over
        /// chaining value ‖ header ‖ Lc ‖ data; on success the full MAC is in <see cref="mac"/>,
        /// the next chaining value.
        /// </summary>
        private bool VerifyMac(Apdu apdu)
        {
            byte[] buffer = apdu.Buffer;
            short signed = (short)(Iso7816.OffsetCdata + apdu.IncomingLength - MacLength);
            Util.ArrayCopy(session.Chaining, 0, session.Scratch, 0, BlockLength);
            Util.ArrayCopy(buffer, 0, session.Scratch, BlockLength, signed);
            crypto.AesCmac(session.SessionKeys, SessionMac, session.Scratch, 0, (short)(BlockLength + signed), session.Mac, 0);
            return Util.ConstantTimeEquals(session.Mac, 0, buffer, signed, MacLength);
        }

        /// <summary>C-MAC, then C-DECRYPTION: leaves the plain command in the buffer under the class without its SM bit.</summary>
        private ushort VerifyAndDecrypt(Apdu apdu)
        {
            if (apdu.IsExtended || !ApduCase.HasCommandData(apdu.Case) || apdu.IncomingLength < MacLength)
            {
                return Sw.WrongLength;
            }
            if (!VerifyMac(apdu))
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            Util.ArrayCopy(session.Mac, 0, session.Chaining, 0, BlockLength);
            byte[] buffer = apdu.Buffer;
            short length = (short)(apdu.IncomingLength - MacLength);
            if ((session.Level & NanoCard.Os.SecureChannel.SecurityLevel.CDecryption) != 0)
            {
                Increment(session.Counter);
                if (length > 0)
                {
                    if (length % BlockLength != 0)
                    {
                        return Sw.WrongLength;
                    }
                    crypto.AesEcb(true, session.SessionKeys, SessionEnc, session.Counter, 0, BlockLength, session.Icv, 0);
                    short at = (short)(BlockLength + Iso7816.OffsetCdata);
                    crypto.AesCbc(false, session.SessionKeys, SessionEnc, session.Icv, 0, session.Scratch, at, length, buffer, Iso7816.OffsetCdata);
                    length = Unpad(buffer, Iso7816.OffsetCdata, length);
                    if (length < 0)
                    {
                        return Sw.WrongData;
                    }
                }
            }
            buffer[Iso7816.OffsetCla] = (byte)(buffer[Iso7816.OffsetCla] & ~ClaSecureMessaging);
            buffer[Iso7816.OffsetLc] = (byte)length;
            bool expectsReply = apdu.Case == ApduCase.CommandAndResponseData;
            byte kind;
            if (length > 0)
            {
                kind = expectsReply ? ApduCase.CommandAndResponseData : ApduCase.CommandData;
            }
            else
            {
                kind = expectsReply ? ApduCase.ResponseData : ApduCase.NoData;
            }
            apdu.Set(kind, false, Iso7816.OffsetCdata, length, apdu.ExpectedLength);
            return Sw.NoError;
        }

        /// <summary>An 8-byte cryptogram (derivation constant 00 card, 01 host) over the challenges with S-MAC.</summary>
        private void Cryptogram(byte constant, byte[] output, short outOffset)
        {
            Util.ArrayCopy(session.Context, 0, session.Scratch, (short)(DerivationOffset + Scp03Kdf.HeaderLength), ContextLength);
            Scp03Kdf.DeriveScp03(crypto, session.SessionKeys, SessionMac, constant, session.Scratch, DerivationOffset, ContextLength,
                output, outOffset, ChallengeLength, session.Icv, 0);
        }

        private void DeriveSessionKey(short staticKeyOffset, byte constant, short sessionKeyOffset)
        {
            Util.ArrayCopy(session.Context, 0, session.Scratch, (short)(DerivationOffset + Scp03Kdf.HeaderLength), ContextLength);
            Scp03Kdf.DeriveScp03(crypto, session.Scratch, staticKeyOffset, constant, session.Scratch, DerivationOffset, ContextLength,
                session.SessionKeys, sessionKeyOffset, BlockLength, session.Icv, 0);
        }

        /// <summary>ISO/IEC 9797-1 padding method 2 to whole blocks; returns the padded length.</summary>
        private static short Pad(byte[] buffer, short length)
        {
            buffer[length] = 0x80;
            short padded = (short)((length / BlockLength + 1) * BlockLength);
            Util.ArrayFill(buffer, (short)(length + 1), (short)(padded - length - 1), 0);
            return padded;
        }

        /// <summary>The length before ISO/IEC 9797-1 padding method 2 (at most one block of it), or -1 when the padding is wrong.</summary>
        private static short Unpad(byte[] buffer, short offset, short length)
        {
            for (short i = (short)(length - 1); i >= 0 && i >= length - BlockLength; i--)
            {
                byte b = buffer[offset + i];
                if (b == 0x80)
                {
                    return i;
                }
                if (b != 0)
                {
                    return -1;
                }
            }
            return -1;
        }

        /// <summary>
        /// Moves <c>buffer[from..from+length)</c> to <paramref name="to"/> within the same array, byte
        /// by byte in the direction that never reads a byte already overwritten (no reliance on how
        /// a runtime's Array.Copy treats overlap).
        /// </summary>
        private static void Move(byte[] buffer, short from, short to, short length)
        {
            if (to > from)
            {
                for (int i = length - 1; i >= 0; i--)
                {
                    buffer[to + i] = buffer[from + i];
                }
            }
            else
            {
                for (int i = 0; i < length; i++)
                {
                    buffer[to + i] = buffer[from + i];
                }
            }
        }

        /// <summary>Adds one to a 16-byte big-endian counter.</summary>
        private static void Increment(byte[] value)
        {
            for (int i = BlockLength - 1; i >= 0; i--)
            {
                value[i]++;
                if (value[i] != 0)
                {
                    return;
                }
            }
        }
    }
}
