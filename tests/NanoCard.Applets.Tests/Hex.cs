using System.Text;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>Helpers to write APDUs the way the reference prints them.</summary>
public static class Hex
{
    public static string Of(byte[] bytes) => Convert.ToHexString(bytes);

    public static string Ascii(string s) => Convert.ToHexString(Encoding.ASCII.GetBytes(s));

    /// <summary><c>00 20 00 P2 Lc value</c> (<see cref="Apdus.Verify"/> with an ASCII value).</summary>
    public static string Verify(int p2, string value) => Of(Apdus.Verify((byte)p2, Encoding.ASCII.GetBytes(value)));

    public static string SelectEf(int fid) => Of(Apdus.SelectEf(fid));

    public static string SelectAid(byte[] aid) => Of(Apdus.SelectAid(aid));
}
