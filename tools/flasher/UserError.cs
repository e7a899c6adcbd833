namespace NanoCard.Flasher;

/// <summary>A problem the user can fix: printed as one line (what is wrong and what to do), exit code 2.</summary>
public sealed class UserError(string message) : Exception(message)
{
    public const int ExitCode = 2;
}
