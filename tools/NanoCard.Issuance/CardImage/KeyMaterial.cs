using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os.Keys;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Issuance;

/// <summary>
/// The secret halves of the private keys in a card image, opened with its device key: what the
/// secret-leak checks (fuzz oracle, image/trace/log scans: docs/security.md) look for. A card's
/// keys never leave it; this reads them from the EEPROM image, as someone holding both the image
/// and its key could.
/// </summary>
public static class KeyMaterial
{
    /// <summary>RSA p, q, dP, dQ, qInv and EC d of every generated key in <paramref name="image"/>.</summary>
    public static List<byte[]> SecretParts(byte[] image, byte[]? deviceKey)
    {
        var store = new CardStore(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), StoreLayout.Default());
        var seal = new SecretSeal(new HostCrypto(), deviceKey);
        short rsaRecord = KeyRecord.SizeFor(RsaPrivateKey.BodyLength);
        short ecRecord = KeyRecord.SizeFor(EcPrivateKey.BodyLength);
        var parts = new List<byte[]>();
        foreach (StoreObject key in StoreDirectory.Objects(store).Where(o => o.Kind == ObjectKind.Key && (o.Size == rsaRecord || o.Size == ecRecord)))
        {
            byte[] record = new byte[key.Size];
            store.Read(key.Address, record, 0, (short)key.Size);
            if (!seal.Open(key.Address, record, 0, (short)(key.Size - SecretSeal.Overhead)))
            {
                continue;
            }
            int body = KeyRecord.BodyOffset;
            parts.Add(key.Size == rsaRecord
                ? record[(body + 4 + RsaKey.ModulusLength)..(body + RsaKey.StoredLength)]
                : record[(body + 1)..(body + 1 + (record[body] == EcCurve.P384 ? 48 : 32))]);
        }
        return parts;
    }

    /// <summary>The parts cut into 16-byte windows, 16 apart: any leak of 31 or more consecutive secret bytes contains one.</summary>
    public static List<byte[]> Windows(IEnumerable<byte[]> parts) =>
        [.. parts.SelectMany(part => Enumerable.Range(0, part.Length / 16).Select(k => part[(k * 16)..((k + 1) * 16)]))];
}
