using NanoCard.Fuzz;

namespace NanoCard.Applets.Tests;

/// <summary>
/// The harness keeps each issued card from input to input and restores its image only after an
/// input that wrote (tools/fuzz/KeptCard.cs, docs/reliability.md "Fuzzing"): every input must still
/// meet the card as issued, with nothing of the input before it, in memory or in RAM.
/// </summary>
public sealed class FuzzKeptCardTests(FuzzCorpusTests.Harness harness) : IClassFixture<FuzzCorpusTests.Harness>
{
    private static readonly byte[] SelectCardManager = Convert.FromHexString("00A4040C0BF04E616E6F43617264434D");
    private static readonly byte[] InstallPoliceDomain = Convert.FromHexString(
        "80E60C004D00000BF04E616E6F506F6C69636501803BC939800400001000813131101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F00");
    private static readonly byte[] GetStatus = Convert.FromHexString("80F24002024F0000");
    private static readonly byte[] SelectJpki = Convert.FromHexString("00A404000AD392F00026010000000100");
    private static readonly byte[] WrongPin = [0x00, 0x20, 0x00, 0x98, 0x04, .. System.Text.Encoding.ASCII.GetBytes(FuzzTarget.Gen1Persona.Pin == "9999" ? "9998" : "9999")];
    private static readonly byte[] RightPin = [0x00, 0x20, 0x00, 0x98, 0x04, .. System.Text.Encoding.ASCII.GetBytes(FuzzTarget.Gen1Persona.Pin)];

    private readonly FuzzTarget target = new(Path.Combine(ApduSpec.RepositoryRoot(), "docs", "apdu-spec.md"), harness.Gen1, harness.Gen2);

    [Fact]
    public void A_domain_installed_by_one_input_is_gone_for_the_next()
    {
        byte[] install = FuzzInput.Encode(false, [SelectCardManager, FuzzInput.SessionRecord("= session test 13"), InstallPoliceDomain]);
        target.Execute(install);
        Assert.Equal([0x9000, 0x9000], target.StatusWords);
        target.Execute(install);
        Assert.Equal([0x9000, 0x9000], target.StatusWords); // 6A89 if the first domain were still there
    }

    [Fact]
    public void A_pin_blocked_by_one_input_is_whole_for_the_next()
    {
        target.Execute(FuzzInput.Encode(false, [SelectJpki, WrongPin, WrongPin, WrongPin, WrongPin]));
        Assert.Equal([0x9000, 0x63C2, 0x63C1, 0x63C0, 0x6984], target.StatusWords);
        target.Execute(FuzzInput.Encode(false, [SelectJpki, RightPin]));
        Assert.Equal([0x9000, 0x9000], target.StatusWords);
    }

    [Fact]
    public void A_session_opened_by_one_input_is_closed_for_the_next()
    {
        target.Execute(FuzzInput.Encode(false, [SelectCardManager, FuzzInput.SessionRecord("= session test 13"), GetStatus]));
        Assert.Equal(0x6A88, target.StatusWords[^1]); // in the session: nothing installed yet
        target.Execute(FuzzInput.Encode(false, [SelectCardManager, GetStatus]));
        Assert.Equal(0x6982, target.StatusWords[^1]);
    }

    /// <summary>The side-by-side measurement (tools/fuzz/SideBySide.cs): each input on both harnesses, the inputs that wrote counted apart, every harness process's line added up.</summary>
    [Fact]
    public void Every_input_is_timed_on_both_harnesses_and_the_writing_ones_are_counted_apart()
    {
        string spec = Path.Combine(ApduSpec.RepositoryRoot(), "docs", "apdu-spec.md");
        string report = Path.Combine(Directory.CreateTempSubdirectory("nanocard-side-by-side-").FullName, "report.txt");
        var sideBySide = new SideBySide(new FuzzTarget(spec, harness.Gen1, harness.Gen2, keepCards: true), new FuzzTarget(spec, harness.Gen1, harness.Gen2, keepCards: false), report);
        byte[] selectOnly = FuzzInput.Encode(false, [SelectJpki]);
        byte[] wrongPin = FuzzInput.Encode(false, [SelectJpki, WrongPin]);
        sideBySide.Execute(selectOnly);
        sideBySide.Execute(wrongPin);
        sideBySide.Execute(selectOnly);
        sideBySide.Flush();
        long[] one = SideBySide.Totals(report);
        Assert.Equal(3, one[0]);
        Assert.Equal(1, one[1]);
        Assert.True(one[2] > 0 && one[3] > 0 && one[4] > 0 && one[5] > 0);
        Assert.True(one[4] <= one[2] && one[5] <= one[3]);

        File.AppendAllLines(report, ["999999 2 1 10 20 5 10"]); // another harness process's line
        Assert.Equal([one[0] + 2, one[1] + 1, one[2] + 10, one[3] + 20, one[4] + 5, one[5] + 10], SideBySide.Totals(report));
        Directory.Delete(Path.GetDirectoryName(report)!, recursive: true);
    }
}

/// <summary>The fuzzed cards' RSA pairs (tools/fuzz/PooledRsaCrypto.cs): the same pair for the same place in every input.</summary>
public sealed class FuzzRsaPoolTests
{
    [Fact]
    public void Every_input_generates_the_same_pairs_in_the_same_order()
    {
        var crypto = new PooledRsaCrypto();
        string[] first = [.. Enumerable.Range(0, 5).Select(_ => Modulus(crypto))];
        crypto.Rewind();
        string[] again = [.. Enumerable.Range(0, 5).Select(_ => Modulus(crypto))];
        Assert.Equal(first, again);
        Assert.Equal(4, first.Distinct().Count()); // four pairs, the fifth is the first again
        Assert.Equal(first[0], first[4]);
    }

    private static string Modulus(PooledRsaCrypto crypto)
    {
        var key = crypto.CreateRsaKey();
        crypto.GenerateRsaKey(key);
        var n = new byte[Hal.Crypto.RsaKey.ModulusLength];
        key.GetModulus(n, 0);
        return Convert.ToHexString(n);
    }
}
