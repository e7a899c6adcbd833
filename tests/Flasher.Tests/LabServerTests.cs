using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using NanoCard.Flasher.Commands;
using NanoCard.Flasher.Lab;

namespace NanoCard.Flasher.Tests;

/// <summary>The lab view's server without a browser: where it may listen, whom it answers, and what it refuses.</summary>
public sealed class LabServerTests
{
    [Theory]
    [InlineData("0.0.0.0:8080")]
    [InlineData("192.168.1.10:8080")]
    public void Another_address_than_loopback_needs_the_explicit_option(string address)
    {
        var error = Assert.Throws<UserError>(() => LabOptions.Parse(address, control: false, allowRemote: false));
        Assert.Contains("--web-allow-remote", error.Message, StringComparison.Ordinal);
        Assert.Equal(address[..address.LastIndexOf(':')], LabOptions.Parse(address, control: false, allowRemote: true).Address.ToString());
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("example.org:8080")]
    [InlineData("127.0.0.1:http")]
    public void A_malformed_address_is_a_one_line_error(string address)
        => Assert.Throws<UserError>(() => LabOptions.Parse(address, control: false, allowRemote: false));

    [Fact]
    public async Task Serves_its_own_assets_refuses_control_without_the_option_and_foreign_hosts()
    {
        var feed = new LabFeed();
        feed.Publish("""{"name":"SELECT AP"}""");
        var listening = new TaskCompletionSource<Uri>();
        LabSettings settings = LabOptions.Parse("127.0.0.1:0", control: false, allowRemote: false) with { Listening = listening.SetResult };
        await using LabServer server = LabServer.Start(settings, feed, null, "sim", TextWriter.Null);
        using var http = new HttpClient { BaseAddress = server.Address };

        string page = await http.GetStringAsync("/");
        Assert.Contains("<script src=\"/lab.js\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page + await http.GetStringAsync("/lab.js") + await http.GetStringAsync("/lab.css"), StringComparison.Ordinal);
        Assert.Equal(server.Address, await listening.Task);

        using var next = new HttpRequestMessage(HttpMethod.Post, "/control/next") { Content = JsonContent.Create(new { }) };
        next.Headers.Add(LabServer.ControlHeader, "1");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(next)).StatusCode);

        // A page on another site reaching the port through DNS rebinding names its own host.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/info");
        rebound.Headers.Host = "attacker.example:80";
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await http.SendAsync(rebound)).StatusCode);
    }

    /// <summary>The web host must leave SIGINT and SIGTERM to the command line: <c>flasher sim --web</c> stops on them.</summary>
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Sim_with_the_lab_view_stops_on_a_signal(string signal)
    {
        string work = Directory.CreateTempSubdirectory("flasher-lab-signal-").FullName;
        using var vpcd = new TcpListener(IPAddress.Loopback, 0);
        vpcd.Start();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])[typeof(SimCommand).Assembly.Location, "sim", "--card", Path.Combine(work, "card.img"),
            "--vpcd", $"127.0.0.1:{((IPEndPoint)vpcd.LocalEndpoint).Port}", "--web", "127.0.0.1:0"])
        {
            start.ArgumentList.Add(argument);
        }
        using Process sim = Process.Start(start)!;
        try
        {
            using TcpClient card = await vpcd.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(60));
            string? line;
            while ((line = await sim.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))) is not null && !line.StartsWith("lab view: ", StringComparison.Ordinal))
            {
            }
            Assert.NotNull(line);
            using (Process kill = Process.Start("kill", ["-" + signal, sim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await sim.WaitForExitAsync(stopped.Token);
        }
        finally
        {
            if (!sim.HasExited)
            {
                sim.Kill();
            }
            Directory.Delete(work, recursive: true);
        }
    }
}
