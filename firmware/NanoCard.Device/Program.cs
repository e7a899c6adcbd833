using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using System.IO.Ports;
using NanoCard.Applets;
using NanoCard.Device.Glue;
using NanoCard.Hal;
using NanoCard.Hal.Buses;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Pn532;
using NanoCard.Hal.Serial;
using NanoCard.Hal.Timing;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;
using nanoFramework.Hardware.Esp32;

namespace NanoCard.Device
{
    /// <summary>
    /// The NanoCard token on an ESP32 with a PN532: wires the board (BoardConfig) to the portable
    /// card — the store on a file of the internal flash, the crypto engine, the runtime with the
    /// contactless configuration, the AP set — and then serves readers on NFC and hosts on the USB
    /// serial cable, turn by turn. Nothing here decides anything a test could not check on the desktop.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            GpioPin led = new GpioController().OpenPin(BoardConfig.StatusLed, PinMode.Output);
            led.Write(PinValue.High);

            var nvm = new FileNvm(BoardConfig.NvmPath, StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
            var random = new HardwareRandom();
            ICrypto crypto = ChooseCrypto(random);
            // No device key: nanoFramework exposes no eFuse key to managed code, so keys are kept in
            // clear and flash encryption protects them (docs/security.md, "Secrets at rest").
            CardConfig config = CardConfig.Contactless();
            var store = new CardStore(nvm, StoreLayout.Default(), new SecretSeal(crypto, null));
            var runtime = new CardRuntime(config, store, random);
            byte[] historical = HistoricalBytes.For(config);
            if (store.IsHealthy)
            {
                MynaCard.Install(runtime, crypto, BoardConfig.Profile);
            }

            var clock = new SystemClock();
            // The links take turns (the loop below), so they share one pair of buffers.
            var buffers = new LinkBuffers(Pn532CardLink.CommandBufferFor(config.MaxCommandApdu), Pn532Target.MaxData);
            var nfc = new Pn532CardLink(new Pn532Target(new Pn532(OpenPn532(clock), clock), clock, BoardConfig.Nfcid1, historical), runtime, config.MaxCommandApdu, buffers);
            var hostPort = new SerialPort(BoardConfig.HostPort, 115200, Parity.None, 8, StopBits.One);
            hostPort.Open();
            var cable = new SerialCardLink(new EspSerial(hostPort), runtime,
                AnswerToReset.Build(historical, historical.Length), config.MaxCommandApdu, config.MaxResponseFrame + 2, buffers);
            led.Write(PinValue.Low);

            while (true)
            {
                // The cable first: a host's exchange is short and waits on us; then a short look for a reader.
                while (cable.ServeOne(50))
                {
                }
                if (nfc.ServeSession(100))
                {
                    led.Write(PinValue.High);
                    led.Write(PinValue.Low);
                }
            }
        }

        /// <summary>
        /// Native build: the native engine if the firmware has the NanoCard interop and its self-test
        /// passes, else ManagedCrypto (NativeEngine/CryptoChoice.cs). Managed build: ManagedCrypto.
        /// </summary>
        private static ICrypto ChooseCrypto(IRandom random)
        {
#if NATIVE_CRYPTO
            return NativeEngine.CryptoChoice.Choose(random);
#else
            return new ManagedCrypto(random);
#endif
        }

        /// <summary>The PN532 on the bus BoardConfig names, its pins routed first (the ESP32's GPIO matrix).</summary>
        private static IPn532Bus OpenPn532(SystemClock clock)
        {
            if (BoardConfig.Pn532Bus == BoardConfig.BusSpi)
            {
                Configuration.SetPinFunction(BoardConfig.SpiMosi, DeviceFunction.SPI1_MOSI);
                Configuration.SetPinFunction(BoardConfig.SpiMiso, DeviceFunction.SPI1_MISO);
                Configuration.SetPinFunction(BoardConfig.SpiClock, DeviceFunction.SPI1_CLOCK);
                var settings = new SpiConnectionSettings(BoardConfig.SpiBusId, BoardConfig.SpiChipSelect);
                settings.Mode = SpiMode.Mode0;
                settings.DataFlow = DataFlow.LsbFirst;
                settings.ClockFrequency = BoardConfig.SpiClockHz;
                return new Pn532SpiBus(new EspSpi(SpiDevice.Create(settings)), clock, false);
            }
            if (BoardConfig.Pn532Bus == BoardConfig.BusHsu)
            {
                Configuration.SetPinFunction(BoardConfig.HsuTx, DeviceFunction.COM2_TX);
                Configuration.SetPinFunction(BoardConfig.HsuRx, DeviceFunction.COM2_RX);
                var port = new SerialPort(BoardConfig.HsuPort, 115200, Parity.None, 8, StopBits.One);
                port.Open();
                return new Pn532HsuBus(new EspSerial(port), clock);
            }
            Configuration.SetPinFunction(BoardConfig.I2cData, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(BoardConfig.I2cClock, DeviceFunction.I2C1_CLOCK);
            return new Pn532I2cBus(new EspI2c(I2cDevice.Create(new I2cConnectionSettings(BoardConfig.I2cBusId, BoardConfig.Pn532I2cAddress, I2cBusSpeed.FastMode))), clock);
        }
    }
}
