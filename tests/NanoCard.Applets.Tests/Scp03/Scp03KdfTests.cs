using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Tests;
using NanoCard.Os.SecureChannel;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>The SP 800-108 counter-mode KDF under SCP03 against NIST's CAVP answers, on both engines the card runs.</summary>
public sealed class Scp03KdfTests
{
    public static TheoryData<string> Engines => new() { "managed", "host" };

    private static ICrypto Engine(string name) => name == "managed" ? new ManagedCrypto(new SystemRandom()) : new HostCrypto();

    [Theory]
    [MemberData(nameof(Engines))]
    public void Counter_mode_cmac_matches_the_cavp_vectors(string engine)
    {
        ICrypto crypto = Engine(engine);
        IReadOnlyList<RspRecord> records = RspFile.Load("kdf-ctr-cmac.rsp");
        Assert.NotEmpty(records);
        foreach (RspRecord record in records)
        {
            byte[] key = record.Hex("Ki");
            // Counter before the fixed data: one byte for it, then FixedInputData.
            byte[] data = [0x00, .. record.Hex("FixedInputData")];
            byte[] output = new byte[16];
            Scp03Kdf.Derive(crypto, key, 0, data, 0, (short)data.Length, 0, output, 0, 16, new byte[16], 0);
            Assert.Equal(record.Text("Ko"), Convert.ToHexString(output), ignoreCase: true);
        }
    }

    [Fact]
    public void A_partial_last_block_is_the_front_of_the_next_cmac()
    {
        // L = 192 bits: block 1 whole, then 8 bytes of block 2 (counter 2); checked against two 16-byte derivations.
        var crypto = new HostCrypto();
        byte[] key = Convert.FromHexString("dff1e50ac0b69dc40f1051d46c2b069c");
        byte[] data = [0x00, .. Convert.FromHexString("c16e6e02c5a3dcc8d78b9ac130687776")];
        byte[] both = new byte[24];
        Scp03Kdf.Derive(crypto, key, 0, data, 0, (short)data.Length, 0, both, 0, 24, new byte[16], 0);
        byte[] second = new byte[16];
        data[0] = 2;
        crypto.AesCmac(key, 0, data, 0, (short)data.Length, second, 0);
        Assert.Equal(second[..8], both[16..]);
    }
}
