using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// The personalization commands an AP answers while <see cref="CardState.PersonalizationAccess"/> allows them
    /// (docs/apdu-spec.md §10): generate a key pair on the card and return its public key, write an
    /// EF whatever its update rule, append a record, erase an entry, set a PIN with its try limit.
    /// Each is one atomic store write (or a redoable series of them): a cut personalization is
    /// simply sent again.
    /// </summary>
    public static class Personalization
    {
        /// <summary>Tag of the public key template (ISO/IEC 7816-8 §5.1, table 3) and its RSA parts.</summary>
        private const short PublicKeyTemplate = 0x7F49;
        private const byte ModulusTag = 0x81;
        private const byte ExponentTag = 0x82;

        /// <summary>Tag of an EC public point in the template (ISO/IEC 7816-8 §5.1, table 3) and of the curve's OID.</summary>
        private const byte PointTag = 0x86;
        private const byte OidTag = 0x06;

        /// <summary>prime256v1, 1.2.840.10045.3.1.7 (RFC 5480 §2.1.1.1), DER content.</summary>
        private static readonly byte[] P256Oid = { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };
        /// <summary>secp384r1, 1.3.132.0.34 (RFC 5480 §2.1.1.1), DER content.</summary>
        private static readonly byte[] P384Oid = { 0x2B, 0x81, 0x04, 0x00, 0x22 };

        private const byte RenewalCancel = 0x00;
        private const byte RenewalBegin = 0x01;
        private const byte RenewalCommit = 0x02;

        /// <summary>
        /// Runs the personalization command in <paramref name="apdu"/> (CLA 80) on <paramref name="df"/>.
        /// The AP's own table decides which of these it answers; SWITCH KEY SET only where the DF
        /// has renewable entries.
        /// </summary>
        public static ushort Process(DedicatedFile df, Apdu apdu)
        {
            switch (apdu.Ins)
            {
                case MynaIns.GenerateKeyPair:
                    return GenerateKeyPair(df, apdu);
                case MynaIns.WriteBinary:
                    return FileCommands.WriteBinary(df, apdu);
                case MynaIns.AppendRecord:
                    return AppendRecord(df, apdu);
                case MynaIns.Erase:
                    return Erase(df, apdu);
                case MynaIns.PutCredential:
                    return PutCredential(df, apdu);
                case MynaIns.SwitchKeySet:
                    return df.Renewal == null ? Sw.InsNotSupported : SwitchKeySet(df, apdu);
                case MynaIns.Resize:
                    return Resize(df, apdu);
                default:
                    return Sw.InsNotSupported;
            }
        }

        /// <summary>
        /// <c>80 D4 00 00 02 size</c> (ISO/IEC 7816-9 RESIZE FILE's INS, in the personalization
        /// class): the current transparent EF gets <c>size</c> bytes, 1 to the size its description
        /// gives, in place. The issuer shrinks an EF to the data it wrote, so the rest of the EF is
        /// free space (docs/eeprom-layout.md, "Sizes set at personalization"), and grows it back
        /// before writing larger data after a factory reset. 6986 no current EF; 6981 not a
        /// resizable transparent EF (a record EF, a key, a PIN, or a renewable certificate, which a
        /// renewed one must fit); 6A80 a size of 0 or beyond the described one; 6A84 the bytes
        /// after the EF hold another object.
        /// </summary>
        private static ushort Resize(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0 || apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (!ApduCase.HasCommandData(apdu.Case) || apdu.IncomingLength != 2)
            {
                return Sw.WrongLength;
            }
            if (df.Current == null)
            {
                return Sw.CommandNotAllowedNoCurrentEf;
            }
            TransparentEf ef = df.Current as TransparentEf;
            if (ef == null || ef.DescribedSize == 0)
            {
                return Sw.CommandIncompatibleWithFile;
            }
            short size = Util.GetShort(apdu.Buffer, apdu.DataOffset);
            if (size < 1 || size > ef.DescribedSize)
            {
                return Sw.WrongData;
            }
            return ef.Resize(size) ? Sw.NoError : Sw.NotEnoughMemoryInFile;
        }

        /// <summary>
        /// <c>80 46 00 00 02 FID 00</c>: a fresh RSA-2048 key pair for the key entry FID; replies
        /// <c>7F49 82 0109 { 81 82 0100 n, 82 03 e }</c>. For an EC key (gen2) the data is
        /// <c>FID curve</c>, curve 01 = P-256 or 02 = P-384, and the reply
        /// <c>7F49 L { 06 L OID, 86 L 04 ‖ X ‖ Y }</c>. 6A88 when FID is not a key of this AP, 6A80
        /// for an unknown curve.
        /// </summary>
        private static ushort GenerateKeyPair(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0 || apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (!ApduCase.HasCommandData(apdu.Case) || apdu.IncomingLength < 2)
            {
                return Sw.WrongLength;
            }
            byte[] buffer = apdu.Buffer;
            short data = apdu.DataOffset;
            FileEntry entry = df.FindByFid(Util.GetShort(buffer, data));
            EcPrivateKey ec = entry as EcPrivateKey;
            if (ec != null)
            {
                if (apdu.IncomingLength != 3)
                {
                    return Sw.WrongLength;
                }
                byte curve = buffer[data + 2];
                if (curve != EcCurve.P256 && curve != EcCurve.P384)
                {
                    return Sw.WrongData;
                }
                ec.Generate(curve, buffer, 0);
                return SendEcPublicKey(apdu, ec);
            }
            RsaPrivateKey key = entry as RsaPrivateKey;
            if (key == null)
            {
                return Sw.ReferencedDataNotFound;
            }
            if (apdu.IncomingLength != 2)
            {
                return Sw.WrongLength;
            }
            key.Generate(buffer, 0);
            short at = Util.SetShort(buffer, 0, PublicKeyTemplate);
            buffer[at++] = 0x82;
            at = Util.SetShort(buffer, at, 0x0109);
            buffer[at++] = ModulusTag;
            buffer[at++] = 0x82;
            at = Util.SetShort(buffer, at, 0x0100);
            at = key.GetModulus(buffer, at);
            buffer[at++] = ExponentTag;
            buffer[at++] = 3;
            int e = key.PublicExponent;
            buffer[at++] = (byte)(e >> 16);
            buffer[at++] = (byte)(e >> 8);
            buffer[at++] = (byte)e;
            apdu.SetOutgoingAndSend(0, at);
            return Sw.NoError;
        }

        private static ushort SendEcPublicKey(Apdu apdu, EcPrivateKey key)
        {
            byte[] buffer = apdu.Buffer;
            byte[] oid = key.Curve == EcCurve.P384 ? P384Oid : P256Oid;
            short at = Util.SetShort(buffer, 0, PublicKeyTemplate);
            short lengthAt = at++;
            buffer[at++] = OidTag;
            buffer[at++] = (byte)oid.Length;
            at = Util.ArrayCopy(oid, 0, buffer, at, (short)oid.Length);
            buffer[at++] = PointTag;
            short pointLengthAt = at++;
            short end = key.GetPublicPoint(buffer, at);
            buffer[pointLengthAt] = (byte)(end - at);
            // At most 2 + 8 + 2 + 97 bytes: one length byte (< 128) holds it.
            buffer[lengthAt] = (byte)(end - lengthAt - 1);
            apdu.SetOutgoingAndSend(0, end);
            return Sw.NoError;
        }

        /// <summary>
        /// <c>80 3C P1 00</c> (gen2 renewal, docs/apdu-spec.md §13): P1 01 opens the standby key set
        /// (erased, then what the AP's commands see), 02 switches to it in one atomic write when
        /// every renewable key is generated and every renewable EF written (else 6985), 00 cancels.
        /// Reset, deselect and re-SELECT cancel too.
        /// </summary>
        private static ushort SwitchKeySet(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P2 != 0 || (apdu.P1 != RenewalCancel && apdu.P1 != RenewalBegin && apdu.P1 != RenewalCommit))
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.NoData)
            {
                return Sw.WrongLength;
            }
            if (apdu.P1 == RenewalBegin)
            {
                df.BeginRenewal();
                return Sw.NoError;
            }
            if (apdu.P1 == RenewalCancel)
            {
                df.CancelRenewal();
                return Sw.NoError;
            }
            return df.CommitRenewal() ? Sw.NoError : Sw.ConditionsNotSatisfied;
        }

        /// <summary><c>80 E2 00 P2 Lc record</c>: P2 = SFI &lt;&lt; 3 (00: the current EF); 6A84 when the EF is full.</summary>
        private static ushort AppendRecord(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0 || (apdu.P2 & 0x07) != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.CommandData)
            {
                return Sw.WrongLength;
            }
            ushort sw;
            FileEntry entry = FileCommands.Locate(df, (byte)(apdu.P2 >> 3), true, Sw.FileNotFound, out sw);
            if (entry == null)
            {
                return sw;
            }
            RecordEf ef = entry as RecordEf;
            if (ef == null)
            {
                return Sw.CommandIncompatibleWithFile;
            }
            if (!ef.CanAppend(apdu.IncomingLength))
            {
                return Sw.NotEnoughMemoryInFile;
            }
            ef.AppendRecord(apdu.Buffer, apdu.DataOffset, apdu.IncomingLength);
            return Sw.NoError;
        }

        /// <summary><c>80 0E 00 00</c>: the current entry back to how it was made (EF filler, no records, no value, no key).</summary>
        private static ushort Erase(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0 || apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.NoData)
            {
                return Sw.WrongLength;
            }
            if (df.Current == null)
            {
                return Sw.CommandNotAllowedNoCurrentEf;
            }
            df.Current.Erase();
            return Sw.NoError;
        }

        /// <summary>
        /// <c>80 24 00 P2 Lc limit value</c>: P2 names the PIN as VERIFY does; the PIN gets the value
        /// and the try limit (1–15) with every try. 6A80 when either breaks the PIN's rules.
        /// </summary>
        private static ushort PutCredential(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            ushort sw;
            OwnerPin pin = FileCommands.PinTarget(df, apdu.P2, out sw);
            if (pin == null)
            {
                return sw;
            }
            short length = apdu.IncomingLength;
            if (apdu.Case != ApduCase.CommandData || length < 2 || length > 256)
            {
                return Sw.WrongLength;
            }
            byte[] buffer = apdu.Buffer;
            short data = apdu.DataOffset;
            return pin.Personalize(buffer[data], buffer, (short)(data + 1), (byte)(length - 1)) ? Sw.NoError : Sw.WrongData;
        }
    }
}
