using System;

namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// SHA-256 (FIPS 180-4 §6.2), streaming, in portable managed code. All state is allocated in the
    /// constructor; <see cref="Update"/> and <see cref="DoFinal"/> allocate nothing. Not thread-safe
    /// (one instance per user, made at install time).
    /// </summary>
    public sealed class Sha256 : IMessageDigest
    {
        private const int BlockSize = 64;

        // Working hash value H(i) (FIPS 180-4 §6.2.2), message schedule W0..W63 and the partial block.
        private readonly uint[] _h = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _buffer = new byte[BlockSize];
        private int _bufferLength;
        private long _totalBytes;

        /// <summary>Makes a digest ready for a new message.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <inheritdoc />
        public byte Algorithm => HashAlgorithm.Sha256;

        /// <inheritdoc />
        public short Length => 32;

        /// <summary>Starts a new message: H(0) from FIPS 180-4 §5.3.3.</summary>
        public void Reset()
        {
            uint[] h = _h;
            h[0] = 0x6A09E667u;
            h[1] = 0xBB67AE85u;
            h[2] = 0x3C6EF372u;
            h[3] = 0xA54FF53Au;
            h[4] = 0x510E527Fu;
            h[5] = 0x9B05688Cu;
            h[6] = 0x1F83D9ABu;
            h[7] = 0x5BE0CD19u;
            _bufferLength = 0;
            _totalBytes = 0;
            Array.Clear(_buffer, 0, BlockSize);
        }

        /// <summary>Hashes <paramref name="length"/> bytes of <paramref name="input"/> from <paramref name="offset"/> (any length, including 0).</summary>
        /// <exception cref="ArgumentException">The range lies outside <paramref name="input"/>.</exception>
        public void Update(byte[] input, short offset, short length)
        {
            RangeCheck.Check(input, offset, length);
            UpdateCore(input, offset, length);
        }

        /// <summary>
        /// Hashes the last <paramref name="inLength"/> bytes, pads (FIPS 180-4 §5.1.1), writes the 32-byte
        /// digest at <paramref name="outOffset"/> and resets; returns 32.
        /// </summary>
        /// <exception cref="ArgumentException">A range lies outside its array.</exception>
        public short DoFinal(byte[] input, short inOffset, short inLength, byte[] output, short outOffset)
        {
            RangeCheck.Check(input, inOffset, inLength);
            RangeCheck.Check(output, outOffset, 32);
            UpdateCore(input, inOffset, inLength);

            // §5.1.1: append bit 1, zeros up to 56 mod 64 bytes, then the 64-bit message length in bits.
            long bitLength = _totalBytes << 3;
            byte[] buffer = _buffer;
            int n = _bufferLength;
            buffer[n++] = 0x80;
            if (n > BlockSize - 8)
            {
                Array.Clear(buffer, n, BlockSize - n);
                Compress(buffer, 0);
                n = 0;
            }
            Array.Clear(buffer, n, BlockSize - 8 - n);
            for (int i = 0; i < 8; i++)
            {
                buffer[BlockSize - 1 - i] = (byte)(bitLength >> (8 * i));
            }
            Compress(buffer, 0);

            // §6.2.2 step 4: the digest is H0..H7, big-endian.
            uint[] h = _h;
            int o = outOffset;
            for (int i = 0; i < 8; i++)
            {
                uint v = h[i];
                output[o] = (byte)(v >> 24);
                output[o + 1] = (byte)(v >> 16);
                output[o + 2] = (byte)(v >> 8);
                output[o + 3] = (byte)v;
                o += 4;
            }
            Reset();
            return 32;
        }

        private void UpdateCore(byte[] input, int offset, int length)
        {
            if (length <= 0)
            {
                return;
            }
            _totalBytes += length;
            byte[] buffer = _buffer;
            int n = _bufferLength;
            if (n > 0)
            {
                int take = BlockSize - n;
                if (take > length)
                {
                    take = length;
                }
                Array.Copy(input, offset, buffer, n, take);
                n += take;
                offset += take;
                length -= take;
                if (n < BlockSize)
                {
                    _bufferLength = n;
                    return;
                }
                Compress(buffer, 0);
                n = 0;
            }
            // Whole blocks straight from the caller's array: no copy.
            while (length >= BlockSize)
            {
                Compress(input, offset);
                offset += BlockSize;
                length -= BlockSize;
            }
            if (length > 0)
            {
                Array.Copy(input, offset, buffer, 0, length);
                n = length;
            }
            _bufferLength = n;
        }

        /// <summary>One block of the SHA-256 hash computation, FIPS 180-4 §6.2.2 (rounds unrolled; K from §4.2.2).</summary>
        private void Compress(byte[] block, int offset)
        {
            uint[] w = _w;
            // Step 1: message schedule. Wt = Mt (big-endian) for t < 16, then σ1(Wt-2) + Wt-7 + σ0(Wt-15) + Wt-16.
            for (int t = 0; t < 16; t++)
            {
                w[t] = ((uint)block[offset] << 24) | ((uint)block[offset + 1] << 16)
                    | ((uint)block[offset + 2] << 8) | block[offset + 3];
                offset += 4;
            }
            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 2];
                uint y = w[t - 15];
                w[t] = (((x >> 17) | (x << 15)) ^ ((x >> 19) | (x << 13)) ^ (x >> 10)) + w[t - 7]
                    + (((y >> 7) | (y << 25)) ^ ((y >> 18) | (y << 14)) ^ (y >> 3)) + w[t - 16];
            }

            // Steps 2–4. Each round is T1 = h + Σ1(e) + Ch(e,f,g) + Kt + Wt; T2 = Σ0(a) + Maj(a,b,c);
            // instead of shifting eight variables, the names rotate from one round to the next.
            uint[] hv = _h;
            uint a = hv[0], b = hv[1], c = hv[2], d = hv[3], e = hv[4], f = hv[5], g = hv[6], h = hv[7];
            h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x428A2F98u + w[0];
            d += h;
            h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
            g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x71374491u + w[1];
            c += g;
            g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
            f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0xB5C0FBCFu + w[2];
            b += f;
            f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
            e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0xE9B5DBA5u + w[3];
            a += e;
            e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
            d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x3956C25Bu + w[4];
            h += d;
            d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
            c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x59F111F1u + w[5];
            g += c;
            c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
            b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x923F82A4u + w[6];
            f += b;
            b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
            a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0xAB1C5ED5u + w[7];
            e += a;
            a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0xD807AA98u + w[8];
            d += h;
            h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
            g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x12835B01u + w[9];
            c += g;
            g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
            f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x243185BEu + w[10];
            b += f;
            f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
            e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x550C7DC3u + w[11];
            a += e;
            e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
            d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x72BE5D74u + w[12];
            h += d;
            d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
            c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x80DEB1FEu + w[13];
            g += c;
            c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
            b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x9BDC06A7u + w[14];
            f += b;
            b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
            a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0xC19BF174u + w[15];
            e += a;
            a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0xE49B69C1u + w[16];
            d += h;
            h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
            g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0xEFBE4786u + w[17];
            c += g;
            g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
            f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x0FC19DC6u + w[18];
            b += f;
            f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
            e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x240CA1CCu + w[19];
            a += e;
            e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
            d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x2DE92C6Fu + w[20];
            h += d;
            d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
            c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x4A7484AAu + w[21];
            g += c;
            c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
            b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x5CB0A9DCu + w[22];
            f += b;
            b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
            a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x76F988DAu + w[23];
            e += a;
            a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x983E5152u + w[24];
            d += h;
            h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
            g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0xA831C66Du + w[25];
            c += g;
            g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
            f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0xB00327C8u + w[26];
            b += f;
            f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
            e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0xBF597FC7u + w[27];
            a += e;
            e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
            d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0xC6E00BF3u + w[28];
            h += d;
            d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
            c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0xD5A79147u + w[29];
            g += c;
            c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
            b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x06CA6351u + w[30];
            f += b;
            b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
            a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x14292967u + w[31];
            e += a;
            a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x27B70A85u + w[32];
            d += h;
            h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
            g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x2E1B2138u + w[33];
            c += g;
            g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
            f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x4D2C6DFCu + w[34];
            b += f;
            f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
            e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x53380D13u + w[35];
            a += e;
            e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
            d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x650A7354u + w[36];
            h += d;
            d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
            c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x766A0ABBu + w[37];
            g += c;
            c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
            b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x81C2C92Eu + w[38];
            f += b;
            b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
            a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x92722C85u + w[39];
            e += a;
            a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0xA2BFE8A1u + w[40];
            d += h;
            h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
            g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0xA81A664Bu + w[41];
            c += g;
            g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
            f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0xC24B8B70u + w[42];
            b += f;
            f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
            e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0xC76C51A3u + w[43];
            a += e;
            e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
            d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0xD192E819u + w[44];
            h += d;
            d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
            c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0xD6990624u + w[45];
            g += c;
            c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
            b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0xF40E3585u + w[46];
            f += b;
            b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
            a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x106AA070u + w[47];
            e += a;
            a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x19A4C116u + w[48];
            d += h;
            h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
            g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x1E376C08u + w[49];
            c += g;
            g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
            f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x2748774Cu + w[50];
            b += f;
            f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
            e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x34B0BCB5u + w[51];
            a += e;
            e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
            d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x391C0CB3u + w[52];
            h += d;
            d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
            c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x4ED8AA4Au + w[53];
            g += c;
            c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
            b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x5B9CCA4Fu + w[54];
            f += b;
            b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
            a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x682E6FF3u + w[55];
            e += a;
            a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            h += (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x748F82EEu + w[56];
            d += h;
            h += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) | (c & (a | b)));
            g += (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x78A5636Fu + w[57];
            c += g;
            g += (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10))) + ((h & a) | (b & (h | a)));
            f += (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x84C87814u + w[58];
            b += f;
            f += (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10))) + ((g & h) | (a & (g | h)));
            e += (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x8CC70208u + w[59];
            a += e;
            e += (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10))) + ((f & g) | (h & (f | g)));
            d += (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x90BEFFFAu + w[60];
            h += d;
            d += (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10))) + ((e & f) | (g & (e | f)));
            c += (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0xA4506CEBu + w[61];
            g += c;
            c += (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10))) + ((d & e) | (f & (d | e)));
            b += (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0xBEF9A3F7u + w[62];
            f += b;
            b += (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10))) + ((c & d) | (e & (c | d)));
            a += (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0xC67178F2u + w[63];
            e += a;
            a += (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10))) + ((b & c) | (d & (b | c)));
            hv[0] += a;
            hv[1] += b;
            hv[2] += c;
            hv[3] += d;
            hv[4] += e;
            hv[5] += f;
            hv[6] += g;
            hv[7] += h;
        }
    }
}
