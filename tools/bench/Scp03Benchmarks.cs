using BenchmarkDotNet.Attributes;
using NanoCard.Applets.CardManager;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Bench;

/// <summary>
/// What SCP03 costs the card (docs/apdu-spec.md §11.1): a plain GET DATA of the life-cycle byte
/// against a whole session — INITIALIZE UPDATE, EXTERNAL AUTHENTICATE and the same GET DATA
/// wrapped — at level 01 (C-MAC) and 33 (everything), on the managed engine the device runs. The
/// card challenge is fixed so each recorded session replays byte for byte; the Ratio column is
/// time / the plain command's.
/// Command: <c>dotnet run -c Release --project tools/bench -- --filter '*Scp03*'</c>.
/// </summary>
public class Scp03Benchmarks
{
    private readonly byte[] response = new byte[258];
    private CardRuntime plainCard = null!;
    private CardRuntime cmacCard = null!;
    private CardRuntime fullCard = null!;
    private byte[] getData = null!;
    private byte[][] cmacSession = null!;
    private byte[][] fullSession = null!;

    [GlobalSetup]
    public void Setup()
    {
        getData = Apdus.GetData(CardManagerApplet.TagLifeCycle);
        (plainCard, _) = Card(null);
        (cmacCard, cmacSession) = Card(0x01);
        (fullCard, fullSession) = Card(0x33);
        if (Plain_get_data() != 3 || response[1] != 0x90)
        {
            throw new InvalidOperationException("the plain GET DATA failed");
        }
    }

    [Benchmark(Baseline = true)]
    public int Plain_get_data() => plainCard.Transmit(getData, getData.Length, response);

    [Benchmark]
    public int Session_and_get_data_at_c_mac() => Run(cmacCard, cmacSession);

    [Benchmark]
    public int Session_and_get_data_at_level_33() => Run(fullCard, fullSession);

    private int Run(CardRuntime card, byte[][] script)
    {
        int n = 0;
        foreach (byte[] command in script)
        {
            n = card.Transmit(command, command.Length, response);
        }
        return n;
    }

    /// <summary>A blank card with the card manager selected and, for a level, the session's commands as the host sent them.</summary>
    private static (CardRuntime, byte[][]) Card(byte? level)
    {
        var crypto = new ManagedCrypto(new RepeatingRandom([0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7]));
        var card = new SimulatedCard(new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize), crypto, CardConfig.Contactless());
        var recorder = new RecordingChannel(new RuntimeChannel(card.Runtime));
        recorder.Transmit(Apdus.SelectCardManager());
        recorder.Sent.Clear();
        if (level is byte l)
        {
            Scp03Session session = Scp03Session.Open(recorder, Scp03Keys.Test, l, new byte[8]);
            if (session.Transmit(Apdus.GetData(CardManagerApplet.TagLifeCycle)).Sw != 0x9000)
            {
                throw new InvalidOperationException("the wrapped GET DATA failed");
            }
        }
        return (card.Runtime, [.. recorder.Sent]);
    }
}
