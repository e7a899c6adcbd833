using System.Device.I2c;
using NanoCard.Hal.Buses;

namespace NanoCard.Device.Glue
{
    /// <summary>The PN532's I2C device as the portable driver's byte transport.</summary>
    public sealed class EspI2c : II2cTransport
    {
        private readonly I2cDevice device;

        public EspI2c(I2cDevice device)
        {
            this.device = device;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            device.Write(new System.SpanByte(buffer, offset, count));
        }

        public void Read(byte[] buffer, int offset, int count)
        {
            device.Read(new System.SpanByte(buffer, offset, count));
        }
    }
}
