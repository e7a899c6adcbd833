using System.CommandLine;
using NanoCard.Flasher.Lab;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher replay</c>: a recorded JSON trace (FILE.jsonl of <c>sim --trace FILE</c>) in the lab
/// view, without a card: the same stream, state and map, scrubbed with the page's slider.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var trace = new Option<string>("--trace") { Description = "the JSON trace to replay (FILE.jsonl, written by sim or bridge --trace FILE)", Required = true };
        var lab = new LabOptions();
        var command = new Command("replay", "show a recorded trace in the lab view (a web page on loopback), to scrub through without a card") { trace, lab.Web, lab.AllowRemote };
        command.SetAction((result, cancel) => Run(result.GetValue(trace)!, lab.Resolve(result, always: true)!, Console.Out, cancel));
        return command;
    }

    public static async Task<int> Run(string path, LabSettings settings, TextWriter output, CancellationToken cancel)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"trace '{path}' not found (sim --trace FILE writes FILE.jsonl)");
        }
        var feed = new LabFeed();
        int records = 0;
        foreach (string line in File.ReadLines(path).Where(l => l.StartsWith('{')))
        {
            feed.Publish(line);
            records++;
        }
        await using LabServer server = LabServer.Start(settings with { Control = false }, feed, null, "replay", output);
        output.WriteLine($"{records} records from {path}; Ctrl+C stops");
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the page's server stops.
        }
        return 0;
    }
}
