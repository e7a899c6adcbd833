using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Service;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// An issued card's image and its CA folder as they were after issuance, put back before each
/// attempt of a renewal test, and what "unchanged" means for the card after a failed one.
/// </summary>
internal sealed class CardSnapshot
{
    private readonly IssuerServiceHarness h;
    private readonly Persona persona;
    private readonly string image;
    private readonly byte[] imageBytes;
    private readonly string savedCa;
    private readonly string cardRecord;

    public CardSnapshot(IssuerServiceHarness h, Persona persona, string image)
    {
        this.h = h;
        this.persona = persona;
        this.image = h.In(image);
        imageBytes = File.ReadAllBytes(this.image);
        savedCa = h.In("saved-ca");
        Copy(h.CaDirectory, savedCa);
        cardRecord = File.ReadAllText(CardRecordPath);
        OriginalAuthCertificate = AuthCertificateOnCard();
    }

    public byte[] OriginalAuthCertificate { get; }

    private string CardRecordPath => Path.Combine(h.CaDirectory, "cards", persona.Serial + ".json");

    public void Restore()
    {
        File.WriteAllBytes(image, imageBytes);
        Directory.Delete(h.CaDirectory, recursive: true);
        Copy(savedCa, h.CaDirectory);
    }

    /// <summary>An online renewal with the holder's password through the relay <paramref name="relay"/> makes of the card.</summary>
    public T Renew<T>(Func<ICardChannel, T> relay) where T : ICardChannel
    {
        using CardConnection card = CardConnection.Open("sim:" + image, access: ImageAccess.Existing);
        using var http = new HttpClient();
        T through = relay(card.Client);
        RelayClient.Renew(http, h.Service.Address, persona.SignPassword, through);
        return through;
    }

    /// <summary>The RSA authentication certificate of the key set in use (free to read).</summary>
    public byte[] AuthCertificateOnCard()
    {
        using CardConnection card = CardConnection.Open("sim:" + image, access: ImageAccess.Existing);
        var reader = new CardPersonalizer(card.Client);
        reader.Select(JpkiAp.Aid);
        return reader.ReadDer(JpkiAp.AuthCertificate);
    }

    public byte[] ArchivedAuthCertificate()
        => new CaArchive(h.CaDirectory, TestCa.OpenOrCreate(h.CaDirectory, DateTimeOffset.UtcNow)).GetCard(persona.Serial)[IssuedGen2Card.RsaAuth].RawData;

    /// <summary>
    /// Nothing on the card changed but what a renewal that stopped may touch: the image is the
    /// snapshot's to the byte outside <see cref="MayChange"/>, the card uses the key set it was
    /// issued with, the CA folder lists the same certificates for it, and the signing password
    /// has all its tries.
    /// </summary>
    public void AssertKeysInUseUnchanged(string what)
    {
        byte[] now = File.ReadAllBytes(image);
        bool[] mayChange = MayChange(image);
        int changed = Enumerable.Range(0, now.Length).FirstOrDefault(i => now[i] != imageBytes[i] && !mayChange[i], -1);
        Assert.True(changed < 0, $"{what}: the image changed at 0x{changed:X5}");
        Assert.True(OriginalAuthCertificate.AsSpan().SequenceEqual(AuthCertificateOnCard()), $"{what}: another key set is in use");
        Assert.True(cardRecord == File.ReadAllText(CardRecordPath), $"{what}: the CA folder lists other certificates for the card");
        using CardConnection card = CardConnection.Open("sim:" + image, access: ImageAccess.Existing);
        card.Client.Expect(Apdus.SelectAid(JpkiAp.Aid), "SELECT JPKI");
        Assert.True(card.Client.Send(Apdus.VerifyStatus(0x9B)).Sw == 0x63C5, $"{what}: the signing password lost a try");
    }

    /// <summary>
    /// The bytes a stopped renewal may have written: the try counters (the password's VERIFY takes
    /// a try before it compares and gives it back), the commit slots and the journal (the
    /// transactions of the writes), and the standby key set's objects (key set 1 on a card never
    /// renewed), which SWITCH KEY SET 01 erases and GENERATE and WRITE fill.
    /// </summary>
    private static bool[] MayChange(string path)
    {
        using CardImage card = CardImage.Open(path, access: ImageAccess.ReadOnly);
        var mayChange = new bool[card.Card.Store.Layout.Size];
        void Mark(int address, int size) => Array.Fill(mayChange, true, address, size);
        foreach (StoreRegion region in StoreMap.Regions(card.Card.Store.Layout).Where(r => r.Name is "commit slots" or "try counters" or "journal"))
        {
            Mark(region.Address, region.Size);
        }
        foreach (StoreObject o in StoreDirectory.Objects(card.Card.Store).Where(o => o.InKeySet1 && !o.IsTryCounter))
        {
            Mark(o.Address, o.Size);
        }
        return mayChange;
    }

    private static void Copy(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
