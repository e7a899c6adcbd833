using System.Formats.Asn1;
using System.Security.Cryptography;

namespace NanoCard.Issuance;

/// <summary>
/// EC public keys in the forms the card uses: the uncompressed point 04 ‖ X ‖ Y (SEC 1 §2.3.3)
/// and the curve OID, as in the card's public key template <c>7F49 { 06 OID, 86 point }</c>
/// (ISO/IEC 7816-8 §5.1); the card's curve numbers 01 = P-256, 02 = P-384.
/// </summary>
public static class EcPublicKeys
{
    public const byte P256 = 1;
    public const byte P384 = 2;

    /// <summary>The card's curve number for a persona's curve name ("P-256", "P-384").</summary>
    public static byte CurveNumber(string name) => name switch
    {
        "P-256" => P256,
        "P-384" => P384,
        _ => throw new ArgumentException($"unknown curve '{name}': use P-256 or P-384", nameof(name)),
    };

    public static ECCurve Curve(byte number) => number == P384 ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;

    /// <summary>DER content of the curve's OID.</summary>
    public static byte[] CurveOid(ECCurve curve)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(curve.Oid.Value!);
        return writer.Encode()[2..];
    }

    public static byte[] Point(ECParameters p) => [0x04, .. p.Q.X!, .. p.Q.Y!];

    /// <summary>The public key from an uncompressed point on the curve numbered <paramref name="curve"/>.</summary>
    public static ECDsa FromPoint(byte curve, byte[] point)
    {
        int n = (point.Length - 1) / 2;
        if (point.Length != 1 + 2 * n || point[0] != 0x04)
        {
            throw new InvalidDataException("not an uncompressed EC point");
        }
        return ECDsa.Create(new ECParameters { Curve = Curve(curve), Q = new ECPoint { X = point[1..(1 + n)], Y = point[(1 + n)..] } });
    }
}
