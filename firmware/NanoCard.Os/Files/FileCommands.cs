using NanoCard.Os.Credentials;
using NanoCard.Os.Runtime;

namespace NanoCard.Os.Files
{
    /// <summary>
    /// The ISO/IEC 7816-4 file and PIN commands every applet shares, run on the applet's DF:
    /// SELECT EF, READ BINARY, READ RECORD, UPDATE BINARY, VERIFY, CHANGE REFERENCE DATA. Status words follow
    /// docs/references.md §3.1; each choice is listed in docs/apdu-spec.md.
    /// </summary>
    public static class FileCommands
    {
        /// <summary>P1 bit 8 of READ/UPDATE BINARY: P1 carries an SFI and P2 the offset (§11.3.3).</summary>
        private const byte SfiFlag = 0x80;
        /// <summary>VERIFY P2 80: the PIN is the current EF; 80|SFI names one (§11.5.6, specific reference data).</summary>
        private const byte SpecificReference = 0x80;

        /// <summary>
        /// The ISO file and PIN command table on <paramref name="df"/> (null: no applet selected):
        /// what an AP made only of its description answers (<see cref="DescribedApplet"/>) and what
        /// the card answers before any SELECT by AID. An AP with commands of its own lists these
        /// cases in its own table.
        /// </summary>
        public static ushort Process(DedicatedFile df, Apdu apdu)
        {
            if (!ClassByte.IsInterindustry(apdu.Cla))
            {
                return UnderProprietaryClass(apdu.Ins);
            }
            switch (apdu.Ins)
            {
                case Iso7816.InsSelect:
                    return Select(df, apdu);
                case Iso7816.InsReadBinary:
                    return ReadBinary(df, apdu);
                case Iso7816.InsReadRecord:
                    return ReadRecord(df, apdu);
                case Iso7816.InsUpdateBinary:
                    return UpdateBinary(df, apdu);
                case Iso7816.InsVerify:
                    return Verify(df, apdu);
                case Iso7816.InsChangeReferenceData:
                    return ChangeReferenceData(df, apdu);
                default:
                    return Sw.InsNotSupported;
            }
        }

        /// <summary>
        /// The answer to an instruction an AP does not define under a proprietary class: 6E00 for
        /// the ISO file and PIN instructions (the card knows them, but not in that class), 6D00 for
        /// the rest.
        /// </summary>
        public static ushort UnderProprietaryClass(byte ins)
        {
            switch (ins)
            {
                case Iso7816.InsSelect:
                case Iso7816.InsReadBinary:
                case Iso7816.InsReadRecord:
                case Iso7816.InsUpdateBinary:
                case Iso7816.InsVerify:
                case Iso7816.InsChangeReferenceData:
                    return Sw.ClaNotSupported;
                default:
                    return Sw.InsNotSupported;
            }
        }

        /// <summary>
        /// SELECT with P1 02 (EF under the current DF) or 00 (by FID), P2 0C, data = 2-byte FID.
        /// P1 00 without data keeps the current DF (9000) when an applet is selected, else 6A86, as
        /// the My Number card does (docs/references.md §3.1, "SELECT MF").
        /// </summary>
        public static ushort Select(DedicatedFile df, Apdu apdu)
        {
            byte p1 = apdu.P1;
            if (p1 != Iso7816.SelectByFid && p1 != Iso7816.SelectEfUnderCurrentDf)
            {
                return Sw.IncorrectP1P2;
            }
            if (p1 == Iso7816.SelectByFid && apdu.Case == ApduCase.NoData && apdu.P2 == 0)
            {
                return df == null ? Sw.IncorrectP1P2 : Sw.NoError;
            }
            if (apdu.P2 != Iso7816.SelectNoData)
            {
                return Sw.IncorrectP1P2;
            }
            if (apdu.Case != ApduCase.CommandData || apdu.IncomingLength != 2)
            {
                return Sw.WrongLength;
            }
            FileEntry entry = df == null ? null : df.FindByFid(Util.GetShort(apdu.Buffer, apdu.DataOffset));
            if (entry == null)
            {
                return Sw.FileNotFound;
            }
            df.Current = entry;
            return Sw.NoError;
        }

        /// <summary>
        /// The entry a command names by SFI (1–30; it becomes the current EF when
        /// <paramref name="makeCurrent"/>), or the current EF for SFI 0. Null when there is none,
        /// with <paramref name="sw"/> = 6986 (no current EF) or <paramref name="notFound"/>.
        /// </summary>
        public static FileEntry Locate(DedicatedFile df, byte sfi, bool makeCurrent, ushort notFound, out ushort sw)
        {
            FileEntry entry;
            if (sfi == FileEntry.NoSfi)
            {
                entry = df == null ? null : df.Current;
                sw = entry == null ? Sw.CommandNotAllowedNoCurrentEf : Sw.NoError;
                return entry;
            }
            entry = df == null ? null : df.FindBySfi(sfi);
            if (entry == null)
            {
                sw = notFound;
                return null;
            }
            if (makeCurrent)
            {
                df.Current = entry;
            }
            sw = Sw.NoError;
            return entry;
        }

        /// <summary>
        /// The EF a READ/UPDATE BINARY (§11.3.3, §11.3.5) names and its offset, once the command has
        /// <paramref name="requiredCase"/>: P1 b8 = 1 gives an SFI in P1 b5–b1 (b7–b6 = 0) and the
        /// offset in P2, the EF becoming current; otherwise the current EF and a 15-bit offset in
        /// P1–P2. Null with <paramref name="sw"/> set when there is no such transparent EF; the
        /// access rule and the offset are the caller's to check, in that order.
        /// </summary>
        private static TransparentEf BinaryTarget(DedicatedFile df, Apdu apdu, byte requiredCase, out int offset, out ushort sw)
        {
            offset = 0;
            if (apdu.Case != requiredCase)
            {
                sw = Sw.WrongLength;
                return null;
            }
            byte p1 = apdu.P1;
            FileEntry entry;
            if ((p1 & SfiFlag) != 0)
            {
                byte sfi = (byte)(p1 & 0x1F);
                if ((p1 & 0x60) != 0)
                {
                    sw = Sw.IncorrectP1P2;
                    return null;
                }
                if (sfi == FileEntry.NoSfi)
                {
                    // P1 = 80: the SFI form naming SFI 0, which no EF has.
                    sw = Sw.FileNotFound;
                    return null;
                }
                entry = Locate(df, sfi, true, Sw.FileNotFound, out sw);
                offset = apdu.P2;
            }
            else
            {
                entry = Locate(df, FileEntry.NoSfi, false, Sw.FileNotFound, out sw);
                offset = ((p1 & 0x7F) << 8) | apdu.P2;
            }
            if (entry == null)
            {
                return null;
            }
            TransparentEf ef = entry as TransparentEf;
            if (ef == null)
            {
                sw = Sw.CommandIncompatibleWithFile;
            }
            return ef;
        }

        /// <summary>
        /// READ BINARY (§11.3.3). Returns min(Ne, bytes to the end of the EF, buffer) bytes with
        /// 9000: a short read at the end is normal for the My Number card's clients, and extended
        /// Le 0000 reads a whole EF in one reply. Offset at or past the end → 6B00.
        /// </summary>
        public static ushort ReadBinary(DedicatedFile df, Apdu apdu)
        {
            int offset;
            ushort sw;
            TransparentEf ef = BinaryTarget(df, apdu, ApduCase.ResponseData, out offset, out sw);
            if (ef == null)
            {
                return sw;
            }
            if (!ef.ReadAccess.IsSatisfied())
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            if (offset >= ef.Size)
            {
                return Sw.WrongP1P2OffsetOutsideEf;
            }
            int length = ef.Size - offset;
            if (length > apdu.ExpectedLength)
            {
                length = apdu.ExpectedLength;
            }
            if (length > apdu.Buffer.Length)
            {
                length = apdu.Buffer.Length;
            }
            ef.Read((short)offset, apdu.Buffer, 0, (short)length);
            apdu.SetOutgoingAndSend(0, (short)length);
            return Sw.NoError;
        }

        /// <summary>
        /// UPDATE BINARY (§11.3.5) when the EF's update rule holds: offset forms as READ BINARY;
        /// data past the end → 6A84 and nothing written.
        /// </summary>
        public static ushort UpdateBinary(DedicatedFile df, Apdu apdu)
        {
            int offset;
            ushort sw;
            TransparentEf ef = BinaryTarget(df, apdu, ApduCase.CommandData, out offset, out sw);
            if (ef == null)
            {
                return sw;
            }
            if (!ef.UpdateAccess.IsSatisfied())
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            return Write(ef, apdu, offset);
        }

        /// <summary>
        /// The personalization form of UPDATE BINARY (docs/apdu-spec.md §10): the same command
        /// whatever the EF's update rule, which (often Never) guards the interface after issuance,
        /// not the issuer before it.
        /// </summary>
        public static ushort WriteBinary(DedicatedFile df, Apdu apdu)
        {
            int offset;
            ushort sw;
            TransparentEf ef = BinaryTarget(df, apdu, ApduCase.CommandData, out offset, out sw);
            return ef == null ? sw : Write(ef, apdu, offset);
        }

        private static ushort Write(TransparentEf ef, Apdu apdu, int offset)
        {
            if (offset >= ef.Size)
            {
                return Sw.WrongP1P2OffsetOutsideEf;
            }
            if (offset + apdu.IncomingLength > ef.Size)
            {
                return Sw.NotEnoughMemoryInFile;
            }
            ef.Write((short)offset, apdu.Buffer, apdu.DataOffset, apdu.IncomingLength);
            return Sw.NoError;
        }

        /// <summary>
        /// READ RECORD (§11.4.3) of record P1 (01–FE): P2 = SFI &lt;&lt; 3 | 100b, SFI 0 = current EF.
        /// Other P2 modes and P1 00/FF → 6A86; no such record → 6A83.
        /// </summary>
        public static ushort ReadRecord(DedicatedFile df, Apdu apdu)
        {
            if (apdu.Case != ApduCase.ResponseData)
            {
                return Sw.WrongLength;
            }
            byte p1 = apdu.P1;
            byte p2 = apdu.P2;
            if ((p2 & 0x07) != 0x04 || p1 == 0x00 || p1 == 0xFF)
            {
                return Sw.IncorrectP1P2;
            }
            ushort sw;
            FileEntry entry = Locate(df, (byte)(p2 >> 3), true, Sw.FileNotFound, out sw);
            if (entry == null)
            {
                return sw;
            }
            RecordEf ef = entry as RecordEf;
            if (ef == null)
            {
                return Sw.CommandIncompatibleWithFile;
            }
            if (!ef.ReadAccess.IsSatisfied())
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            short length = ef.ReadRecord(p1, apdu.Buffer, 0, (short)apdu.Buffer.Length);
            if (length < 0)
            {
                return Sw.RecordNotFound;
            }
            if (length > apdu.Buffer.Length)
            {
                return Sw.WrongLength;
            }
            apdu.SetOutgoingAndSend(0, length);
            return Sw.NoError;
        }

        /// <summary>
        /// The entry a command names in P2 the way VERIFY does (§11.5.6, specific reference data):
        /// 80 = the current EF, 80|SFI = the entry with that SFI (PINs and keys alike). Null with
        /// <paramref name="sw"/> = 6A86 (other P2), 6986 (no current EF) or 6A88 (no such SFI).
        /// </summary>
        public static FileEntry ReferencedEntry(DedicatedFile df, byte p2, out ushort sw)
        {
            if ((p2 & 0xE0) != SpecificReference || (p2 & 0x1F) > FileEntry.MaxSfi)
            {
                sw = Sw.IncorrectP1P2;
                return null;
            }
            return Locate(df, (byte)(p2 & 0x1F), false, Sw.ReferencedDataNotFound, out sw);
        }

        /// <summary>The PIN a VERIFY or CHANGE REFERENCE DATA names by P2; null with 6A88 when the entry is not a PIN.</summary>
        public static OwnerPin PinTarget(DedicatedFile df, byte p2, out ushort sw)
        {
            FileEntry entry = ReferencedEntry(df, p2, out sw);
            if (entry == null)
            {
                return null;
            }
            OwnerPin pin = entry as OwnerPin;
            sw = pin == null ? Sw.ReferencedDataNotFound : Sw.NoError;
            return pin;
        }

        /// <summary>
        /// CHANGE REFERENCE DATA (§11.5.7) <c>00 24 01 P2 Lc new</c>: P1 01 = the data is the new
        /// value only, allowed once the PIN is verified in this session (docs/references.md §3.1,
        /// "CHANGE REFERENCE DATA"). 6982 when not verified, 6984 when blocked, 6A80 when the new
        /// value breaks the format; the value is replaced atomically.
        /// </summary>
        public static ushort ChangeReferenceData(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0x01)
            {
                return Sw.IncorrectP1P2;
            }
            return ReplaceVerifiedPin(df, apdu);
        }

        /// <summary>
        /// The part of CHANGE REFERENCE DATA after P1 (also the My Number card's CHANGE KEY
        /// <c>80 32 00 P2</c>): the PIN P2 names gets the data as its new value, if it is verified.
        /// </summary>
        public static ushort ReplaceVerifiedPin(DedicatedFile df, Apdu apdu)
        {
            ushort sw;
            OwnerPin pin = PinTarget(df, apdu.P2, out sw);
            if (pin == null)
            {
                return sw;
            }
            if (apdu.Case != ApduCase.CommandData)
            {
                return Sw.WrongLength;
            }
            if (pin.IsBlocked)
            {
                return Sw.AuthenticationMethodBlocked;
            }
            if (!pin.IsValidated)
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            short length = apdu.IncomingLength;
            if (length > 0xFF || !pin.Update(apdu.Buffer, apdu.DataOffset, (byte)length))
            {
                return Sw.WrongData;
            }
            return Sw.NoError;
        }

        /// <summary>
        /// RESET RETRY COUNTER (§11.5.10) with the PIN's resetting code (the gen2 PUK,
        /// docs/apdu-spec.md §13): <c>00 2C 00 P2 Lc PUK new</c> unblocks and sets a new value,
        /// <c>00 2C 01 P2 Lc PUK</c> only unblocks; P2 names the PIN as VERIFY does. A new value that
        /// breaks the PIN's format is refused (6A80) before the PUK is tried; a wrong PUK uses one of
        /// its tries (63Cx); a blocked PUK answers 6984 and can never be unblocked. 6985 for a PIN
        /// without a resetting code. The new value is written before the counter is reset, so a
        /// cut never leaves the PIN unblocked with the value it was meant to lose.
        /// </summary>
        public static ushort ResetRetryCounter(DedicatedFile df, Apdu apdu)
        {
            if (!ClassByte.IsInterindustry(apdu.Cla))
            {
                return Sw.ClaNotSupported;
            }
            byte p1 = apdu.P1;
            if (p1 != 0x00 && p1 != 0x01)
            {
                return Sw.IncorrectP1P2;
            }
            ushort sw;
            OwnerPin pin = PinTarget(df, apdu.P2, out sw);
            if (pin == null)
            {
                return sw;
            }
            OwnerPin puk = pin.ResettingCode;
            if (puk == null)
            {
                return Sw.ConditionsNotSatisfied;
            }
            short pukLength = puk.Format.MaxLength;
            short length = apdu.IncomingLength;
            if (apdu.Case != ApduCase.CommandData || (p1 == 0x01 && length != pukLength) || (p1 == 0x00 && length <= pukLength))
            {
                return Sw.WrongLength;
            }
            byte[] buffer = apdu.Buffer;
            short data = apdu.DataOffset;
            short newLength = (short)(length - pukLength);
            if (p1 == 0x00 && (newLength > 0xFF || !pin.Format.Accepts(buffer, (short)(data + pukLength), newLength)))
            {
                return Sw.WrongData;
            }
            sw = puk.Check(buffer, data, pukLength);
            puk.Reset();
            if (sw != Sw.NoError)
            {
                return sw;
            }
            if (p1 == 0x00)
            {
                pin.Update(buffer, (short)(data + pukLength), (byte)newLength);
            }
            pin.ResetAndUnblock();
            return Sw.NoError;
        }

        /// <summary>
        /// VERIFY (§11.5.6), P1 00, P2 80 (the current EF is the PIN) or 80|SFI. Without data it
        /// reports the state and uses no try; with Le it is malformed (6700), as a real card
        /// answers `00 20 00 80 00` (docs/references.md §3.1).
        /// </summary>
        public static ushort Verify(DedicatedFile df, Apdu apdu)
        {
            if (apdu.P1 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            ushort sw;
            OwnerPin pin = PinTarget(df, apdu.P2, out sw);
            if (sw == Sw.IncorrectP1P2)
            {
                return sw;
            }
            if (apdu.Case != ApduCase.NoData && apdu.Case != ApduCase.CommandData)
            {
                return Sw.WrongLength;
            }
            if (pin == null)
            {
                return sw;
            }
            if (apdu.Case == ApduCase.NoData)
            {
                return pin.Status();
            }
            return pin.Check(apdu.Buffer, apdu.DataOffset, apdu.IncomingLength);
        }
    }
}
