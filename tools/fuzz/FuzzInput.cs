namespace NanoCard.Fuzz;

/// <summary>
/// The harness's input format: one byte choosing the card (even: the issued gen1 card, odd: the
/// issued gen2 card), then command APDUs, each a 2-byte big-endian length and its bytes. A length
/// running past the end takes what is left; zero-length records are skipped. A record that starts
/// with FF (a class byte no command has) steers the harness instead: <c>FF 53 level KVN ENC MAC DEK</c>
/// opens an SCP03 session on the selected applet, after which commands go wrapped, and <c>FF 45</c>
/// ends it (the spec's <c>= session</c> and <c>= end</c> lines), so the fuzzer reaches what only a
/// session reaches (card content management, docs/apdu-spec.md §11.2).
/// </summary>
public static class FuzzInput
{
    public const byte Steer = 0xFF;
    public const byte OpenSession = 0x53;
    public const byte EndSession = 0x45;

    /// <summary>The record of a spec line <c>= session test 13</c> or <c>= session KVN ENC MAC DEK 13</c>, or <c>= end</c>.</summary>
    public static byte[] SessionRecord(string line)
    {
        string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 2 && words[1] == "end")
        {
            return [Steer, EndSession];
        }
        byte level = Convert.FromHexString(words[^1])[0];
        byte[] keys = words[2] == "test"
            ? [Os.SecureChannel.Scp03KeySet.TestVersion, .. Os.SecureChannel.Scp03KeySet.TestKey, .. Os.SecureChannel.Scp03KeySet.TestKey, .. Os.SecureChannel.Scp03KeySet.TestKey]
            : Convert.FromHexString(string.Concat(words[2..^1]));
        return [Steer, OpenSession, level, .. keys];
    }

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
