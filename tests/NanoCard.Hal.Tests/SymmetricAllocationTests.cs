using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;

namespace NanoCard.Hal.Tests;

/// <summary>The device heap is small: after construction, operations must allocate nothing.</summary>
public class SymmetricAllocationTests
{
    private static long AllocatedBy(Action operation)
    {
        for (int i = 0; i < 20; i++) operation(); // warm-up (JIT, tiering)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) operation();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Digests_DoNotAllocate()
    {
        var input = new byte[300];
        new Random(1).NextBytes(input);
        foreach (IMessageDigest d in new IMessageDigest[] { new Sha256(), new Sha384() })
        {
            var output = new byte[d.Length];
            Assert.Equal(0, AllocatedBy(() =>
            {
                d.Update(input, 3, 70);
                d.Update(input, 73, 0);
                d.Update(input, 73, 200);
                d.DoFinal(input, 273, 27, output, 0);
                d.Reset();
            }));
        }
    }

    [Fact]
    public void Aes_DoesNotAllocate()
    {
        var aes = new Aes128();
        var key = new byte[16];
        var iv = new byte[16];
        var data = new byte[64];
        Assert.Equal(0, AllocatedBy(() =>
        {
            aes.SetKey(key, 0);
            aes.EncryptBlock(data, 0, data, 0);
            aes.DecryptBlock(data, 0, data, 0);
            aes.EncryptEcb(data, 0, 64, data, 0);
            aes.DecryptEcb(data, 0, 64, data, 0);
            aes.EncryptCbc(iv, 0, data, 0, 64, data, 0);
            aes.DecryptCbc(iv, 0, data, 0, 64, data, 0);
        }));
    }

    [Fact]
    public void Cmac_DoesNotAllocate()
    {
        var cmac = new AesCmac();
        var key = new byte[16];
        var data = new byte[100];
        var mac = new byte[16];
        Assert.Equal(0, AllocatedBy(() =>
        {
            cmac.SetKey(key, 0);
            cmac.ComputeMac(data, 0, 0, mac, 0);
            cmac.ComputeMac(data, 1, 99, mac, 0);
            cmac.ComputeMac(data, 0, 32, mac, 0);
        }));
    }
}
