using NanoCard.Os.SecureChannel;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace NanoCard.Differential;

/// <summary>AES-128 ECB or CBC (FIPS 197, SP 800-38A) of whole blocks: managed, .NET and BouncyCastle ciphertexts equal, and each engine decrypts back.</summary>
public sealed class AesCase(byte[] key, byte[] iv, byte[] data, bool cbc) : DiffCase(cbc ? "AES-128-CBC" : "AES-128-ECB")
{
    protected override string Inputs => $"key {Hex(key)} iv {Hex(iv)} data {Hex(data)}";

    public override void Check(Engines engines)
    {
        var cipher = cbc ? (Org.BouncyCastle.Crypto.IBlockCipher)new CbcBlockCipher(new AesEngine()) : new AesEngine();
        cipher.Init(true, cbc ? new ParametersWithIV(new KeyParameter(key), iv) : new KeyParameter(key));
        byte[] reference = new byte[data.Length];
        for (int at = 0; at < data.Length; at += 16)
        {
            cipher.ProcessBlock(data, at, reference, at);
        }
        foreach (var (name, crypto) in engines.Both)
        {
            byte[] encrypted = new byte[data.Length];
            byte[] back = new byte[data.Length];
            if (cbc)
            {
                crypto.AesCbc(true, key, 0, iv, 0, data, 0, (short)data.Length, encrypted, 0);
                crypto.AesCbc(false, key, 0, iv, 0, encrypted, 0, (short)data.Length, back, 0);
            }
            else
            {
                crypto.AesEcb(true, key, 0, data, 0, (short)data.Length, encrypted, 0);
                crypto.AesEcb(false, key, 0, encrypted, 0, (short)data.Length, back, 0);
            }
            Difference.Equal(reference, encrypted, $"{Kind} BouncyCastle vs {name}");
            Difference.Equal(data, back, $"{Kind} {name} decrypts back");
        }
    }
}

/// <summary>AES-CMAC (RFC 4493, SP 800-38B): managed, .NET and BouncyCastle tags equal.</summary>
public sealed class CmacCase(byte[] key, byte[] message) : DiffCase("AES-CMAC")
{
    protected override string Inputs => $"key {Hex(key)} message {Hex(message)}";

    public override void Check(Engines engines)
    {
        byte[] reference = ReferenceCmac(key, message);
        foreach (var (name, crypto) in engines.Both)
        {
            byte[] tag = new byte[16];
            crypto.AesCmac(key, 0, message, 0, (short)message.Length, tag, 0);
            Difference.Equal(reference, tag, $"{Kind} BouncyCastle vs {name}");
        }
    }

    public static byte[] ReferenceCmac(byte[] key, byte[] message)
    {
        var mac = new CMac(new AesEngine());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(message, 0, message.Length);
        byte[] tag = new byte[16];
        mac.DoFinal(tag, 0);
        return tag;
    }
}

/// <summary>
/// The SP 800-108 counter-mode KDF as SCP03 uses it (GlobalPlatform Card Specification v2.3
/// Amendment D §6.2.1; card and host both run Os.SecureChannel.Scp03Kdf): on the managed and on the
/// .NET engine, against the derivation written out again here from the standard over BouncyCastle's CMAC.
/// </summary>
public sealed class KdfCase(byte[] key, byte constant, byte[] context, short outLength) : DiffCase("SCP03 KDF (SP 800-108)")
{
    protected override string Inputs => $"key {Hex(key)} constant {constant:X2} context {Hex(context)} L {outLength * 8}";

    public override void Check(Engines engines)
    {
        byte[] reference = Reference();
        foreach (var (name, crypto) in engines.Both)
        {
            byte[] data = [.. new byte[Scp03Kdf.HeaderLength], .. context];
            byte[] output = new byte[outLength];
            Scp03Kdf.DeriveScp03(crypto, key, 0, constant, data, 0, (short)context.Length, output, 0, outLength, new byte[16], 0);
            Difference.Equal(reference, output, $"{Kind} the standard's layout vs {name}");
        }
    }

    /// <summary>K_i = CMAC(key, 11 × 00 ‖ constant ‖ 00 ‖ L (16 bits) ‖ i ‖ context) for i = 1, 2, …; the first L bits.</summary>
    private byte[] Reference()
    {
        var output = new List<byte>();
        for (byte i = 1; output.Count < outLength; i++)
        {
            byte[] input = [.. new byte[11], constant, 0x00, (byte)(outLength * 8 >> 8), (byte)(outLength * 8), i, .. context];
            output.AddRange(CmacCase.ReferenceCmac(key, input));
        }
        return [.. output.Take(outLength)];
    }
}
