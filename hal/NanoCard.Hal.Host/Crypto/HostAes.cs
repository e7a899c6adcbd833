using System.Buffers;
using System.Security.Cryptography;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// AES-128 (FIPS 197) ECB and CBC (NIST SP 800-38A) over .NET's one-shot APIs, no padding, and
/// AES-CMAC (RFC 4493 = NIST SP 800-38B with AES-128), which .NET does not offer, built on ECB.
/// Encryption goes through <see cref="AesKeyCache"/>'s kept encryptors.
/// </summary>
internal static class HostAes
{
    public const int BlockSize = 16;
    public const int KeyLength = 16;

    public static void Ecb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length,
        byte[] output, short outOffset)
    {
        Run(encrypt, cbc: false, default, key, keyOffset, input, inOffset, length, output, outOffset);
    }

    public static void Cbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
        byte[] input, short inOffset, short length, byte[] output, short outOffset)
    {
        ArgumentNullException.ThrowIfNull(iv);
        Run(encrypt, cbc: true, iv.AsSpan(ivOffset, BlockSize), key, keyOffset, input, inOffset, length, output, outOffset);
    }

    /// <summary>ECB or CBC (with <paramref name="chain"/> as the IV) over whole blocks, input and output allowed to overlap.</summary>
    private static void Run(bool encrypt, bool cbc, ReadOnlySpan<byte> chain, byte[] key, short keyOffset,
        byte[] input, short inOffset, short length, byte[] output, short outOffset)
    {
        ReadOnlySpan<byte> source = Whole(input, inOffset, length);
        Span<byte> destination = output.AsSpan(outOffset, length);
        if (!cbc && encrypt)
        {
            AesKeyCache.EncryptBlocks(key, keyOffset, source, destination);
            return;
        }
        Aes aes = AesKeyCache.For(key, keyOffset);
        byte[]? copy = Unalias(source, destination);
        try
        {
            if (copy != null)
            {
                source = copy;
            }
            if (cbc)
            {
                if (encrypt)
                {
                    aes.EncryptCbc(source, chain, destination, PaddingMode.None);
                }
                else
                {
                    aes.DecryptCbc(source, chain, destination, PaddingMode.None);
                }
            }
            else
            {
                aes.DecryptEcb(source, destination, PaddingMode.None);
            }
        }
        finally
        {
            Clear(copy);
        }
    }

    /// <summary>AES-CMAC (RFC 4493 §2.4): the full 16-byte tag T.</summary>
    public static void Cmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }
        ReadOnlySpan<byte> message = length == 0 ? default : input.AsSpan(inOffset, length);
        Span<byte> tag = mac.AsSpan(macOffset, BlockSize);
        Span<byte> k1 = stackalloc byte[BlockSize];
        Span<byte> k2 = stackalloc byte[BlockSize];
        Span<byte> x = stackalloc byte[BlockSize];
        Span<byte> y = stackalloc byte[BlockSize];
        try
        {
            // Subkeys (RFC 4493 §2.3): L = AES-128(K, 0^128), K1 = dbl(L), K2 = dbl(K1).
            x.Clear();
            AesKeyCache.EncryptBlocks(key, keyOffset, x, y);
            Double(y, k1);
            Double(k1, k2);

            // Step 2–3: n blocks, the last complete only for a non-empty multiple of 16.
            int blocks = (length + BlockSize - 1) / BlockSize;
            bool lastComplete = blocks > 0 && length % BlockSize == 0;
            if (blocks == 0)
            {
                blocks = 1;
            }

            // Step 5–6: X = 0; Y = X ⊕ M_i; X = AES-128(K, Y) for i = 1 … n−1: the last block of
            // AES-CBC over M_1 … M_n−1 with a zero IV, in one call rather than one per block.
            x.Clear();
            if (blocks > 1)
            {
                int chained = (blocks - 1) * BlockSize;
                byte[] cbc = ArrayPool<byte>.Shared.Rent(chained);
                try
                {
                    AesKeyCache.For(key, keyOffset).EncryptCbc(message[..chained], x, cbc.AsSpan(0, chained), PaddingMode.None);
                    cbc.AsSpan(chained - BlockSize, BlockSize).CopyTo(x);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(cbc.AsSpan(0, chained));
                    ArrayPool<byte>.Shared.Return(cbc);
                }
            }

            // Step 4: M_last = M_n ⊕ K1 when complete, else padding(M_n) ⊕ K2 with padding = M_n ‖ 10^i.
            ReadOnlySpan<byte> last = message.Slice((blocks - 1) * BlockSize);
            y.Clear();
            last.CopyTo(y);
            if (lastComplete)
            {
                Xor(y, k1, y);
            }
            else
            {
                y[last.Length] = 0x80;
                Xor(y, k2, y);
            }
            // Step 6 (last) – 7: T = AES-128(K, M_last ⊕ X).
            Xor(y, x, y);
            AesKeyCache.EncryptBlocks(key, keyOffset, y, tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k1);
            CryptographicOperations.ZeroMemory(k2);
            CryptographicOperations.ZeroMemory(x);
            CryptographicOperations.ZeroMemory(y);
        }
    }

    /// <summary>
    /// Multiplication by x in GF(2^128) (RFC 4493 §2.3 steps 2–3): a left shift by one bit, and
    /// R_b = 0x87 folded in when the bit shifted out was 1 — by a mask, not a branch, since L is secret.
    /// </summary>
    internal static void Double(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int carry = input[0] >> 7;
        for (int i = 0; i < BlockSize - 1; i++)
        {
            output[i] = (byte)((input[i] << 1) | (input[i + 1] >> 7));
        }
        output[BlockSize - 1] = (byte)((input[BlockSize - 1] << 1) ^ (0x87 & -carry));
    }

    private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        for (int i = 0; i < BlockSize; i++)
        {
            result[i] = (byte)(a[i] ^ b[i]);
        }
    }

    private static ReadOnlySpan<byte> Whole(byte[] input, short offset, short length)
    {
        if (length < 0 || length % BlockSize != 0)
        {
            throw new ArgumentException("Length must be a multiple of 16.", nameof(length));
        }
        return length == 0 ? default : input.AsSpan(offset, length);
    }

    /// <summary>Java Card lets input and output share a buffer; copy the input when they overlap at all.</summary>
    private static byte[]? Unalias(ReadOnlySpan<byte> source, Span<byte> destination) =>
        source.Overlaps(destination) ? source.ToArray() : null;

    private static void Clear(byte[]? copy)
    {
        if (copy != null)
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }
}
