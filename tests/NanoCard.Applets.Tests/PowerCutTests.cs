using NanoCard.Applets.CardManager;
using NanoCard.Applets.Jpki;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests;

/// <summary>
/// Power cuts during the card manager's long operations: a factory reset resumes at the next
/// power-up (never a half-erased issued card), and an issuance cut short is completed by running
/// it again (apdu-spec §10–§11).
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class PowerCutTests(IssuedCardFixture fixture)
{
    /// <summary>Cut points spread over the whole operation, plus the first few writes.</summary>
    private static IEnumerable<long> CutPoints(long total, int samples)
        => Enumerable.Range(1, 4).Select(i => (long)i)
            .Concat(Enumerable.Range(1, samples).Select(i => total * i / (samples + 1)))
            .Append(total - 1).Where(n => n >= 1 && n < total).Distinct();

    [Fact]
    public void A_factory_reset_cut_anywhere_is_finished_at_power_up()
    {
        long total = ResetWrites();
        Assert.True(total > 100, $"a factory reset should take many writes, took {total}");
        int untouched = 0, erased = 0;
        foreach (long cut in CutPoints(total, 24))
        {
            foreach (bool garble in new[] { false, true })
            {
                TestCard card = fixture.NewCard();
                Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
                IssuerAuthentication.Authenticate(card.Client, IssuerKey.TestKey);
                card.Nvm.ResetCounters();
                card.Nvm.CutPowerAfter(cut, garble, seed: (int)cut);
                card.Send(Apdus.SetStatus(LifeCycle.OpReady));
                Assert.True(card.Nvm.IsPowerLost, $"cut {cut} did not strike");

                TestCard after = card.PowerCycle();
                Assert.True(after.Store.IsHealthy);
                byte state = CardManagerTests.LifeCycleOf(after);
                if (state == LifeCycle.Secured)
                {
                    AssertIssuedCardWorks(after);
                    untouched++;
                }
                else
                {
                    CardManagerTests.AssertErased(after);
                    erased++;
                }
            }
        }
        Assert.True(untouched > 0 && erased > 0, $"cuts should land both before and after the reset began ({untouched}, {erased})");
    }

    [Fact]
    public void An_issuance_cut_anywhere_completes_when_run_again()
    {
        TestCard dry = TestCard.Blank();
        dry.Nvm.ResetCounters();
        new Gen1Issuer(dry.Client, fixture.Ca, IssuedCardFixture.Clock).Issue(fixture.Persona);
        long total = dry.Nvm.TotalPageWrites;
        foreach (long cut in CutPoints(total, 6))
        {
            var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
            TestCard card = new(nvm);
            nvm.ResetCounters();
            nvm.CutPowerAfter(cut, garble: true, seed: (int)cut);
            Assert.ThrowsAny<Exception>(() => new Gen1Issuer(card.Client, fixture.Ca, IssuedCardFixture.Clock).Issue(fixture.Persona));
            Assert.True(nvm.IsPowerLost);

            TestCard after = card.PowerCycle();
            Assert.True(after.Store.IsHealthy);
            if (CardManagerTests.LifeCycleOf(after) == LifeCycle.OpReady)
            {
                new Gen1Issuer(after.Client, fixture.Ca, IssuedCardFixture.Clock).Issue(fixture.Persona);
            }
            AssertIssuedCardWorks(after);
        }
    }

    private long ResetWrites()
    {
        TestCard card = fixture.NewCard();
        Assert.Equal(0x9000, card.Sw(Apdus.SelectCardManager()));
        IssuerAuthentication.Authenticate(card.Client, IssuerKey.TestKey);
        card.Nvm.ResetCounters();
        Assert.Equal(0x9000, card.Sw(Apdus.SetStatus(LifeCycle.OpReady)));
        return card.Nvm.TotalPageWrites;
    }

    private void AssertIssuedCardWorks(TestCard card)
    {
        Assert.Equal(LifeCycle.Secured, CardManagerTests.LifeCycleOf(card));
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(JpkiAp.Aid)));
        Assert.Equal(0x63C3, card.Sw("00200098"));
        Assert.Equal(0x9000, card.Sw(Hex.Verify(0x98, fixture.Persona.Pin)));
        Assert.Equal(0x9000, card.Send(Apdus.ComputeSignature(0x97, IssuerSignature.DigestInfo([7]))).Sw);
        Assert.Equal(0x9000, card.Sw("00A4020C02000A"));
        Assert.Equal(0x9000, card.Send("00B0000004").Sw);
    }
}
