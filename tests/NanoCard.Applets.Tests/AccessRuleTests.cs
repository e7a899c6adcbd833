using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>Which profile's tables a test class checks (a type, so that xUnit's MemberData finds the rows statically).</summary>
public interface IProfileTables
{
    static abstract ApduSpec.ProfileSpec Spec { get; }
}

public sealed class Gen1Tables : IProfileTables
{
    public static ApduSpec.ProfileSpec Spec => ApduSpec.Gen1;
}

public sealed class Gen2Tables : IProfileTables
{
    public static ApduSpec.ProfileSpec Spec => ApduSpec.Gen2;
}

/// <summary>gen1: docs/apdu-spec.md §8 against an issued gen1 card.</summary>
[Collection(IssuedCardCollection.Name)]
public sealed class Gen1AccessRuleTests(IssuedCardFixture fixture) : AccessRuleTests<Gen1Tables>(fixture.Persona, fixture.NewCard);

/// <summary>gen2: docs/apdu-spec.md §13 against an issued gen2 card (EC keys on P-256).</summary>
[Collection(Gen2.Gen2CardCollection.Name)]
public sealed class Gen2AccessRuleTests(Gen2.Gen2CardFixture fixture) : AccessRuleTests<Gen2Tables>(fixture.Persona, fixture.NewCard);

/// <summary>
/// Every row of a profile's tables in docs/apdu-spec.md against the card: who may read each file
/// and use each key (with nothing verified, with each PIN of the AP alone, after re-SELECT), the
/// tries of each PIN, and that the card holds exactly the entries the document lists.
/// </summary>
public abstract class AccessRuleTests<TTables>(Persona persona, Func<TestCard> newCard)
    where TTables : IProfileTables
{
    private static readonly ApduSpec.ProfileSpec Spec = TTables.Spec;

    public static TheoryData<string, int> FileRows => Pairs(Spec.Files.Select(f => (f.Ap, f.Fid)));

    public static TheoryData<string, int> KeyRows => Pairs(Spec.Keys.Select(k => (k.Ap, k.Fid)));

    public static TheoryData<string> ApNames => new(ApduSpec.Aids.Keys);

    private static TheoryData<string, int> Pairs(IEnumerable<(string, int)> rows)
    {
        var data = new TheoryData<string, int>();
        foreach (var (ap, fid) in rows)
        {
            data.Add(ap, fid);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FileRows))]
    public void File_opens_exactly_with_the_documented_pins(string ap, int fid)
    {
        ApduSpec.FileRow row = Spec.Files.Single(f => f.Ap == ap && f.Fid == fid);
        TestCard card = newCard();
        Select(card, ap);
        Assert.Equal(row.IsFree ? 0x9000 : 0x6982, Read(card, row.Sfi).Sw);
        foreach (ApduSpec.PinRow pin in Spec.PinsOf(ap))
        {
            Select(card, ap);
            VerifyRight(card, ap, pin);
            bool opens = row.IsFree || row.ReadNeeds.Contains(pin.Fid);
            Assert.True((opens ? 0x9000 : 0x6982) == Read(card, row.Sfi).Sw, $"{ap} {fid:X4} with PIN {pin.Fid:X4}");
            Select(card, ap);
            Assert.Equal(row.IsFree ? 0x9000 : 0x6982, Read(card, row.Sfi).Sw);
        }
    }

    /// <summary>Any pair of the AP's PINs verified together opens exactly what either opens alone.</summary>
    [Theory]
    [MemberData(nameof(FileRows))]
    public void File_opens_with_each_pair_of_pins_as_documented(string ap, int fid)
    {
        ApduSpec.FileRow row = Spec.Files.Single(f => f.Ap == ap && f.Fid == fid);
        foreach (var (a, b) in PinPairs(ap))
        {
            TestCard card = newCard();
            Select(card, ap);
            VerifyRight(card, ap, a);
            VerifyRight(card, ap, b);
            bool opens = row.IsFree || row.ReadNeeds.Contains(a.Fid) || row.ReadNeeds.Contains(b.Fid);
            Assert.True((opens ? 0x9000 : 0x6982) == Read(card, row.Sfi).Sw, $"{ap} {fid:X4} with PINs {a.Fid:X4} and {b.Fid:X4}");
        }
    }

    /// <summary>Any pair of the AP's PINs verified together allows exactly the keys either allows alone.</summary>
    [Theory]
    [MemberData(nameof(KeyRows))]
    public void Key_works_with_each_pair_of_pins_as_documented(string ap, int fid)
    {
        ApduSpec.KeyRow row = Spec.Keys.Single(k => k.Ap == ap && k.Fid == fid);
        foreach (var (a, b) in PinPairs(ap))
        {
            TestCard card = newCard();
            Select(card, ap);
            VerifyRight(card, ap, a);
            VerifyRight(card, ap, b);
            bool opens = row.Needs.Length == 0 || row.Needs.Contains(a.Fid) || row.Needs.Contains(b.Fid);
            Assert.True((opens ? 0x9000 : 0x6982) == UseKey(card, ap, row).Sw, $"{ap} key {fid:X4} with PINs {a.Fid:X4} and {b.Fid:X4}");
        }
    }

    /// <summary>
    /// No EF can be changed over the interface, whatever is verified: UPDATE BINARY answers 6982 on a
    /// transparent EF (its update rule is "never") and 6981 on a record EF; the content stays.
    /// </summary>
    [Theory]
    [MemberData(nameof(FileRows))]
    public void No_file_is_writable_with_every_pin_verified(string ap, int fid)
    {
        ApduSpec.FileRow row = Spec.Files.Single(f => f.Ap == ap && f.Fid == fid);
        TestCard card = newCard();
        Select(card, ap);
        foreach (ApduSpec.PinRow pin in Spec.PinsOf(ap))
        {
            VerifyRight(card, ap, pin);
        }
        ResponseApdu before = Read(card, row.Sfi);
        int sw = card.Sw($"00D6{0x80 | row.Sfi:X2}000100");
        Assert.True(sw is 0x6982 or 0x6981, $"{ap} {fid:X4}: UPDATE BINARY answered {sw:X4}");
        Assert.Equal(before.Data, Read(card, row.Sfi).Data);
    }

    /// <summary>A reset (power cycle) forgets every verification: what needs a PIN is closed again.</summary>
    [Theory]
    [MemberData(nameof(FileRows))]
    public void After_a_reset_nothing_stays_verified(string ap, int fid)
    {
        ApduSpec.FileRow row = Spec.Files.Single(f => f.Ap == ap && f.Fid == fid);
        TestCard card = newCard();
        Select(card, ap);
        foreach (ApduSpec.PinRow pin in Spec.PinsOf(ap))
        {
            VerifyRight(card, ap, pin);
        }
        TestCard after = card.PowerCycle();
        Select(after, ap);
        Assert.Equal(row.IsFree ? 0x9000 : 0x6982, Read(after, row.Sfi).Sw);
    }

    /// <summary>A blocked PIN opens nothing, and the AP's other PINs still open what they open.</summary>
    [Theory]
    [MemberData(nameof(ApNames))]
    public void A_blocked_pin_leaves_the_other_pins_working(string ap)
    {
        foreach (ApduSpec.PinRow blocked in Spec.PinsOf(ap))
        {
            TestCard card = newCard();
            Select(card, ap);
            string wrong = ApduSpec.WrongValue(persona, ap, blocked.Fid);
            for (int i = 0; i < blocked.Tries; i++)
            {
                card.Sw(Hex.Verify(0x80 | blocked.Sfi, wrong));
            }
            Assert.Equal(0x6984, card.Sw(Hex.Verify(0x80 | blocked.Sfi, ApduSpec.PinValue(persona, ap, blocked.Fid))));
            foreach (ApduSpec.PinRow other in Spec.PinsOf(ap).Where(p => p.Fid != blocked.Fid))
            {
                VerifyRight(card, ap, other);
            }
            foreach (ApduSpec.FileRow file in Spec.Files.Where(f => f.Ap == ap && !f.IsFree))
            {
                bool opens = file.ReadNeeds.Any(need => need != blocked.Fid);
                Assert.True((opens ? 0x9000 : 0x6982) == Read(card, file.Sfi).Sw, $"{ap} {file.Fid:X4} with {blocked.Fid:X4} blocked");
            }
        }
    }

    /// <summary>Transparent EFs have the documented size: an extended-Le read returns all of it.</summary>
    [Theory]
    [MemberData(nameof(FileRows))]
    public void File_has_the_documented_size(string ap, int fid)
    {
        ApduSpec.FileRow row = Spec.Files.Single(f => f.Ap == ap && f.Fid == fid);
        TestCard card = newCard();
        Select(card, ap);
        foreach (int pin in row.ReadNeeds.Take(1))
        {
            Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80 | Spec.PinsOf(ap).Single(p => p.Fid == pin).Sfi, ApduSpec.PinValue(persona, ap, pin))));
        }
        Assert.Equal(0x9000, card.Sw(Hex.SelectEf(fid)));
        ResponseApdu whole = card.Send("00B00000000000");
        if (whole.Sw == 0x6981)
        {
            return; // a record EF: its size is the capacity of its records, not readable as bytes
        }
        Assert.Equal(0x9000, whole.Sw);
        if (row.Fitted)
        {
            // Fitted at issuance to the data written: at most the described size.
            Assert.InRange(whole.Data.Length, 1, row.Size);
            return;
        }
        Assert.Equal(row.Size, whole.Data.Length);
    }

    [Theory]
    [MemberData(nameof(KeyRows))]
    public void Key_works_exactly_with_the_documented_pins(string ap, int fid)
    {
        ApduSpec.KeyRow row = Spec.Keys.Single(k => k.Ap == ap && k.Fid == fid);
        TestCard card = newCard();
        Select(card, ap);
        Assert.Equal(row.Needs.Length == 0 ? 0x9000 : 0x6982, UseKey(card, ap, row).Sw);
        foreach (ApduSpec.PinRow pin in Spec.PinsOf(ap))
        {
            Select(card, ap);
            VerifyRight(card, ap, pin);
            bool opens = row.Needs.Length == 0 || row.Needs.Contains(pin.Fid);
            Assert.True((opens ? 0x9000 : 0x6982) == UseKey(card, ap, row).Sw, $"{ap} key {fid:X4} with PIN {pin.Fid:X4}");
        }
    }

    /// <summary>Each PIN starts with its documented tries and blocks after exactly that many wrong values: 63C(n-1) … 63C0, then 6984 forever, even for the right value.</summary>
    [Theory]
    [MemberData(nameof(ApNames))]
    public void Pins_block_after_their_tries(string ap)
    {
        foreach (ApduSpec.PinRow pin in Spec.PinsOf(ap))
        {
            TestCard card = newCard();
            Select(card, ap);
            byte p2 = (byte)(0x80 | pin.Sfi);
            Assert.Equal(0x63C0 | pin.Tries, card.Sw($"002000{p2:X2}"));
            string wrong = ApduSpec.WrongValue(persona, ap, pin.Fid);
            for (int left = pin.Tries - 1; left >= 0; left--)
            {
                Assert.Equal(0x63C0 | left, card.Sw(Hex.Verify(p2, wrong)));
            }
            string right = ApduSpec.PinValue(persona, ap, pin.Fid);
            Assert.Equal(0x6984, card.Sw(Hex.Verify(p2, right)));
            TestCard after = card.PowerCycle();
            Select(after, ap);
            Assert.Equal(0x6984, after.Sw(Hex.Verify(p2, right)));
            Assert.Equal(0x63C0, after.Sw($"002000{p2:X2}"));
            foreach (ApduSpec.FileRow file in Spec.Files.Where(f => f.Ap == ap && f.ReadNeeds.SequenceEqual([pin.Fid])))
            {
                Assert.Equal(0x6982, Read(after, file.Sfi).Sw);
            }
        }
    }

    /// <summary>A correct value before the tries run out gives them all back.</summary>
    [Theory]
    [MemberData(nameof(ApNames))]
    public void A_correct_value_restores_the_tries(string ap)
    {
        foreach (ApduSpec.PinRow pin in Spec.PinsOf(ap))
        {
            TestCard card = newCard();
            Select(card, ap);
            byte p2 = (byte)(0x80 | pin.Sfi);
            Assert.Equal(0x63C0 | (pin.Tries - 1), card.Sw(Hex.Verify(p2, ApduSpec.WrongValue(persona, ap, pin.Fid))));
            Assert.Equal(0x9000, card.Sw(Hex.Verify(p2, ApduSpec.PinValue(persona, ap, pin.Fid))));
            Select(card, ap);
            Assert.Equal(0x63C0 | pin.Tries, card.Sw($"002000{p2:X2}"));
        }
    }

    /// <summary>The card holds exactly the EFs, PINs and keys the document lists: every FID 0000–00FF is tried.</summary>
    [Theory]
    [MemberData(nameof(ApNames))]
    public void The_document_lists_every_entry(string ap)
    {
        TestCard card = newCard();
        Select(card, ap);
        var present = Enumerable.Range(0, 0x100).Where(fid => card.Sw(Hex.SelectEf(fid)) == 0x9000).ToHashSet();
        var documented = Spec.Files.Where(f => f.Ap == ap).Select(f => f.Fid)
            .Concat(Spec.PinsOf(ap).Select(p => p.Fid))
            .Concat(Spec.Keys.Where(k => k.Ap == ap).Select(k => k.Fid)).ToHashSet();
        Assert.Equal(documented.Order(), present.Order());
    }

    /// <summary>VERIFY of <paramref name="pin"/> with its right value, which must succeed.</summary>
    private void VerifyRight(TestCard card, string ap, ApduSpec.PinRow pin)
        => Assert.Equal(0x9000, card.Sw(Hex.Verify(0x80 | pin.Sfi, ApduSpec.PinValue(persona, ap, pin.Fid))));

    /// <summary>Every unordered pair of the AP's PINs.</summary>
    private IEnumerable<(ApduSpec.PinRow, ApduSpec.PinRow)> PinPairs(string ap)
    {
        ApduSpec.PinRow[] pins = [.. Spec.PinsOf(ap)];
        for (int i = 0; i < pins.Length; i++)
        {
            for (int j = i + 1; j < pins.Length; j++)
            {
                yield return (pins[i], pins[j]);
            }
        }
    }

    private static void Select(TestCard card, string ap) => Assert.Equal(0x9000, card.Sw(Hex.SelectAid(ApduSpec.Aids[ap])));

    /// <summary>READ BINARY by SFI, or READ RECORD 1 by SFI for a record EF.</summary>
    private static ResponseApdu Read(TestCard card, int sfi)
    {
        ResponseApdu binary = card.Send($"00B0{0x80 | sfi:X2}0001");
        return binary.Sw == 0x6981 ? card.Send($"00B201{(sfi << 3) | 4:X2}00") : binary;
    }

    /// <summary>The key used as its "used by" cell says: INTERNAL AUTHENTICATE by SFI, COMPUTE DIGITAL SIGNATURE with P2 00 in the text AP, a hash for an ECDSA key (the fixtures' curve is P-256), else a DigestInfo.</summary>
    private static ResponseApdu UseKey(TestCard card, string ap, ApduSpec.KeyRow row)
    {
        byte p2 = (byte)(0x80 | row.Sfi);
        if (row.UsedBy.StartsWith("INTERNAL AUTHENTICATE", StringComparison.Ordinal))
        {
            return card.Send(Apdus.InternalAuthenticate(p2, [1, 2, 3, 4]));
        }
        p2 = ap == "Text" ? (byte)0x00 : p2;
        byte[] block = row.UsedBy.Contains("hash", StringComparison.Ordinal) ? new byte[32] : IssuerSignature.DigestInfo([1, 2, 3]);
        return card.Send(Apdus.ComputeSignature(p2, block));
    }
}
