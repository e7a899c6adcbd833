using CsCheck;
using NanoCard.Os.Description;

namespace NanoCard.Os.Tests.Description;

/// <summary>
/// The description INSTALL carries (docs/apdu-spec.md §11.2, <see cref="DescriptionCodec"/>):
/// what it builds, what makes it invalid, and that no input makes it throw.
/// </summary>
public sealed class DescriptionCodecTests
{
    private static readonly byte[] Aid = Convert.FromHexString("F04E616E6F4C6963656E6365");

    /// <summary>DF 1001: PIN 0011 (SFI 1, 4 digits, 3–5 tries), EF 0001 (SFI 2, 16 bytes, always), EF 0002 (64 bytes, PIN 0011), EC key 0004 (PIN 0011).</summary>
    private const string Valid = "82021001"
        + "A113" + "800103" + "83020011" + "880101" + "8903040401" + "8A020305"
        + "A111" + "800101" + "83020001" + "880102" + "81020010" + "860100"
        + "A10F" + "800101" + "83020002" + "81020040" + "86020011"
        + "A10E" + "800106" + "83020004" + "880105" + "86020011";

    private static ApDescription? Decode(string hex, short cardPinFid = 0)
    {
        byte[] data = Convert.FromHexString(hex);
        return DescriptionCodec.Decode(Aid, data, 0, (short)data.Length, cardPinFid);
    }

    [Fact]
    public void A_valid_description_builds_every_entry_with_its_rules()
    {
        ApDescription d = Decode(Valid)!;
        Assert.Equal(0x1001, d.DfId);
        Assert.Equal(Aid, d.Aid);
        Assert.Equal([EntryKind.Pin, EntryKind.TransparentEf, EntryKind.TransparentEf, EntryKind.EcKey], d.Entries.Select(e => e.Kind));
        EntryDescription pin = d.FindByFid(0x0011)!;
        Assert.Equal((byte)3, pin.MinTries);
        Assert.Equal((byte)5, pin.MaxTries);
        Assert.Equal((byte)4, pin.Format.MaxLength);
        Assert.True(d.FindBySfi(2)!.Read.IsAlways);
        Assert.Equal((short)0x0011, d.FindByFid(0x0002)!.Read.PinAt(0));
        Assert.True(d.FindByFid(0x0002)!.Update.IsNever);
        Assert.Equal((short)64, d.FindByFid(0x0002)!.Size);
        Assert.Equal((short)0x0011, d.FindByFid(0x0004)!.Read.PinAt(0));
    }

    /// <summary>An entry TLV (A1) of the given TLVs, its length computed.</summary>
    private static string Entry(params string[] tlvs) => Tlv("A1", string.Concat(tlvs));

    private static string Tlv(string tag, string value) => tag + (value.Length / 2).ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + value;

    private const string Df = "82021001";
    private const string Pin11 = "800103" + "83020011" + "880101" + "8903040401";
    private const string Ef1 = "800101" + "83020001" + "880102" + "81020010";

    /// <summary>The building blocks the invalid cases change one thing of: valid as they stand.</summary>
    [Fact]
    public void The_cases_below_differ_from_a_valid_description_in_one_thing()
    {
        Assert.NotNull(Decode(Df + Entry(Pin11) + Entry(Ef1, "86020011")));
        Assert.NotNull(Decode(Df + Entry(Pin11, "8A020305") + Entry(Ef1, "860100", "870100")));
        Assert.NotNull(Decode(Df + string.Concat(Enumerable.Range(1, 16).Select(i => Entry("800101", $"8302{i:X4}", "81020001")))));
        Assert.NotNull(Decode(Df + Entry("800102", "83020001", "81020003")));
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "DF id of a built-in AP", "82020010" + Entry(Ef1) },
        { "DF id among the domains'", "8202E001" + Entry(Ef1) },
        { "no entries", Df },
        { "a truncated TLV", (Df + Entry(Ef1))[..^2] },
        { "bytes after the last TLV", Df + Entry(Ef1) + "00" },
        { "an unknown tag in an entry", Df + Entry(Ef1, "FF0100") },
        { "an EF without a size", Df + Entry("800101", "83020001") },
        { "a size of 0", Df + Entry("800101", "83020001", "81020000") },
        { "a FID used twice", Df + Entry(Ef1) + Entry("800101", "83020001", "81020010") },
        { "an SFI used twice", Df + Entry(Ef1) + Entry("800101", "83020002", "880102", "81020010") },
        { "an SFI of 31", Df + Entry("800101", "83020001", "88011F", "81020010") },
        { "a reserved FID", Df + Entry("800101", "8302FFFE", "81020010") },
        { "the MF's FID", Df + Entry("800101", "83023F00", "81020010") },
        { "a rule naming a PIN described later", Df + Entry(Ef1, "86020011") + Entry(Pin11) },
        { "a rule naming an EF", Df + Entry(Ef1) + Entry("800101", "83020002", "81020010", "86020001") },
        { "a rule of an odd length", Df + Entry(Pin11) + Entry(Ef1, "8603001100") },
        { "a record EF of 2 bytes (no room for its count and a record's length; found by the AFL++ campaign: 6F00 at INSTALL)", Df + Entry("800102", "83020001", "81020002") },
        { "a record EF of 1 byte", Df + Entry("800102", "83020001", "81020001") },
        { "an update rule on a record EF", Df + Entry("800102", "83020001", "81020010", "870100") },
        { "a PIN without a format", Df + Entry("800103", "83020011") },
        { "a PIN with a read rule", Df + Entry(Pin11, "860100") },
        { "a PIN try range above 15", Df + Entry(Pin11, "8A020310") },
        { "a PIN of an unknown charset", Df + Entry("800103", "83020011", "8903040403") },
        { "the card PIN on a card without one", Df + Entry("800104", "83020011") },
        { "an unknown kind", Df + Entry("800109", "83020001") },
        { "a repeated tag", Df + Entry(Ef1, "81020010") },
        { "a long-form length the reader does not take", Df + "A182000100" },
        { "seventeen entries", Df + string.Concat(Enumerable.Range(1, 17).Select(i => Entry("800101", $"8302{i:X4}", "81020001"))) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_description_decodes_to_nothing(string why, string hex)
    {
        Assert.True(Decode(hex) is null, why);
    }

    [Fact]
    public void The_card_pin_kind_shows_the_shared_pin_only_where_the_card_has_one()
    {
        const string shared = "82021001A10A800104830200118801" + "01";
        Assert.Null(Decode(shared));
        EntryDescription pin = Decode(shared, cardPinFid: 0x0001)!.Entries[0];
        Assert.Equal(EntryKind.SharedPin, pin.Kind);
        Assert.Equal((short)0x0001, pin.SharedFid);
    }

    [Fact]
    public void No_input_makes_it_throw()
    {
        byte[] valid = Convert.FromHexString(Valid);
        Gen.Select(Gen.Byte.Array[0, 120], Gen.Int[0, valid.Length], Gen.Byte)
            .Sample((noise, at, value) =>
            {
                // Random bytes, and the valid description with one byte changed: both must just decode or not.
                DescriptionCodec.Decode(Aid, noise, 0, (short)noise.Length, 1);
                byte[] mutated = (byte[])valid.Clone();
                mutated[Math.Min(at, mutated.Length - 1)] = value;
                DescriptionCodec.Decode(Aid, mutated, 0, (short)mutated.Length, 1);
            }, iter: 20000);
    }
}
