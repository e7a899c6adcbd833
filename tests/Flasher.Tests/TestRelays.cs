using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>A relay on the holder's machine that keeps every command and response it forwards.</summary>
internal sealed class RecordingRelay(ICardChannel card) : ICardChannel
{
    public List<(byte[] Command, ResponseApdu Response)> Forwarded { get; } = [];

    public ResponseApdu Transmit(byte[] command)
    {
        ResponseApdu response = card.Transmit(command);
        Forwarded.Add((command, response));
        return response;
    }
}

/// <summary>
/// A relay that flips one bit (chosen by <paramref name="seed"/>) of command number
/// <paramref name="index"/> (from 0) on its way to the card: in its header, Lc or data, what the
/// C-MAC covers. A trailing Le is left alone: SCP03 does not MAC it (GlobalPlatform Amendment D
/// §6.2.4), and another Le only cuts the reply differently, which the R-MAC over the whole reply covers.
/// </summary>
internal sealed class BitFlippingRelay(ICardChannel card, int index, int seed) : ICardChannel
{
    private int count;

    public ResponseApdu Transmit(byte[] command)
    {
        if (count++ == index)
        {
            var random = new Random(seed);
            int covered = command.Length > 5 ? Math.Min(command.Length, 5 + command[4]) : Math.Min(command.Length, 4);
            command = (byte[])command.Clone();
            command[random.Next(covered)] ^= (byte)(1 << random.Next(8));
        }
        return card.Transmit(command);
    }
}

/// <summary>A relay killed after forwarding <paramref name="commands"/> commands: the card answered the last one, the service never hears it.</summary>
internal sealed class DyingRelay(ICardChannel card, int commands) : ICardChannel
{
    private int count;

    public ResponseApdu Transmit(byte[] command)
    {
        ResponseApdu response = card.Transmit(command);
        return ++count == commands ? throw new IOException("relay killed") : response;
    }
}
