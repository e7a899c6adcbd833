using System.Threading.Channels;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// The records the lab page shows (the JSON trace's records, one JSON object each), kept from
/// the start so that a page opened late, or scrubbing back, sees the whole session.
/// </summary>
public sealed class LabFeed
{
    private readonly object sync = new();
    private readonly List<string> history = [];
    private readonly List<Channel<string>> pages = [];

    public void Publish(string record)
    {
        lock (sync)
        {
            history.Add(record);
            foreach (Channel<string> page in pages)
            {
                page.Writer.TryWrite(record);
            }
        }
    }

    /// <summary>Everything so far, then each new record; dispose the subscription when the page goes.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        lock (sync)
        {
            pages.Add(channel);
            return new Subscription([.. history], channel.Reader, () =>
            {
                lock (sync)
                {
                    pages.Remove(channel);
                }
            });
        }
    }

    public sealed class Subscription(string[] past, ChannelReader<string> next, Action leave) : IDisposable
    {
        public string[] Past => past;

        public ChannelReader<string> Next => next;

        public void Dispose() => leave();
    }
}
