using System.Device.I2c;
using NanoCard.Hal.Buses;

namespace NanoCard.Device.Glue
{
    /// <summary>
    /// The PN532's I2C device as the portable driver's byte transport. A transfer counts only when
    /// nanoFramework reports it whole (I2cTransferStatus.FullTransfer): a clock-stretch timeout or an
    /// address not acknowledged while the chip wakes leaves the buffer stale, and the driver must know.
    /// </summary>
    public sealed class EspI2c : II2cTransport
    {
        private readonly I2cDevice device;

        public EspI2c(I2cDevice device)
        {
            this.device = device;
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            return device.Write(new System.SpanByte(buffer, offset, count)).Status == I2cTransferStatus.FullTransfer;
        }

        public bool Read(byte[] buffer, int offset, int count)
        {
            return device.Read(new System.SpanByte(buffer, offset, count)).Status == I2cTransferStatus.FullTransfer;
        }
    }
}
