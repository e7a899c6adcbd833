using NanoCard.Flasher.Faults;
using NanoCard.Hal.Host.Storage;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// Fault profiles as files: the built-in ones load and are the ones docs/labs.md lists, and a
/// wrong name, bad JSON or a bad field is a one-line error naming the built-in profiles.
/// </summary>
public sealed class FaultProfileTests : IDisposable
{
    private static readonly string Root = RepositoryRoot();
    private readonly string work = Directory.CreateTempSubdirectory("flasher-profiles-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Every_profile_file_is_built_in_and_loads()
    {
        string[] files = Directory.GetFiles(Path.Combine(Root, "tools", "flasher", "Faults", "Profiles"), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(["card-removed", "flaky", "slow-card", "slow-eeprom", "small-responses"], files);
        Assert.Equal(files, FaultProfiles.BuiltIn);
        Assert.All(files, name =>
        {
            FaultProfile profile = FaultProfiles.Load(name);
            Assert.Equal(name, profile.Name);
            Assert.NotEmpty(profile.Description);
        });
    }

    [Fact]
    public void Docs_labs_lists_every_built_in_profile()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Root, "docs", "labs.md"));
        string[] listed = lines.SkipWhile(l => !l.StartsWith("| profile |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(r => r.Split('`')[1]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(FaultProfiles.BuiltIn, listed);
    }

    [Fact]
    public void A_file_path_loads_and_the_seed_can_be_replaced()
    {
        string path = Path.Combine(work, "lab.json");
        File.WriteAllText(path, """{ "seed": 3, "statusRate": 0.5, "statusWords": ["6A82"], "removeAtCommands": [2], "absentMs": 10 } """);
        FaultProfile profile = FaultProfiles.Load(path, seed: 99);
        Assert.Equal(99, profile.Seed);
        Assert.Equal(0x6A82, profile.StatusWord(0));
        Assert.Equal(TimeSpan.Zero, profile.DelayFor(0xA4));
    }

    [Theory]
    [InlineData("no-such-profile", null, "unknown fault profile 'no-such-profile'")]
    [InlineData("bad.json", "{ \"delayMs\": ", "is not valid")]
    [InlineData("bad.json", "{ \"delay\": 5 }", "is not valid")]
    [InlineData("bad.json", "{ \"statusRate\": 0.7, \"truncateRate\": 0.5, \"statusWords\": [\"6F00\"] }", "add up to at most 1")]
    [InlineData("bad.json", "{ \"statusRate\": 0.1, \"statusWords\": [\"6F0\"] }", "four hex digits")]
    [InlineData("bad.json", "{ \"delayPerInsMs\": { \"PSO\": 5 } }", "two hex digits")]
    [InlineData("bad.json", "{ \"maxResponse\": 0 }", "maxResponse is 1 to 256")]
    [InlineData("bad.json", "{ \"removeAtCommands\": [0] }", "from 1")]
    public void A_bad_profile_is_a_one_line_error_naming_the_built_in_ones(string file, string? json, string what)
    {
        string path = json is null ? file : Path.Combine(work, file);
        if (json is not null)
        {
            File.WriteAllText(path, json);
        }
        var error = Assert.Throws<UserError>(() => FaultProfiles.Load(path));
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", FaultProfiles.BuiltIn), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>64-byte pages, 10 ms each: a write across a page boundary costs two, a one-page write one.</summary>
    [Fact]
    public void Slow_nvm_waits_per_page_written()
    {
        var time = new RecordingTime();
        var nvm = new SlowNvm(new RamNvm(4096, 64), TimeSpan.FromMilliseconds(10), time);
        nvm.Write(60, new byte[10], 0, 10);
        nvm.Write(128, new byte[64], 0, 64);
        nvm.Read(0, new byte[64], 0, 64);
        Assert.Equal([20, 10], time.DelaysMs);
        Assert.Equal(3, nvm.TakePageWrites());
        Assert.Equal(0, nvm.TakePageWrites());
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "nf.sln")))
        {
            dir = dir.Parent;
        }
        return dir.FullName;
    }
}
