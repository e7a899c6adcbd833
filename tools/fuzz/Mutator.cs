namespace NanoCard.Fuzz;

/// <summary>
/// The byte-level mutations of the bounded campaign in ./test.sh and of <c>--bench</c>'s inputs:
/// 1–4 of flip a bit, set a byte, insert a byte, delete a byte, or splice in another seed's tail.
/// Byte 0 (the card choice) is left alone. AFL++ does far more; this is the reproducible part.
/// </summary>
public static class Mutator
{
    public static byte[] Mutate(Random random, byte[] seed, byte[] other)
    {
        var bytes = new List<byte>(seed);
        for (int n = random.Next(1, 5); n > 0 && bytes.Count > 1; n--)
        {
            int at = random.Next(1, bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    bytes.AddRange(other.Skip(random.Next(1, Math.Max(2, other.Length))));
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary><paramref name="count"/> mutants of seeds chosen at random, the same for the same <paramref name="seed"/>.</summary>
    public static List<byte[]> Mutants(byte[][] seeds, int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new List<byte[]>(count);
        for (int i = 0; i < count; i++)
        {
            inputs.Add(Mutate(random, seeds[random.Next(seeds.Length)], seeds[random.Next(seeds.Length)]));
        }
        return inputs;
    }
}
