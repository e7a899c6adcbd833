using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Gen2;

/// <summary>
/// Issues one gen2 card (P-256) for the whole test run under a fresh test CA whose folder (the
/// archive renewal reads) is a temporary directory, and hands each test a fresh copy of its image.
/// </summary>
public sealed class Gen2CardFixture : IDisposable
{
    public Gen2CardFixture()
    {
        CaDirectory = Directory.CreateTempSubdirectory("nanocard-gen2-ca-").FullName;
        Persona = SamplePersona.CreateGen2();
        Ca = TestCa.OpenOrCreate(CaDirectory, IssuedCardFixture.Clock.GetUtcNow());
        TestCard card = TestCard.Blank(profile: MynaCard.Gen2);
        Issued = new Gen2Issuer(card.Client, Ca, new CaArchive(CaDirectory, Ca), IssuedCardFixture.Clock).Issue(Persona);
        Image = card.Nvm.Snapshot();
    }

    public string CaDirectory { get; }
    public Persona Persona { get; }
    public TestCa Ca { get; }
    public IssuedGen2Card Issued { get; }
    public byte[] Image { get; }

    /// <summary>A powered-up copy of the issued card.</summary>
    public TestCard NewCard() => new(new RamNvm((byte[])Image.Clone(), StoreLayout.DefaultPageSize));

    /// <summary>A copy of the CA folder in a new temporary directory, for a test that changes it (renewal revokes and rewrites the archive).</summary>
    public string CopyOfCaFolder()
    {
        string directory = Directory.CreateTempSubdirectory("nanocard-gen2-ca-copy-").FullName;
        foreach (string file in Directory.EnumerateFiles(CaDirectory, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(directory, Path.GetRelativePath(CaDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return directory;
    }

    public void Dispose() => Directory.Delete(CaDirectory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class Gen2CardCollection : ICollectionFixture<Gen2CardFixture>
{
    public const string Name = "issued gen2 card";
}
