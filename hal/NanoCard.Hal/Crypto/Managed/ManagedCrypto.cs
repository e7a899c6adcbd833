namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// <see cref="ICrypto"/> in portable C#: what stock nanoFramework firmware runs, and the
    /// version to read when learning how the algorithms work. The digests, AES and CMAC are made
    /// here; the RSA engine and each curve's ECDSA tables (together most of the card's heap,
    /// docs/performance.md) are made when the first key that needs them is created, which is at
    /// install: a card holds only the engines its keys use, and operations allocate nothing.
    /// A verification with no key of its kind on the card makes its engine then. Not thread-safe:
    /// one per card.
    /// </summary>
    public sealed class ManagedCrypto : ICrypto
    {
        private readonly Sha256 sha256 = new Sha256();
        private readonly Sha384 sha384 = new Sha384();
        private readonly AesEngine aes = new AesEngine();
        private EcdsaEngine ecdsa;
        private RsaEngine rsa;

        public ManagedCrypto(IRandom random)
        {
            if (random == null)
            {
                throw new System.ArgumentNullException("random");
            }
            Random = random;
        }

        /// <summary>The ECDSA engine, made on first need; each curve's tables are made by <see cref="EcdsaEngine.Prepare"/>.</summary>
        private EcdsaEngine Ecdsa
        {
            get
            {
                if (ecdsa == null)
                {
                    // The ECDSA engine owns its digests (it resets them for RFC 6979), so it gets its own.
                    ecdsa = new EcdsaEngine(Random, new Sha256(), new Sha384());
                }
                return ecdsa;
            }
        }

        /// <summary>The RSA engine (Montgomery contexts, prime search, CRT scratch), made on first need.</summary>
        private RsaEngine Rsa
        {
            get
            {
                PrepareRsa();
                return rsa;
            }
        }

        private void PrepareRsa()
        {
            if (rsa == null)
            {
                rsa = new RsaEngine(Random);
            }
        }

        public IRandom Random { get; }

        public IMessageDigest CreateDigest(byte algorithm)
        {
            return NewDigest(algorithm);
        }

        /// <summary>A fresh incremental digest in portable C#, for engines that have no native incremental one.</summary>
        public static IMessageDigest NewDigest(byte algorithm)
        {
            if (algorithm == HashAlgorithm.Sha256)
            {
                return new Sha256();
            }
            if (algorithm == HashAlgorithm.Sha384)
            {
                return new Sha384();
            }
            throw new System.ArgumentOutOfRangeException("algorithm");
        }

        public short Digest(byte algorithm, byte[] input, short inOffset, short inLength, byte[] output, short outOffset)
        {
            IMessageDigest digest = algorithm == HashAlgorithm.Sha256 ? sha256 : algorithm == HashAlgorithm.Sha384 ? (IMessageDigest)sha384 : null;
            if (digest == null)
            {
                throw new System.ArgumentOutOfRangeException("algorithm");
            }
            digest.Reset();
            return digest.DoFinal(input, inOffset, inLength, output, outOffset);
        }

        /// <summary>A key slot; the curve's tables are made now, at install, if no key of the curve has made them yet.</summary>
        public EcKey CreateEcKey(byte curve)
        {
            EcKey key = new EcKey(curve);
            Ecdsa.Prepare(curve);
            return key;
        }

        public void GenerateEcKey(EcKey key)
        {
            Ecdsa.GenerateKey(key);
        }

        public short SignEcdsa(EcKey key, byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset)
        {
            return Ecdsa.Sign(key, hash, hashOffset, hashLength, signature, sigOffset);
        }

        public bool VerifyEcdsa(byte curve, byte[] point, short pointOffset, short pointLength,
            byte[] hash, short hashOffset, short hashLength, byte[] signature, short sigOffset, short sigLength)
        {
            return Ecdsa.Verify(curve, point, pointOffset, pointLength, hash, hashOffset, hashLength, signature, sigOffset, sigLength);
        }

        /// <summary>A key slot; the RSA engine is made now, at install, if no RSA key has made it yet.</summary>
        public RsaKey CreateRsaKey()
        {
            RsaKey key = new RsaKey();
            PrepareRsa();
            return key;
        }

        public void GenerateRsaKey(RsaKey key)
        {
            Rsa.GenerateKey(key);
        }

        public void ImportRsaKey(RsaKey key, byte[] p, short pOffset, byte[] q, short qOffset, int publicExponent)
        {
            Rsa.ImportKey(key, p, pOffset, q, qOffset, publicExponent);
        }

        public short SignRsaPkcs1(RsaKey key, byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset)
        {
            return Rsa.SignPkcs1(key, block, blockOffset, blockLength, signature, sigOffset);
        }

        public bool VerifyRsaPkcs1(byte[] modulus, short modulusOffset, int publicExponent,
            byte[] block, short blockOffset, short blockLength, byte[] signature, short sigOffset, short sigLength)
        {
            return Rsa.VerifyPkcs1(modulus, modulusOffset, publicExponent, block, blockOffset, blockLength, signature, sigOffset, sigLength);
        }

        public void AesEcb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            aes.Ecb(encrypt, key, keyOffset, input, inOffset, length, output, outOffset);
        }

        public void AesCbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
            byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            aes.Cbc(encrypt, key, keyOffset, iv, ivOffset, input, inOffset, length, output, outOffset);
        }

        public void AesCmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset)
        {
            aes.Cmac(key, keyOffset, input, inOffset, length, mac, macOffset);
        }
    }
}
