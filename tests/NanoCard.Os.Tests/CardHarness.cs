using System.Globalization;
using NanoCard.Hal.Host.Storage;
using NanoCard.Hal.Storage;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests;

/// <summary>A reply as the reader sees it.</summary>
public sealed record Reply(byte[] Data, ushort Sw)
{
    public string Hex => Convert.ToHexString(Data);
    public override string ToString() => $"{Hex} {Sw:X4}";
}

/// <summary>
/// A card with the test applets installed, driven by hex command strings. Constructing one is a
/// power-up: over a fresh memory it formats the store and personalizes the applets; over a memory
/// that already holds a card it finds the applets' objects where the first power-up made them.
/// </summary>
public sealed class CardHarness
{
    public static readonly byte[] MainAid = Convert.FromHexString("F04E430001");
    public static readonly byte[] LongerAid = Convert.FromHexString("F04E43000102");
    public static readonly byte[] RefusingAid = Convert.FromHexString("F04E430009");

    private readonly byte[] response;

    /// <summary>Where the store's salts and nonces come from.</summary>
    public NanoCard.Hal.Host.Crypto.SeededRandom Random { get; }

    public CardHarness(CardConfig? config = null)
        : this(NewMemory(), config, personalize: true)
    {
    }

    /// <summary>Powers up over <paramref name="nvm"/>; applets are installed only when the store is healthy.</summary>
    /// <param name="random">Salts and nonces (a fresh <see cref="NanoCard.Hal.Host.Crypto.SeededRandom"/> unless given: every power-up draws the same).</param>
    public CardHarness(INvm nvm, CardConfig? config = null, bool personalize = false, NanoCard.Hal.Host.Crypto.SeededRandom? random = null)
    {
        Nvm = nvm;
        Random = random ?? new NanoCard.Hal.Host.Crypto.SeededRandom(1);
        Store = new CardStore(nvm, StoreLayout.WithSize(nvm.Size, nvm.PageSize), new SecretSeal(new NanoCard.Hal.Host.Crypto.HostCrypto(Random), null));
        Card = new CardRuntime(config ?? CardConfig.Desktop(), Store, new NanoCard.Hal.Host.Crypto.SystemRandom());
        response = new byte[Math.Min(Card.Config.MaxResponseFrame, 65536) + 2];
        if (!Store.IsHealthy)
        {
            Main = Longer = Refusing = null!;
            return;
        }
        Main = new TestApplet(Store, 1);
        Longer = new TestApplet(Store, 2);
        Refusing = new TestApplet(Store, 3, acceptSelect: false);
        Card.Install(Main, MainAid, 0, (byte)MainAid.Length);
        Card.Install(Longer, LongerAid, 0, (byte)LongerAid.Length);
        Card.Install(Refusing, RefusingAid, 0, (byte)RefusingAid.Length);
        if (personalize)
        {
            Assert.Equal(Os.Sw.NoError, Main.Personalize());
            Assert.Equal(Os.Sw.NoError, Longer.Personalize());
            Assert.Equal(Os.Sw.NoError, Refusing.Personalize());
        }
    }

    /// <summary>A blank memory of the default size and page size.</summary>
    public static RamNvm NewMemory() => new(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);

    public INvm Nvm { get; }
    public CardStore Store { get; }
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
