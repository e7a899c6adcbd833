using NanoCard.Os;
using NanoCard.Os.Credentials;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// The personalization commands an AP answers while <see cref="CardManager.CardState.PersonalizationAllowed"/>
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

        /// <summary>True for the INS this class answers under CLA 80.</summary>
        public static bool Handles(byte ins)
        {
            return ins == MynaIns.GenerateKeyPair || ins == MynaIns.WriteBinary || ins == MynaIns.AppendRecord
                || ins == MynaIns.Erase || ins == MynaIns.PutCredential;
        }

        public static ushort Process(DedicatedFile df, Apdu apdu)
        {
            switch (apdu.Ins)
            {
                case MynaIns.GenerateKeyPair:
                    return GenerateKeyPair(df, apdu);
                case MynaIns.WriteBinary:
                    return FileCommands.UpdateBinary(df, apdu, false);
                case MynaIns.AppendRecord:
                    return AppendRecord(df, apdu);
                case MynaIns.Erase:
                    return Erase(df, apdu);
                default:
                    return PutCredential(df, apdu);
            }
        }

        /// <summary>
        /// <c>80 46 00 00 02 FID 00</c>: a fresh RSA-2048 key pair for the key entry FID; replies
        /// <c>7F49 82 0109 { 81 82 0100 n, 82 03 e }</c>. 6A88 when FID is not a key of this AP.
        /// </summary>
        private static ushort GenerateKeyPair(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0 || apdu.P2 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if ((apdu.Case != 3 && apdu.Case != 4) || apdu.IncomingLength != 2)
            {
                return Sw.WrongLength;
            }
            RsaPrivateKey key = df.FindByFid(Util.GetShort(apdu.Buffer, apdu.DataOffset)) as RsaPrivateKey;
            if (key == null)
            {
                return Sw.ReferencedDataNotFound;
            }
            byte[] buffer = apdu.Buffer;
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

        /// <summary><c>80 E2 00 P2 Lc record</c>: P2 = SFI &lt;&lt; 3 (00: the current EF); 6A84 when the EF is full.</summary>
        private static ushort AppendRecord(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0 || (apdu.P2 & 0x07) != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != 3)
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
            if (apdu.Case != 1)
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
            if (apdu.Case != 3 || length < 2 || length > 256)
            {
                return Sw.WrongLength;
            }
            byte[] buffer = apdu.Buffer;
            short data = apdu.DataOffset;
            return pin.Personalize(buffer[data], buffer, (short)(data + 1), (byte)(length - 1)) ? Sw.NoError : Sw.WrongData;
        }
    }
}
