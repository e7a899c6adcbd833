using NanoCard.Issuance;
using NanoCard.Issuance.Content;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// Power cuts at every write of INSTALL and DELETE of an AP (docs/eeprom-layout.md, "Installed
/// content"): after the next power-up the AP is wholly there or wholly gone, the store's byte
/// count is exactly the one before or after, and nothing is lost. A personalization cut short is
/// finished by sending it again.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class ContentPowerCutTests(IssuedCardFixture fixture)
{
    private const string LicenceAid = "F04E616E6F4C6963656E6365";

    [Fact]
    public void An_install_cut_at_any_write_leaves_the_ap_wholly_there_or_wholly_gone()
    {
        var (there, gone, total) = Campaign(install: true);
        Assert.True(total > 5, $"an install should take several writes, took {total}");
        // The state byte is the install's last write: every cut before it leaves the AP wholly gone.
        Assert.True(gone == total - 1 && there == 0, $"every cut before the commit point should undo the install ({there}, {gone})");
    }

    [Fact]
    public void A_delete_cut_at_any_write_leaves_the_ap_wholly_there_or_wholly_gone()
    {
        var (there, gone, total) = Campaign(install: false);
        Assert.True(total > 2, $"a delete should take several writes, took {total}");
        Assert.True(there > 0 && gone > 0, $"cuts should land both before and after the delete's commit ({there}, {gone})");
    }

    [Fact]
    public void A_personalization_cut_anywhere_completes_when_run_again()
    {
        TestCard dry = Prepared(install: true, out DomainSession dryPolice);
        dryPolice.InstallAp(ContentCard.Licence());
        dry.Nvm.ResetCounters();
        dryPolice.Personalize(ContentCard.Licence());
        long total = dry.Nvm.TotalPageWrites;
        for (long cut = 1; cut < total; cut += Math.Max(1, total / 24))
        {
            TestCard card = Prepared(install: true, out DomainSession police);
            police.InstallAp(ContentCard.Licence());
            card.Nvm.ResetCounters();
            card.Nvm.CutPowerAfter(cut, garble: true, seed: (int)cut);
            Assert.ThrowsAny<Exception>(() => police.Personalize(ContentCard.Licence()));
            Assert.True(card.Nvm.IsPowerLost, $"cut {cut} did not strike");
            TestCard next = card.PowerCycle();
            Assert.True(next.Store.IsHealthy);
            // Each personalization command is atomic, so the AP is there and the same personalization finishes it.
            DomainSession again = ContentCard.Police(next);
            again.Personalize(ContentCard.Licence());
            Assert.Equal(0x9000, ContentCard.Select(next, LicenceAid));
            Assert.Equal(0x9000, next.Sw(Apdus.Verify(0x81, "2468"u8.ToArray())));
            Assert.Equal(0x9000, next.Send("00B0830004").Sw);
        }
    }

    /// <summary>Cuts the operation at each of its writes; counts the outcomes after the next power-up.</summary>
    private (int There, int Gone, long Writes) Campaign(bool install)
    {
        var (before, after, total) = Measure(install);
        int there = 0, gone = 0;
        for (long cut = 1; cut < total; cut++)
        {
            TestCard card = Prepared(install, out DomainSession police);
            card.Nvm.ResetCounters();
            card.Nvm.CutPowerAfter(cut, garble: true, seed: (int)cut);
            try
            {
                Operate(police, install);
            }
            catch (Exception e) when (e is ContentException or CardException or System.Security.Cryptography.CryptographicException)
            {
            }
            Assert.True(card.Nvm.IsPowerLost, $"cut {cut} did not strike");
            if (Outcome(card.PowerCycle(), before, after, $"{(install ? "install" : "delete")} cut {cut}"))
            {
                there++;
            }
            else
            {
                gone++;
            }
        }
        return (there, gone, total);
    }

    private static void Operate(DomainSession police, bool install)
    {
        if (install)
        {
            police.InstallAp(ContentCard.Licence());
        }
        else
        {
            police.Delete(Convert.FromHexString(LicenceAid), false);
        }
    }

    /// <summary>Bytes used without and with the AP, and the writes the operation takes.</summary>
    private (int Without, int With, long Writes) Measure(bool install)
    {
        TestCard card = Prepared(install, out DomainSession police);
        int start = card.Store.UsedBytes;
        card.Nvm.ResetCounters();
        Operate(police, install);
        long writes = card.Nvm.TotalPageWrites;
        int end = card.Store.UsedBytes;
        return install ? (start, end, writes) : (end, start, writes);
    }

    /// <summary>A card with the domains (and, to delete, the personalized licence AP), the police session open.</summary>
    private TestCard Prepared(bool install, out DomainSession police)
    {
        TestCard card = fixture.NewCard();
        if (install)
        {
            ContentCard.CreateDomains(card);
        }
        else
        {
            ContentCard.WithLicence(card);
        }
        police = ContentCard.Police(card);
        return card;
    }

    /// <summary>True when the AP is there and works, false when it is wholly gone; fails for anything between.</summary>
    private static bool Outcome(TestCard card, int without, int with, string where)
    {
        Assert.True(card.Store.IsHealthy, where);
        ushort sw = ContentCard.Select(card, LicenceAid);
        if (sw == 0x9000)
        {
            Assert.Equal(with, card.Store.UsedBytes);
            Assert.Equal(0x9000, card.Send("00B0820010").Sw);
            Assert.Single(ContentCard.Police(card).List());
            return true;
        }
        Assert.Equal(0x6A82, sw);
        Assert.Equal(without, card.Store.UsedBytes);
        Assert.Equal(card.Store.Layout.DataSize, card.Store.UsedBytes + card.Store.UnusedBytes);
        Assert.Empty(ContentCard.Police(card).List());
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(Jpki.JpkiAp.Aid)));
        return false;
    }
}
