using System.Text;
using NanoCard.Flasher.Trace;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Lessons;

/// <summary>
/// The card every lesson starts from, the same bytes on every run: persona seed 1 issued on a
/// fixed date into a RAM EEPROM, the card's randomness (its key pairs, GET CHALLENGE) drawn from a
/// seeded generator through ManagedCrypto. The test CA is made fresh each run (its keys and the
/// certificate serials differ), so lessons never print certificate bytes, only their sizes.
/// Issued once per process; each lesson gets a powered-up copy of the image.
/// </summary>
public sealed class LessonCard
{
    public const int PersonaSeed = 1;

    /// <summary>The card's random seed: any fixed value does; this one is the persona's.</summary>
    private const int RandomSeed = PersonaSeed;

    public static readonly DateTimeOffset IssuedAt = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<(Persona Persona, IssuedCard Issued, byte[] Image)> Issuance = new(IssueOnce);

    private LessonCard(RamNvm nvm, Persona persona, IssuedCard issued)
    {
        Nvm = nvm;
        Persona = persona;
        Issued = issued;
        Card = Boot(nvm);
    }

    public RamNvm Nvm { get; }
    public Persona Persona { get; }
    public IssuedCard Issued { get; }
    public SimulatedCard Card { get; }
    public CardClient Reader => Card.Client;

    /// <summary>The persona's card PIN as VERIFY sends it (ASCII, docs/apdu-spec.md §6); traces mask it.</summary>
    public byte[] Pin => Encoding.ASCII.GetBytes(Persona.Pin);

    /// <summary>The PIN with its last digit changed: always wrong, and of the right format.</summary>
    public byte[] WrongPin => Encoding.ASCII.GetBytes(Persona.Pin[..3] + (Persona.Pin[3] == '0' ? '1' : '0'));

    /// <summary>A powered-up copy of the issued card.</summary>
    public static LessonCard Issue()
    {
        var (persona, issued, image) = Issuance.Value;
        return new LessonCard(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), persona, issued);
    }

    /// <summary>A powered-up copy of the issued card whose exchanges are traced on <paramref name="output"/> from the start.</summary>
    public static LessonCard Traced(TextWriter output)
    {
        LessonCard card = Issue();
        card.TraceTo(output);
        return card;
    }

    /// <summary>The same memory after the power came back: the store's power-up runs recovery (docs/eeprom-layout.md, "Power-up and recovery").</summary>
    public LessonCard PowerCycle()
    {
        Nvm.PowerUp();
        return new LessonCard(Nvm, Persona, Issued);
    }

    /// <summary>Starts an explained trace of this card's exchanges on <paramref name="output"/>.</summary>
    public void TraceTo(TextWriter output) => Reader.Exchanged += new TraceWriter(output).Write;

    /// <summary>The lesson card's device key, fixed so its sealed records are the same bytes on every run.</summary>
    private static readonly byte[] DeviceKey = [.. Enumerable.Range(0x60, SecretSeal.DeviceKeyLength).Select(i => (byte)i)];

    private static SimulatedCard Boot(RamNvm nvm) => new(nvm, new ManagedCrypto(new SeededRandom(RandomSeed)), CardConfig.Desktop(), deviceKey: DeviceKey);

    private static (Persona, IssuedCard, byte[]) IssueOnce()
    {
        var clock = new FixedClock(IssuedAt);
        Persona persona = PersonaGenerator.Create(PersonaSeed, "gen1", DateOnly.FromDateTime(IssuedAt.UtcDateTime));
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        SimulatedCard card = Boot(nvm);
        IssuedCard issued = new Gen1Issuer(card.Client, TestCa.Create(IssuedAt), clock).Issue(persona);
        return (persona, issued, nvm.Snapshot());
    }

    /// <summary>A clock stopped at one instant, so certificate validity and dates never depend on when the lesson runs.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
