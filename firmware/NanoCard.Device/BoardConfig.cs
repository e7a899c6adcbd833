namespace NanoCard.Device
{
    /// <summary>
    /// The board's wiring, in one place: which bus the PN532 is on and the ESP32 pins of each bus,
    /// the status LED, the card's profile and identity. Edit this file for another board; the
    /// defaults are an ESP32 DevKitC with a PN532 module (the common red "PN532 NFC v3" board, its
    /// switches set for the bus named here). docs/building-firmware.md has the wiring table.
    /// </summary>
    public static class BoardConfig
    {
        public const int BusI2c = 0;
        public const int BusSpi = 1;
        public const int BusHsu = 2;

        /// <summary>The PN532's interface: I2C by default (fewest wires); SPI is the fastest link (docs/performance.md).</summary>
        public static readonly int Pn532Bus = BusI2c;

        public const int I2cBusId = 1;
        public const int I2cData = 21;
        public const int I2cClock = 22;
        /// <summary>The PN532's 7-bit I2C address (UM0701 §6.2.4).</summary>
        public const int Pn532I2cAddress = 0x24;

        public const int SpiBusId = 1;
        public const int SpiMosi = 23;
        public const int SpiMiso = 19;
        public const int SpiClock = 18;
        public const int SpiChipSelect = 5;
        /// <summary>The PN532 accepts up to 5 MHz; 1 MHz leaves margin for flying wires.</summary>
        public const int SpiClockHz = 1000000;

        /// <summary>HSU: the PN532 on UART2 at 115 200 baud.</summary>
        public const string HsuPort = "COM2";
        public const int HsuTx = 17;
        public const int HsuRx = 16;

        /// <summary>The USB serial port the host's <c>flasher bridge</c> and <c>issue --card serial:</c> use.</summary>
        public const string HostPort = "COM1";

        public const int StatusLed = 2;

        /// <summary>The EEPROM image: a preallocated file on the internal LittleFS volume I: (reference §4).</summary>
        public const string NvmPath = "I:\\nanocard.eeprom";

        /// <summary>The profile a blank board becomes (1 = gen1, 2 = gen2); an issued one keeps its own.</summary>
        public const byte Profile = 1;

        /// <summary>UID bytes 2–4 (the PN532 fixes byte 1 to 08). The ATS historical bytes come from the card configuration (HistoricalBytes.For): command chaining, and no extended Lc/Le, which the PN532 cannot carry.</summary>
        public static readonly byte[] Nfcid1 = { 0x4E, 0x43, 0x01 };
    }
}
