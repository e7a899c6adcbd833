using NanoCard.Hal.Buses;
using NanoCard.Hal.Pn532;

namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// A desktop model of the PN532 in card emulation, at the level the host MCU sees it: frames in,
/// ACKs and response frames out, over I2C (<see cref="I2c"/>), SPI (<see cref="Spi"/>) or HSU
/// (<see cref="Hsu"/>). Its RF side is a scripted <see cref="TestReader"/>. It answers
/// SAMConfiguration, SetParameters, TgInitAsTarget, TgGetData and TgSetData as UM0701 describes
/// them (docs/references.md §10), records what crossed the air, and can
/// be told to misbehave: a corrupted response checksum (the host must NACK), a lost host frame
/// (no ACK: the host must resend), noise on the bus before a frame.
/// </summary>
public sealed class Pn532Simulator
{
    private readonly Queue<byte[]> toHost = new();
    private byte[] lastResponse = [];
    private TestReader? reader;

    public Pn532Simulator()
    {
        I2c = new I2cSide(this);
        Spi = new SpiSide(this);
        Hsu = new HsuSide(this);
    }

    public II2cTransport I2c { get; }
    public ISpiTransport Spi { get; }
    public ISerialTransport Hsu { get; }

    /// <summary>Whether SAMConfiguration and SetParameters (with the PICC flag) came before TgInitAsTarget.</summary>
    public bool Configured { get; private set; }

    /// <summary>Host frames received with a good checksum, by command code.</summary>
    public List<byte> Commands { get; } = [];

    /// <summary>NACKs the host sent.</summary>
    public int NacksReceived { get; private set; }

    /// <summary>RF exchanges (one per TgGetData piece and one per TgSetData) and the bytes they carried, for the NFC timing model.</summary>
    public int AirFrames { get; private set; }
    public long AirBytes { get; private set; }

    /// <summary>Faults to apply to the next frames (each is used once).</summary>
    public int CorruptResponses { get; set; }
    public int LoseHostFrames { get; set; }
    public int NoiseBeforeFrames { get; set; }

    /// <summary>A reader enters the field (it is activated at the next TgInitAsTarget).</summary>
    public void Tap(TestReader r) => reader = r;

    private bool HasOutput => toHost.Count > 0;

    private byte[] NextOutput() => toHost.Count > 0 ? toHost.Dequeue() : [];

    /// <summary>A frame from the host.</summary>
    private void FromHost(byte[] bytes)
    {
        byte kind = Pn532Frame.Decode(bytes, bytes.Length, out int tfiAt, out int payload, out _);
        switch (kind)
        {
            case Pn532Frame.IsAck:
                toHost.Clear(); // abort the running command
                return;
            case Pn532Frame.IsNack:
                NacksReceived++;
                toHost.Enqueue(lastResponse);
                return;
            case Pn532Frame.IsData when bytes[tfiAt] == Pn532Frame.HostToPn532 && payload >= 2:
                if (LoseHostFrames > 0)
                {
                    LoseHostFrames--;
                    return;
                }
                toHost.Enqueue(Pn532Frame.Ack);
                byte code = bytes[tfiAt + 1];
                Commands.Add(code);
                byte[]? answer = Answer(code, bytes.AsSpan(tfiAt + 2, payload - 2).ToArray());
                if (answer is not null)
                {
                    Respond(code, answer);
                }
                return;
            default:
                toHost.Enqueue([0x00, 0x00, 0xFF, 0x01, 0xFF, 0x7F, 0x81, 0x00]); // syntax error frame
                return;
        }
    }

    private void Respond(byte code, byte[] data)
    {
        byte[] frame = new byte[Pn532Frame.MaxFrame];
        int length = Pn532Frame.Encode(Pn532Frame.Pn532ToHost, [(byte)(code + 1), .. data], 0, data.Length + 1, frame);
        lastResponse = frame[..length];
        byte[] sent = (byte[])lastResponse.Clone();
        if (CorruptResponses > 0)
        {
            CorruptResponses--;
            sent[length - 2] ^= 0x5A; // the data checksum
        }
        if (NoiseBeforeFrames > 0)
        {
            NoiseBeforeFrames--;
            sent = [0xFF, 0x13, 0x00, 0x7E, .. sent];
        }
        toHost.Enqueue(sent);
    }

    /// <summary>The response data to a command, or null while it waits (TgInitAsTarget with no reader in the field).</summary>
    private byte[]? Answer(byte code, byte[] parameters)
    {
        switch (code)
        {
            case NanoCard.Hal.Pn532.Pn532.SamConfigurationCode:
                return [];
            case NanoCard.Hal.Pn532.Pn532.SetParametersCode:
                Configured = (parameters[0] & 0x20) != 0;
                return [];
            case NanoCard.Hal.Pn532.Pn532.TgInitAsTargetCode:
                if (reader is null || !Configured)
                {
                    return null;
                }
                reader.Activated(parameters);
                return [0x08, 0xE0, 0x80]; // 106 kbit/s, ISO 14443-4 PICC activated; the reader's RATS
            case NanoCard.Hal.Pn532.Pn532.TgGetDataCode:
                return GetData();
            case NanoCard.Hal.Pn532.Pn532.TgSetDataCode:
                return SetData(parameters);
            default:
                return [0x27]; // not acceptable in this context
        }
    }

    private byte[] GetData()
    {
        bool more = false;
        byte[]? piece = reader?.NextPiece(out more);
        if (reader is null || piece is null)
        {
            reader = null;
            return [Pn532Target.Released];
        }
        AirFrames++;
        AirBytes += piece.Length;
        return [more ? Pn532Target.MoreInformation : (byte)0x00, .. piece];
    }

    private byte[] SetData(byte[] response)
    {
        if (reader is null || !reader.Receive(response))
        {
            reader = null;
            return [Pn532Target.Released];
        }
        AirFrames++;
        AirBytes += response.Length;
        return [0x00];
    }

    private sealed class I2cSide(Pn532Simulator chip) : II2cTransport
    {
        public void Write(byte[] buffer, int offset, int count) => chip.FromHost(buffer.AsSpan(offset, count).ToArray());

        /// <summary>A status byte (bit 0: ready), then the pending frame; a one-byte read is the status poll.</summary>
        public void Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)0x00, offset, count);
            buffer[offset] = chip.HasOutput ? (byte)0x01 : (byte)0x00;
            if (count > 1 && chip.HasOutput)
            {
                byte[] frame = chip.NextOutput();
                Array.Copy(frame, 0, buffer, offset + 1, Math.Min(frame.Length, count - 1));
            }
        }
    }

    /// <summary>
    /// SPI as the chip sees it, behind a controller that shifts MSB first (so the driver reverses
    /// bits, as on an ESP32 configured that way): the operation byte (01 write, 02 status, 03 read).
    /// </summary>
    private sealed class SpiSide(Pn532Simulator chip) : ISpiTransport
    {
        public void Transfer(byte[] write, int writeCount, byte[] read, int readCount)
        {
            byte operation = Pn532SpiBus.Reverse(write[0]);
            switch (operation)
            {
                case 0x01:
                    chip.FromHost([.. write.AsSpan(1, writeCount - 1).ToArray().Select(Pn532SpiBus.Reverse)]);
                    break;
                case 0x02:
                    read[0] = Pn532SpiBus.Reverse(chip.HasOutput ? (byte)0x01 : (byte)0x00);
                    break;
                case 0x03:
                    Array.Fill(read, (byte)0x00, 0, readCount);
                    byte[] frame = chip.NextOutput();
                    for (int i = 0; i < Math.Min(frame.Length, readCount); i++)
                    {
                        read[i] = Pn532SpiBus.Reverse(frame[i]);
                    }
                    break;
                default:
                    throw new InvalidOperationException($"SPI operation {operation:X2}");
            }
        }
    }

    /// <summary>The UART: wake-up bytes are ignored, frames are parsed as they complete, responses stream out byte by byte.</summary>
    private sealed class HsuSide(Pn532Simulator chip) : ISerialTransport
    {
        private readonly List<byte> input = [];
        private readonly Queue<byte> output = new();

        public void Write(byte[] buffer, int offset, int count)
        {
            input.AddRange(buffer.AsSpan(offset, count).ToArray());
            while (true)
            {
                byte[] bytes = [.. input];
                byte kind = Pn532Frame.Decode(bytes, bytes.Length, out _, out _, out int end);
                if (kind == Pn532Frame.Incomplete)
                {
                    return;
                }
                int frameEnd = Math.Min(bytes.Length, end + 1); // with the postamble
                chip.FromHost(bytes[..frameEnd]);
                input.RemoveRange(0, frameEnd);
            }
        }

        public int BytesToRead
        {
            get
            {
                while (chip.HasOutput)
                {
                    foreach (byte b in chip.NextOutput())
                    {
                        output.Enqueue(b);
                    }
                }
                return output.Count;
            }
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && BytesToRead > 0)
            {
                buffer[offset + n++] = output.Dequeue();
            }
            return n;
        }
    }
}
