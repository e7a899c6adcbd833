namespace NanoCard.Differential;

/// <summary>One random case of one kind: <see cref="Check"/> runs it on every engine and throws <see cref="Difference"/> on disagreement.</summary>
public abstract class DiffCase(string kind)
{
    /// <summary>What the tally counts it as, e.g. "SHA-256" or "ECDSA P-384".</summary>
    public string Kind { get; } = kind;

    public abstract void Check(Engines engines);

    /// <summary>The inputs in hex, so a shrunk failing case can be rerun by hand.</summary>
    protected abstract string Inputs { get; }

    public override string ToString() => $"{Kind}: {Inputs}";

    protected static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
