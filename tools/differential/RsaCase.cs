using System.Security.Cryptography;
using NanoCard.Hal.Crypto;

namespace NanoCard.Differential;

/// <summary>
/// RSASSA-PKCS1-v1_5 with the card's padding (the caller gives the block, normally a DigestInfo;
/// RFC 8017 §8.2, §9.2) with a pool key: managed, .NET and native signatures are equal; the three
/// engines and, for a DigestInfo, .NET's RSA accept it, and all reject it with bit <c>flip</c> of
/// signature ‖ block changed.
/// </summary>
public sealed class RsaCase(int key, byte[] block, HashAlgorithmName? digestInfoOf, int flip) : DiffCase("RSA-2048 PKCS#1 v1.5")
{
    protected override string Inputs => $"pool key {key} block {Hex(block)} flip {flip}";

    public override unsafe void Check(Engines engines)
    {
        RsaKeyPool.Entry entry = engines.RsaPool[key % engines.RsaPool.Count];
        byte[] native = new byte[256];
        byte[] n = entry.Part(0), p = entry.Part(1), q = entry.Part(2), dp = entry.Part(3), dq = entry.Part(4), qinv = entry.Part(5);
        fixed (byte* np = n, pp = p, qp = q, dpp = dp, dqp = dq, qip = qinv, bp = block, sp = native)
        {
            int status = NativeCore.RsaSign(np, 65537, pp, qp, dpp, dqp, qip, bp, (nuint)block.Length, sp, NativeCore.Rng, IntPtr.Zero);
            Difference.Check(status == NativeCore.Ok, $"native RSA sign failed: {status}");
        }
        foreach (var (name, crypto, slot) in new[] { ("managed", engines.Managed, entry.Managed), (".NET", engines.Host, entry.Host) })
        {
            byte[] signature = new byte[256];
            crypto.SignRsaPkcs1(slot, block, 0, (short)block.Length, signature, 0);
            Difference.Equal(native, signature, $"{Kind} native vs {name}");
        }
        Verifiers(engines, entry, block, native, expected: true);
        byte[] tampered = [.. native, .. block];
        tampered[flip / 8 % tampered.Length] ^= (byte)(1 << (flip % 8));
        Verifiers(engines, entry, tampered[256..], tampered[..256], expected: false);
    }

    private unsafe void Verifiers(Engines engines, RsaKeyPool.Entry entry, byte[] message, byte[] signature, bool expected)
    {
        string what = expected ? "accepts" : "rejects the changed";
        byte[] n = entry.Modulus;
        foreach (var (name, crypto) in engines.Both)
        {
            bool ok = crypto.VerifyRsaPkcs1(n, 0, 65537, message, 0, (short)message.Length, signature, 0, (short)signature.Length);
            Difference.Check(ok == expected, $"{Kind}: {name} {(ok ? "accepts" : "rejects")}, expected it {what} signature");
        }
        fixed (byte* np = n, bp = message, sp = signature)
        {
            bool ok = NativeCore.RsaVerify(np, (nuint)n.Length, 65537, bp, (nuint)message.Length, sp, (nuint)signature.Length) == NativeCore.Ok;
            Difference.Check(ok == expected, $"{Kind}: native {(ok ? "accepts" : "rejects")}, expected it {what} signature");
        }
        if (digestInfoOf is HashAlgorithmName hash && DigestInfo.HashOf(message, hash) is byte[] digest)
        {
            bool ok = entry.DotNet.VerifyHash(digest, signature, hash, RSASignaturePadding.Pkcs1);
            Difference.Check(ok == expected, $"{Kind}: System.Security.Cryptography.RSA {(ok ? "accepts" : "rejects")}, expected it {what} signature");
        }
    }
}

/// <summary>DER DigestInfo (RFC 8017 §9.2 note 1) for SHA-256 and SHA-384: the blocks the card signs.</summary>
public static class DigestInfo
{
    private static readonly byte[] Sha256Prefix = Convert.FromHexString("3031300D060960864801650304020105000420");
    private static readonly byte[] Sha384Prefix = Convert.FromHexString("3041300D060960864801650304020205000430");

    public static byte[] Of(HashAlgorithmName hash, byte[] digest) => [.. Prefix(hash), .. digest];

    /// <summary>The digest inside <paramref name="block"/>, or null when the block is not a DigestInfo of <paramref name="hash"/> (a changed prefix).</summary>
    public static byte[]? HashOf(byte[] block, HashAlgorithmName hash)
    {
        byte[] prefix = Prefix(hash);
        int length = hash == HashAlgorithmName.SHA256 ? 32 : 48;
        return block.Length == prefix.Length + length && block.AsSpan(0, prefix.Length).SequenceEqual(prefix) ? block[prefix.Length..] : null;
    }

    private static byte[] Prefix(HashAlgorithmName hash) => hash == HashAlgorithmName.SHA256 ? Sha256Prefix : Sha384Prefix;
}
