using NanoCard.Hal;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Hal.Host.Storage;
using NanoCard.Hal.Host.Timing;
using NanoCard.Hal.Pn532;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Pn532;

/// <summary>
/// The real PN532 driver, link and card OS over the PN532 model on one bus, all on one simulated
/// clock; the card can be made slow (<see cref="WorkMs"/>), as a signature on the device is.
/// </summary>
public sealed class Pn532Rig
{
    public static readonly byte[] Nfcid1 = [0x4E, 0x43, 0x01];
    public static readonly byte[] Historical = HistoricalBytes.For(CardConfig.Contactless());
    public static readonly string[] Buses = ["i2c", "spi", "hsu"];

    /// <param name="buffers">Buffers the link shares with another (the board's serial link), or null for its own.</param>
    public Pn532Rig(string bus, byte[] image, LinkBuffers? buffers = null)
    {
        Clock = new SimulatedClock();
        Chip = new Pn532Simulator(Clock);
        Card = new SimulatedCard(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Contactless(), deviceKey: TestCard.DeviceKey);
        IPn532Bus transport = bus switch
        {
            "i2c" => new Pn532I2cBus(Chip.I2c, Clock),
            "spi" => new Pn532SpiBus(Chip.Spi, Clock, reverseBits: true),
            "hsu" => new Pn532HsuBus(Chip.Hsu, Clock),
            _ => throw new ArgumentException(bus),
        };
        Driver = new Hal.Pn532.Pn532(transport, Clock);
        Target = new Pn532Target(Driver, Clock, Nfcid1, Historical);
        int maxCommand = CardConfig.Contactless().MaxCommandApdu;
        Link = buffers is null ? new Pn532CardLink(Target, new TimedCard(this), maxCommand) : new Pn532CardLink(Target, new TimedCard(this), maxCommand, buffers);
    }

    public SimulatedClock Clock { get; }
    public Pn532Simulator Chip { get; }
    public SimulatedCard Card { get; }
    public Hal.Pn532.Pn532 Driver { get; }
    public Pn532Target Target { get; }
    public Pn532CardLink Link { get; }

    /// <summary>How long the card computes on a command (by its INS), in milliseconds of the simulated clock.</summary>
    public Func<byte, int> WorkMs { get; set; } = _ => 0;

    /// <summary>The card with its computing time charged to the clock.</summary>
    private sealed class TimedCard(Pn532Rig rig) : IApduEndpoint
    {
        public int Transmit(byte[] command, int length, byte[] response)
        {
            rig.Clock.Advance(rig.WorkMs(length > 1 ? command[1] : (byte)0) * 1000L);
            return rig.Card.Runtime.Transmit(command, length, response);
        }

        public void Reset() => rig.Card.Runtime.Reset();
    }
}
