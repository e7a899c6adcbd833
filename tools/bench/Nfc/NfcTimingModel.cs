using System.Globalization;
using NanoCard.Applets;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Hal.Host.Storage;
using NanoCard.Hal.Host.Timing;
using NanoCard.Hal.Pn532;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Nfc;

/// <summary>
/// The NFC timing model (docs/performance.md): real sessions through the real PN532 driver, link and
/// card OS, against the PN532 model (hal/NanoCard.Hal.Host/Pn532), which charges air time at 106
/// kbit/s (ISO/IEC 14443-2/-3, with the chaining the ATS and RATS allow), bus time on I2C, SPI and
/// HSU, and the chip's own delays, on a simulated clock. A model, not a measurement: the chip's
/// delays are assumptions (docs/building-firmware.md, "What the PN532 model covers"), the reader
/// thinks for no time at all, and the card's computing time is not counted.
/// </summary>
public static class NfcTimingModel
{
    private static readonly string[] Buses = ["i2c", "spi", "hsu"];

    public static int Run(string[] args)
    {
        string caDirectory = Directory.CreateTempSubdirectory("nanocard-nfc-ca-").FullName;
        try
        {
            Persona persona = PersonaGenerator.Create(7, "gen2", DateOnly.FromDateTime(DateTime.UtcNow));
            var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
            var issuing = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), MynaCard.Gen2);
            TestCa ca = TestCa.OpenOrCreate(caDirectory, DateTimeOffset.UtcNow);
            new Gen2Issuer(issuing.Client, ca, new CaArchive(caDirectory, ca), TimeProvider.System).Issue(persona);
            byte[] image = nvm.Snapshot();
            Console.WriteLine("| session | APDUs | I-blocks | bytes on the air | air time at 106 kbit/s | session over I2C 400 kHz | over SPI 1 MHz | over HSU 115 200 baud |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            Report("demo reader session (JPKI sign, text AP, card face, PIN counter)", image, DemoSession(persona));
            Report($"colour photo, 24 576-byte EF in 256-byte READ BINARYs", image, PhotoSession(persona));
            return 0;
        }
        finally
        {
            Directory.Delete(caDirectory, recursive: true);
        }
    }

    private static void Report(string name, byte[] image, byte[][] script)
    {
        var sessions = Buses.Select(bus => Session(bus, image, script)).ToArray();
        Pn532Simulator chip = sessions[0].Chip;
        string Ms(double us) => (us / 1000).ToString("N0", CultureInfo.InvariantCulture) + " ms";
        Console.WriteLine($"| {name} | {script.Length} | {chip.AirFrames} | {chip.AirBytes:N0} | {Ms(chip.AirMicroseconds)} | " +
            string.Join(" | ", sessions.Select(s => Ms(s.Microseconds))) + " |");
    }

    /// <summary>One reader session over <paramref name="bus"/>: the model chip and the session's time on the simulated clock.</summary>
    private static (Pn532Simulator Chip, long Microseconds) Session(string bus, byte[] image, byte[][] script)
    {
        var card = new SimulatedCard(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Contactless());
        var clock = new SimulatedClock();
        var chip = new Pn532Simulator(clock);
        IPn532Bus transport = bus switch
        {
            "i2c" => new Pn532I2cBus(chip.I2c, clock),
            "spi" => new Pn532SpiBus(chip.Spi, clock, reverseBits: true),
            _ => new Pn532HsuBus(chip.Hsu, clock),
        };
        var link = new Pn532CardLink(new Pn532Target(new Pn532(transport, clock), clock, [0x4E, 0x43, 0x01], HistoricalBytes.For(CardConfig.Contactless())),
            card.Runtime, CardConfig.Contactless().MaxCommandApdu);
        var reader = new TestReader(script);
        chip.Tap(reader);
        link.ServeSession(50);
        if (reader.Responses.Count != script.Length || reader.Responses.Any(r => r[^2] is not (0x90 or 0x63)))
        {
            throw new InvalidOperationException($"{bus}: the session did not run through ({reader.Responses.Count} of {script.Length})");
        }
        return (chip, clock.Microseconds);
    }

    private static byte[][] DemoSession(Persona p)
    {
        byte[] pin = System.Text.Encoding.ASCII.GetBytes(p.Pin);
        var script = new List<byte[]>
        {
            Apdus.SelectAid(JpkiAp.Aid), Apdus.SelectEf(JpkiAp.TokenInfo), Apdus.ReadBinary(0, 0x20),
            Apdus.SelectEf(JpkiAp.AuthCertificate),
        };
        for (int offset = 0; offset < 1024; offset += 256)
        {
            script.Add(Apdus.ReadBinary(offset, 0));
        }
        script.AddRange(
        [
            Apdus.VerifyStatus(0x98), Apdus.Verify(0x98, pin), Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([1, 2, 3])),
            Apdus.SelectAid(TextAp.Aid), Apdus.Verify(0x91, pin), Apdus.SelectEf(TextAp.MyNumber), Apdus.ReadBinary(0, 17),
            Apdus.SelectEf(TextAp.Attributes), Apdus.ReadBinary(0, 0), Apdus.ReadBinary(256, 0),
            Apdus.SelectAid(VisualAp.Aid), Apdus.Verify(0x93, System.Text.Encoding.ASCII.GetBytes(p.MyNumber)), Apdus.SelectEf(VisualAp.CardFace),
        ]);
        for (int offset = 0; offset < 4096; offset += 256)
        {
            script.Add(Apdus.ReadBinary(offset, 0));
        }
        script.AddRange([Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98)]);
        return [.. script];
    }

    private static byte[][] PhotoSession(Persona p)
    {
        var script = new List<byte[]>
        {
            Apdus.SelectAid(VisualAp.Aid), Apdus.Verify(0x92, System.Text.Encoding.ASCII.GetBytes(p.CodeB)), Apdus.SelectEf(VisualAp.ColourPhoto),
        };
        for (int offset = 0; offset < VisualAp.ColourPhotoSize; offset += 256)
        {
            script.Add(Apdus.ReadBinary(offset, 0));
        }
        return [.. script];
    }
}
