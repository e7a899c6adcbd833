namespace NanoCard.Issuance;

/// <summary>A channel that keeps each command it passes on: a session recorded once can be sent again byte for byte.</summary>
public sealed class RecordingChannel(ICardChannel card) : ICardChannel
{
    public List<byte[]> Sent { get; } = [];

    public ResponseApdu Transmit(byte[] command)
    {
        Sent.Add(command);
        return card.Transmit(command);
    }
}
