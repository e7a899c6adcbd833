namespace NanoCard.Fuzz;

/// <summary>
/// The harness's input format: one byte choosing the card (even: the issued gen1 card, odd: the
/// issued gen2 card), then command APDUs, each a 2-byte big-endian length and its bytes. A length
/// running past the end takes what is left; zero-length records are skipped.
/// </summary>
public static class FuzzInput
{
    public static bool IsGen2(ReadOnlySpan<byte> input) => input.Length > 0 && (input[0] & 1) == 1;

    public static List<byte[]> Commands(ReadOnlySpan<byte> input)
    {
        var commands = new List<byte[]>();
        int at = 1;
        while (at + 2 <= input.Length)
        {
            int length = Math.Min((input[at] << 8) | input[at + 1], input.Length - at - 2);
            at += 2;
            if (length > 0)
            {
                commands.Add(input.Slice(at, length).ToArray());
            }
            at += length;
        }
        return commands;
    }

    public static byte[] Encode(bool gen2, IEnumerable<byte[]> commands)
    {
        var bytes = new List<byte> { gen2 ? (byte)1 : (byte)0 };
        foreach (byte[] command in commands)
        {
            bytes.Add((byte)(command.Length >> 8));
            bytes.Add((byte)command.Length);
            bytes.AddRange(command);
        }
        return [.. bytes];
    }
}
