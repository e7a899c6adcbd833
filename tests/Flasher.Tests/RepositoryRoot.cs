namespace NanoCard.Flasher.Tests;

/// <summary>The repository the tests run from: the folder above the test binaries that holds nf.sln (for tests that read docs/).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "nf.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("repository root (nf.sln) not found above " + AppContext.BaseDirectory);
    }
}
