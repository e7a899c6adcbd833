using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;
using Xunit.Abstractions;

namespace NanoCard.Applets.Tests.Pn532;

/// <summary>
/// A thousand reader sessions per bus with everything random at once (issue 19): when the reader
/// comes (so waits for it are aborted and re-armed with the chip powered down), how long it thinks
/// before each APDU (up to seconds), how long the card computes (up to seconds, under S(WTX)), late
/// chip replies, the reader's frame size, piece size and NAD, FeliCa phones in between, readers
/// that leave mid-command, and bus faults (corrupted and lost frames, noise, failed I2C transfers).
/// Every response a reader gets must be the one the card gives to the same APDUs directly. It runs
/// on the simulated clock: hours of simulated time in seconds.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class Pn532RandomSessionTests(IssuedCardFixture fixture, ITestOutputHelper output)
{
    private const int Sessions = 1000;

    [Theory]
    [InlineData("i2c", 191)]
    [InlineData("spi", 192)]
    [InlineData("hsu", 193)]
    public void A_thousand_random_sessions_are_all_served(string bus, int seed)
    {
        var random = new Random(seed);
        var rig = new Pn532Rig(bus, fixture.Image);
        rig.Chip.FaultRandom = new Random(seed + 1000);
        rig.Chip.AnswersFeliCaWithoutParameters = true;
        var reference = new SimulatedCard(new RamNvm((byte[])fixture.Image.Clone(), StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Contactless(), deviceKey: TestCard.DeviceKey);
        int work = 0, served = 0, phones = 0, left = 0, repolls = 0;
        rig.WorkMs = _ => work;
        for (int session = 0; session < Sessions; session++)
        {
            byte[][] script = Script(random);
            int? leaveAfter = random.Next(10) == 0 ? random.Next(1, script.Length + 1) : null;
            int[] think = [.. script.Select(_ => Think(random))];
            var reader = new TestReader(script)
            {
                ArriveAfterMs = random.Next(0, 400),
                ThinkMs = i => think[Math.Min(i, think.Length - 1)],
                PieceSize = random.Next(16, 263),
                Fsdi = (byte)random.Next(5, 9),
                Nad = random.Next(5) == 0 ? (byte)random.Next(256) : null,
                LeaveAfterCommand = leaveAfter,
            };
            if (random.Next(20) == 0)
            {
                rig.Chip.Tap(new TestReader([0x06, 0x00, 0xFF, 0xFF, 0x01, 0x00]) { FeliCa = true });
                phones++;
            }
            work = random.Next(4) == 0 ? random.Next(0, 2500) : random.Next(0, 30);
            rig.Chip.ResponseDelayMs = random.Next(3) == 0 ? random.Next(0, 250) : 0;
            rig.Chip.FaultRate = random.Next(2) == 0 ? 0.02 : 0;
            rig.Chip.Tap(reader);
            rig.Chip.Log = [];

            for (int wait = 0; !reader.Left && wait < 20; wait++)
            {
                rig.Link.ServeSession(100);
            }

            byte[][] expected = Direct(reference, script);
            int count = leaveAfter is int n ? n - 1 : script.Length;
            Assert.True(reader.Responses.Count == count,
                $"session {session}: {reader.Responses.Count} of {count} responses; reader left {reader.Left}, timed out {reader.TimedOut}, " +
                $"activated {reader.Activation.Length > 0}, arrives after {reader.ArriveAfterMs} ms, FSD {reader.Fsd}, piece {reader.PieceSize}, NAD {reader.Nad}; " +
                $"card work {work} ms, chip delay {rig.Chip.ResponseDelayMs} ms, fault rate {rig.Chip.FaultRate}; recoveries {rig.Link.Recoveries}, " +
                $"ignored while busy {rig.Chip.IgnoredWhileBusy}, retries {rig.Driver.Retries}, repolls {reader.Repolls}\n" + string.Join("\n", rig.Chip.Log.Take(70)));
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(expected[i], reader.Responses[i]);
            }
            served++;
            left += leaveAfter is null ? 0 : 1;
            repolls += reader.Repolls;
        }
        output.WriteLine($"{bus}: {served} sessions in {rig.Clock.Milliseconds / 1000} s simulated; {rig.Link.Apdus} APDUs, {rig.Chip.Aborts} aborted waits, " +
            $"{rig.Chip.WtxSent} S(WTX), {phones} FeliCa phones, {left} readers left mid-command, {rig.Driver.Retries} driver retries, " +
            $"{rig.Link.Recoveries} recoveries, {repolls} readers polled again after a recovery");
        Assert.Equal(Sessions, served);
        Assert.True(rig.Chip.Aborts > 100, $"{rig.Chip.Aborts} aborted waits");
        Assert.True(rig.Chip.WtxSent > 0 && rig.Target.ForeignActivations == phones && left > 0);
    }

    /// <summary>SELECT JPKI, then a random mix of read-only APDUs whose answers do not depend on what came before in the session.</summary>
    private static byte[][] Script(Random random)
    {
        var script = new List<byte[]> { Apdus.SelectAid(JpkiAp.Aid) };
        int more = random.Next(0, 5);
        for (int i = 0; i < more; i++)
        {
            switch (random.Next(3))
            {
                case 0:
                    script.Add(Apdus.VerifyStatus(0x98));
                    break;
                case 1:
                    script.Add(Apdus.SelectEf(JpkiAp.AuthCertificate));
                    script.Add(Apdus.ReadBinary(random.Next(0, 4) * 256, random.Next(2) == 0 ? 0 : random.Next(1, 256)));
                    break;
                default:
                    script.Add(Apdus.SelectAid(TextAp.Aid));
                    script.Add(Apdus.SelectAid(JpkiAp.Aid));
                    break;
            }
        }
        return [.. script];
    }

    /// <summary>Mostly quick, sometimes a pause of a second or more, now and then several seconds.</summary>
    private static int Think(Random random) => random.Next(20) switch
    {
        0 => random.Next(2000, 4000),
        < 5 => random.Next(100, 1500),
        _ => random.Next(0, 20),
    };

    /// <summary>The card's answers to the script given straight to its runtime after a reset.</summary>
    private static byte[][] Direct(SimulatedCard card, byte[][] script)
    {
        card.Runtime.Reset();
        var answers = new List<byte[]>();
        byte[] response = new byte[4096 + 2];
        foreach (byte[] command in script)
        {
            int length = card.Runtime.Transmit(command, command.Length, response);
            answers.Add(response[..length]);
        }
        return [.. answers];
    }
}
