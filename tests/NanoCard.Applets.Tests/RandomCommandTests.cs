using System.Text.RegularExpressions;
using NanoCard.Applets.CardManager;
using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>
/// Random commands (fixed seeds) to every AP of an issued card: each gets a documented status word
/// (apdu-spec §7), never 6F00, no reply ever carries the signing password, and the card still
/// serves a normal client session afterwards.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed partial class RandomCommandTests(IssuedCardFixture fixture)
{
    private static readonly byte[] Classes = [0x00, 0x80, 0x10, 0x90, 0x0C, 0x84, 0x01, 0xFF];
    /// <summary>Every instruction the card knows (gen2's <c>2C</c> and <c>3C</c> included) and GET RESPONSE.</summary>
    private static readonly byte[] Instructions = [0xA4, 0xB0, 0xB2, 0xD6, 0x20, 0x24, 0x2C, 0x2A, 0x32, 0x3C, 0x46, 0x0E, 0xE2, 0x84, 0x82, 0x88, 0xCA, 0xDA, 0xD8, 0xF0, 0xC0];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_commands_get_documented_answers(int seed) => Campaign(fixture.NewCard(), fixture.Persona, seed);

    /// <summary>
    /// 2000 random commands; then, after a power cycle, the card still answers a normal session.
    /// No reply carries the password or the PUK (the only secrets long enough to find by search).
    /// </summary>
    internal static void Campaign(TestCard card, Persona persona, int seed)
    {
        var random = new Random(seed);
        HashSet<ushort> documented = DocumentedStatusWords();
        byte[][] aids = [.. ApduSpec.Aids.Values, CardManagerApplet.Aid];
        byte[] password = System.Text.Encoding.ASCII.GetBytes(persona.SignPassword);
        byte[] puk = System.Text.Encoding.ASCII.GetBytes(persona.Puk);
        for (int i = 0; i < 2000; i++)
        {
            if (i % 50 == 0)
            {
                card.Send(Apdus.SelectAid(aids[random.Next(aids.Length)]));
            }
            byte[] command = RandomCommand(random);
            ResponseApdu reply = card.Send(command);
            Assert.True(documented.Contains(Normalize(reply.Sw)), $"{Convert.ToHexString(command)} answered {reply.Sw:X4}");
            Assert.False(reply.Data.AsSpan().IndexOf(password) >= 0, "the password left the card");
            Assert.False(reply.Data.AsSpan().IndexOf(puk) >= 0, "the PUK left the card");
        }
        TestCard after = card.PowerCycle();
        Assert.Equal(0x9000, after.Sw(Apdus.SelectAid(ApduSpec.Aids["JPKI"])));
        Assert.Equal(0x9000, after.Sw(Hex.Verify(0x98, persona.Pin)));
        Assert.Equal(0x9000, after.Send(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([1]))).Sw);
    }

    private static byte[] RandomCommand(Random random)
    {
        byte cla = random.Next(4) == 0 ? (byte)random.Next(256) : Classes[random.Next(Classes.Length)];
        byte ins = random.Next(4) == 0 ? (byte)random.Next(256) : Instructions[random.Next(Instructions.Length)];
        byte[] header = [cla, ins, (byte)random.Next(256), (byte)(random.Next(2) == 0 ? 0x80 | random.Next(32) : random.Next(256))];
        return random.Next(6) switch
        {
            0 => header,
            1 => [.. header, (byte)random.Next(256)],
            2 => [.. header, .. Data(random, random.Next(1, 40))],
            3 => [.. header, .. Data(random, random.Next(1, 300)), (byte)random.Next(256)],
            4 => [.. header, 0x00, (byte)random.Next(2), (byte)random.Next(256)],
            _ => [.. header, .. RandomBytes(random, random.Next(0, 12))],
        };
    }

    /// <summary>Lc and that many bytes (Lc 0 and more than 255 become malformed frames on purpose).</summary>
    private static byte[] Data(Random random, int length) => [(byte)length, .. RandomBytes(random, length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>61xx, 63Cx and 6Cxx stand for their families in the table.</summary>
    private static ushort Normalize(ushort sw) => (sw >> 8) switch
    {
        0x61 or 0x6C => (ushort)(sw & 0xFF00),
        0x63 when (sw & 0xF0) == 0xC0 => 0x63C0,
        _ => sw,
    };

    private static HashSet<ushort> DocumentedStatusWords()
    {
        string spec = File.ReadAllText(Path.Combine(ApduSpec.RepositoryRoot(), "docs", "apdu-spec.md"));
        var words = StatusRow().Matches(spec).Select(m => Convert.ToUInt16(m.Groups[1].Value.Replace("xx", "00", StringComparison.Ordinal).Replace("Cx", "C0", StringComparison.Ordinal), 16)).ToHashSet();
        words.Remove(0x6F00);
        return words;
    }

    [GeneratedRegex(@"^\| `([0-9A-F]{2}[0-9A-Fx]{2})` \| `\w+` \|", RegexOptions.Multiline)]
    private static partial Regex StatusRow();
}

/// <summary>The same campaign on an issued gen2 card.</summary>
[Collection(Gen2.Gen2CardCollection.Name)]
public sealed class Gen2RandomCommandTests(Gen2.Gen2CardFixture fixture)
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_commands_get_documented_answers(int seed) => RandomCommandTests.Campaign(fixture.NewCard(), fixture.Persona, seed);
}
