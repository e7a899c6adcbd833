using NanoCard.Applets.CardManager;
using NanoCard.Os.Store;

namespace NanoCard.Issuance;

/// <summary>
/// Factory reset (SET STATUS <c>80 F0 80 01</c>, docs/apdu-spec.md §11): every AP's files, PINs and
/// keys, the card data and the SCP03 key set back to how the card left the factory. The issuer
/// sends it: on gen1 after EXTERNAL AUTHENTICATE (00 82) when the card is issued; on gen2 through a
/// session of the issuer security domain, always.
/// </summary>
public static class FactoryReset
{
    public static void Gen1(CardClient card, byte[] issuerKey)
    {
        card.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        if (card.Expect(Apdus.GetData(CardManagerApplet.TagLifeCycle), "GET DATA life cycle")[0] != LifeCycle.OpReady)
        {
            IssuerAuthentication.Authenticate(card, issuerKey);
        }
        card.Expect(Apdus.SetStatus(LifeCycle.OpReady), "SET STATUS factory reset");
    }

    public static void Gen2(CardClient card, Scp03Keys keys)
    {
        var p = new CardPersonalizer(card, keys);
        p.Select(CardManagerApplet.Aid);
        p.Card.Expect(Apdus.SetStatus(LifeCycle.OpReady), "SET STATUS factory reset");
    }
}
