namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// Deterministic ECDSA nonce candidates by the HMAC-DRBG of RFC 6979 §3.2, for an order whose
    /// bit length qlen is 8·qBytes (true of P-256 and P-384), so bits2int is "the leftmost qBytes
    /// bytes" and int2octets is plain qBytes-byte big-endian. The caller checks each candidate
    /// against [1, n−1] (step h.3) and asks for the next one if it is out of range or gives r = 0
    /// or s = 0 (§3.4). Allocation-free after construction. Not thread-safe.
    /// </summary>
    internal sealed class Rfc6979Nonce
    {
        private readonly Hmac _hmac;
        private readonly int _hlen;
        private readonly int _qBytes;
        private readonly byte[] _v;
        private readonly byte[] _k;
        private readonly byte[] _t;
        private readonly byte[] _sep;
        private bool _continue;

        internal Rfc6979Nonce(Hmac hmac, int qBytes)
        {
            _hmac = hmac;
            _hlen = hmac.Length;
            _qBytes = qBytes;
            _v = new byte[_hlen];
            _k = new byte[_hlen];
            _t = new byte[((qBytes + _hlen - 1) / _hlen) * _hlen];
            _sep = new byte[1];
        }

        /// <summary>
        /// Steps b–g: V = 0x01…, K = 0x00…, K = HMAC_K(V ‖ 0x00 ‖ int2octets(x) ‖ bits2octets(h1)),
        /// V = HMAC_K(V), K = HMAC_K(V ‖ 0x01 ‖ …), V = HMAC_K(V). <paramref name="x"/> is the
        /// private key and <paramref name="h1"/> bits2octets(h1) = int2octets(bits2int(h1) mod q),
        /// both qBytes long.
        /// </summary>
        internal void Init(byte[] x, byte[] h1)
        {
            int hl = _hlen;
            for (int i = 0; i < hl; i++)
            {
                _v[i] = 0x01;
                _k[i] = 0x00;
            }
            for (byte round = 0; round < 2; round++)
            {
                _hmac.Init(_k, 0, (short)hl);
                _hmac.Update(_v, 0, (short)hl);
                _sep[0] = round;
                _hmac.Update(_sep, 0, 1);
                _hmac.Update(x, 0, (short)_qBytes);
                _hmac.DoFinal(h1, 0, (short)_qBytes, _k, 0);
                _hmac.Init(_k, 0, (short)hl);
                _hmac.DoFinal(_v, 0, (short)hl, _v, 0);
            }
            _continue = false;
        }

        /// <summary>
        /// Step h: the next candidate k = bits2int(T), T the concatenation of V = HMAC_K(V) until
        /// it has qlen bits; writes qBytes bytes. Calls after the first apply the h.3 update
        /// K = HMAC_K(V ‖ 0x00), V = HMAC_K(V) first.
        /// </summary>
        internal void Next(byte[] k, int offset)
        {
            int hl = _hlen;
            if (_continue)
            {
                _hmac.Update(_v, 0, (short)hl);
                _sep[0] = 0x00;
                _hmac.DoFinal(_sep, 0, 1, _k, 0);
                _hmac.Init(_k, 0, (short)hl);
                _hmac.DoFinal(_v, 0, (short)hl, _v, 0);
            }
            int tlen = 0;
            while (tlen < _qBytes)
            {
                _hmac.DoFinal(_v, 0, (short)hl, _v, 0);
                System.Array.Copy(_v, 0, _t, tlen, hl);
                tlen += hl;
            }
            System.Array.Copy(_t, 0, k, offset, _qBytes);
            _continue = true;
        }

        /// <summary>Overwrites the DRBG state.</summary>
        internal void Clear()
        {
            System.Array.Clear(_v, 0, _v.Length);
            System.Array.Clear(_k, 0, _k.Length);
            System.Array.Clear(_t, 0, _t.Length);
            _hmac.Clear();
        }
    }
}
