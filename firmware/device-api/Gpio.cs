// nanoFramework package System.Device.Gpio (namespace System.Device.Gpio).
namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input = 0,
        Output = 1,
    }

    public struct PinValue
    {
        public static PinValue High { get { throw null; } }

        public static PinValue Low { get { throw null; } }
    }

    public sealed class GpioPin : IDisposable
    {
        public void Write(PinValue value) { }

        public void Dispose() { }
    }

    public class GpioController : IDisposable
    {
        public GpioController() { }

        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }

        public void Dispose() { }
    }
}
