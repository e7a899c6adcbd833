using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Pkcs11.Tests;

/// <summary>
/// Issues a gen1 card, a gen2 card on P-256 and one on P-384 once for the whole run (key generation
/// is the slow part); the tests insert copies of their images.
/// </summary>
public sealed class IssuedCards : IDisposable
{
    public static readonly byte[] DeviceKey = Convert.FromHexString("4E616E6F4361726420706B637331312074657374206465766963652D6B65792E");

    private readonly string caDirectory = Directory.CreateTempSubdirectory("nanocard-pkcs11-ca-").FullName;

    public IssuedCards()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Ca = TestCa.OpenOrCreate(caDirectory, DateTimeOffset.UtcNow);
        Gen1 = Issue(PersonaGenerator.Create(201, "gen1", today), MynaCard.Gen1);
        Gen2 = Issue(PersonaGenerator.Create(202, "gen2", today), MynaCard.Gen2);
        Gen2P384 = Issue(PersonaGenerator.Create(203, "gen2", today, "P-384"), MynaCard.Gen2);
    }

    public TestCa Ca { get; }
    public Card Gen1 { get; }
    public Card Gen2 { get; }
    public Card Gen2P384 { get; }

    public void Dispose() => Directory.Delete(caDirectory, recursive: true);

    private Card Issue(Persona persona, byte profile)
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        var card = new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), profile, DeviceKey);
        var certificates = new Dictionary<byte, X509Certificate2>();
        if (profile == MynaCard.Gen1)
        {
            IssuedCard issued = new Gen1Issuer(card.Client, Ca, TimeProvider.System).Issue(persona);
            certificates[0x01] = issued.AuthCertificate;
            certificates[0x02] = issued.SignCertificate;
        }
        else
        {
            IssuedGen2Card issued = new Gen2Issuer(card.Client, Ca, new CaArchive(caDirectory, Ca), TimeProvider.System).Issue(persona);
            certificates[0x01] = issued.Certificates[IssuedGen2Card.RsaAuth];
            certificates[0x02] = issued.Certificates[IssuedGen2Card.RsaSign];
            certificates[0x03] = issued.Certificates[IssuedGen2Card.EcAuth];
            certificates[0x04] = issued.Certificates[IssuedGen2Card.EcSign];
            certificates[0x05] = issued.Certificates[IssuedGen2Card.CardAuth];
            certificates[0x06] = issued.Certificates[IssuedGen2Card.ApAuth];
        }
        return new Card(persona, nvm.Snapshot(), certificates);
    }

    public sealed record Card(Persona Persona, byte[] Image, IReadOnlyDictionary<byte, X509Certificate2> Certificates)
    {
        public byte[] Pin => System.Text.Encoding.ASCII.GetBytes(Persona.Pin);
        public byte[] Password => System.Text.Encoding.ASCII.GetBytes(Persona.SignPassword);
        public byte[] Puk => System.Text.Encoding.ASCII.GetBytes(Persona.Puk);
    }
}

[CollectionDefinition(Name)]
public sealed class IssuedCardsCollection : ICollectionFixture<IssuedCards>
{
    public const string Name = "issued cards for the PKCS#11 module";
}
