namespace NanoCard.Pkcs11.Tokens;

/// <summary>CK_SLOT_INFO's content.</summary>
public sealed record SlotInfo(string Description, ulong Flags);

/// <summary>CK_TOKEN_INFO's content (the memory fields are CK_UNAVAILABLE_INFORMATION, sessions unlimited).</summary>
public sealed record TokenInfo(string Label, string Model, string Serial, ulong Flags, ulong SessionCount, ulong RwSessionCount, ulong MinPinLength, ulong MaxPinLength);

/// <summary>CK_SESSION_INFO's content.</summary>
public sealed record SessionInfo(ulong SlotId, ulong State, ulong Flags);
