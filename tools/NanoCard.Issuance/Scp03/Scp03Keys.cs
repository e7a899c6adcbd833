using System.Security.Cryptography;
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

    /// <summary>Three fresh random keys under <paramref name="version"/> (01–7F, GlobalPlatform §11.8.2.2).</summary>
    public static Scp03Keys Random(byte version)
    {
        if (version is < 0x01 or > 0x7F)
        {
            throw new ArgumentOutOfRangeException(nameof(version), "key version numbers are 01 to 7F");
        }
        return new(version, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>The version after this one, 01–7F round: what a rotation gives the new set.</summary>
    public byte NextVersion => (byte)(Version >= 0x7F ? 0x01 : Version + 1);

    /// <summary>True for the public test set (same keys, whatever the version).</summary>
    public bool IsTest => Enc.AsSpan().SequenceEqual(Test.Enc) && Mac.AsSpan().SequenceEqual(Test.Mac) && Dek.AsSpan().SequenceEqual(Test.Dek);

    /// <summary>The key check value of an AES key: the first 3 bytes of AES(key, 16 × 01) (GlobalPlatform, Amendment D §7.2).</summary>
    public static byte[] CheckValue(byte[] key)
    {
        using Aes aes = Aes.Create();
        aes.Key = key;
        return aes.EncryptEcb(Enumerable.Repeat((byte)0x01, 16).ToArray(), PaddingMode.None)[..Scp03PutKey.KcvLength];
    }

    /// <summary>Neither key shown (records print their members).</summary>
    public override string ToString() => $"SCP03 key set version {Version:X2}";
}
