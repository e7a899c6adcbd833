using NanoCard.Hal.Buses;
using NanoCard.Hal.Host.Timing;

namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// A desktop model of the PN532 in card emulation, in time and state, at the level the host MCU sees
/// it: frames in, ACKs and responses out over I2C (<see cref="I2c"/>), SPI (<see cref="Spi"/>) or
/// HSU (<see cref="Hsu"/>), each with its bus's byte time, and readers on the RF side
/// (<see cref="TestReader"/>). It answers SAMConfiguration, SetParameters, TgInitAsTarget,
/// TgGetData and TgSetData as UM0701-02 §7 describes them (docs/references.md §10): TgInitAsTarget waits until a reader
/// activates it and the chip powers down meanwhile (libnfc pn53x.c), so the first contact on a bus
/// only wakes it (<see cref="ChipTiming.WakeUpUs"/>) and is lost; an ACK aborts the running command;
/// a command sent while another runs is ignored; replies come after the reader's think time, the
/// air time at 106 kbit/s with chaining as the ATS and RATS allow, and the chip's processing; the
/// chip sends S(WTX) while the host computes. Time is a <see cref="SimulatedClock"/> that the
/// driver's waits and the buses' transfers move. Faults can be injected: corrupted responses (the
/// host must NACK), lost host frames (no ACK: the host must resend), noise before a frame, I2C
/// transfers not acknowledged or timing out on clock stretching, and random ones at a rate.
/// </summary>
public sealed class Pn532Simulator
{
    // Command codes (UM0701-02 §7).
    private const byte SetParameters = 0x12;
    private const byte SamConfiguration = 0x14;
    private const byte TgGetData = 0x86;
    private const byte TgInitAsTarget = 0x8C;
    private const byte TgSetData = 0x8E;
    private const byte HostTfi = 0xD4;

    /// <summary>SetParameters bit 5, fISO14443-4_PICC.</summary>
    private const byte FlagPicc = 0x20;
    /// <summary>TgInitAsTarget Mode bit 1, DEPOnly.</summary>
    private const byte ModeDepOnly = 0x02;
    /// <summary>SEL_RES bit 5: ISO 14443-4 compliant.</summary>
    private const byte SelResIso14443_4 = 0x20;
    /// <summary>Where the FeliCa parameters start in TgInitAsTarget's parameters (after Mode and MifareParams).</summary>
    private const int FeliCaParamsAt = 7;

    /// <summary>Activated modes the chip reports: ISO 14443-4 PICC type A at 106 kbit/s; FeliCa at 212 kbit/s.</summary>
    public const byte ActivatedIso14443_4A = 0x08;
    public const byte ActivatedFeliCa212 = 0x12;

    // Status bytes of TgGetData/TgSetData (§7.3.16, §7.1).
    private const byte StatusMoreInformation = 0x40;
    private const byte StatusNad = 0x80;
    private const byte ErrorReleased = 0x29;
    private const byte ErrorNotAcceptable = 0x27;

    private enum Power { Awake, Asleep, Waking }

    private sealed class Running(byte code, byte[] parameters, long receivedAt)
    {
        public byte Code { get; } = code;
        public byte[] Parameters { get; } = parameters;
        public long ReceivedAt { get; } = receivedAt;
        public long? DoneAt { get; set; }
        public Func<byte[]>? Finish { get; set; }
    }

    private readonly List<TestReader> field = [];
    private readonly Queue<(byte[] Frame, long At)> toHost = new();
    private TestReader? reader;
    private byte[] lastResponse = [];
    private Running? running;
    private Power power = Power.Awake;
    private long awakeAt;
    private bool sleepOnceAckTaken;

    public Pn532Simulator()
        : this(new SimulatedClock())
    {
    }

    public Pn532Simulator(SimulatedClock clock)
    {
        Clock = clock;
        I2c = new Pn532I2cFace(this);
        Spi = new Pn532SpiFace(this);
        Hsu = new Pn532HsuFace(this);
    }

    public SimulatedClock Clock { get; }

    public II2cTransport I2c { get; }
    public ISpiTransport Spi { get; }
    public ISerialTransport Hsu { get; }

    /// <summary>Whether SetParameters set fISO14443-4_PICC: without it no type A reader activates the chip.</summary>
    public bool Configured { get; private set; }

    /// <summary>Host frames received with a good checksum, by command code.</summary>
    public List<byte> Commands { get; } = [];

    public int NacksReceived { get; private set; }

    /// <summary>ACKs that aborted a running command.</summary>
    public int Aborts { get; private set; }

    /// <summary>Command frames that came while another command ran, and were ignored.</summary>
    public int IgnoredWhileBusy { get; private set; }

    /// <summary>Times host activity woke the chip from power-down (what it sent then was lost).</summary>
    public int HostWakeUps { get; private set; }

    /// <summary>The powered-down state TgInitAsTarget leaves the chip in until a field or the host wakes it.</summary>
    public bool Asleep => power != Power.Awake;

    /// <summary>I-blocks that carried data (one per TgGetData piece and one per TgSetData block) and their data bytes.</summary>
    public int AirFrames { get; private set; }
    public long AirBytes { get; private set; }

    /// <summary>Everything on the air: activations, blocks, R(ACK)s, S(WTX) exchanges, DESELECTs.</summary>
    public long AirMicroseconds { get; private set; }

    public int WtxSent { get; private set; }

    /// <summary>The longest read transfer (I2C, SPI) that carried an ACK: 7 (status + 6) on I2C and 6 on SPI when the host reads ACKs as ACKs.</summary>
    public int LongestAckRead { get; internal set; }

    // Faults and behaviour to apply (the counted ones are used up one by one).
    public int CorruptResponses { get; set; }
    public int LoseHostFrames { get; set; }
    public int NoiseBeforeFrames { get; set; }
    public int I2cNacks { get; set; }
    public int I2cStretchTimeouts { get; set; }

    /// <summary>I2C transfers that failed (not acknowledged, clock-stretch timeout).</summary>
    public int I2cFailedTransfers { get; internal set; }

    /// <summary>The I2C clock: 400 kHz (fast mode, BoardConfig) or 100 kHz (standard mode).</summary>
    public int I2cKilohertz { get; set; } = 400;

    /// <summary>The I2C controller's clock-stretch limit; a wake-up that holds SCL longer fails the transfer. Shorter than the wake-up by default, so that path is always taken.</summary>
    public long I2cStretchLimitUs { get; set; } = ChipTiming.WakeUpUs / 2;

    /// <summary>Random faults of every kind above, each at this rate per chance, drawn from <see cref="FaultRandom"/>.</summary>
    public double FaultRate { get; set; }
    public Random FaultRandom { get; set; } = new(1);

    /// <summary>Extra time before the response of every command but TgInitAsTarget (whose answer waits for a reader anyway).</summary>
    public int ResponseDelayMs { get; set; }

    /// <summary>Whether the chip sends S(WTX) while its host computes (it does: libnfc, nfc-emulate-forum-tag4).</summary>
    public bool SendsWtx { get; set; } = true;

    /// <summary>The ATS the chip builds: FSCI (8: frames up to 256 bytes) and FWI (frame waiting time); the PN532's own are not published, these are nfcpy's default ATS values.</summary>
    public byte AtsFsci { get; set; } = 8;
    public byte AtsFwi { get; set; } = 7;

    /// <summary>Whether an NFC-F reader activates the chip even with zeroed FeliCa parameters (phones have reported an all-zero FeliCa tag).</summary>
    public bool AnswersFeliCaWithoutParameters { get; set; }

    /// <summary>When set, what the chip did, one line an event with its time (for a failing test's message).</summary>
    public List<string>? Log { get; set; }

    private void Note(long at, string what) => Log?.Add($"{at / 1000.0,10:F1} ms  {what}");

    /// <summary>A reader enters the field <see cref="TestReader.ArriveAfterMs"/> from now.</summary>
    public void Tap(TestReader r)
    {
        r.ArrivesAt = Clock.Microseconds + r.ArriveAfterMs * 1000L;
        field.Add(r);
    }

    internal bool Chance() => FaultRate > 0 && FaultRandom.NextDouble() < FaultRate;

    /// <summary>
    /// Host activity reaching the chip's interface at <paramref name="at"/>: false while the chip
    /// sleeps or is still waking (the first contact starts the wake-up), so that byte or transfer is lost.
    /// </summary>
    internal bool Hears(long at)
    {
        if (power == Power.Asleep)
        {
            Note(at, "woken by the host");
            power = Power.Waking;
            awakeAt = at + ChipTiming.WakeUpUs;
            HostWakeUps++;
            return false;
        }
        if (power == Power.Waking)
        {
            if (at < awakeAt)
            {
                return false;
            }
            power = Power.Awake;
        }
        return true;
    }

    /// <summary>For I2C: when a chip addressed at <paramref name="at"/> will take the transfer (it holds SCL until then).</summary>
    internal long ListensFrom(long at)
    {
        Hears(at);
        return power == Power.Waking ? awakeAt : at;
    }

    internal void Receive(HostFrameScanner.Result result, byte[] payload, long at)
    {
        Update(at);
        switch (result)
        {
            case HostFrameScanner.Result.Ack:
                // An abort; with nothing running (the answer already out) the chip ignores it.
                Note(at, running is null ? "ACK, nothing to abort" : $"ACK aborts {running.Code:X2}");
                if (running is not null)
                {
                    running = null;
                    Aborts++;
                    toHost.Clear();
                }
                return;
            case HostFrameScanner.Result.Nack:
                Note(at, "NACK");
                NacksReceived++;
                toHost.Enqueue((lastResponse, at + ChipTiming.ProcessingUs));
                return;
            case HostFrameScanner.Result.Frame:
                break;
            default:
                return; // a checksum error: the chip stays silent and the host resends
        }
        if (payload[0] != HostTfi || payload.Length < 2)
        {
            toHost.Enqueue((ChipFrameBuilder.SyntaxError, at + ChipTiming.AckUs));
            return;
        }
        if (LoseHostFrames > 0 || Chance())
        {
            Note(at, $"command {payload[1]:X2} lost");
            LoseHostFrames = Math.Max(0, LoseHostFrames - 1);
            return;
        }
        if (running is not null)
        {
            Note(at, $"command {payload[1]:X2} ignored: {running.Code:X2} runs");
            IgnoredWhileBusy++;
            return;
        }
        byte code = payload[1];
        Note(at, $"command {code:X2} {Convert.ToHexString(payload, 2, Math.Min(payload.Length - 2, 12))}");
        Commands.Add(code);
        toHost.Clear();
        long ackAt = at + ChipTiming.AckUs;
        toHost.Enqueue((ChipFrameBuilder.Ack, ackAt));
        running = new Running(code, payload[2..], ackAt);
        Start(running);
    }

    /// <summary>Whether a frame is ready for the host at <paramref name="now"/>.</summary>
    internal bool HasFrame(long now)
    {
        Update(now);
        return toHost.Count > 0 && toHost.Peek().At <= now;
    }

    /// <summary>The ready frame, taken; once the host has TgInitAsTarget's ACK, the chip powers down.</summary>
    internal (byte[] Frame, long At) TakeFrame()
    {
        var next = toHost.Dequeue();
        if (sleepOnceAckTaken && ChipFrameBuilder.IsAck(next.Frame))
        {
            sleepOnceAckTaken = false;
            if (running is { Code: TgInitAsTarget, Finish: null })
            {
                power = Power.Asleep;
                Note(next.At, "powered down");
            }
        }
        return next;
    }

    /// <summary>Completes what is due by <paramref name="now"/>.</summary>
    private void Update(long now)
    {
        if (running is { Code: TgInitAsTarget, DoneAt: null })
        {
            TryActivate(now);
        }
        if (running is { DoneAt: long done, Finish: not null } r && done <= now)
        {
            running = null;
            Respond(r.Code, r.Finish(), done);
        }
    }

    private void Start(Running r)
    {
        long ready = r.ReceivedAt + ChipTiming.ProcessingUs + ResponseDelayMs * 1000L;
        switch (r.Code)
        {
            case SamConfiguration:
                Finish(r, ready, () => []);
                break;
            case SetParameters:
                Finish(r, ready, () =>
                {
                    Configured = r.Parameters.Length > 0 && (r.Parameters[0] & FlagPicc) != 0;
                    return [];
                });
                break;
            case TgInitAsTarget:
                sleepOnceAckTaken = true;
                if (reader is { FeliCa: true })
                {
                    // A phone that found a FeliCa tag with nothing to say moves on.
                    reader.NeverActivated();
                    reader = null;
                }
                if (reader is { Left: false })
                {
                    // The chip drops the reader it was serving: its next exchange goes unanswered,
                    // and after the waiting time and its retries it polls again and starts over.
                    Note(r.ReceivedAt, "an active reader is dropped");
                    reader.Repoll(r.ReceivedAt + ChipTiming.FrameWaitingUs(AtsFwi) * (1 + TestReader.RetriesOnTimeout));
                    field.Insert(0, reader);
                    reader = null;
                }
                break;
            case TgGetData:
                GetData(r, ready);
                break;
            case TgSetData:
                SetData(r, ready);
                break;
            default:
                Finish(r, ready, () => [ErrorNotAcceptable]);
                break;
        }
    }

    private static void Finish(Running r, long at, Func<byte[]> result)
    {
        r.DoneAt = at;
        r.Finish = result;
    }

    /// <summary>The first reader in the field the chip's parameters let in activates it (the field wakes it).</summary>
    private void TryActivate(long now)
    {
        Running r = running!;
        while (field.Count > 0)
        {
            TestReader next = field[0];
            long start = Math.Max(r.ReceivedAt, next.ArrivesAt);
            if (start > now)
            {
                return;
            }
            if (!CanActivate(next, r.Parameters))
            {
                field.RemoveAt(0);
                next.NeverActivated();
                continue;
            }
            long air = next.FeliCa ? ChipTiming.FeliCaActivationUs : ActivationUs(r.Parameters);
            long done = start + air;
            Finish(r, done, () => Activate(r.Parameters, done, air));
            return;
        }
    }

    private bool CanActivate(TestReader r, byte[] parameters)
    {
        if (r.FeliCa)
        {
            bool nfcid2 = parameters.Length >= FeliCaParamsAt + 2 && parameters[FeliCaParamsAt] == 0x01 && parameters[FeliCaParamsAt + 1] == 0xFE;
            return nfcid2 || AnswersFeliCaWithoutParameters;
        }
        return Configured && (parameters[0] & ModeDepOnly) == 0 && (parameters[6] & SelResIso14443_4) != 0;
    }

    /// <summary>Anticollision, SELECT and RATS/ATS at 106 kbit/s: REQA, ATQA, ANTICOLLISION, UID+BCC, SELECT, SAK, RATS, ATS.</summary>
    private static long ActivationUs(byte[] parameters)
    {
        int historical = HistoricalBytes(parameters).Length;
        int[] frames = [1, 2, 2, 5, 9, 3, 4, 5 + historical + 2];
        return frames.Sum(ChipTiming.FrameUs);
    }

    private static byte[] HistoricalBytes(byte[] parameters)
    {
        int at = FeliCaParamsAt + 18 + 10;
        if (parameters.Length <= at)
        {
            return [];
        }
        at += 1 + parameters[at];
        return parameters.Length > at ? parameters[(at + 1)..Math.Min(parameters.Length, at + 1 + parameters[at])] : [];
    }

    private byte[] Activate(byte[] parameters, long at, long air)
    {
        TestReader r = field[0];
        field.RemoveAt(0);
        reader = r;
        power = Power.Awake;
        AirMicroseconds += air;
        r.Activated(parameters, at, TestReader.FrameSizes[Math.Min((int)AtsFsci, TestReader.FrameSizes.Length - 1)]);
        if (r.FeliCa)
        {
            byte[] first = r.NextPiece(out _, out _) ?? [];
            return [ActivatedFeliCa212, .. first];
        }
        return [ActivatedIso14443_4A, .. r.Rats];
    }

    private void GetData(Running r, long ready)
    {
        TestReader? rd = reader;
        bool more = false, first = false;
        byte[]? piece = rd?.NextPiece(out more, out first);
        if (rd is null || piece is null)
        {
            // The reader deselects (S(DESELECT) and its answer), or has already gone.
            long at = Math.Max(ready, (rd?.NextSendAt ?? 0) + 2 * ChipTiming.FrameUs(ChipTiming.BlockOverhead));
            AirMicroseconds += rd is null ? 0 : 2 * ChipTiming.FrameUs(ChipTiming.BlockOverhead);
            reader = null;
            Finish(r, at, () => [ErrorReleased]);
            return;
        }
        more = more && !rd.FeliCa;
        bool nad = first && rd.Nad is not null && !rd.FeliCa;
        long blockUs = ChipTiming.FrameUs(piece.Length + ChipTiming.BlockOverhead + (nad ? 1 : 0));
        long arrived = rd.NextSendAt + blockUs;
        long done = Math.Max(ready, arrived + ChipTiming.ProcessingUs);
        AirFrames++;
        AirBytes += piece.Length;
        AirMicroseconds += blockUs;
        if (more)
        {
            // The chip acknowledges the block (R(ACK)) once its host has it; the next block follows.
            long ack = ChipTiming.FrameUs(ChipTiming.BlockOverhead);
            AirMicroseconds += ack;
            rd.Acknowledged(done + ack);
        }
        else
        {
            rd.CommandArrivedAt = arrived;
        }
        byte status = (byte)((more ? StatusMoreInformation : 0) | (nad ? StatusNad : 0));
        byte[] data = nad ? [status, rd.Nad!.Value, .. piece] : [status, .. piece];
        Finish(r, done, () => data);
    }

    private void SetData(Running r, long ready)
    {
        TestReader? rd = reader;
        if (rd is null || rd.Left)
        {
            reader = null;
            Finish(r, ready, () => [ErrorReleased]);
            return;
        }
        long waited = r.ReceivedAt - rd.CommandArrivedAt;
        long fwt = ChipTiming.FrameWaitingUs(AtsFwi);
        if (SendsWtx && !rd.FeliCa)
        {
            int wtx = (int)(waited / fwt);
            WtxSent += wtx;
            rd.WtxReceived += wtx;
            AirMicroseconds += wtx * 2 * ChipTiming.FrameUs(ChipTiming.BlockOverhead + 1);
        }
        else if (waited > fwt * (1 + TestReader.RetriesOnTimeout))
        {
            rd.GiveUp();
            reader = null;
            Finish(r, ready, () => [ErrorReleased]);
            return;
        }
        byte[] response = r.Parameters;
        int room = rd.Fsd - ChipTiming.BlockOverhead;
        int blocks = Math.Max(1, (response.Length + room - 1) / room);
        long air = 0;
        for (int i = 0; i < blocks; i++)
        {
            int length = Math.Min(room, response.Length - i * room);
            air += ChipTiming.FrameUs(length + ChipTiming.BlockOverhead) + (i > 0 ? ChipTiming.FrameUs(ChipTiming.BlockOverhead) : 0);
        }
        long done = ready + air;
        AirFrames += blocks;
        AirBytes += response.Length;
        AirMicroseconds += air;
        if (!rd.Receive(response, done))
        {
            reader = null;
            Finish(r, done, () => [ErrorReleased]);
            return;
        }
        Finish(r, done, () => [0x00]);
    }

    private void Respond(byte code, byte[] data, long at)
    {
        Note(at, $"response {code + 1:X2} {Convert.ToHexString(data, 0, Math.Min(data.Length, 12))}");
        byte[] frame = ChipFrameBuilder.Response(code, data);
        lastResponse = frame;
        byte[] sent = (byte[])frame.Clone();
        if (CorruptResponses > 0 || Chance())
        {
            CorruptResponses = Math.Max(0, CorruptResponses - 1);
            sent[^2] ^= 0x5A; // the data checksum
        }
        if (NoiseBeforeFrames > 0 || Chance())
        {
            NoiseBeforeFrames = Math.Max(0, NoiseBeforeFrames - 1);
            sent = [0xFF, 0x13, 0x00, 0x7E, .. sent];
        }
        toHost.Enqueue((sent, at));
    }
}
