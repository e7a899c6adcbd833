// nanoFramework package nanoFramework.Hardware.Esp32 (namespace nanoFramework.Hardware.Esp32).
namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        SPI1_MOSI = 0x100,
        SPI1_MISO = 0x101,
        SPI1_CLOCK = 0x102,
        I2C1_DATA = 0x300,
        I2C1_CLOCK = 0x301,
        COM2_TX = 0x510,
        COM2_RX = 0x511,
    }

    public static class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction function) { }
    }
}
