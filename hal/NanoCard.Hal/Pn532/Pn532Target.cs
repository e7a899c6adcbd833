namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// The PN532 as an ISO 14443-4 card (PICC mode, UM0701-02 §7.3.14–§7.3.17, docs/references.md §10.2–§10.4): the chip answers
    /// anticollision and RATS itself, with UID <c>08</c> + the three NFCID1 bytes given here and an
    /// ATS carrying our historical bytes, and hands the host the APDUs (TgGetData) and takes the
    /// responses (TgSetData), at most 262 bytes each way. Only an ISO 14443-4 activation of type A
    /// at 106 kbit/s starts a session; any other the chip reports is waited past, as libnfc's
    /// pn53x_target_init loops until it has the activation it asked for.
    /// </summary>
    public sealed class Pn532Target
    {
        /// <summary>TgGetData/TgSetData status (§7.3.16): bits 0–5 the error code, bit 6 MI (the reader is chaining), bit 7 NAD (the first data byte is the reader's NAD).</summary>
        public const byte ErrorMask = 0x3F;
        public const byte MoreInformation = 0x40;
        public const byte NadPresent = 0x80;
        /// <summary>Error code "released by the initiator" (§7.1): the reader deselected the card or went away.</summary>
        public const byte Released = 0x29;
        /// <summary>Error code "internal buffer overflow" (§7.1), also used when an APDU outgrows the host's buffer.</summary>
        public const byte BufferOverflow = 0x0E;
        /// <summary>Most data bytes one TgGetData or TgSetData carries.</summary>
        public const int MaxData = 262;

        // SAMConfiguration (§7.2.10): normal mode (no SAM), the virtual-card timeout in 50 ms units (unused in normal mode), the IRQ pin used.
        private const byte SamModeNormal = 0x01;
        private const byte SamTimeout = 0x14;
        private const byte SamUseIrq = 0x01;

        // SetParameters flags (§7.2.9).
        private const byte FlagAutomaticAtrRes = 0x04;
        private const byte FlagAutomaticRats = 0x10;
        private const byte FlagIso14443_4Picc = 0x20;

        // TgInitAsTarget Mode (§7.3.14): PassiveOnly and PICCOnly, as libnfc emulates an ISO 14443-4 A card.
        private const byte ModePassiveOnly = 0x01;
        private const byte ModePiccOnly = 0x04;

        // TgInitAsTarget MifareParams: SENS_RES (ATQA) 0004, SEL_RES (SAK) 20 = ISO 14443-4 compliant.
        private const byte SensRes1 = 0x04;
        private const byte SensRes2 = 0x00;
        private const byte SelResIso14443_4 = 0x20;
        /// <summary>FeliCaParams (NFCID2t, PAD, system code) and NFCID3t, all zero: the card is not a FeliCa or NFC-DEP target.</summary>
        private const int FeliCaAndNfcid3Length = 18 + 10;
        /// <summary>LEN Gt: no general bytes (they are for NFC-DEP's ATR_RES).</summary>
        private const byte NoGeneralBytes = 0x00;

        // The activated Mode byte the chip answers (§7.3.14): baud rate in bits 4–6, ISO 14443-4 PICC in bit 3, DEP in bit 2, framing in bits 0–1.
        private const byte ActivatedBaudMask = 0x70;
        private const byte ActivatedBaud106 = 0x00;
        private const byte ActivatedPicc = 0x08;
        private const byte ActivatedDep = 0x04;
        private const byte ActivatedFramingMask = 0x03;
        private const byte ActivatedFramingTypeA = 0x00;

        private const int ConfigureTimeoutMs = 500;

        private readonly Pn532 chip;
        private readonly Timing.IClock clock;
        private readonly byte[] nfcid1;
        private readonly byte[] historical;
        private readonly byte[] reply = new byte[Pn532Frame.ExtendedMax];

        /// <param name="nfcid1">Bytes 2–4 of the UID (the chip fixes byte 1 to 08).</param>
        /// <param name="historicalBytes">The ATS historical bytes, at most 48.</param>
        public Pn532Target(Pn532 chip, Timing.IClock clock, byte[] nfcid1, byte[] historicalBytes)
        {
            if (nfcid1.Length != 3 || historicalBytes.Length > 48)
            {
                throw new System.ArgumentException("NFCID1 takes 3 bytes, historical bytes at most 48");
            }
            this.chip = chip;
            this.clock = clock;
            this.nfcid1 = nfcid1;
            historical = historicalBytes;
        }

        /// <summary>Activations that were not ISO 14443-4 type A at 106 kbit/s (a FeliCa or NFC-DEP reader), waited past.</summary>
        public int ForeignActivations { get; private set; }

        /// <summary>
        /// An abort of anything still running, SAMConfiguration (normal mode) and SetParameters for
        /// PICC emulation; run at start and after any protocol error.
        /// </summary>
        public void Configure()
        {
            chip.Abort();
            byte[] p = chip.CommandBuffer;
            p[1] = SamModeNormal;
            p[2] = SamTimeout;
            p[3] = SamUseIrq;
            Require(chip.Execute(Pn532.SamConfigurationCode, 3, reply, 0, ConfigureTimeoutMs) >= 0, "SAMConfiguration");
            p[1] = FlagAutomaticAtrRes | FlagAutomaticRats | FlagIso14443_4Picc;
            Require(chip.Execute(Pn532.SetParametersCode, 1, reply, 0, ConfigureTimeoutMs) >= 0, "SetParameters");
        }

        /// <summary>TgInitAsTarget until an ISO 14443-4 type A activation: true when one came within <paramref name="timeoutMs"/>.</summary>
        public bool WaitForReader(int timeoutMs)
        {
            long start = clock.Milliseconds;
            while (true)
            {
                long left = timeoutMs - (clock.Milliseconds - start);
                if (left <= 0)
                {
                    return false;
                }
                int n = chip.Execute(Pn532.TgInitAsTargetCode, WriteInitAsTarget(), reply, 0, (int)left);
                if (n < 0)
                {
                    return false;
                }
                if (n >= 1 && IsIso14443_4TypeA(reply[0]))
                {
                    return true;
                }
                ForeignActivations++;
            }
        }

        private static bool IsIso14443_4TypeA(byte mode)
        {
            return (mode & ActivatedBaudMask) == ActivatedBaud106
                && (mode & ActivatedPicc) != 0
                && (mode & ActivatedDep) == 0
                && (mode & ActivatedFramingMask) == ActivatedFramingTypeA;
        }

        /// <summary>The TgInitAsTarget parameters into the command buffer; returns their length.</summary>
        private int WriteInitAsTarget()
        {
            byte[] p = chip.CommandBuffer;
            int at = 1;
            p[at++] = ModePassiveOnly | ModePiccOnly;
            p[at++] = SensRes1;
            p[at++] = SensRes2;
            for (int i = 0; i < 3; i++)
            {
                p[at++] = nfcid1[i];
            }
            p[at++] = SelResIso14443_4;
            for (int i = 0; i < FeliCaAndNfcid3Length; i++)
            {
                p[at++] = 0x00;
            }
            p[at++] = NoGeneralBytes;
            p[at++] = (byte)historical.Length;
            for (int i = 0; i < historical.Length; i++)
            {
                p[at++] = historical[i];
            }
            return at - 1;
        }

        /// <summary>
        /// TgGetData into <c>buffer[offset..)</c>, waiting for the reader as long as it takes: the
        /// status byte (<see cref="ErrorMask"/>, <see cref="MoreInformation"/>); <paramref name="length"/>
        /// gets the data bytes, without the NAD when the reader sent one.
        /// </summary>
        public byte GetData(byte[] buffer, int offset, out int length)
        {
            int n = chip.Execute(Pn532.TgGetDataCode, 0, reply, 0, Pn532.NoLimit);
            int from = 1;
            if (n >= 1 && (reply[0] & NadPresent) != 0)
            {
                from = 2;
            }
            length = n - from;
            if (length < 0)
            {
                length = 0;
                return n < 1 ? Released : (byte)(reply[0] | BufferOverflow);
            }
            if (offset + length > buffer.Length)
            {
                length = 0;
                return (byte)(reply[0] | BufferOverflow);
            }
            System.Array.Copy(reply, from, buffer, offset, length);
            return reply[0];
        }

        /// <summary>TgSetData of <c>data[offset..offset+length)</c> (at most <see cref="MaxData"/>); returns the status byte.</summary>
        public byte SetData(byte[] data, int offset, int length)
        {
            System.Array.Copy(data, offset, chip.CommandBuffer, 1, length);
            int n = chip.Execute(Pn532.TgSetDataCode, length, reply, 0, Pn532.NoLimit);
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
