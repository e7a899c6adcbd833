using System.Globalization;
using NanoCard.Applets;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Applets.Visual;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Hal.Host.Storage;
using NanoCard.Hal.Pn532;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Nfc;

/// <summary>
/// The NFC timing model (docs/performance.md): real sessions through the real PN532 driver and the
/// PN532 simulator, whose frame counts give what crosses the air; the time is then computed for ISO
/// 14443-A at 106 kbit/s (docs/references.md §10.5). A model, not a
/// measurement: no reader's frame waiting, no WTX, no host-link time.
/// </summary>
public static class NfcTimingModel
{
    /// <summary>One byte on the air at 106 kbit/s: 8 data bits and a parity bit, 9 × 9.44 µs.</summary>
    private const double MicrosecondsPerByte = 9 * 1e6 / 105_937.5;
    /// <summary>ISO 14443-4 I-block framing per frame: PCB and CRC_A.</summary>
    private const int FrameBytes = 3;
    /// <summary>Frame delay between a command and its answer, at least 1 172 carrier cycles (ISO/IEC 14443-3 §6.2.1.1).</summary>
    private const double FrameDelayMicroseconds = 1172 / 13.56;

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
            Console.WriteLine("| session | APDUs | PN532 exchanges | bytes on the air | air time at 106 kbit/s (model) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
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
        var card = new SimulatedCard(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Contactless());
        var chip = new Pn532Simulator();
        var link = new Pn532CardLink(new Pn532Target(new Pn532(new Pn532I2cBus(chip.I2c)), [0x4E, 0x43, 0x01], [0x80, 0x73, 0xC6, 0x01, 0xC0]),
            card.Runtime, CardConfig.Contactless().MaxCommandData + 7);
        var reader = new TestReader(script);
        chip.Tap(reader);
        link.ServeSession(50);
        if (reader.Responses.Count != script.Length || reader.Responses.Any(r => r[^2] is not (0x90 or 0x63)))
        {
            throw new InvalidOperationException($"{name}: the session did not run through ({reader.Responses.Count} of {script.Length})");
        }
        double air = (chip.AirBytes + FrameBytes * chip.AirFrames) * MicrosecondsPerByte + FrameDelayMicroseconds * chip.AirFrames;
        Console.WriteLine($"| {name} | {script.Length} | {chip.AirFrames} | {chip.AirBytes:N0} | {(air / 1000).ToString("N0", CultureInfo.InvariantCulture)} ms |");
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
