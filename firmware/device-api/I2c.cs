// nanoFramework package System.Device.I2c (namespace System.Device.I2c).
namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode = 0,
        FastMode = 1,
    }

    // Values as nanoFramework's native sys_dev_i2c_native.h, which its managed enum must match.
    public enum I2cTransferStatus
    {
        FullTransfer = 0,
        ClockStretchTimeout = 1,
        PartialTransfer = 2,
        SlaveAddressNotAcknowledged = 3,
        UnknownError = 4,
    }

    public struct I2cTransferResult
    {
        public I2cTransferStatus Status { get { throw null; } }

        public uint BytesTransferred { get { throw null; } }
    }

    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) { }
    }

    public class I2cDevice : IDisposable
    {
        public static I2cDevice Create(I2cConnectionSettings settings) { throw null; }

        public I2cTransferResult Read(SpanByte buffer) { throw null; }

        public I2cTransferResult Write(SpanByte buffer) { throw null; }

        public void Dispose() { }
    }
}
