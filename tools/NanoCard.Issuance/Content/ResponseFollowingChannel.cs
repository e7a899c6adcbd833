namespace NanoCard.Issuance.Content;

/// <summary>
/// A channel that fetches a reply's remaining bytes with GET RESPONSE (61xx) and repeats a
/// command with the exact Le (6Cxx), as <see cref="CardClient"/> does, so an
/// <see cref="Scp03Session"/> over it sees each wrapped reply whole, on any transport.
/// </summary>
public sealed class ResponseFollowingChannel(CardClient client) : ICardChannel
{
    public ResponseApdu Transmit(byte[] command) => client.Send(command);
}
