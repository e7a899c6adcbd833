// nanoFramework package System.Device.Spi (namespace System.Device.Spi).
namespace System.Device.Spi
{
    public enum SpiMode
    {
        Mode0 = 0,
        Mode1 = 1,
        Mode2 = 2,
        Mode3 = 3,
    }

    public enum DataFlow
    {
        MsbFirst = 0,
        LsbFirst = 1,
    }

    public sealed class SpiConnectionSettings
    {
        public SpiConnectionSettings(int busId, int chipSelectLine) { }

        public SpiMode Mode { get { throw null; } set { } }

        public DataFlow DataFlow { get { throw null; } set { } }

        public int ClockFrequency { get { throw null; } set { } }
    }

    public class SpiDevice : IDisposable
    {
        public static SpiDevice Create(SpiConnectionSettings settings) { throw null; }

        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer) { }

        public void Write(SpanByte buffer) { }

        public void Read(SpanByte buffer) { }

        public void Dispose() { }
    }
}
