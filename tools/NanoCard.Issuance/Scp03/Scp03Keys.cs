using NanoCard.Os.SecureChannel;

namespace NanoCard.Issuance;

/// <summary>
/// A static SCP03 key set as the off-card entity holds it (GlobalPlatform Card Specification
/// v2.3 Amendment D §6.1): key version number and the AES-128 keys ENC, MAC and DEK.
/// </summary>
public sealed record Scp03Keys(byte Version, byte[] Enc, byte[] Mac, byte[] Dek)
{
    /// <summary>The factory key set of every NanoCard (docs/apdu-spec.md §11.1). Test cards only.</summary>
    public static Scp03Keys Test { get; } =
        new(Scp03KeySet.TestVersion, Scp03KeySet.TestKey, Scp03KeySet.TestKey, Scp03KeySet.TestKey);
}
