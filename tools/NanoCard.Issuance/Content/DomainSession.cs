using NanoCard.Applets.CardManager;
using NanoCard.Applets.CardManager.Domains;
using NanoCard.Os.SecureChannel;

namespace NanoCard.Issuance.Content;

/// <summary>
/// A security domain's side of card content management (docs/apdu-spec.md §11.2): selects the
/// domain — the card manager for the issuer, or a supplementary domain by its AID — opens its
/// SCP03 session, and sends INSTALL, DELETE, SET STATUS and GET STATUS through it. Installed APs
/// are personalized through the same domain's session opened while the AP is selected
/// (<see cref="Personalize"/>). A refusal throws <see cref="ContentException"/>.
/// </summary>
public sealed class DomainSession
{
    /// <summary>C-MAC, C-DECRYPTION and R-MAC: domain keys and PIN values travel encrypted, replies are authenticated.</summary>
    public const byte Level = SecurityLevel.CMac | SecurityLevel.CDecryption | SecurityLevel.RMac;

    private readonly ICardChannel card;
    private readonly Scp03Keys keys;
    private Scp03Session session;

    private DomainSession(ICardChannel card, byte[] domainAid, Scp03Keys keys, Scp03Session session)
    {
        this.card = card;
        DomainAid = domainAid;
        this.keys = keys;
        this.session = session;
    }

    public byte[] DomainAid { get; }

    /// <summary>Opens the issuer domain's session (the card manager's key set).</summary>
    public static DomainSession OpenIssuer(ICardChannel card, Scp03Keys keys, byte[]? hostChallenge = null) => Open(card, CardManagerApplet.Aid, keys, hostChallenge);

    /// <summary>
    /// Selects the domain <paramref name="domainAid"/> and opens its session with <paramref name="keys"/>;
    /// <paramref name="hostChallenge"/> fixes the first session's challenge (a lesson that prints the same trace every run), else random.
    /// </summary>
    public static DomainSession Open(ICardChannel card, byte[] domainAid, Scp03Keys keys, byte[]? hostChallenge = null)
    {
        ResponseApdu selected = card.Transmit(Apdus.SelectAid(domainAid));
        if (!selected.IsOk)
        {
            throw new ContentException("SELECT of the domain", selected.Sw);
        }
        return new DomainSession(card, domainAid, keys, Scp03Session.Open(card, keys, Level, hostChallenge));
    }

    public void InstallAp(ApDescriptionFile description) =>
        Expect(ContentApdus.InstallAp(description.AidBytes, description.Encode()), "INSTALL of the AP");

    /// <summary>The issuer's INSTALL of a domain; <paramref name="reserve"/> holds its quota for its APs alone (the 条例利用 area).</summary>
    public void CreateDomain(byte[] aid, Scp03Keys domainKeys, int quota, bool reserve = false) =>
        Expect(ContentApdus.InstallDomain(aid, domainKeys, quota, reserve), "INSTALL of the domain");

    public void Delete(byte[] aid, bool related) => Expect(ContentApdus.Delete(aid, related), "DELETE");

    public void SetLock(byte[] aid, bool lockIt) => Expect(ContentApdus.SetLock(aid, lockIt), lockIt ? "LOCK" : "UNLOCK");

    /// <summary>Every domain and AP this domain manages (GET STATUS 40, following 6310).</summary>
    public IReadOnlyList<ContentStatus> List()
    {
        var all = new List<ContentStatus>();
        bool next = false;
        while (true)
        {
            ResponseApdu reply = session.Transmit(ContentApdus.GetStatus(ContentCommands.StatusApplications, next, []));
            if (reply.Sw == 0x6A88 && !next)
            {
                return all;
            }
            if (!reply.IsOk && reply.Sw != 0x6310)
            {
                throw new ContentException("GET STATUS", reply.Sw);
            }
            all.AddRange(ContentStatus.Parse(reply.Data));
            if (reply.Sw != 0x6310)
            {
                return all;
            }
            next = true;
        }
    }

    /// <summary>The issuer domain's entry: the card's free bytes (GET STATUS 80; the issuer only).</summary>
    public ContentStatus Issuer()
    {
        ResponseApdu reply = session.Transmit(ContentApdus.GetStatus(ContentCommands.StatusIssuer, false, []));
        if (!reply.IsOk)
        {
            throw new ContentException("GET STATUS", reply.Sw);
        }
        return ContentStatus.Parse(reply.Data).Single();
    }

    /// <summary>
    /// Personalizes the installed AP <paramref name="description"/> names from the file's
    /// personalization fields, through this domain's session opened on the selected AP: keys
    /// generated on the card (their public keys returned by FID), EF content and records
    /// written, PINs set. Reselects the domain afterwards.
    /// </summary>
    public IReadOnlyDictionary<int, byte[]> Personalize(ApDescriptionFile description)
    {
        var publicKeys = new Dictionary<int, byte[]>();
        Step(Apdus.SelectAid(description.AidBytes), "SELECT of the AP", plain: true);
        session = Scp03Session.Open(card, keys, Level);
        foreach (ApEntryFile e in description.Entries)
        {
            int fid = e.FidValue;
            switch (e.Kind)
            {
                case "rsa-key":
                    publicKeys[fid] = Step(Apdus.GenerateKeyPair(fid), $"GENERATE KEY PAIR {fid:X4}");
                    break;
                case "ec-key":
                    byte curve = e.Curve switch
                    {
                        null or "p256" => 0x01,
                        "p384" => 0x02,
                        _ => throw new InvalidDataException($"entry {e.Fid}: curve '{e.Curve}' is not p256 or p384"),
                    };
                    publicKeys[fid] = Step(Apdus.GenerateEcKeyPair(fid, curve), $"GENERATE KEY PAIR {fid:X4}");
                    break;
                case "transparent" when e.Content is not null:
                    byte[] content = ApDescriptionFile.Hex(e.Content, $"entry {e.Fid} content");
                    Step(Apdus.SelectEf(fid), $"SELECT EF {fid:X4}");
                    for (int at = 0; at < content.Length; at += ChunkSize)
                    {
                        Step(Apdus.WriteBinary(at, content.AsSpan(at, Math.Min(ChunkSize, content.Length - at))), $"WRITE BINARY {fid:X4}");
                    }
                    break;
                case "records" when e.Records is not null:
                    Step(Apdus.SelectEf(fid), $"SELECT EF {fid:X4}");
                    foreach (string record in e.Records)
                    {
                        Step(Apdus.AppendRecord(ApDescriptionFile.Hex(record, $"entry {e.Fid} record")), $"APPEND RECORD {fid:X4}");
                    }
                    break;
                case "pin" when e.Value is not null:
                    byte[] value = System.Text.Encoding.ASCII.GetBytes(e.Value);
                    if (e.Sfi == 0)
                    {
                        Step(Apdus.SelectEf(fid), $"SELECT EF {fid:X4}");
                    }
                    Step(Apdus.PutCredential((byte)(0x80 | (e.Sfi != 0 ? e.Sfi : 0)), (byte)(e.TryLimit ?? 3), value), $"PUT CREDENTIAL {fid:X4}");
                    break;
            }
        }
        Step(Apdus.SelectAid(DomainAid), "SELECT of the domain", plain: true);
        session = Scp03Session.Open(card, keys, Level);
        return publicKeys;
    }

    /// <summary>Wrapped commands carry at most this much plain data (C-DECRYPTION pads to 240, the C-MAC adds 8: one short command).</summary>
    private const int ChunkSize = 224;

    private byte[] Step(byte[] command, string what, bool plain = false)
    {
        ResponseApdu reply = plain ? card.Transmit(command) : session.Transmit(command);
        if (!reply.IsOk)
        {
            throw new ContentException(what, reply.Sw);
        }
        return reply.Data;
    }

    private void Expect(byte[] command, string what) => Step(command, what);
}
