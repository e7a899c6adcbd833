using System.Text.Json;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// The access matrix for an installed AP, read from its description: every EF and key against
/// nothing verified, each PIN alone, both PINs, after re-SELECT and after a reset; UPDATE BINARY
/// against each EF's update rule — as <see cref="AccessRuleTests{TTables}"/> does for the
/// built-in APs from docs/apdu-spec.md's tables.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class InstalledAccessMatrixTests(IssuedCardFixture fixture)
{
    private const string Aid = "F04E616E6F4D6174726978";
    private static readonly Dictionary<string, string> PinValues = new() { ["0011"] = "1234", ["0012"] = "87654321" };
    private static readonly string[][] PinSets = [[], ["0011"], ["0012"], ["0011", "0012"]];

    private static readonly Lazy<ApDescriptionFile> Matrix = new(() => new ApDescriptionFile(Aid, "1100",
    [
        new ApEntryFile("pin", "0011", 1, Format: new PinFormatFile(4, 4, "digits"), Value: "1234", TryLimit: 3),
        new ApEntryFile("pin", "0012", 2, Format: new PinFormatFile(8, 8, "digits"), Value: "87654321", TryLimit: 5),
        Ef("transparent", "0001", 3, "\"always\"", "[\"0011\"]"),
        Ef("transparent", "0002", 4, "\"never\"", null),
        Ef("transparent", "0003", 5, "[\"0011\"]", "[\"0012\"]"),
        Ef("transparent", "0004", 6, "[\"0012\"]", "\"always\""),
        Ef("transparent", "0005", 7, "[\"0011\",\"0012\"]", null),
        Ef("records", "0006", 8, "[\"0012\"]", null) with { Records = ["0A0B"] },
        new ApEntryFile("ec-key", "0007", 9, Use: Json("[\"0012\"]"), Curve: "p256"),
        new ApEntryFile("ec-key", "0008", 10, Use: Json("\"always\""), Curve: "p256"),
    ]));

    private static ApEntryFile Ef(string kind, string fid, int sfi, string read, string? update) =>
        new(kind, fid, sfi, Size: 8, Read: Json(read), Update: update is null ? null : Json(update), Content: kind == "transparent" ? "0102030405060708" : null);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private byte[]? image;

    /// <summary>A card with the matrix AP installed by the police domain and personalized (made once per test).</summary>
    private TestCard NewCard()
    {
        if (image is null)
        {
            TestCard card = fixture.NewCard();
            ContentCard.CreateDomains(card);
            DomainSession police = ContentCard.Police(card);
            police.InstallAp(Matrix.Value);
            police.Personalize(Matrix.Value);
            image = card.Nvm.Snapshot();
        }
        return new TestCard(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize));
    }

    [Fact]
    public void Every_ef_and_key_opens_exactly_with_the_pins_its_rule_names()
    {
        foreach (string[] verified in PinSets)
        {
            TestCard card = NewCard();
            SelectAndVerify(card, verified);
            foreach (ApEntryFile e in Matrix.Value.Entries.Where(e => e.Kind is "transparent" or "records" or "ec-key"))
            {
                bool opens = Opens(e.Read ?? e.Use, verified);
                ushort sw = e.Kind == "ec-key" ? Sign(card, e) : Read(card, e);
                Assert.True((opens ? 0x9000 : 0x6982) == sw, $"{e.Kind} {e.Fid} with [{string.Join(",", verified)}]: {sw:X4}");
            }
        }
    }

    [Fact]
    public void Re_select_and_reset_close_everything_a_pin_opened()
    {
        TestCard card = NewCard();
        SelectAndVerify(card, ["0011", "0012"]);
        Assert.Equal(0x9000, card.Sw("00A4040C0B" + Aid));
        AssertOnlyFreeOpen(card);
        SelectAndVerify(card, ["0011", "0012"]);
        card = card.PowerCycle();
        Assert.Equal(0x9000, card.Sw("00A4040C0B" + Aid));
        AssertOnlyFreeOpen(card);
    }

    [Fact]
    public void Update_binary_follows_each_efs_update_rule()
    {
        foreach (string[] verified in PinSets)
        {
            TestCard card = NewCard();
            SelectAndVerify(card, verified);
            foreach (ApEntryFile e in Matrix.Value.Entries.Where(e => e.Kind == "transparent"))
            {
                bool allowed = Opens(e.Update, verified);
                ushort sw = card.Sw($"00D6{0x80 | e.Sfi:X2}0001FF");
                Assert.True((allowed ? 0x9000 : 0x6982) == sw, $"UPDATE BINARY {e.Fid} with [{string.Join(",", verified)}]: {sw:X4}");
            }
            // A record EF is not transparent: UPDATE BINARY does not fit it.
            Assert.Equal(0x6981, card.Sw("00D6880001FF"));
        }
    }

    private static void AssertOnlyFreeOpen(TestCard card)
    {
        foreach (ApEntryFile e in Matrix.Value.Entries.Where(e => e.Kind is "transparent" or "records"))
        {
            Assert.Equal(Opens(e.Read, []) ? 0x9000 : 0x6982, Read(card, e));
        }
    }

    private static void SelectAndVerify(TestCard card, string[] pins)
    {
        Assert.Equal(0x9000, card.Sw("00A4040C0B" + Aid));
        foreach (string fid in pins)
        {
            ApEntryFile pin = Matrix.Value.Entries.Single(e => e.Fid == fid);
            Assert.Equal(0x9000, card.Sw(Apdus.Verify((byte)(0x80 | pin.Sfi), System.Text.Encoding.ASCII.GetBytes(PinValues[fid]))));
        }
    }

    private static bool Opens(JsonElement? rule, string[] verified)
    {
        if (rule is not JsonElement r)
        {
            return false;
        }
        if (r.ValueKind == JsonValueKind.String)
        {
            return r.GetString() == "always";
        }
        return r.EnumerateArray().Any(p => verified.Contains(p.GetString()));
    }

    private static ushort Read(TestCard card, ApEntryFile e) =>
        e.Kind == "records" ? card.Send(Apdus.ReadRecord(1, (byte)e.Sfi)).Sw : card.Send($"00B0{0x80 | e.Sfi:X2}0008").Sw;

    private static ushort Sign(TestCard card, ApEntryFile e) =>
        card.Send(Apdus.ComputeSignature((byte)(0x80 | e.Sfi), new byte[32])).Sw;
}
