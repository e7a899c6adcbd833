// nanoFramework package System.Device.I2c (namespace System.Device.I2c).
namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode = 0,
        FastMode = 1,
    }

    public enum I2cTransferStatus
    {
        UnknownError = 0,
        FullTransfer = 1,
        ClockStretchTimeout = 2,
        PartialTransfer = 3,
        SlaveAddressNotAcknowledged = 4,
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
