using NanoCard.Flasher.Commands;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The gen2 life of a card through the flasher, in process: persona, issue, verify, revoke with
/// the death sub-reason, renew, and a card issued by another CA folder (docs/apdu-spec.md §13).
/// </summary>
public sealed class Gen2CommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-gen2-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    private Persona IssueGen2(string ca, string image, int seed, string curve = "P-256")
    {
        Assert.Equal(0, PersonaCommand.New("gen2", seed, In($"p{seed}.json"), TextWriter.Null, curve));
        var output = new StringWriter();
        Assert.Equal(0, IssueCommand.Run(In($"p{seed}.json"), ca, "sim:" + image, null, output));
        Assert.Contains("issued gen2 card", output.ToString(), StringComparison.Ordinal);
        return PersonaFile.Load(In($"p{seed}.json"));
    }

    [Fact]
    public void Verify_revoke_with_death_and_renew()
    {
        Persona persona = IssueGen2(In("ca"), In("card.img"), 31, "P-384");
        var output = new StringWriter();
        Assert.Equal(0, VerifyCommand.Run("sim:" + In("card.img"), In("ca"), output));
        Assert.Contains("genuine card", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ok   card authentication challenge", output.ToString(), StringComparison.Ordinal);

        string serial = new CaArchive(In("ca"), TestCa.OpenOrCreate(In("ca"), DateTimeOffset.UtcNow)).GetCard(persona.Serial)[IssuedGen2Card.EcAuth].SerialNumber;
        Assert.Equal(0, RevokeCommand.Run(In("ca"), serial, "death", TextWriter.Null));
        output = new StringWriter();
        Assert.Equal(1, VerifyCommand.Run("sim:" + In("card.img"), In("ca"), output));
        Assert.Contains($"serial {serial} REVOKED", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("death (CRL reason affiliationChanged with the NanoCard death sub-reason)", output.ToString(), StringComparison.Ordinal);

        // A card revoked for death is not renewed (issue 22: it was, with exit 0), and nothing on it changes.
        byte[] before = File.ReadAllBytes(In("card.img"));
        var refused = Assert.Throws<UserError>(() => RenewCommand.Run("sim:" + In("card.img"), In("ca"), () => persona.SignPassword, TextWriter.Null));
        Assert.Contains($"{serial} was revoked on", refused.Message, StringComparison.Ordinal);
        Assert.Contains("as death: the holder has died", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(In("card.img")));
    }

    [Fact]
    public void Renewal_needs_the_holders_signing_password_and_leaves_the_card_as_it_was_without_it()
    {
        Persona persona = IssueGen2(In("ca"), In("card.img"), 37);
        byte[] before = File.ReadAllBytes(In("card.img"));
        var refused = Assert.Throws<UserError>(() => RenewCommand.Run("sim:" + In("card.img"), In("ca"), () => "WRONG0PASSWORD", TextWriter.Null));
        Assert.Contains("the signing password is wrong (4 tries left)", refused.Message, StringComparison.Ordinal);
        // Only the password's try counter moved (the wrong try); the right password gives it back.
        var output = new StringWriter();
        Assert.Equal(0, RenewCommand.Run("sim:" + In("card.img"), In("ca"), () => persona.SignPassword, output));
        Assert.Contains("(revoked: superseded)", output.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(before, File.ReadAllBytes(In("card.img")));
        output = new StringWriter();
        Assert.Equal(0, VerifyCommand.Run("sim:" + In("card.img"), In("ca"), output));
        Assert.Contains("genuine card", output.ToString(), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(In("ca"), "renewals")));
    }

    [Fact]
    public void Demo_of_a_gen2_card_passes_every_check_and_shows_no_secret()
    {
        var output = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(output, seed: 5, profile: "gen2"));
        string text = output.ToString();
        Persona persona = PersonaGenerator.Create(5, "gen2", DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains("ok   ECDSA P-256 signature verifies with the EC certificate", text, StringComparison.Ordinal);
        Assert.Contains("ok   PUK: blocked (6984), unblocked (9000)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(persona.Puk)), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(persona.Pin)), text, StringComparison.Ordinal);
        Assert.Contains("002C019808****************", text, StringComparison.Ordinal);
        // The licence AP after issuance: installed over SCP03 into the police domain, read, its PINs never shown.
        Assert.Contains("ok   licence AP installed over SCP03 in the police domain, read with both PINs, the agency's signatures check", text, StringComparison.Ordinal);
        Assert.Matches(@"# free for future APs: [\d,]+ bytes before \([\d.]+ %\), [\d,]+ after", text);
        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(persona.Licence!.Pin1)), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(persona.Licence.Pin2)), text, StringComparison.Ordinal);
        Assert.Contains("0020008104********", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_shows_a_gen2_card_with_both_key_sets_and_at_least_40_percent_free()
    {
        IssueGen2(In("ca"), In("card.img"), 36);
        var map = new StringWriter();
        Assert.Equal(0, MapCommand.Run(In("card.img"), map));
        string text = map.ToString();
        Assert.Contains("gen2 card", text, StringComparison.Ordinal);
        Assert.Contains("| JPKI AP, key set 1 | 0037 | key |", text, StringComparison.Ordinal);
        Assert.Contains("| visual AP | 0007 | transparent EF |", text, StringComparison.Ordinal);
        var free = System.Text.RegularExpressions.Regex.Match(text, @"EEPROM: ([\d,]+) of 131,072 bytes free for future APs \(([\d.]+)%");
        Assert.True(free.Success, text);
        Assert.True(double.Parse(free.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 40.0, free.Value);
    }

    [Fact]
    public void A_card_of_another_CA_folder_is_not_genuine_and_a_gen1_card_has_no_card_authentication()
    {
        IssueGen2(In("other-ca"), In("other.img"), 32);
        TestCa.OpenOrCreate(In("ca"), DateTimeOffset.UtcNow);
        var output = new StringWriter();
        Assert.Equal(1, VerifyCommand.Run("sim:" + In("other.img"), In("ca"), output));
        Assert.Contains("FAIL card authentication certificate", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("FAIL JPKI AP authentication certificate", output.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, PersonaCommand.New("gen1", 33, In("g1.json"), TextWriter.Null));
        Assert.Equal(0, IssueCommand.Run(In("g1.json"), In("ca"), "sim:" + In("g1.img"), null, TextWriter.Null));
        output = new StringWriter();
        Assert.Equal(1, VerifyCommand.Run("sim:" + In("g1.img"), In("ca"), output));
        Assert.Contains("a gen1 card", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_gen2_persona_on_a_gen1_card_image_is_refused_before_anything_is_written()
    {
        Assert.Equal(0, PersonaCommand.New("gen1", 34, In("g1.json"), TextWriter.Null));
        Assert.Equal(0, IssueCommand.Run(In("g1.json"), In("ca"), "sim:" + In("g1.img"), null, TextWriter.Null));
        Assert.Equal(0, PersonaCommand.New("gen2", 35, In("g2.json"), TextWriter.Null));
        var error = Assert.Throws<UserError>(() => IssueCommand.Run(In("g2.json"), In("ca"), "sim:" + In("g1.img"), null, TextWriter.Null));
        Assert.Contains("not blank", error.Message, StringComparison.Ordinal);
        var renew = Assert.Throws<UserError>(() => RenewCommand.Run("sim:" + In("g1.img"), In("ca"), () => "ABC123XYZ", TextWriter.Null));
        Assert.Contains("gen1 card", renew.Message, StringComparison.Ordinal);
    }
}
