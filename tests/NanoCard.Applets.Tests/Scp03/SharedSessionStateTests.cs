using NanoCard.Applets.Tests.Domains;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>
/// Every domain's channel works in the card's one <see cref="Scp03SessionState"/>, and a session
/// belongs to the domain whose channel opened it. The runtime also ends a session at every SELECT;
/// the applets here skip that (they keep their security state across SELECT), so what keeps a
/// session out of another domain's applet is the channel's ownership alone.
/// </summary>
public sealed class SharedSessionStateTests
{
    private static readonly byte[] AidA = Convert.FromHexString("F04E43534401");
    private static readonly byte[] AidB = Convert.FromHexString("F04E43534402");

    // Two domains' key sets: the police agency's and the city's of the content tests.
    private static readonly Scp03Keys KeysA = ContentCard.PoliceKeys;
    private static readonly Scp03Keys KeysB = ContentCard.CityKeys;

    /// <summary>Answers every command 9000 and keeps its domain's session across SELECT.</summary>
    private sealed class KeepsSession : Applet
    {
        public override ushort Process(Apdu apdu) => Sw.NoError;

        public override void ClearSecurityState()
        {
        }
    }

    private static readonly byte[] Command = [0x80, 0xCA, 0x00, 0x00, 0x00];

    /// <summary>A runtime with an applet in domain A and one in domain B, B's channel over A's session state.</summary>
    private static (RuntimeChannel Card, SecurityDomain A, SecurityDomain B) Boot()
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var store = new CardStore(nvm, StoreLayout.WithSize(nvm.Size, nvm.PageSize), new SecretSeal(new HostCrypto(), TestCard.DeviceKey));
        var crypto = new HostCrypto();
        var a = new SecurityDomain(crypto, TestDomain.KeySet(store, 0x00F30001, KeysA));
        var b = new SecurityDomain(crypto, TestDomain.KeySet(store, 0x00F30002, KeysB), a.Session);
        var runtime = new CardRuntime(CardConfig.Desktop(), store, new SystemRandom());
        runtime.Install(new KeepsSession(), AidA, 0, (byte)AidA.Length, a);
        runtime.Install(new KeepsSession(), AidB, 0, (byte)AidB.Length, b);
        return (new RuntimeChannel(runtime), a, b);
    }

    [Fact]
    public void A_session_of_one_domain_answers_6982_in_the_other_domains_applet_and_is_over()
    {
        var (card, _, _) = Boot();

        Assert.Equal(0x9000, card.Transmit(Apdus.SelectAid(AidA)).Sw);
        Scp03Session session = Scp03Session.Open(card, KeysA, SecurityLevel.CMac);
        Assert.Equal(0x9000, session.Transmit(Command).Sw);
        Assert.Equal(0x9000, card.Transmit(Apdus.SelectAid(AidB)).Sw);
        Assert.Equal(0x6982, card.Transmit(session.Wrap(Command)).Sw);

        // Back in domain A's applet, the session it opened is gone too.
        Assert.Equal(0x9000, card.Transmit(Apdus.SelectAid(AidA)).Sw);
        Assert.Equal(0x6982, card.Transmit(session.Wrap(Command)).Sw);
    }

    [Fact]
    public void Another_domain_ending_its_own_session_leaves_this_domains_open()
    {
        var (card, _, b) = Boot();

        Assert.Equal(0x9000, card.Transmit(Apdus.SelectAid(AidA)).Sw);
        Scp03Session session = Scp03Session.Open(card, KeysA, SecurityLevel.CMac);
        // What the runtime does to a domain whose applet it deselects or resets, done to B's channel.
        b.SecureChannel.ResetSecurity();
        Assert.Equal(0, b.SecureChannel.SecurityLevel);
        Assert.Equal(0x9000, session.Transmit(Command).Sw);
    }
}
