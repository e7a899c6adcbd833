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
    private readonly EcDomain _domain;
    private readonly byte[] _k;
    private readonly byte[] _v;
    private readonly byte[] _t;
    private readonly byte[] _scratch;
    private bool _started;

    /// <param name="x">int2octets(x): the private key, rlen bytes big-endian.</param>
    /// <param name="h1">The message hash as given to the signer (any length).</param>
    public Rfc6979Nonce(EcDomain domain, ReadOnlySpan<byte> x, ReadOnlySpan<byte> h1)
    {
        _domain = domain;
        int rlen = domain.FieldLength;
        int hlen = NanoCard.Hal.Crypto.HashAlgorithm.LengthOf(domain.Hash);
        _k = new byte[hlen];
        _v = new byte[hlen];
        _t = new byte[rlen];
        _scratch = new byte[hlen + 1 + 2 * rlen];

        // bits2octets(h1) (§2.3.4): z1 = bits2int(h1); z2 = z1 mod q, a single subtraction since z1 < 2^qlen < 2q.
        BigInteger z = domain.Bits2Int(h1);
        if (z >= domain.Order)
        {
            z -= domain.Order;
        }
        Span<byte> h1Octets = _scratch.AsSpan(hlen + 1 + rlen, rlen);
        BigEndian.Write(z, h1Octets);
        x.CopyTo(_scratch.AsSpan(hlen + 1, rlen));

        // Step b: V = 0x01 0x01 ... ; step c: K = 0x00 0x00 ...
        _v.AsSpan().Fill(0x01);
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
            if (_started)
            {
                // Step h.3 (a previous candidate was refused): K = HMAC_K(V || 0x00); V = HMAC_K(V).
                UpdateKey(0x00, withSeed: false);
            }
            _started = true;

            // Steps h.1–h.2: T = V₁ ‖ V₂ ‖ … with V = HMAC_K(V) until tlen ≥ qlen.
            int filled = 0;
            while (filled < _t.Length)
            {
                Hmac(_v, _v);
                int take = Math.Min(_v.Length, _t.Length - filled);
                _v.AsSpan(0, take).CopyTo(_t.AsSpan(filled));
                filled += take;
            }
            BigInteger k = _domain.Bits2Int(_t);
            if (k.Sign > 0 && k < _domain.Order)
            {
                return k;
            }
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_k);
        CryptographicOperations.ZeroMemory(_v);
        CryptographicOperations.ZeroMemory(_t);
        CryptographicOperations.ZeroMemory(_scratch);
    }

    private void UpdateKey(byte separator, bool withSeed)
    {
        int hlen = _v.Length;
        _v.CopyTo(_scratch, 0);
        _scratch[hlen] = separator;
        int length = withSeed ? _scratch.Length : hlen + 1;
        Hmac(_scratch.AsSpan(0, length), _k);
        Hmac(_v, _v);
    }

    private void Hmac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // Through a scratch buffer: the destination may alias the data (V = HMAC_K(V)).
        Span<byte> mac = stackalloc byte[HostHashes.MaxLength];
        int length = HostHashes.HmacData(_domain.Hash, _k, data, mac);
        mac.Slice(0, length).CopyTo(destination);
        CryptographicOperations.ZeroMemory(mac);
    }
}
