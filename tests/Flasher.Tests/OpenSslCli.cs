using System.Diagnostics;

namespace NanoCard.Flasher.Tests;

/// <summary>The openssl command line, as a relying party would use it on the flasher's files.</summary>
internal static class OpenSslCli
{
    /// <summary>Runs /usr/bin/openssl (./test.sh installs it: its absence fails the test) and returns its output; fails the test on a non-zero exit.</summary>
    public static string Run(params string[] arguments)
    {
        var (exit, output) = Try(arguments);
        Assert.True(exit == 0, $"openssl {string.Join(' ', arguments)} failed: {output}");
        return output;
    }

    /// <summary>Runs openssl and returns its exit code with its output (standard output, then standard error).</summary>
    public static (int ExitCode, string Output) Try(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
