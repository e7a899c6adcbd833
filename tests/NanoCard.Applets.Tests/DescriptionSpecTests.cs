using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Juki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Os.Description;

namespace NanoCard.Applets.Tests;

/// <summary>
/// The AP descriptions the card is built from against the tables of docs/apdu-spec.md (§8 gen1,
/// §13 gen2): every file, PIN and key with its FID, SFI, size and the PINs that open it, both
/// ways, so neither the document nor a description can change alone.
/// </summary>
public sealed class DescriptionSpecTests
{
    private static readonly Dictionary<string, ushort> DfOf = new()
    {
        ["JPKI"] = JpkiAp.DfId, ["Text"] = TextAp.DfId, ["Visual"] = VisualAp.DfId, ["Juki"] = JukiAp.DfId, ["Common"] = CommonAp.DfId,
    };

    public static TheoryData<byte> Profiles => new() { MynaCard.Gen1, MynaCard.Gen2 };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Files_are_the_documented_ones(byte profile)
    {
        ApduSpec.ProfileSpec spec = Spec(profile);
        var documented = spec.Files.Select(f => $"{f.Ap} {f.Fid:X4} SFI {f.Sfi:X2} {f.Size} bytes, read {Pins(f.ReadNeeds)}").Order();
        var described = Entries(profile, e => e.Kind is EntryKind.TransparentEf or EntryKind.RecordEf)
            .Select(x => $"{x.Ap} {x.E.Fid:X4} SFI {x.E.Sfi:X2} {x.E.Size} bytes, read {Pins(x.E.Read)}").Order();
        Assert.Equal(documented, described);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Pins_are_the_documented_ones(byte profile)
    {
        ApduSpec.ProfileSpec spec = Spec(profile);
        var documented = spec.Pins.Select(p => $"{p.Ap} {p.Fid:X4} SFI {p.Sfi:X2}").Order();
        var described = Entries(profile, e => e.IsPin).Select(x => $"{x.Ap} {x.E.Fid:X4} SFI {x.E.Sfi:X2}").Order();
        Assert.Equal(documented, described);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Keys_are_the_documented_ones(byte profile)
    {
        ApduSpec.ProfileSpec spec = Spec(profile);
        var documented = spec.Keys.Select(k => $"{k.Ap} {k.Fid:X4} SFI {k.Sfi:X2}, use {Pins(k.Needs)}").Order();
        var described = Entries(profile, e => e.IsKey).Select(x => $"{x.Ap} {x.E.Fid:X4} SFI {x.E.Sfi:X2}, use {Pins(x.E.Read)}").Order();
        Assert.Equal(documented, described);
    }

    [Fact]
    public void Every_ap_is_selected_by_the_aid_its_description_gives()
    {
        foreach ((string ap, ushort df) in DfOf)
        {
            ApDescription d = MynaCard.Describe(MynaCard.Gen2).Single(x => x.DfId == df);
            Assert.Equal(ApduSpec.Aids[ap], d.Aid);
        }
    }

    private static ApduSpec.ProfileSpec Spec(byte profile) => profile == MynaCard.Gen2 ? ApduSpec.Gen2 : ApduSpec.Gen1;

    private static IEnumerable<(string Ap, EntryDescription E)> Entries(byte profile, Func<EntryDescription, bool> which) =>
        from d in MynaCard.Describe(profile)
        from pair in DfOf.Where(p => p.Value == d.DfId)
        from e in d.Entries.Where(which)
        select (pair.Key, e);

    private static string Pins(int[] fids) => fids.Length == 0 ? "free" : string.Join(" or ", fids.Order().Select(f => f.ToString("X4")));

    private static string Pins(AccessDescription rule) =>
        rule.IsAlways ? "free" : rule.IsNever ? "never" : string.Join(" or ", Enumerable.Range(0, rule.PinCount).Select(i => (int)rule.PinAt(i)).Order().Select(f => f.ToString("X4")));
}
