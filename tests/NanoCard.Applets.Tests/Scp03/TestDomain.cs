using NanoCard.Hal.Crypto;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Os;
using NanoCard.Os.Keys;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>
/// A bare applet in a security domain of its own, for the channel's own tests: the runtime gives
/// INITIALIZE UPDATE and EXTERNAL AUTHENTICATE to the domain's <see cref="Scp03Channel"/> over a
/// given key set; the applet records each other command as its INS table sees it (unwrapped), and
/// answers INS E2 with a fixed reply.
/// </summary>
public sealed class TestDomain : Applet
{
    public static readonly byte[] Aid = Convert.FromHexString("F04E43534400");

    private readonly byte[] reply;

    private TestDomain(byte[] reply)
    {
        this.reply = reply;
    }

    /// <summary>Each command the INS table saw: header, Nc data bytes and Ne, as hex "CLAINSP1P2 data Ne".</summary>
    public List<string> Seen { get; } = [];

    public override ushort Process(Apdu apdu)
    {
        byte[] b = apdu.Buffer;
        Seen.Add($"{Convert.ToHexString(b, 0, 4)} {Convert.ToHexString(b, apdu.DataOffset, apdu.IncomingLength)} {apdu.ExpectedLength}");
        if (apdu.Ins == 0xE2)
        {
            reply.CopyTo(b, 0);
            apdu.SetOutgoingAndSend(0, (short)reply.Length);
        }
        return Sw.NoError;
    }

    /// <summary>A runtime with only this domain, its key set written to the store, the card challenge fixed.</summary>
    public static (CardRuntime Runtime, TestDomain Domain, RamNvm Nvm) Boot(Issuance.Scp03Keys keys, byte[] cardChallenge, byte[] reply)
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        ICrypto crypto = new HostCrypto(new RepeatingRandom(cardChallenge));
        var store = new CardStore(nvm, StoreLayout.WithSize(nvm.Size, nvm.PageSize), new SecretSeal(new HostCrypto(), TestCard.DeviceKey));
        var domain = new TestDomain(reply);
        var runtime = new CardRuntime(CardConfig.Desktop(), store, new SystemRandom());
        runtime.Install(domain, Aid, 0, (byte)Aid.Length, new SecurityDomain(crypto, KeySet(store, 0x00F30001, keys)));
        return (runtime, domain, nvm);
    }

    /// <summary>The key set <paramref name="keys"/> sealed in the store as object <paramref name="keyObject"/>.</summary>
    public static Scp03KeySet KeySet(CardStore store, uint keyObject, Issuance.Scp03Keys keys)
    {
        var record = new KeyRecord(store.Allocate(keyObject, ObjectKind.Key, KeyRecord.SizeFor(Scp03KeySet.BodyLength), 0), store.Secrets, Scp03KeySet.BodyLength);
        byte[] body = [.. new byte[KeyRecord.BodyOffset], keys.Version, .. keys.Enc, .. keys.Mac, .. keys.Dek, .. new byte[record.Size - KeyRecord.BodyOffset - Scp03KeySet.BodyLength]];
        record.Write(body, 0);
        return new Scp03KeySet(store, keyObject);
    }
}
