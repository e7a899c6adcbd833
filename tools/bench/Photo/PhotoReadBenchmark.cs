using System.Diagnostics;
using System.Globalization;
using NanoCard.Applets;
using NanoCard.Applets.Visual;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench.Photo;

/// <summary>
/// Reading the gen2 colour photo (visual AP EF 0007, docs/apdu-spec.md §13.6) over each transport:
/// the APDUs and bytes are counted on a real issued card; the card's own processing time is
/// measured side by side for the two read forms (ratios); the time on each link is computed from
/// the link budget of docs/references.md §10.5, and says so: it is a
/// lower bound (no frame waiting time, no ISO-DEP chaining, no PN532 ready polling).
/// </summary>
public static class PhotoReadBenchmark
{
    /// <summary>ISO 14443-A at 106 kbit/s: one byte is 9 bit times of 9.44 µs (start, 8 data, parity framing as in §5.5).</summary>
    private const double RfMicrosecondsPerByte = 85;
    /// <summary>ISO 14443-4 I-block overhead per frame: PCB and CRC_A.</summary>
    private const int RfFrameOverhead = 3;
    /// <summary>PN532 normal information frame around TgGetData/TgSetData: preamble, start code, LEN, LCS, TFI, command, DCS, postamble; plus the 6-byte ACK.</summary>
    private const int Pn532FrameOverhead = 9 + 6;

    public static int Run(string[] args)
    {
        Persona persona = PersonaGenerator.Create(7, "gen2", DateOnly.FromDateTime(DateTime.UtcNow));
        string caDirectory = Directory.CreateTempSubdirectory("nanocard-bench-ca-").FullName;
        try
        {
            return Measure(persona, caDirectory);
        }
        finally
        {
            Directory.Delete(caDirectory, recursive: true);
        }
    }

    private static int Measure(Persona persona, string caDirectory)
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var issuing = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), MynaCard.Gen2);
        TestCa ca = TestCa.OpenOrCreate(caDirectory, DateTimeOffset.UtcNow);
        new Gen2Issuer(issuing.Client, ca, new CaArchive(caDirectory, ca), TimeProvider.System).Issue(persona);
        byte[] image = nvm.Snapshot();
        int length = persona.ColourPhoto.Length;
        Console.WriteLine($"colour photo: {length:N0} bytes JPEG, {PersonaImages.ColourPhotoWidth}×{PersonaImages.ColourPhotoHeight}, in an EF of {VisualAp.ColourPhotoSize:N0} bytes");
        Console.WriteLine();

        (int Apdus, long CommandBytes, long ResponseBytes, double Microseconds) Run(CardConfig config, bool extended)
        {
            var card = new SimulatedCard(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), new HostCrypto(), config);
            CardClient client = card.Client;
            client.Expect(Apdus.SelectAid(VisualAp.Aid), "SELECT visual AP");
            client.Expect(Apdus.Verify(0x92, System.Text.Encoding.ASCII.GetBytes(persona.CodeB)), "VERIFY B");
            client.Expect(Apdus.SelectEf(VisualAp.ColourPhoto), "SELECT EF 0007");
            int apdus = 0;
            long commandBytes = 0, responseBytes = 0;
            client.Exchanged += (command, response) =>
            {
                apdus++;
                commandBytes += command.Length;
                responseBytes += response.Data.Length + 2;
            };
            var clock = Stopwatch.StartNew();
            // Both forms read the whole EF, as a reader does that does not parse the JPEG for its end.
            byte[] photo = (extended ? PhotoReader.ReadExtended(client) : PhotoReader.ReadToEnd(client, out _))[..length];
            double elapsed = clock.Elapsed.TotalMicroseconds;
            if (!photo.AsSpan().SequenceEqual(persona.ColourPhoto))
            {
                throw new InvalidOperationException("the photo read back differs");
            }
            return (apdus, commandBytes, responseBytes, elapsed);
        }

        // Warm up both paths, then take the median of several runs each, interleaved (machines are noisy).
        var extendedRuns = new List<double>();
        var shortRuns = new List<double>();
        var extendedCount = Run(CardConfig.Desktop(), extended: true);
        var shortCount = Run(CardConfig.Contactless(), extended: false);
        for (int i = 0; i < 15; i++)
        {
            extendedRuns.Add(Run(CardConfig.Desktop(), extended: true).Microseconds);
            shortRuns.Add(Run(CardConfig.Contactless(), extended: false).Microseconds);
        }
        double extendedCard = Median(extendedRuns), shortCard = Median(shortRuns);

        Console.WriteLine("| transport | read form | APDUs | command bytes | response bytes | card processing (median, this machine) | link time (computed) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(Row("vpcd / PC/SC with extended length", "1 extended READ BINARY", extendedCount, extendedCard, "loopback: < 1 ms"));
        Console.WriteLine(Row("PC/SC reader without extended length", "256-byte READ BINARYs", shortCount, shortCard, "reader-dependent"));
        foreach (var (name, microsecondsPerByte) in new[] { ("HSU 115 200 baud", 86.8), ("I2C 400 kHz", 22.5), ("SPI 5 MHz", 1.6) })
        {
            double link = LinkMilliseconds(shortCount.Apdus, shortCount.CommandBytes, shortCount.ResponseBytes, microsecondsPerByte);
            Console.WriteLine(Row($"PN532 over {name}, RF 106 kbit/s", "256-byte READ BINARYs", shortCount, shortCard, $"{link.ToString("N0", CultureInfo.InvariantCulture)} ms"));
        }
        Console.WriteLine();
        Console.WriteLine($"card processing, short reads / one extended read: {(shortCard / extendedCard).ToString("0.0", CultureInfo.InvariantCulture)}×");
        return 0;
    }

    /// <summary>RF air time of every command and response frame plus the PN532 host-link time of the same bytes with its frame overhead.</summary>
    private static double LinkMilliseconds(int apdus, long commandBytes, long responseBytes, double hostMicrosecondsPerByte)
    {
        double rf = (commandBytes + responseBytes + 2 * apdus * RfFrameOverhead) * RfMicrosecondsPerByte;
        double host = (commandBytes + responseBytes + 2 * apdus * Pn532FrameOverhead) * hostMicrosecondsPerByte;
        return (rf + host) / 1000;
    }

    private static string Row(string transport, string form, (int Apdus, long CommandBytes, long ResponseBytes, double Microseconds) count, double cardMicroseconds, string link)
        => $"| {transport} | {form} | {count.Apdus:N0} | {count.CommandBytes:N0} | {count.ResponseBytes:N0} | {(cardMicroseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture)} ms | {link} |";

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
