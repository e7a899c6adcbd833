namespace NanoCard.Hal.Crypto.Managed
{
    /// <summary>
    /// ICrypto's AES operations (ECB, CBC, CMAC) in portable C#, for ManagedCrypto and for engines
    /// whose native core has no AES. One key schedule serves all three: every call sets its key and
    /// clears it when it returns, so nothing secret stays in RAM and the CMAC can share the schedule
    /// (docs/performance.md, "Managed heap"). Not thread-safe: one per card.
    /// </summary>
    public sealed class AesEngine
    {
        private readonly Aes128 aes;
        private readonly AesCmac cmac;

        public AesEngine()
        {
            aes = new Aes128();
            cmac = new AesCmac(aes);
        }

        public void Ecb(bool encrypt, byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            aes.SetKey(key, keyOffset);
            try
            {
                if (encrypt)
                {
                    aes.EncryptEcb(input, inOffset, length, output, outOffset);
                }
                else
                {
                    aes.DecryptEcb(input, inOffset, length, output, outOffset);
                }
            }
            finally
            {
                // The key schedule is secret: leave nothing behind, even when the call fails.
                aes.ClearKey();
            }
        }

        public void Cbc(bool encrypt, byte[] key, short keyOffset, byte[] iv, short ivOffset,
            byte[] input, short inOffset, short length, byte[] output, short outOffset)
        {
            aes.SetKey(key, keyOffset);
            try
            {
                if (encrypt)
                {
                    aes.EncryptCbc(iv, ivOffset, input, inOffset, length, output, outOffset);
                }
                else
                {
                    aes.DecryptCbc(iv, ivOffset, input, inOffset, length, output, outOffset);
                }
            }
            finally
            {
                aes.ClearKey();
            }
        }

        public void Cmac(byte[] key, short keyOffset, byte[] input, short inOffset, short length, byte[] mac, short macOffset)
        {
            cmac.SetKey(key, keyOffset);
            try
            {
                cmac.ComputeMac(input, inOffset, length, mac, macOffset);
            }
            finally
            {
                cmac.ClearKey();
            }
        }
    }
}
