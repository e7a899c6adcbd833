using System.Security.Cryptography;
using NanoCard.Os.SecureChannel;

namespace NanoCard.Issuance;

/// <summary>
/// The host's side of PUT KEY for an SCP03 key set (GlobalPlatform Card Specification v2.3.1 §11.8,
/// Amendment D §7.2; docs/apdu-spec.md §11.1): each new key encrypted under the current static DEK
/// (AES-CBC, zero ICV) with its check value; the card answers the new version and the three check
/// values, which must be the ones sent.
/// </summary>
public static class Scp03KeyRotation
{
    /// <summary><c>80 D8 current-KVN 81 46 new-KVN {88 11 10 key' 03 KCV}×3 00</c>.</summary>
    public static byte[] PutKey(Scp03Keys current, Scp03Keys next)
    {
        var data = new List<byte> { next.Version };
        foreach (byte[] key in new[] { next.Enc, next.Mac, next.Dek })
        {
            using Aes aes = Aes.Create();
            aes.Key = current.Dek;
            data.AddRange([Scp03PutKey.KeyTypeAes, 0x11, 0x10, .. aes.EncryptCbc(key, new byte[16], PaddingMode.None), (byte)Scp03PutKey.KcvLength, .. Scp03Keys.CheckValue(key)]);
        }
        return [0x80, Scp03PutKey.InsPutKey, current.Version, Scp03PutKey.KeySetP2, (byte)data.Count, .. data, 0x00];
    }

    /// <summary>The reply the card gives when it took <paramref name="next"/>: its version and the three check values.</summary>
    public static byte[] ExpectedReply(Scp03Keys next) =>
        [next.Version, .. Scp03Keys.CheckValue(next.Enc), .. Scp03Keys.CheckValue(next.Mac), .. Scp03Keys.CheckValue(next.Dek)];

    /// <summary>
    /// Replaces the card's key set <paramref name="current"/> with <paramref name="next"/> through
    /// <paramref name="session"/> (opened with <paramref name="current"/> at C-DECRYPTION or above).
    /// </summary>
    public static void Replace(CardClient session, Scp03Keys current, Scp03Keys next)
    {
        byte[] reply = session.Expect(PutKey(current, next), "PUT KEY (SCP03 key set)");
        if (!reply.AsSpan().SequenceEqual(ExpectedReply(next)))
        {
            throw new CryptographicException($"PUT KEY: the card answered {Convert.ToHexString(reply)}, not the new key set's check values");
        }
    }
}
