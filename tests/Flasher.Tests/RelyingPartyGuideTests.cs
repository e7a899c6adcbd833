using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// docs/relying-party.md runs as shown: every <c>sh</c> block, in order, in one bash in an empty
/// folder with this build's flasher on the PATH and PORT a free loopback port; every line of its
/// <c>text</c> blocks must appear in what they print.
/// </summary>
public sealed partial class RelyingPartyGuideTests
{
    [Fact]
    public async Task Every_command_of_the_guide_runs_and_prints_what_it_shows()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "relying-party.md"));
        string[] commands = [.. Blocks(guide, "sh")];
        string[] shown = [.. Blocks(guide, "text").SelectMany(b => b.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0)];
        Assert.True(commands.Length >= 6 && shown.Length >= 8, "the guide has its command and output blocks");

        string work = Directory.CreateTempSubdirectory("relying-party-").FullName;
        try
        {
            var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = work, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["PATH"] = AppContext.BaseDirectory + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using Process bash = Process.Start(start)!;
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            string all;
            try
            {
                bash.StandardInput.Write("set -euo pipefail\n" + string.Join('\n', commands));
                bash.StandardInput.Close();
                Task<string> error = bash.StandardError.ReadToEndAsync(limit.Token);
                string output = await bash.StandardOutput.ReadToEndAsync(limit.Token);
                await bash.WaitForExitAsync(limit.Token);
                all = output + await error;
            }
            finally
            {
                // A command that hangs (or the service, if the guide's trap did not stop it) goes with the shell.
                bash.Kill(entireProcessTree: true);
            }
            Assert.True(bash.ExitCode == 0, $"the guide's commands stopped with exit {bash.ExitCode}:\n{all}");
            foreach (string line in shown)
            {
                Assert.True(all.Contains(line, StringComparison.Ordinal), $"the guide shows '{line}', the commands printed:\n{all}");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The contents of the fenced blocks of <paramref name="language"/>, in order.</summary>
    private static IEnumerable<string> Blocks(string markdown, string language)
        => Fence().Matches(markdown).Where(m => m.Groups[1].Value == language).Select(m => m.Groups[2].Value);

    [GeneratedRegex("^```(\\w+)\\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
