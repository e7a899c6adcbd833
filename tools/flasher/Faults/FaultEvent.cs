namespace NanoCard.Flasher.Faults;

/// <summary>
/// One fault as applied, for the trace. <paramref name="Kind"/> names it as docs/labs.md does;
/// <paramref name="Detail"/> never holds command data, so secrets stay masked.
/// </summary>
public sealed record FaultEvent(long Command, string Kind, string Detail)
{
    public const string Truncated = "truncated";

    /// <summary>The reply of this command reaches the reader cut short.</summary>
    public bool Truncates => Kind == Truncated;
}
