using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests;

/// <summary>
/// Issues one gen1 card for the whole test run (key generation is the slow part) and hands each
/// test a fresh copy of its EEPROM image, so tests cannot see each other's changes.
/// </summary>
public sealed class IssuedCardFixture
{
    public IssuedCardFixture()
    {
        Persona = SamplePersona.Create();
        Ca = TestCa.Create(Clock.GetUtcNow());
        TestCard card = TestCard.Blank();
        Issued = new Gen1Issuer(card.Client, Ca, Clock).Issue(Persona);
        Image = card.Nvm.Snapshot();
    }

    public static TimeProvider Clock { get; } = TimeProvider.System;

    public Persona Persona { get; }
    public TestCa Ca { get; }
    public IssuedCard Issued { get; }
    public byte[] Image { get; }

    /// <summary>A powered-up copy of the issued card.</summary>
    public TestCard NewCard() => new(new RamNvm((byte[])Image.Clone(), StoreLayout.DefaultPageSize));
}

[CollectionDefinition(Name)]
public sealed class IssuedCardCollection : ICollectionFixture<IssuedCardFixture>
{
    public const string Name = "issued gen1 card";
}
