namespace NanoCard.Hal.Buses
{
    /// <summary>
    /// An I2C device at the PN532's address (0x24): one write or read transaction per call. Each call
    /// says whether the whole transfer went through: an address not acknowledged, a clock-stretch
    /// timeout or a partial transfer is false, and a failed read leaves <c>buffer</c> undefined. The
    /// device glue adapts System.Device.I2c.I2cDevice and its I2cTransferResult.
    /// </summary>
    public interface II2cTransport
    {
        bool Write(byte[] buffer, int offset, int count);

        bool Read(byte[] buffer, int offset, int count);
    }

    /// <summary>An SPI device (mode 0) with chip select held for one call: writes <c>write[0..writeCount)</c>, then clocks in <c>readCount</c> bytes. The device glue adapts System.Device.Spi.SpiDevice.</summary>
    public interface ISpiTransport
    {
        void Transfer(byte[] write, int writeCount, byte[] read, int readCount);
    }

    /// <summary>A serial port (HSU: 115 200 baud 8N1 by default). The device glue adapts System.IO.Ports.SerialPort.</summary>
    public interface ISerialTransport
    {
        void Write(byte[] buffer, int offset, int count);

        int BytesToRead { get; }

        int Read(byte[] buffer, int offset, int count);
    }
}
