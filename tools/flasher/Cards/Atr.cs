namespace NanoCard.Flasher.Cards;

/// <summary>
/// The ATR the simulator reports: <c>3B 8K 80 01 hist TCK</c>, the form PC/SC readers build for
/// contactless cards (PC/SC part 3, ISO/IEC 7816-3 §8.2): T=1 only, K historical bytes from the
/// card manager (tag 5F52), TCK = XOR of T0…last byte.
/// </summary>
public static class Atr
{
    public static byte[] Build(ReadOnlySpan<byte> historical)
    {
        if (historical.Length > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(historical), "at most 15 historical bytes");
        }
        byte[] atr = [0x3B, (byte)(0x80 | historical.Length), 0x80, 0x01, .. historical, 0];
        byte check = 0;
        for (int i = 1; i < atr.Length - 1; i++)
        {
            check ^= atr[i];
        }
        atr[^1] = check;
        return atr;
    }
}
