using NanoCard.Issuance;
using Spectre.Console;

namespace NanoCard.Flasher;

/// <summary>
/// Shows an issuance's progress: a Spectre.Console progress bar on a terminal, plain percentage
/// lines when the output is redirected (CI logs, pipes).
/// </summary>
public static class IssueProgress
{
    /// <summary>The steps <see cref="Gen1Issuer"/> reports, in order.</summary>
    private const int Steps = 8;

    public static IssuedCard Run(Gen1Issuer issuer, Persona persona, IssueOptions options, TextWriter output)
    {
        if (!Console.IsOutputRedirected && output == Console.Out)
        {
            IssuedCard? issued = null;
            AnsiConsole.Progress().Start(context =>
            {
                ProgressTask task = context.AddTask("issuing", maxValue: Steps);
                issuer.Step += step =>
                {
                    task.Description = step;
                    task.Increment(1);
                };
                issued = issuer.Issue(persona, options);
                task.Value = Steps;
            });
            return issued!;
        }
        int done = 0;
        issuer.Step += step => output.WriteLine($"issuing: {100 * done++ / Steps,3}% {step}");
        IssuedCard result = issuer.Issue(persona, options);
        output.WriteLine("issuing: 100% done");
        return result;
    }
}
