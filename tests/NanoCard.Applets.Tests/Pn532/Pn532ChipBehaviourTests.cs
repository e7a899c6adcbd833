using NanoCard.Applets.Jpki;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;

namespace NanoCard.Applets.Tests.Pn532;

/// <summary>
/// The driver against the PN532 model's timing and power states (issue 19): late replies, readers
/// that pause, aborts and re-arms of TgInitAsTarget with the chip powered down, failed I2C
/// transfers, foreign activations, a slow card under S(WTX), NAD, ACK reads, the ATS's claims and
/// timeouts in elapsed time. Each test names the driver defect it guards against.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class Pn532ChipBehaviourTests(IssuedCardFixture fixture)
{
    public static TheoryData<string> Buses => [.. Pn532Rig.Buses];

    public static TheoryData<string, int> BusesAndDelays(params int[] delays)
    {
        var data = new TheoryData<string, int>();
        foreach (string bus in Pn532Rig.Buses)
        {
            foreach (int delay in delays)
            {
                data.Add(bus, delay);
            }
        }
        return data;
    }

    public static TheoryData<string, int> LateReplies => BusesAndDelays(80, 200);
    public static TheoryData<string, int> ReaderPauses => BusesAndDelays(600, 2000);

    private Pn532Rig Build(string bus) => new(bus, fixture.Image);

    private byte[] Pin => System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin);

    /// <summary>Defect 1: a reply more than 20 ms after its ACK (HSU took the ACK's postamble for a frame).</summary>
    [Theory]
    [MemberData(nameof(LateReplies))]
    public void Replies_that_come_late_are_waited_for(string bus, int delayMs)
    {
        Pn532Rig rig = Build(bus);
        rig.Chip.ResponseDelayMs = delayMs;
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98), Apdus.SelectEf(JpkiAp.AuthCertificate));
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(1000));
        Assert.Equal(3, reader.Responses.Count);
        Assert.Equal([0x63, 0xC3], reader.Responses[1]);
        Assert.Equal(0, rig.Link.Recoveries);
        Assert.Equal(0, rig.Driver.Retries);
    }

    /// <summary>Defects 1 and 3: waiting for a reader that does not come, then aborting TgInitAsTarget on a powered-down chip.</summary>
    [Theory]
    [MemberData(nameof(Buses))]
    public void Aborted_waits_for_a_reader_leave_the_chip_ready_for_the_next(string bus)
    {
        Pn532Rig rig = Build(bus);
        for (int i = 0; i < 5; i++)
        {
            Assert.False(rig.Link.ServeSession(100));
            Assert.True(rig.Chip.Configured);
        }
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98));
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(100));
        Assert.Equal([0x63, 0xC3], reader.Responses[1]);
        Assert.Equal(0, rig.Link.Recoveries);
        Assert.Equal(5, rig.Chip.Aborts);
        Assert.Equal(0, rig.Chip.IgnoredWhileBusy);
        Assert.Equal(0, rig.Driver.Retries);
    }

    /// <summary>Defect 2: a reader that pauses between APDUs (a PIN dialog) keeps its session, the selected AP and the verified PIN.</summary>
    [Theory]
    [MemberData(nameof(ReaderPauses))]
    public void A_reader_that_pauses_between_APDUs_keeps_its_session(string bus, int pauseMs)
    {
        Pn532Rig rig = Build(bus);
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.Verify(0x98, Pin), Apdus.VerifyStatus(0x98)) { ThinkMs = i => i == 0 ? 0 : pauseMs };
        rig.Chip.Tap(reader);
        long start = rig.Clock.Milliseconds;
        Assert.True(rig.Link.ServeSession(100));
        Assert.Equal(3, reader.Responses.Count);
        Assert.Equal([0x90, 0x00], reader.Responses[2]); // still verified after the pauses
        Assert.True(rig.Clock.Milliseconds - start >= 2 * pauseMs);
        Assert.Equal(0, rig.Link.Recoveries);
    }

    /// <summary>A card that signs for seconds: the chip sends S(WTX) and the reader waits; without S(WTX) an ISO 14443-4 reader gives up.</summary>
    [Theory]
    [MemberData(nameof(Buses))]
    public void A_slow_signature_is_covered_by_waiting_time_extensions(string bus)
    {
        Pn532Rig rig = Build(bus);
        rig.WorkMs = ins => ins == 0x2A ? 3000 : 0;
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.Verify(0x98, Pin), Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([1, 2, 3])));
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(100));
        Assert.Equal(3, reader.Responses.Count);
        Assert.Equal(258, reader.Responses[2].Length);
        long fwtUs = ChipTiming.FrameWaitingUs(rig.Chip.AtsFwi);
        Assert.InRange(reader.WtxReceived, 3_000_000 / fwtUs - 1, 3_000_000 / fwtUs + 1);
        Assert.False(reader.TimedOut);

        Pn532Rig silent = Build(bus);
        silent.WorkMs = rig.WorkMs;
        silent.Chip.SendsWtx = false;
        var impatient = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.Verify(0x98, Pin), Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([1, 2, 3])));
        silent.Chip.Tap(impatient);
        Assert.True(silent.Link.ServeSession(100));
        Assert.True(impatient.TimedOut);
        Assert.Equal(2, impatient.Responses.Count);
    }

    /// <summary>Defect 4: I2C transfers that fail (address not acknowledged, clock-stretch timeout) are retried, never read as status or frame bytes.</summary>
    [Fact]
    public void Failed_I2C_transfers_are_never_taken_for_bytes()
    {
        Pn532Rig rig = Build("i2c");
        rig.Chip.I2cNacks = 2;
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98), Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinary(0, 0)) { ArriveAfterMs = 30 };
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(100));
        // The chip slept until the reader came; the first poll woke it and failed on the stretch limit, on top of the two NACKs.
        Assert.Equal(1, rig.Chip.HostWakeUps);
        Assert.Equal(3, rig.Chip.I2cFailedTransfers);
        Assert.Equal(4, reader.Responses.Count);
        Assert.Equal(258, reader.Responses[3].Length);
        Assert.Equal(0, rig.Link.Recoveries);

        for (int round = 0; round < 20; round++)
        {
            rig.Chip.I2cNacks = round % 3;
            rig.Chip.I2cStretchTimeouts = round % 2;
            var next = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98)) { ThinkMs = i => 3 * i };
            rig.Chip.Tap(next);
            Assert.True(rig.Link.ServeSession(100));
            Assert.Equal([0x63, 0xC3], next.Responses[1]);
        }
        Assert.Equal(0, rig.Link.Recoveries);
    }

    /// <summary>Defect 5: the card asks for ISO 14443-4 type A only, and a FeliCa activation the chip reports anyway starts no session.</summary>
    [Theory]
    [MemberData(nameof(Buses))]
    public void Only_an_ISO_14443_4_type_A_activation_starts_a_session(string bus)
    {
        Pn532Rig rig = Build(bus);
        rig.Chip.AnswersFeliCaWithoutParameters = true;
        var phone = new TestReader([0x06, 0x00, 0xFF, 0xFF, 0x01, 0x00], [0x10, 0x06, 0x01, 0xFE, 0, 0, 0, 0, 0, 0, 0x01, 0x0B, 0x00, 0x01, 0x80, 0x00]) { FeliCa = true };
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98)) { ArriveAfterMs = 20 };
        rig.Chip.Tap(phone);
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(500));
        Assert.Empty(phone.Responses);
        Assert.Equal(1, rig.Target.ForeignActivations);
        Assert.Equal([0x63, 0xC3], reader.Responses[1]);
        // Mode: PassiveOnly | PICCOnly; FeliCa parameters and NFCID3t zero (no FeliCa or NFC-DEP target).
        Assert.Equal(0x05, reader.Activation[0]);
        Assert.All(reader.Activation[7..35], b => Assert.Equal(0, b));
    }

    /// <summary>Defect 6: a reader that sends a NAD gets its APDU without it.</summary>
    [Theory]
    [MemberData(nameof(Buses))]
    public void A_NAD_from_the_reader_is_not_part_of_the_APDU(string bus)
    {
        Pn532Rig rig = Build(bus);
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98)) { Nad = 0x12 };
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(100));
        Assert.Equal([0x90, 0x00], reader.Responses[0]);
        Assert.Equal([0x63, 0xC3], reader.Responses[1]);
    }

    /// <summary>Defect 6: an ACK is read as the six bytes it is (plus I2C's status byte), not as a 275-byte frame.</summary>
    [Theory]
    [InlineData("i2c", 7)]
    [InlineData("spi", 6)]
    public void ACKs_are_read_with_short_reads(string bus, int longest)
    {
        Pn532Rig rig = Build(bus);
        rig.Chip.Tap(new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98)));
        Assert.True(rig.Link.ServeSession(100));
        Assert.Equal(longest, rig.Chip.LongestAckRead);
    }

    /// <summary>Defect 6: the ATS's historical bytes announce extended Lc/Le only where the card takes it (never over NFC, which answers 6700).</summary>
    [Fact]
    public void The_ATS_does_not_announce_extended_length_over_NFC()
    {
        const byte ExtendedLengthBit = 0x40;
        Pn532Rig rig = Build("i2c");
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinaryExtended(0, 1000));
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(100));
        Assert.Equal([0x67, 0x00], reader.Responses[2]);
        byte[] historical = reader.Activation[^5..];
        Assert.Equal([0x80, 0x73], historical[..2]);
        Assert.Equal(0, historical[4] & ExtendedLengthBit);
        Assert.NotEqual(0, HistoricalBytes.For(CardConfig.Desktop())[4] & ExtendedLengthBit);
    }

    /// <summary>Defect 6: timeouts are elapsed time, so slow transfers (I2C in standard mode here) do not stretch them.</summary>
    [Theory]
    [MemberData(nameof(Buses))]
    public void Waiting_for_a_reader_takes_the_time_asked_for(string bus)
    {
        Pn532Rig rig = Build(bus);
        rig.Chip.I2cKilohertz = 100;
        Assert.False(rig.Link.ServeSession(100)); // configures the chip, then waits
        long start = rig.Clock.Milliseconds;
        Assert.False(rig.Link.ServeSession(100));
        long elapsed = rig.Clock.Milliseconds - start;
        // The wait, and around it the TgInitAsTarget frame, its ACK, a last poll, the wake-up and the
        // aborting ACK on the bus (about 8 ms on HSU at 115 200 baud, the slowest).
        Assert.InRange(elapsed, 100, 110);
    }
}
