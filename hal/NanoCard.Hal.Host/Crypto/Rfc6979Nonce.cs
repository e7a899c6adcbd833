using System.Numerics;
using System.Security.Cryptography;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// The deterministic ECDSA nonce of RFC 6979 §3.2: an HMAC-DRBG keyed by the private key and the
/// message hash. HMAC uses the curve's paired hash (HMAC-SHA-256 for P-256, HMAC-SHA-384 for
/// P-384), whatever hash produced h1. Each <see cref="Next"/> gives the next candidate k in
/// [1, q-1]; the signer asks again when k gives r = 0 or s = 0 (§3.2 step h.3).
/// </summary>
internal sealed class Rfc6979Nonce : IDisposable
{
    private readonly EcDomain domain;
    private readonly byte[] k;
    private readonly byte[] v;
    private readonly byte[] t;
    private readonly byte[] scratch;
    private bool started;

    /// <param name="x">int2octets(x): the private key, rlen bytes big-endian.</param>
    /// <param name="h1">The message hash as given to the signer (any length).</param>
    public Rfc6979Nonce(EcDomain domain, ReadOnlySpan<byte> x, ReadOnlySpan<byte> h1)
    {
        this.domain = domain;
        int rlen = domain.FieldLength;
        int hlen = NanoCard.Hal.Crypto.HashAlgorithm.LengthOf(domain.Hash);
        this.k = new byte[hlen];
        v = new byte[hlen];
        t = new byte[rlen];
        this.scratch = new byte[hlen + 1 + 2 * rlen];

        // bits2octets(h1) (§2.3.4): z1 = bits2int(h1); z2 = z1 mod q, a single subtraction since z1 < 2^qlen < 2q.
        BigInteger z = domain.Bits2Int(h1);
        if (z >= domain.Order)
        {
            z -= domain.Order;
        }
        Span<byte> h1Octets = this.scratch.AsSpan(hlen + 1 + rlen, rlen);
        BigEndian.Write(z, h1Octets);
        x.CopyTo(this.scratch.AsSpan(hlen + 1, rlen));

        // Step b: V = 0x01 0x01 ... ; step c: K = 0x00 0x00 ...
        v.AsSpan().Fill(0x01);
        // Step d: K = HMAC_K(V || 0x00 || int2octets(x) || bits2octets(h1)); step e: V = HMAC_K(V).
        UpdateKey(0x00, withSeed: true);
        // Step f: K = HMAC_K(V || 0x01 || int2octets(x) || bits2octets(h1)); step g: V = HMAC_K(V).
        UpdateKey(0x01, withSeed: true);
    }

    /// <summary>Step h: the next candidate k, 1 ≤ k ≤ q-1.</summary>
    public BigInteger Next()
    {
        while (true)
        {
            if (started)
            {
                // Step h.3 (a previous candidate was refused): K = HMAC_K(V || 0x00); V = HMAC_K(V).
                UpdateKey(0x00, withSeed: false);
            }
            started = true;

            // Steps h.1–h.2: T = V₁ ‖ V₂ ‖ … with V = HMAC_K(V) until tlen ≥ qlen.
            int filled = 0;
            while (filled < t.Length)
            {
                Hmac(v, v);
                int take = Math.Min(v.Length, t.Length - filled);
                v.AsSpan(0, take).CopyTo(t.AsSpan(filled));
                filled += take;
            }
            BigInteger k = this.domain.Bits2Int(t);
            if (k.Sign > 0 && k < this.domain.Order)
            {
                return k;
            }
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(this.k);
        CryptographicOperations.ZeroMemory(v);
        CryptographicOperations.ZeroMemory(t);
        CryptographicOperations.ZeroMemory(this.scratch);
    }

    private void UpdateKey(byte separator, bool withSeed)
    {
        int hlen = v.Length;
        v.CopyTo(this.scratch, 0);
        this.scratch[hlen] = separator;
        int length = withSeed ? this.scratch.Length : hlen + 1;
        Hmac(this.scratch.AsSpan(0, length), this.k);
        Hmac(v, v);
    }

    private void Hmac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // Through a scratch buffer: the destination may alias the data (V = HMAC_K(V)).
        Span<byte> mac = stackalloc byte[HostHashes.MaxLength];
        int length = HostHashes.HmacData(this.domain.Hash, this.k, data, mac);
        mac.Slice(0, length).CopyTo(destination);
        CryptographicOperations.ZeroMemory(mac);
    }
}
