using NanoCard.Flasher.Serial;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>A board's reply is awaited for the link's timeout, except GENERATE KEY PAIR's, which may take minutes on a board.</summary>
public sealed class SerialTimeoutTests
{
    /// <summary>A board that answers 9000 to anything, <paramref name="delay"/> after each command.</summary>
    private sealed class SlowBoard(TimeSpan delay) : Stream
    {
        private readonly Queue<byte> reply = new();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (count > 3)
            {
                foreach (byte b in new byte[] { 0x00, 0x02, 0x90, 0x00 })
                {
                    reply.Enqueue(b);
                }
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default)
        {
            if (reply.Count == 4)
            {
                await Task.Delay(delay, cancel);
            }
            int n = 0;
            while (n < buffer.Length && reply.Count > 0)
            {
                buffer.Span[n++] = reply.Dequeue();
            }
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public void Key_generation_may_outlast_the_link_timeout_and_other_commands_may_not()
    {
        var board = new SerialCard(new SlowBoard(TimeSpan.FromMilliseconds(600)), TimeSpan.FromMilliseconds(100));
        Assert.Equal(0x9000, board.Transmit(Apdus.GenerateKeyPair(0x0017)).Sw);
        var error = Assert.Throws<NanoCard.Flasher.Cards.CardLinkException>(() => board.Transmit(Apdus.SelectEf(0x0017)));
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }
}
