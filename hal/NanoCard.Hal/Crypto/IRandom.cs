namespace NanoCard.Hal.Crypto
{
    /// <summary>Random bytes for keys and challenges: the hardware RNG on the device, the OS RNG on the desktop.</summary>
    public interface IRandom
    {
        void NextBytes(byte[] buffer, short offset, short length);
    }
}
