using NanoCard.Hal.Crypto;
using NanoCard.Os.Keys;

namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// PUT KEY for a security domain's SCP03 key set (GlobalPlatform Card Specification v2.3.1
    /// §11.8, key data of Amendment D §7.2): <c>80 D8 KVN 81 46 new-KVN {88 11 10 key' 03 KCV}×3 [Le]</c>,
    /// ENC, MAC and DEK in that order. Each key' is the new AES-128 key encrypted under the domain's
    /// static DEK (AES-CBC, zero ICV: SCP03 derives no session DEK), each KCV the first 3 bytes of
    /// AES(new key, 16 × 01). The new set replaces the current one (P1 names it: the card holds one
    /// set per domain) in one atomic write, only after every key decrypted and matched its KCV;
    /// the reply is new-KVN ‖ the three KCVs. The command must come through the domain's channel at
    /// C-DECRYPTION or above. The key set is a parameter, so every domain runs the same code; it
    /// works in a buffer it is lent (the channel's scratch) and keeps no state.
    /// </summary>
    public static class Scp03PutKey
    {
        public const byte InsPutKey = 0xD8;
        /// <summary>P2: key identifier 1, more keys follow (b8) — the whole set.</summary>
        public const byte KeySetP2 = 0x81;
        /// <summary>GlobalPlatform's key type of an AES key.</summary>
        public const byte KeyTypeAes = 0x88;
        public const short KcvLength = 3;
        /// <summary>One key's block: type ‖ 11 ‖ 10 ‖ encrypted key ‖ 03 ‖ KCV.</summary>
        public const short KeyBlockLength = 3 + Scp03KeySet.KeyLength + 1 + KcvLength;
        public const short DataLength = 1 + 3 * KeyBlockLength;
        /// <summary>The reply: new KVN ‖ three KCVs.</summary>
        public const short ReplyLength = 1 + 3 * KcvLength;

        private const short BlockLength = 16;

        /// <summary>Bytes of work buffer PUT KEY needs for a key set: the current set (for its DEK), the new one, two blocks for a KCV.</summary>
        public static short WorkLength(Scp03KeySet keys)
        {
            return (short)(2 * keys.BufferLength + 2 * BlockLength);
        }

        /// <summary>
        /// Runs PUT KEY on <paramref name="keys"/> for a command that came through <paramref name="channel"/>,
        /// working in <c>work[0..WorkLength)</c>, which it wipes.
        /// 6982 outside a session at C-DECRYPTION; 6A86 P2 not 81; 6700 data not 70 bytes; 6A88 P1
        /// not the current version; 6A80 a new version outside 01–7F, a malformed key block, or a
        /// KCV that does not match. Nothing is written unless it answers 9000.
        /// </summary>
        public static ushort Process(ICrypto crypto, Apdu apdu, Scp03KeySet keys, ISecureChannel channel, byte[] work)
        {
            if (!channel.CommandWasUnwrapped || (channel.SecurityLevel & SecurityLevel.CDecryption) == 0)
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            if (apdu.P2 != KeySetP2)
            {
                return Sw.IncorrectP1P2;
            }
            if (!ApduCase.HasCommandData(apdu.Case) || apdu.IncomingLength != DataLength)
            {
                return Sw.WrongLength;
            }
            short next = keys.BufferLength;
            short block = (short)(2 * next);
            try
            {
                short version = keys.Load(work);
                if (version < 0 || apdu.P1 != version)
                {
                    return Sw.ReferencedDataNotFound;
                }
                byte[] buffer = apdu.Buffer;
                short data = apdu.DataOffset;
                byte newVersion = buffer[data];
                if (newVersion < 0x01 || newVersion > 0x7F)
                {
                    return Sw.WrongData;
                }
                work[next + KeyRecord.BodyOffset] = newVersion;
                for (short i = 0; i < 3; i++)
                {
                    short at = (short)(data + 1 + i * KeyBlockLength);
                    short into = (short)(Scp03KeySet.EncOffset + i * Scp03KeySet.KeyLength);
                    if (!Unwrap(crypto, buffer, at, work, (short)(next + into), block))
                    {
                        return Sw.WrongData;
                    }
                }
                keys.Replace(work, next);
                buffer[0] = newVersion;
                for (short i = 0; i < 3; i++)
                {
                    Util.ArrayCopy(buffer, (short)(data + 1 + i * KeyBlockLength + 3 + Scp03KeySet.KeyLength + 1), buffer, (short)(1 + i * KcvLength), KcvLength);
                }
                apdu.SetOutgoingAndSend(0, ReplyLength);
                return Sw.NoError;
            }
            finally
            {
                Util.ArrayFill(work, 0, WorkLength(keys), 0);
            }
        }

        /// <summary>
        /// Checks one key block at <c>buffer[at]</c>, decrypts its key under the current DEK (the
        /// set at <c>work[0]</c>) into <c>work[into]</c> and compares its KCV (constant time, two
        /// blocks at <c>work[block]</c>). False when anything is off.
        /// </summary>
        private static bool Unwrap(ICrypto crypto, byte[] buffer, short at, byte[] work, short into, short block)
        {
            if (buffer[at] != KeyTypeAes || buffer[at + 1] != Scp03KeySet.KeyLength + 1
                || buffer[at + 2] != Scp03KeySet.KeyLength || buffer[at + 3 + Scp03KeySet.KeyLength] != KcvLength)
            {
                return false;
            }
            // One block of CBC with a zero ICV is one block of ECB.
            crypto.AesEcb(false, work, Scp03KeySet.DekOffset, buffer, (short)(at + 3), BlockLength, work, into);
            Util.ArrayFill(work, block, BlockLength, 0x01);
            crypto.AesEcb(true, work, into, work, block, BlockLength, work, (short)(block + BlockLength));
            return Util.ConstantTimeEquals(work, (short)(block + BlockLength), buffer, (short)(at + 4 + Scp03KeySet.KeyLength), KcvLength);
        }
    }
}
