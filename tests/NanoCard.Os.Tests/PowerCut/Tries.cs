namespace NanoCard.Os.Tests.PowerCut;

/// <summary>Every try counter on the test card, in a fixed order (PIN, password for each applet).</summary>
public sealed record Tries(int[] Values)
{
    public static Tries Of(CardHarness card) => new([
        card.Main.Pin.TriesRemaining, card.Main.Password.TriesRemaining,
        card.Longer.Pin.TriesRemaining, card.Longer.Password.TriesRemaining,
        card.Refusing.Pin.TriesRemaining, card.Refusing.Password.TriesRemaining,
    ]);

    /// <summary>True when no counter is above its value in <paramref name="before"/>: no try came back.</summary>
    public bool NoneAbove(Tries before) => Values.Zip(before.Values).All(p => p.First <= p.Second);

    public override string ToString() => string.Join(",", Values);
}
