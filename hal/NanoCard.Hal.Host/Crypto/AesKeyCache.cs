using System.Security.Cryptography;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// Each thread's AES objects for the last few keys it used. The card encrypts one block at a time
/// (the store's AES-CTR seal and its CMAC open every key record at power-up, docs/security.md),
/// and .NET's one-shot ECB builds a cipher context per call, which cost more than the block:
/// a kept ECB encryptor reuses its context. Holds keys only as .NET's AES objects hold them.
/// </summary>
internal static class AesKeyCache
{
    private const int Entries = 8; // an SCP03 session: its three static and three session keys, and the store seal's two

    [ThreadStatic]
    private static Entry?[]? entries;

    [ThreadStatic]
    private static int next;

    [ThreadStatic]
    private static byte[]? scratch;

    /// <summary>This thread's <see cref="Aes"/> holding the 16-byte key at <paramref name="keyOffset"/>.</summary>
    public static Aes For(byte[] key, short keyOffset) => EntryFor(key, keyOffset).Aes;

    /// <summary>AES-128 ECB encryption of whole blocks with a kept encryptor; the spans may overlap.</summary>
    public static void EncryptBlocks(byte[] key, short keyOffset, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Entry entry = EntryFor(key, keyOffset);
        if (source.IsEmpty)
        {
            return;
        }
        if (scratch is null || scratch.Length < source.Length)
        {
            scratch = new byte[Math.Max(256, source.Length)];
        }
        source.CopyTo(scratch);
        entry.Encryptor.TransformBlock(scratch, 0, source.Length, scratch, 0);
        scratch.AsSpan(0, source.Length).CopyTo(destination);
        CryptographicOperations.ZeroMemory(scratch.AsSpan(0, source.Length));
    }

    private static Entry EntryFor(byte[] key, short keyOffset)
    {
        ArgumentNullException.ThrowIfNull(key);
        ReadOnlySpan<byte> k = key.AsSpan(keyOffset, HostAes.KeyLength);
        entries ??= new Entry?[Entries];
        foreach (Entry? e in entries)
        {
            if (e is not null && CryptographicOperations.FixedTimeEquals(k, e.Key))
            {
                return e;
            }
        }
        entries[next]?.Dispose();
        var made = new Entry(k);
        entries[next] = made;
        next = (next + 1) % Entries;
        return made;
    }

    private sealed class Entry : IDisposable
    {
        public Entry(ReadOnlySpan<byte> key)
        {
            Key = key.ToArray();
            Aes = System.Security.Cryptography.Aes.Create();
            Aes.Key = Key;
            Aes.Mode = CipherMode.ECB;
            Aes.Padding = PaddingMode.None;
            Encryptor = Aes.CreateEncryptor();
        }

        public byte[] Key { get; }

        public Aes Aes { get; }

        public ICryptoTransform Encryptor { get; }

        public void Dispose()
        {
            Encryptor.Dispose();
            Aes.Dispose();
            CryptographicOperations.ZeroMemory(Key);
        }
    }
}
