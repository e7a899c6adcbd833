using NanoCard.Issuance;
using NanoCard.Issuance.Content;

namespace NanoCard.Bench.KillRestart;

/// <summary>
/// The card-content part of the kill-and-restart stream (docs/reliability.md): through the issuer's
/// SCP03 session (docs/apdu-spec.md §11.2), INSTALL of the example licence AP
/// (docs/examples/licence-ap.json) and its personalization, and in the next round DELETE, so the
/// kills land in the middle of each of them too. After every restart <see cref="AfterRestart"/>
/// finds the AP wholly there (GET STATUS lists it, SELECT answers 9000, a finished personalization
/// reads back) or wholly gone (not listed, SELECT 6A82, the card's free bytes exactly those of
/// every other time it was gone), as the last acknowledged command and the one in flight allow.
/// </summary>
public sealed class ContentStream(ApDescriptionFile licence)
{
    public enum Step
    {
        None,
        Install,
        Personalize,
        Delete,
    }

    /// <summary>EF 0001 of the licence AP by SFI 2 (read always): its personalized content.</summary>
    private static readonly byte[] ReadLicenceNumber = [0x00, 0xB0, 0x82, 0x00, 0x10];

    private readonly byte[] aid = licence.AidBytes;
    private readonly byte[] licenceNumber = Convert.FromHexString(licence.Entries.First(e => e.Fid == "0001").Content!);
    private bool installed;
    private bool personalized;
    private int? freeWhenAbsent;

    /// <summary>The step the client was in when the simulator was killed (None between steps).</summary>
    public Step InFlight { get; private set; }

    /// <summary>Kills that came while a step was in flight, by step.</summary>
    public Dictionary<Step, int> KilledDuring { get; } = [];

    /// <summary>Steps the card acknowledged, by step.</summary>
    public Dictionary<Step, int> Acknowledged { get; } = [];

    /// <summary>One step of the stream: INSTALL and personalization when the AP is gone, DELETE when it is there. Throws when the card goes away.</summary>
    public void Run(CardClient client)
    {
        DomainSession issuer = DomainSession.OpenIssuer(new ResponseFollowingChannel(client), Scp03Keys.Test);
        if (!installed)
        {
            Do(Step.Install, () => issuer.InstallAp(licence));
            installed = true;
            Do(Step.Personalize, () => issuer.Personalize(licence));
            personalized = true;
        }
        else
        {
            Do(Step.Delete, () => issuer.Delete(aid, related: false));
            installed = false;
            personalized = false;
        }
    }

    private void Do(Step step, Action action)
    {
        InFlight = step;
        action();
        InFlight = Step.None;
        Acknowledged[step] = Acknowledged.GetValueOrDefault(step) + 1;
    }

    /// <summary>The card after a restart against what was acknowledged; null when it holds, else what is wrong.</summary>
    public string? AfterRestart(CardClient client)
    {
        Step inFlight = InFlight;
        InFlight = Step.None;
        if (inFlight != Step.None)
        {
            KilledDuring[inFlight] = KilledDuring.GetValueOrDefault(inFlight) + 1;
        }
        DomainSession issuer = DomainSession.OpenIssuer(new ResponseFollowingChannel(client), Scp03Keys.Test);
        bool listed = issuer.List().Any(s => s.Aid.AsSpan().SequenceEqual(aid));
        int free = issuer.Issuer().FreeBytes ?? -1;
        ushort selected = client.Send(Apdus.SelectAid(aid)).Sw;
        if (selected != (listed ? 0x9000 : 0x6A82))
        {
            return $"the licence AP is {(listed ? "" : "not ")}listed but SELECT answers {selected:X4}";
        }
        bool mayBeEither = inFlight is Step.Install or Step.Delete;
        bool expected = inFlight == Step.Personalize || installed;
        if (!mayBeEither && listed != expected)
        {
            return $"the licence AP is {(listed ? "there" : "gone")}, the last acknowledged step left it {(expected ? "there" : "gone")}";
        }
        if (listed)
        {
            if (personalized && inFlight == Step.None && !client.Send(ReadLicenceNumber).Data.AsSpan().SequenceEqual(licenceNumber))
            {
                return "the acknowledged personalization of the licence AP is not there";
            }
            installed = true;
            personalized &= inFlight == Step.None;
            return null;
        }
        installed = false;
        personalized = false;
        freeWhenAbsent ??= free;
        return free == freeWhenAbsent ? null : $"{free} bytes free with the licence AP gone, {freeWhenAbsent} before: space lost";
    }
}
