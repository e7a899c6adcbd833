namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 as an ISO 14443-4 card (PICC mode; docs/references.md
    /// §10.2–§10.4): the chip answers anticollision and RATS itself, with UID <c>08</c> + the three
    /// NFCID1 bytes given here and an ATS carrying our historical bytes, and hands the host the
    /// APDUs (TgGetData) and takes the responses (TgSetData), at most 262 bytes each way.
    /// </summary>
    public sealed class Pn532Target
    {
        /// <summary>TgGetData/TgSetData status: bits 0–5 the error code, bit 6 MI (more data follows: the reader is chaining).</summary>
        public const byte ErrorMask = 0x3F;
        public const byte MoreInformation = 0x40;
        /// <summary>"Released by the initiator": the reader went away or deselected the card (§5.4).</summary>
        public const byte Released = 0x29;
        /// <summary>Most data bytes one TgGetData or TgSetData carries.</summary>
        public const int MaxData = 262;

        /// <summary>SetParameters flags: automatic ATR_RES and RATS, ISO 14443-4 PICC emulation (§5.2).</summary>
        private const byte PiccFlags = 0x04 | 0x10 | 0x20;
        /// <summary>TgInitAsTarget mode: passive only, PICC only.</summary>
        private const byte PiccMode = 0x05;
        private const int CommandTimeoutMs = 500;

        private readonly Pn532 chip;
        private readonly byte[] nfcid1;
        private readonly byte[] historical;
        private readonly byte[] reply = new byte[Pn532Frame.ExtendedMax];

        /// <param name="nfcid1">Bytes 2–4 of the UID (the chip fixes byte 1 to 08).</param>
        /// <param name="historicalBytes">The ATS historical bytes, at most 48.</param>
        public Pn532Target(Pn532 chip, byte[] nfcid1, byte[] historicalBytes)
        {
            if (nfcid1.Length != 3 || historicalBytes.Length > 48)
            {
                throw new System.ArgumentException("NFCID1 takes 3 bytes, historical bytes at most 48");
            }
            this.chip = chip;
            this.nfcid1 = nfcid1;
            historical = historicalBytes;
        }

        /// <summary>SAMConfiguration (normal mode) and SetParameters for PICC emulation; run at start and after any protocol error.</summary>
        public void Configure()
        {
            byte[] p = chip.CommandBuffer;
            p[1] = 0x01; // normal mode: no SAM
            p[2] = 0x14; // virtual-card timeout (unused in normal mode)
            p[3] = 0x01; // use the IRQ pin
            Require(chip.Execute(Pn532.SamConfigurationCode, 3, reply, 0, CommandTimeoutMs) >= 0, "SAMConfiguration");
            p[1] = PiccFlags;
            Require(chip.Execute(Pn532.SetParametersCode, 1, reply, 0, CommandTimeoutMs) >= 0, "SetParameters");
        }

        /// <summary>TgInitAsTarget: true when a reader activated the card within <paramref name="timeoutMs"/>.</summary>
        public bool WaitForReader(int timeoutMs)
        {
            byte[] p = chip.CommandBuffer;
            int at = 1;
            p[at++] = PiccMode;
            p[at++] = 0x04; // SENS_RES (ATQA) 0004
            p[at++] = 0x00;
            for (int i = 0; i < 3; i++)
            {
                p[at++] = nfcid1[i];
            }
            p[at++] = 0x20; // SEL_RES: ISO 14443-4 compliant
            for (int i = 0; i < 18 + 10; i++)
            {
                p[at++] = 0x00; // FeliCa parameters and NFCID3t: not emulated
            }
            p[at++] = 0x00; // no general bytes
            p[at++] = (byte)historical.Length;
            for (int i = 0; i < historical.Length; i++)
            {
                p[at++] = historical[i];
            }
            return chip.Execute(Pn532.TgInitAsTargetCode, at - 1, reply, 0, timeoutMs) >= 1;
        }

        /// <summary>
        /// TgGetData into <c>buffer[offset..)</c>: the status byte (<see cref="ErrorMask"/>,
        /// <see cref="MoreInformation"/>); <paramref name="length"/> gets the data bytes.
        /// </summary>
        public byte GetData(byte[] buffer, int offset, out int length)
        {
            int n = chip.Execute(Pn532.TgGetDataCode, 0, reply, 0, CommandTimeoutMs);
            if (n < 1)
            {
                length = 0;
                return Released;
            }
            length = n - 1;
            if (offset + length > buffer.Length)
            {
                length = 0;
                return (byte)(reply[0] | 0x0E); // as the chip's internal buffer overflow (§5.4, 0x0E)
            }
            System.Array.Copy(reply, 1, buffer, offset, length);
            return reply[0];
        }

        /// <summary>TgSetData of <c>data[offset..offset+length)</c> (at most <see cref="MaxData"/>); returns the status byte.</summary>
        public byte SetData(byte[] data, int offset, int length)
        {
            System.Array.Copy(data, offset, chip.CommandBuffer, 1, length);
            int n = chip.Execute(Pn532.TgSetDataCode, length, reply, 0, CommandTimeoutMs);
            return n < 1 ? Released : reply[0];
        }

        private static void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new Pn532Exception(what + " got no response");
            }
        }
    }
}
