using System.Security.Cryptography;
using NanoCard.Hal.Crypto;
using Org.BouncyCastle.Asn1.X9;

namespace NanoCard.Differential;

/// <summary>
/// ECDSA on P-256 or P-384 (FIPS 186-4, k by RFC 6979) with a random private scalar d and hash:
/// the public point from the native core equals BouncyCastle's d·G; the managed, .NET and native
/// signatures are equal byte for byte (deterministic k); managed, .NET, native and .NET's own
/// ECDsa each accept that signature, and each rejects it with bit <c>flip</c> of r ‖ s ‖ the hash's used bytes changed.
/// </summary>
public sealed class EcdsaCase(byte curve, byte[] d, byte[] hash, int flip) : DiffCase(curve == EcCurve.P256 ? "ECDSA P-256" : "ECDSA P-384")
{
    protected override string Inputs => $"d {Hex(d)} hash {Hex(hash)} flip {flip}";

    public override unsafe void Check(Engines engines)
    {
        int length = d.Length;
        byte[] point = new byte[1 + 2 * length];
        byte[] native = new byte[2 * length];
        fixed (byte* dp = d, qp = point, hp = hash, sp = native)
        {
            Difference.Check(NativeCore.EcdsaPublicFromPrivate(curve, dp, qp) == NativeCore.Ok, $"native {Kind}: public from private failed");
            Difference.Check(NativeCore.EcdsaSign(curve, dp, hp, (nuint)hash.Length, sp, IntPtr.Zero, IntPtr.Zero) == NativeCore.Ok, $"native {Kind}: sign failed");
        }
        X9ECParameters parameters = ECNamedCurveTable.GetByName(curve == EcCurve.P256 ? "P-256" : "P-384");
        Difference.Equal(parameters.G.Multiply(new Org.BouncyCastle.Math.BigInteger(1, d)).Normalize().GetEncoded(false), point, $"{Kind} public point BouncyCastle vs native");
        byte[] stored = [.. d, .. point];
        foreach (var (name, crypto) in engines.Both)
        {
            EcKey key = crypto.CreateEcKey(curve);
            key.Load(stored, 0);
            byte[] signature = new byte[2 * length];
            crypto.SignEcdsa(key, hash, 0, (short)hash.Length, signature, 0);
            Difference.Equal(native, signature, $"{Kind} signature native vs {name}");
        }
        Verifiers(engines, point, hash, native, expected: true);
        // Bits of a hash beyond the order's length are cut off before use (FIPS 186-4 §6.4): the flip stays in r ‖ s ‖ the used hash.
        byte[] tampered = [.. native, .. hash];
        tampered[flip / 8 % (native.Length + Math.Min(hash.Length, length))] ^= (byte)(1 << (flip % 8));
        Verifiers(engines, point, tampered[native.Length..], tampered[..native.Length], expected: false);
    }

    private unsafe void Verifiers(Engines engines, byte[] point, byte[] message, byte[] signature, bool expected)
    {
        string what = expected ? "accepts" : "rejects the changed";
        foreach (var (name, crypto) in engines.Both)
        {
            bool ok = crypto.VerifyEcdsa(curve, point, 0, (short)point.Length, message, 0, (short)message.Length, signature, 0, (short)signature.Length);
            Difference.Check(ok == expected, $"{Kind}: {name} {(ok ? "accepts" : "rejects")}, expected it {what} signature");
        }
        fixed (byte* qp = point, hp = message, sp = signature)
        {
            bool ok = NativeCore.EcdsaVerify(curve, qp, (nuint)point.Length, hp, (nuint)message.Length, sp, (nuint)signature.Length) == NativeCore.Ok;
            Difference.Check(ok == expected, $"{Kind}: native {(ok ? "accepts" : "rejects")}, expected it {what} signature");
        }
        int length = d.Length;
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = curve == EcCurve.P256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = point[1..(1 + length)], Y = point[(1 + length)..] },
        });
        bool dotnet = ecdsa.VerifyHash(message, signature);
        Difference.Check(dotnet == expected, $"{Kind}: System.Security.Cryptography.ECDsa {(dotnet ? "accepts" : "rejects")}, expected it {what} signature");
    }
}
