using System.Globalization;
using NanoCard.Os.Runtime;

namespace NanoCard.Os.Tests;

/// <summary>A reply as the reader sees it.</summary>
public sealed record Reply(byte[] Data, ushort Sw)
{
    public string Hex => Convert.ToHexString(Data);
    public override string ToString() => $"{Hex} {Sw:X4}";
}

/// <summary>A card with the test applets installed, driven by hex command strings.</summary>
public sealed class CardHarness
{
    public static readonly byte[] MainAid = Convert.FromHexString("F04E430001");
    public static readonly byte[] LongerAid = Convert.FromHexString("F04E43000102");
    public static readonly byte[] RefusingAid = Convert.FromHexString("F04E430009");

    private readonly byte[] response;

    public CardHarness(CardConfig? config = null)
    {
        Card = new CardRuntime(config ?? CardConfig.Desktop());
        Main = new TestApplet();
        Longer = new TestApplet();
        Refusing = new TestApplet(acceptSelect: false);
        Card.Install(Main, MainAid, 0, (byte)MainAid.Length);
        Card.Install(Longer, LongerAid, 0, (byte)LongerAid.Length);
        Card.Install(Refusing, RefusingAid, 0, (byte)RefusingAid.Length);
        response = new byte[Math.Min(Card.Config.MaxResponseFrame, 65536) + 2];
    }

    public CardRuntime Card { get; }
    public TestApplet Main { get; }
    public TestApplet Longer { get; }
    public TestApplet Refusing { get; }

    public Reply Send(string hex) => Send(Convert.FromHexString(hex.Replace(" ", "")));

    public Reply Send(byte[] command)
    {
        int n = Card.Transmit(command, command.Length, response);
        Assert.InRange(n, 2, response.Length);
        return new Reply(response[..(n - 2)], (ushort)((response[n - 2] << 8) | response[n - 1]));
    }

    public ushort Sw(string hex) => Send(hex).Sw;

    public Reply SelectMain() => Send("00A4040C05" + Convert.ToHexString(MainAid));

    public static string Hex(int value, int bytes) => value.ToString("X" + (bytes * 2), CultureInfo.InvariantCulture);
}
