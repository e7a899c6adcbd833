namespace NanoCard.Flasher.Faults;

/// <summary>
/// Thrown out of the link when the profile removes the card mid-command: the vpcd connection
/// closes (vpcd then reports the card gone) and opens again after <see cref="Absent"/>.
/// </summary>
public sealed class CardRemovedException(TimeSpan absent) : Exception($"card removed for {absent.TotalMilliseconds:0} ms")
{
    public TimeSpan Absent { get; } = absent;
}
