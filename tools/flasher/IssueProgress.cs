using Spectre.Console;

namespace NanoCard.Flasher;

/// <summary>
/// Shows the progress of an issuance or a renewal: a Spectre.Console progress bar on a terminal,
/// plain percentage lines when the output is redirected (CI logs, pipes).
/// </summary>
public static class IssueProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports about <paramref name="steps"/> steps through <paramref name="subscribe"/>.</summary>
    public static T Run<T>(string what, int steps, Action<Action<string>> subscribe, Func<T> work, TextWriter output)
    {
        if (!Console.IsOutputRedirected && output == Console.Out)
        {
            T? result = default;
            AnsiConsole.Progress().Start(context =>
            {
                ProgressTask task = context.AddTask(what, maxValue: steps);
                subscribe(step =>
                {
                    task.Description = step;
                    task.Increment(1);
                });
                result = work();
                task.Value = steps;
            });
            return result!;
        }
        int done = 0;
        subscribe(step => output.WriteLine($"{what}: {100 * Math.Min(done++, steps) / steps,3}% {step}"));
        T value = work();
        output.WriteLine($"{what}: 100% done");
        return value;
    }
}
