using System.IO.Ports;
using NanoCard.Hal.Buses;

namespace NanoCard.Device.Glue
{
    /// <summary>A UART (the PN532's HSU, or the USB serial to the host) as a byte transport.</summary>
    public sealed class EspSerial : ISerialTransport
    {
        private readonly SerialPort port;

        public EspSerial(SerialPort port)
        {
            this.port = port;
        }

        public int BytesToRead { get { return port.BytesToRead; } }

        public void Write(byte[] buffer, int offset, int count)
        {
            port.Write(buffer, offset, count);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            return port.Read(buffer, offset, count);
        }
    }
}
