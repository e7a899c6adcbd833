using NanoCard.Applets.Jpki;
using NanoCard.Hal;
using NanoCard.Hal.Buses;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Hal.Pn532;
using NanoCard.Hal.Serial;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;

namespace NanoCard.Applets.Tests.Pn532;

/// <summary>
/// The board's two links share one pair of buffers (firmware/NanoCard.Device/Program.cs,
/// <see cref="LinkBuffers"/>): turn by turn, the cable and a reader each get whole, right answers.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class SharedLinkBuffersTests(IssuedCardFixture fixture)
{
    [Fact]
    public void The_cable_and_a_reader_take_turns_over_one_pair_of_buffers()
    {
        CardConfig config = CardConfig.Contactless();
        var buffers = new LinkBuffers(Pn532CardLink.CommandBufferFor(config.MaxCommandApdu), Pn532Target.MaxData);
        var rig = new Pn532Rig("i2c", fixture.Image, buffers);
        var cable = new QueueSerial();
        var serial = new SerialCardLink(cable, rig.Card.Runtime, [0x3B, 0x80, 0x80, 0x01, 0x01], config.MaxCommandApdu, config.MaxResponseFrame + 2, buffers);

        byte[] certificateHead = CableExchange(serial, cable, Apdus.SelectAid(JpkiAp.Aid), Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinary(0, 0))[2];
        Assert.Equal(258, certificateHead.Length);
        Assert.Equal([0x90, 0x00], certificateHead[^2..]);

        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinary(0, 0));
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(50));
        Assert.Equal(certificateHead, reader.Responses[2]);

        Assert.Equal(certificateHead, CableExchange(serial, cable, Apdus.SelectAid(JpkiAp.Aid), Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinary(0, 0))[2]);
    }

    /// <summary>Each APDU framed as vpcd frames it (2-byte length, payload), served, and its answer read back.</summary>
    private static List<byte[]> CableExchange(SerialCardLink serial, QueueSerial cable, params byte[][] apdus)
    {
        var answers = new List<byte[]>();
        foreach (byte[] apdu in apdus)
        {
            cable.Incoming.AddRange([(byte)(apdu.Length >> 8), (byte)apdu.Length, .. apdu]);
            Assert.True(serial.ServeOne(10));
            byte[] frame = [.. cable.Outgoing];
            cable.Outgoing.Clear();
            Assert.Equal(frame.Length - 2, (frame[0] << 8) | frame[1]);
            answers.Add(frame[2..]);
        }
        return answers;
    }

    private sealed class QueueSerial : ISerialTransport
    {
        public List<byte> Incoming { get; } = [];

        public List<byte> Outgoing { get; } = [];

        public int BytesToRead => Incoming.Count;

        public void Write(byte[] buffer, int offset, int count) => Outgoing.AddRange(buffer.AsSpan(offset, count).ToArray());

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, Incoming.Count);
            Incoming.CopyTo(0, buffer, offset, n);
            Incoming.RemoveRange(0, n);
            return n;
        }
    }
}
