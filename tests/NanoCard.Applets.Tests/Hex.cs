using System.Text;

namespace NanoCard.Applets.Tests;

/// <summary>Helpers to write APDUs the way the reference prints them.</summary>
public static class Hex
{
    public static string Of(byte[] bytes) => Convert.ToHexString(bytes);

    public static string Ascii(string s) => Convert.ToHexString(Encoding.ASCII.GetBytes(s));

    /// <summary><c>00 20 00 P2 Lc value</c>.</summary>
    public static string Verify(int p2, string value) => $"002000{p2:X2}{value.Length:X2}{Ascii(value)}";

    public static string SelectEf(int fid) => $"00A4020C02{fid:X4}";

    public static string SelectAid(byte[] aid) => $"00A4040C{aid.Length:X2}{Of(aid)}";
}
