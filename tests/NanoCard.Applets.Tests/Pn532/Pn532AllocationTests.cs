using NanoCard.Applets.Jpki;
using NanoCard.Hal.Buses;
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
/// The PN532 path allocates nothing per APDU: the simulator (which allocates freely) runs on a
/// thread of its own behind <see cref="ThreadedI2c"/>, so what the driver's thread allocates is
/// the driver's, the link's and the card's alone; a session three times as long allocates the same.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class Pn532AllocationTests(IssuedCardFixture fixture)
{
    [Fact]
    public void More_APDUs_in_a_session_allocate_nothing_more()
    {
        var card = new SimulatedCard(new RamNvm((byte[])fixture.Image.Clone(), StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Contactless(), deviceKey: TestCard.DeviceKey);
        var clock = new SimulatedClock();
        var chip = new Pn532Simulator(clock);
        using var bus = new ThreadedI2c(chip.I2c);
        var link = new Pn532CardLink(new Pn532Target(new Hal.Pn532.Pn532(new Pn532I2cBus(bus, clock), clock), clock, [1, 2, 3], [0x80]), card.Runtime, 4103);
        byte[][] Script(int apdus) => [Apdus.SelectAid(JpkiAp.Aid), .. Enumerable.Repeat(Apdus.VerifyStatus(0x98), apdus)];
        long Serve(byte[][] script)
        {
            chip.Tap(new TestReader(script));
            long before = GC.GetAllocatedBytesForCurrentThread();
            link.ServeSession(50);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        byte[][] shortScript = Script(10), longScript = Script(30);
        Serve(shortScript);
        Serve(longScript);
        long fewestShort = long.MaxValue, fewestLong = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            fewestShort = Math.Min(fewestShort, Serve(shortScript));
            fewestLong = Math.Min(fewestLong, Serve(longScript));
        }
        Assert.Equal(fewestShort, fewestLong);
        Assert.Equal(0, fewestLong);
    }

    /// <summary>An I2C transport that runs the device behind it on its own thread (a hand-off with two semaphores and one buffer).</summary>
    private sealed class ThreadedI2c : II2cTransport, IDisposable
    {
        private readonly II2cTransport device;
        private readonly Thread thread;
        private readonly SemaphoreSlim request = new(0);
        private readonly SemaphoreSlim done = new(0);
        private readonly byte[] buffer = new byte[512];
        private int count;
        private bool writing;
        private bool succeeded;
        private volatile bool stop;

        public ThreadedI2c(II2cTransport device)
        {
            this.device = device;
            thread = new Thread(Loop) { IsBackground = true, Name = "PN532 simulator" };
            thread.Start();
        }

        public bool Write(byte[] data, int offset, int length)
        {
            Array.Copy(data, offset, buffer, 0, length);
            return Call(length, writing: true);
        }

        public bool Read(byte[] data, int offset, int length)
        {
            bool ok = Call(length, writing: false);
            Array.Copy(buffer, 0, data, offset, length);
            return ok;
        }

        public void Dispose()
        {
            stop = true;
            request.Release();
            thread.Join();
        }

        private bool Call(int length, bool writing)
        {
            count = length;
            this.writing = writing;
            request.Release();
            done.Wait();
            return succeeded;
        }

        private void Loop()
        {
            while (true)
            {
                request.Wait();
                if (stop)
                {
                    return;
                }
                succeeded = writing ? device.Write(buffer, 0, count) : device.Read(buffer, 0, count);
                done.Release();
            }
        }
    }
}
