using NanoCard.Flasher.Commands;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>The flasher's commands end to end, in process: demo, persona new, issue, map, and their errors.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    [Fact]
    public void Demo_passes_every_check_and_shows_no_secret()
    {
        var output = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(output, seed: 3));
        string text = output.ToString();
        Persona persona = PersonaGenerator.Create(3, "gen1", DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains("COMPUTE DIGITAL SIGNATURE", text, StringComparison.Ordinal);
        Assert.Contains("ok   signature verifies with the certificate's key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Hex(persona.Pin), text, StringComparison.Ordinal);
        Assert.Contains("0020009804********", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Persona_issue_and_map()
    {
        var output = new StringWriter();
        Assert.Equal(0, PersonaCommand.New("gen1", 21, In("p.json"), output));
        Assert.True(File.Exists(In("p.face.jpg")));
        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), "sim:" + In("card.img"), null, output));
        Assert.True(File.Exists(Path.Combine(In("ca"), TestCa.IssuerKeyFile)));
        Assert.Contains("issuing: 100% done", output.ToString(), StringComparison.Ordinal);

        var map = new StringWriter();
        Assert.Equal(0, MapCommand.Run(In("card.img"), map));
        Assert.Contains("life cycle 0F, 45 objects", map.ToString(), StringComparison.Ordinal);
        Assert.Contains("| JPKI AP | 000A | transparent EF |", map.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"bytes free for future APs \(\d+\.\d%", map.ToString());
        var objects = System.Text.RegularExpressions.Regex.Match(map.ToString(), @"data area: ([\d,]+) bytes in objects of 124,736");
        var unused = System.Text.RegularExpressions.Regex.Match(map.ToString(), @"free in all, gaps between objects included: ([\d,]+) bytes");
        Assert.Equal(124_736, int.Parse(objects.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(unused.Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture));

        var again = Assert.Throws<UserError>(() => IssueCommand.Run(In("p.json"), In("ca"), "sim:" + In("card.img"), null, new StringWriter()));
        Assert.Contains("not blank", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_targets_images_and_ca_folders_are_one_line_errors()
    {
        PersonaCommand.New("gen1", 22, In("p.json"), new StringWriter());
        Assert.Contains("unknown card target", Assert.Throws<UserError>(() => IssueCommand.Run(In("p.json"), In("ca"), "usb:1", null, TextWriter.Null)).Message, StringComparison.Ordinal);
        Assert.Contains("serial", Assert.Throws<UserError>(() => IssueCommand.Run(In("p.json"), In("ca"), "serial:/dev/ttyUSB0", null, TextWriter.Null)).Message, StringComparison.Ordinal);

        File.WriteAllBytes(In("small.img"), new byte[100]);
        Assert.Contains("not a NanoCard image", Assert.Throws<UserError>(() => MapCommand.Run(In("small.img"), TextWriter.Null)).Message, StringComparison.Ordinal);

        Directory.CreateDirectory(In("partial"));
        TestCa.Create(DateTimeOffset.UtcNow).Save(In("partial"));
        File.Delete(Path.Combine(In("partial"), TestCa.AuthCaKeyFile));
        Assert.Contains("incomplete", Assert.Throws<UserError>(() => IssueCommand.Run(In("p.json"), In("partial"), "sim:" + In("c.img"), null, TextWriter.Null)).Message, StringComparison.Ordinal);

        Directory.CreateDirectory(In("mixed"));
        TestCa.Create(DateTimeOffset.UtcNow).Save(In("mixed"));
        File.Copy(Path.Combine(In("partial"), TestCa.SignCaKeyFile), Path.Combine(In("mixed"), TestCa.SignCaKeyFile), overwrite: true);
        Assert.Contains("is not the key of", Assert.Throws<UserError>(() => IssueCommand.Run(In("p.json"), In("mixed"), "sim:" + In("c.img"), null, TextWriter.Null)).Message, StringComparison.Ordinal);

        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), "sim:" + In("v.img"), null, TextWriter.Null));
        byte[] image = File.ReadAllBytes(In("v.img"));
        // A directory entry (docs/eeprom-layout.md: directory at 0x04C0) that fails its CRC. The header
        // itself would be healed: the last transaction (SET STATUS) still holds it in the journal.
        image[0x04C0 + 1] ^= 0x01;
        File.WriteAllBytes(In("v.img"), image);
        Assert.Contains("damaged or from another NanoCard version", Assert.Throws<UserError>(() => MapCommand.Run(In("v.img"), TextWriter.Null)).Message, StringComparison.Ordinal);

        Assert.Contains("32 hex digits", Assert.Throws<UserError>(() => IssueCommand.Run(In("p.json"), In("ca"), "sim:" + In("c.img"), "1234", TextWriter.Null)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(In("c.img")), "no card is touched when the options are wrong");
    }

    private static string Hex(string ascii) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(ascii));
}
