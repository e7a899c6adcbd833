using NanoCard.Pkcs11.Card;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>An open session: its slot, whether it is read/write, and the search and signature in progress.</summary>
public sealed class Session(ulong handle, ulong slotId, int reader, TokenKind token, bool readWrite)
{
    public ulong Handle { get; } = handle;
    public ulong SlotId { get; } = slotId;
    public int Reader { get; } = reader;
    public TokenKind Token { get; } = token;
    public bool ReadWrite { get; } = readWrite;

    /// <summary>Handles C_FindObjects still has to return; null when no search is active.</summary>
    public Queue<ulong>? Found { get; set; }

    /// <summary>The signature C_SignInit started; null when none is active.</summary>
    public SignOperation? Signing { get; set; }
}

/// <summary>A signature in progress: key, mechanism and the data given so far (C_SignUpdate).</summary>
public sealed class SignOperation(P11Object key, ulong mechanism)
{
    public P11Object Key { get; } = key;
    public ulong Mechanism { get; } = mechanism;
    public List<byte> Data { get; } = [];
}
