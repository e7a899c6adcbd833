using System.Security.Cryptography;
using NanoCard.Flasher.Commands;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The flasher never destroys what it was not asked to change: a report command never writes the
/// image, no command formats a file that is neither blank nor a NanoCard image unless <c>--format</c>
/// is given, and every error the user can fix (option parse errors too) is one line and exit 2.
/// </summary>
public sealed class ImageSafetyTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-safety-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    public static TheoryData<string> ForeignContents => ["random", "zeros"];

    /// <summary>A file of a card image's size that no NanoCard made, with a device key beside it.</summary>
    private string ForeignImage(string contents)
    {
        string path = In(contents + ".img");
        byte[] bytes = new byte[StoreLayout.DefaultSize];
        if (contents == "random")
        {
            new Random(17).NextBytes(bytes);
        }
        File.WriteAllBytes(path, bytes);
        File.WriteAllBytes(path + ".key", RandomNumberGenerator.GetBytes(SecretSeal.DeviceKeyLength));
        return path;
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Runs the flasher as its Main does; returns the exit code and what it wrote to stderr.</summary>
    private static (int Exit, string Error) Flasher(params string[] args)
    {
        var error = new StringWriter();
        int exit = FlasherCli.Run(args, error);
        return (exit, error.ToString());
    }

    private static void AssertOneLineUserError((int Exit, string Error) run, string expected)
    {
        Assert.Equal(UserError.ExitCode, run.Exit);
        string[] lines = run.Error.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, "one line: " + run.Error);
        Assert.StartsWith("flasher: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ForeignContents))]
    public void Map_and_sim_leave_a_file_that_is_not_a_card_as_it_is(string contents)
    {
        string image = ForeignImage(contents);
        string before = Sha256(image);

        AssertOneLineUserError(Flasher("map", "--card", image), "neither blank nor a NanoCard image");
        Assert.Equal(before, Sha256(image));

        // No vpcd listens on port 1: the image is judged before the sim looks for vpcd.
        AssertOneLineUserError(Flasher("sim", "--card", image, "--vpcd", "127.0.0.1:1", "--connect-timeout", "1"), "neither blank nor a NanoCard image");
        Assert.Equal(before, Sha256(image));
    }

    [Fact]
    public void Issue_formats_a_file_that_is_not_a_card_only_when_told()
    {
        string image = ForeignImage("random");
        string before = Sha256(image);
        PersonaCommand.New("gen1", 31, In("p.json"), TextWriter.Null);

        AssertOneLineUserError(Flasher("issue", "--persona", In("p.json"), "--ca", In("ca"), "--card", "sim:" + image), "--format");
        Assert.Equal(before, Sha256(image));

        Assert.Equal(0, Flasher("issue", "--persona", In("p.json"), "--ca", In("ca"), "--card", "sim:" + image, "--format").Exit);
        var map = new StringWriter();
        Assert.Equal(0, MapCommand.Run(image, map));
        Assert.Contains("gen1 card", map.ToString(), StringComparison.Ordinal);
        Assert.Contains("life cycle 0F", map.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_commands_never_write_the_image()
    {
        // An erased image with its key, as a cut `flasher issue` can leave it: powering it up formats it.
        string blank = In("blank.img");
        byte[] erased = new byte[StoreLayout.DefaultSize];
        Array.Fill(erased, (byte)0xFF);
        File.WriteAllBytes(blank, erased);
        File.WriteAllBytes(blank + ".key", RandomNumberGenerator.GetBytes(SecretSeal.DeviceKeyLength));
        string before = Sha256(blank);

        Assert.Equal(0, MapCommand.Run(blank, TextWriter.Null));
        Assert.Equal(before, Sha256(blank));

        Directory.CreateDirectory(In("ca"));
        NanoCard.Issuance.TestCa.Create(DateTimeOffset.UtcNow).Save(In("ca"));
        Assert.Equal(1, VerifyCommand.Run("sim:" + blank, In("ca"), TextWriter.Null));
        Assert.Equal(before, Sha256(blank));
    }

    [Fact]
    public void A_missing_image_is_made_only_by_the_commands_that_make_cards()
    {
        Directory.CreateDirectory(In("ca"));
        NanoCard.Issuance.TestCa.Create(DateTimeOffset.UtcNow).Save(In("ca"));
        AssertOneLineUserError(Flasher("map", "--card", In("none.img")), "not found");
        AssertOneLineUserError(Flasher("verify", "--card", "sim:" + In("none.img"), "--ca", In("ca")), "not found");
        AssertOneLineUserError(Flasher("renew", "--card", "sim:" + In("none.img"), "--ca", In("ca")), "not found");
        AssertOneLineUserError(Flasher("face", "--card", "sim:" + In("none.img"), "--png", In("face.png"), "--pin-b", "55021720352285"), "not found");
        Assert.False(File.Exists(In("none.img")));
        Assert.False(File.Exists(In("none.img.key")));
        Assert.False(File.Exists(In("face.png")));
    }

    [Theory]
    [InlineData("--seed: 'abc' is not a whole number", "persona", "new", "--seed", "abc", "--out", "p.json")]
    [InlineData("--connect-timeout: 'soon' is not a whole number", "sim", "--card", "x.img", "--connect-timeout", "soon")]
    [InlineData("--card", "map")]
    [InlineData("--bogus", "map", "--card", "x.img", "--bogus")]
    [InlineData("nosuchcommand", "nosuchcommand")]
    public void Option_parse_errors_are_one_plain_line_and_exit_2(string expected, params string[] args)
    {
        (int exit, string error) = Flasher(args);
        AssertOneLineUserError((exit, error), expected);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }
}
