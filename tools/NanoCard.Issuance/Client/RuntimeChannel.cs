using NanoCard.Os.Runtime;

namespace NanoCard.Issuance;

/// <summary>The in-process channel: APDUs go straight to a <see cref="CardRuntime"/>.</summary>
public sealed class RuntimeChannel(CardRuntime card) : ICardChannel
{
    private readonly byte[] response = new byte[Math.Min(card.Config.MaxResponseFrame, 65536) + 2];

    public ResponseApdu Transmit(byte[] command)
    {
        int n = card.Transmit(command, command.Length, response);
        return new ResponseApdu(response[..(n - 2)], (ushort)((response[n - 2] << 8) | response[n - 1]));
    }
}
