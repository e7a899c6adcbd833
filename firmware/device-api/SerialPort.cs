// nanoFramework package System.IO.Ports (namespace System.IO.Ports).
namespace System.IO.Ports
{
    public enum Parity
    {
        None = 0,
    }

    public enum StopBits
    {
        One = 1,
    }

    public class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate, Parity parity, int dataBits, StopBits stopBits) { }

        public int BytesToRead { get { throw null; } }

        public int ReadTimeout { get { throw null; } set { } }

        public int WriteBufferSize { get { throw null; } set { } }

        public void Open() { }

        public int Read(byte[] buffer, int offset, int count) { throw null; }

        public void Write(byte[] buffer, int offset, int count) { }

        public void Dispose() { }
    }
}
