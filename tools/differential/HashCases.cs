using NanoCard.Hal.Crypto;

namespace NanoCard.Differential;

/// <summary>SHA-256 / SHA-384 (FIPS 180-4) of a message: managed, .NET and native digests must be equal.</summary>
public sealed class ShaCase(byte algorithm, byte[] message) : DiffCase(algorithm == HashAlgorithm.Sha256 ? "SHA-256" : "SHA-384")
{
    protected override string Inputs => Hex(message);

    public override unsafe void Check(Engines engines)
    {
        int length = algorithm == HashAlgorithm.Sha256 ? 32 : 48;
        byte[] native = new byte[length];
        fixed (byte* m = message, o = native)
        {
            int status = algorithm == HashAlgorithm.Sha256
                ? NativeCore.Sha256(m, (nuint)message.Length, o)
                : NativeCore.Sha384(m, (nuint)message.Length, o);
            Difference.Check(status == NativeCore.Ok, $"native {Kind} failed: {status}");
        }
        foreach (var (name, crypto) in engines.Both)
        {
            byte[] digest = new byte[length];
            Difference.Check(crypto.Digest(algorithm, message, 0, (short)message.Length, digest, 0) == length, $"{name} {Kind} length");
            Difference.Equal(native, digest, $"{Kind} native vs {name}");
        }
    }
}

/// <summary>HMAC (RFC 2104) over SHA-256 / SHA-384: the card's Hmac on the managed and on the .NET digest, and .NET's HMAC class.</summary>
public sealed class HmacCase(byte algorithm, byte[] key, byte[] message) : DiffCase(algorithm == HashAlgorithm.Sha256 ? "HMAC-SHA-256" : "HMAC-SHA-384")
{
    protected override string Inputs => $"key {Hex(key)} message {Hex(message)}";

    public override void Check(Engines engines)
    {
        byte[] reference = algorithm == HashAlgorithm.Sha256
            ? System.Security.Cryptography.HMACSHA256.HashData(key, message)
            : System.Security.Cryptography.HMACSHA384.HashData(key, message);
        foreach (var (name, crypto) in engines.Both)
        {
            var hmac = new Hmac(crypto.CreateDigest(algorithm));
            hmac.Init(key, 0, (short)key.Length);
            byte[] mac = new byte[reference.Length];
            hmac.DoFinal(message, 0, (short)message.Length, mac, 0);
            Difference.Equal(reference, mac, $"{Kind} System.Security.Cryptography vs {name}");
        }
    }
}
