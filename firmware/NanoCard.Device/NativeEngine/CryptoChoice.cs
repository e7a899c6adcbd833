using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;

namespace NanoCard.Device.NativeEngine
{
    /// <summary>
    /// Which engine the card gets on a firmware that may or may not have the NanoCard interop
    /// (docs/building-firmware.md, "Pairing"): the native one when its self-test passes, ManagedCrypto
    /// when it fails or when the natives are missing. On a stock image nanoCLR loads the
    /// NanoCard.NativeCrypto assembly (it compares a native checksum only for assemblies the image
    /// has natives for) and the first native call throws; .NET, which has no such natives either,
    /// does the same, which is how the tests check this.
    /// </summary>
    public static class CryptoChoice
    {
        public static ICrypto Choose(IRandom random)
        {
            try
            {
                if (NanoCard.NativeCrypto.NativeCrypto.SelfTest())
                {
                    return new NativeCryptoEngine(random);
                }
            }
            catch (System.Exception)
            {
                // The native methods are missing or fail: the portable engine serves.
            }
            return new ManagedCrypto(random);
        }
    }
}
