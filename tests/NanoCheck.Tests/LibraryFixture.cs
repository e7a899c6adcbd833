namespace NanoCheck.Tests;

/// <summary>Compiles the helper libraries the probes reference once per test class.</summary>
public sealed class LibraryFixture : IDisposable
{
    public const string GenericLibraryName = "GenLib";
    public const string OtherLibraryName = "OtherLib";

    private readonly TempFolder _folder = new();

    public LibraryFixture()
    {
        GenericLibrary = NanoCompiler.Compile(_folder, GenericLibraryName, Sources.GenericLibrary);
        OtherLibrary = NanoCompiler.Compile(_folder, OtherLibraryName, Sources.OtherLibrary);
    }

    public string GenericLibrary { get; }

    public string OtherLibrary { get; }

    public void Dispose() => _folder.Dispose();
}
