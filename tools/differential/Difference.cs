namespace NanoCard.Differential;

/// <summary>Two engines gave different answers to the same case; the message names them and the values.</summary>
public sealed class Difference(string message) : Exception(message)
{
    public static void Check(bool agree, string what)
    {
        if (!agree)
        {
            throw new Difference(what);
        }
    }

    public static void Equal(byte[] expected, byte[] actual, string what) =>
        Check(expected.AsSpan().SequenceEqual(actual), $"{what}: {Convert.ToHexString(expected)} ≠ {Convert.ToHexString(actual)}");
}
