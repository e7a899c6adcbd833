using NanoCard.Hal.Crypto;

namespace NanoCard.Device.Glue
{
    /// <summary>
    /// The ESP32's hardware RNG: on this target System.Random is esp_random(), true random from
    /// thermal and clock noise, and ignores its seed (reference §1.2, targetRandom.cpp).
    /// </summary>
    public sealed class HardwareRandom : IRandom
    {
        private readonly System.Random random = new System.Random();
        private readonly byte[] block = new byte[32];

        public void NextBytes(byte[] buffer, short offset, short length)
        {
            while (length > 0)
            {
                short n = length < block.Length ? length : (short)block.Length;
                random.NextBytes(block);
                System.Array.Copy(block, 0, buffer, offset, n);
                offset += n;
                length -= n;
            }
            System.Array.Clear(block, 0, block.Length);
        }
    }
}
