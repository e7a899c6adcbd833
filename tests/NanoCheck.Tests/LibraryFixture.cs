namespace NanoCheck.Tests;

/// <summary>Compiles the helper libraries the probes reference once per test class.</summary>
public sealed class LibraryFixture : IDisposable
{
    public const string GenericLibraryName = "GenLib";
    public const string OtherLibraryName = "OtherLib";

    private readonly TempFolder folder = new();

    public LibraryFixture()
    {
        GenericLibrary = NanoCompiler.Compile(folder, GenericLibraryName, Sources.GenericLibrary);
        OtherLibrary = NanoCompiler.Compile(folder, OtherLibraryName, Sources.OtherLibrary);
    }

    public string GenericLibrary { get; }

    public string OtherLibrary { get; }

    public void Dispose() => folder.Dispose();
}
