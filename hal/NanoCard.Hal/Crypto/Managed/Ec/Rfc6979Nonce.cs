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
        private readonly Hmac hmac;
        private readonly int hlen;
        private readonly int qBytes;
        private readonly byte[] v;
        private readonly byte[] k;
        private readonly byte[] t;
        private readonly byte[] sep;
        private bool continueByte;

        internal Rfc6979Nonce(Hmac hmac, int qBytes)
        {
            this.hmac = hmac;
            hlen = hmac.Length;
            this.qBytes = qBytes;
            v = new byte[hlen];
            this.k = new byte[hlen];
            t = new byte[((qBytes + hlen - 1) / hlen) * hlen];
            sep = new byte[1];
        }

        /// <summary>
        /// Steps b–g: V = 0x01…, K = 0x00…, K = HMAC_K(V ‖ 0x00 ‖ int2octets(x) ‖ bits2octets(h1)),
        /// V = HMAC_K(V), K = HMAC_K(V ‖ 0x01 ‖ …), V = HMAC_K(V). <paramref name="x"/> is the
        /// private key and <paramref name="h1"/> bits2octets(h1) = int2octets(bits2int(h1) mod q),
        /// both qBytes long.
        /// </summary>
        internal void Init(byte[] x, byte[] h1)
        {
            int hl = hlen;
            for (int i = 0; i < hl; i++)
            {
                v[i] = 0x01;
                this.k[i] = 0x00;
            }
            for (byte round = 0; round < 2; round++)
            {
                this.hmac.Init(this.k, 0, (short)hl);
                this.hmac.Update(v, 0, (short)hl);
                sep[0] = round;
                this.hmac.Update(sep, 0, 1);
                this.hmac.Update(x, 0, (short)this.qBytes);
                this.hmac.DoFinal(h1, 0, (short)this.qBytes, this.k, 0);
                this.hmac.Init(this.k, 0, (short)hl);
                this.hmac.DoFinal(v, 0, (short)hl, v, 0);
            }
            continueByte = false;
        }

        /// <summary>
        /// Step h: the next candidate k = bits2int(T), T the concatenation of V = HMAC_K(V) until
        /// it has qlen bits; writes qBytes bytes. Calls after the first apply the h.3 update
        /// K = HMAC_K(V ‖ 0x00), V = HMAC_K(V) first.
        /// </summary>
        internal void Next(byte[] k, int offset)
        {
            int hl = hlen;
            if (continueByte)
            {
                this.hmac.Update(v, 0, (short)hl);
                sep[0] = 0x00;
                this.hmac.DoFinal(sep, 0, 1, this.k, 0);
                this.hmac.Init(this.k, 0, (short)hl);
                this.hmac.DoFinal(v, 0, (short)hl, v, 0);
            }
            int tlen = 0;
            while (tlen < this.qBytes)
            {
                this.hmac.DoFinal(v, 0, (short)hl, v, 0);
                System.Array.Copy(v, 0, t, tlen, hl);
                tlen += hl;
            }
            System.Array.Copy(t, 0, k, offset, this.qBytes);
            continueByte = true;
        }

        /// <summary>Overwrites the DRBG state.</summary>
        internal void Clear()
        {
            System.Array.Clear(v, 0, v.Length);
            System.Array.Clear(this.k, 0, this.k.Length);
            System.Array.Clear(t, 0, t.Length);
            this.hmac.Clear();
        }
    }
}
