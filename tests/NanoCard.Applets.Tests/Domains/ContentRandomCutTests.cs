using NanoCard.Issuance;
using NanoCard.Issuance.Content;

namespace NanoCard.Applets.Tests.Domains;

/// <summary>
/// The random-cut campaign over card content management (issue 20; docs/reliability.md): one card
/// lives through rounds of INSTALL, personalization, LOCK/UNLOCK and DELETE of the licence AP by its
/// domain, each cut at a random write (torn or clean) or let through, powered up again after a cut
/// and carried on. After every round the AP is wholly there or wholly gone, the store accounts for
/// every byte, the built-in APs still answer, and at the end a delete gives back every byte the AP
/// ever took. <c>NANOCARD_CUT_SEEDS=n</c> adds n seeds, as for the store's campaigns.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class ContentRandomCutTests(IssuedCardFixture fixture)
{
    private const string LicenceAid = "F04E616E6F4C6963656E6365";
    private const int Rounds = 30;

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int> { 1, 2, 3 };
        if (int.TryParse(Environment.GetEnvironmentVariable("NANOCARD_CUT_SEEDS"), out int more))
        {
            for (int i = 0; i < more; i++)
            {
                seeds.Add(1000 + i);
            }
        }
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Content_management_cut_at_random_writes_never_leaves_half_an_ap_or_loses_space(int seed)
    {
        var random = new Random(seed);
        TestCard card = fixture.NewCard();
        ContentCard.CreateDomains(card);
        int without = card.Store.UsedBytes;
        int cuts = 0;
        for (int round = 0; round < Rounds; round++)
        {
            bool there = State(card, without, $"seed {seed} round {round} before") != Absent;
            bool cut = random.Next(4) != 0;
            if (cut)
            {
                card.Nvm.ResetCounters();
                card.Nvm.CutPowerAfter(random.Next(1, 12), garble: random.Next(2) == 0, seed: random.Next());
            }
            try
            {
                Operate(ContentCard.Police(card), there, random);
            }
            catch (Exception e) when (e is ContentException or CardException or System.Security.Cryptography.CryptographicException)
            {
                // A cut command, or the session that a cut ended: the round is judged by the card's state.
            }
            if (card.Nvm.IsPowerLost)
            {
                card = card.PowerCycle();
                cuts++;
            }
            else
            {
                card.Nvm.Disarm();
            }
            State(card, without, $"seed {seed} round {round} after");
        }
        Assert.True(cuts >= Rounds / 4, $"seed {seed}: only {cuts} cuts struck");

        if (State(card, without, "end") != Absent)
        {
            ContentCard.Police(card).Delete(Convert.FromHexString(LicenceAid), false);
        }
        Assert.Equal(without, card.Store.UsedBytes);
        Assert.Equal(card.Store.Layout.DataSize, card.Store.UsedBytes + card.Store.UnusedBytes);
    }

    private const int Absent = 0;
    private const int Selectable = 1;
    private const int Locked = 2;

    /// <summary>Installs (and personalizes) when the AP is gone; else personalizes, locks, unlocks or deletes it.</summary>
    private static void Operate(DomainSession police, bool there, Random random)
    {
        ApDescriptionFile licence = ContentCard.Licence();
        byte[] aid = Convert.FromHexString(LicenceAid);
        if (!there)
        {
            police.InstallAp(licence);
            police.Personalize(licence);
            return;
        }
        switch (random.Next(4))
        {
            case 0:
                police.Personalize(licence);
                break;
            case 1:
                police.SetLock(aid, true);
                break;
            case 2:
                police.SetLock(aid, false);
                break;
            default:
                police.Delete(aid, false);
                break;
        }
    }

    /// <summary>The AP's state; fails the test for anything between there and gone.</summary>
    private static int State(TestCard card, int without, string where)
    {
        Assert.True(card.Store.IsHealthy, where);
        Assert.Equal(card.Store.Layout.DataSize, card.Store.UsedBytes + card.Store.UnusedBytes);
        Assert.Equal(0x9000, card.Sw(Apdus.SelectAid(Jpki.JpkiAp.Aid)));
        IReadOnlyList<ContentStatus> listed = ContentCard.Police(card).List();
        ushort sw = ContentCard.Select(card, LicenceAid);
        if (sw == 0x6A82)
        {
            Assert.Equal(without, card.Store.UsedBytes);
            Assert.Empty(listed);
            return Absent;
        }
        Assert.True(sw is 0x9000 or 0x6999, $"{where}: SELECT answered {sw:X4}");
        Assert.Single(listed);
        Assert.True(card.Store.UsedBytes > without, where);
        return sw == 0x9000 ? Selectable : Locked;
    }
}
