namespace NanoCheck.Tests;

/// <summary>The real nanoFramework.CoreLibrary 1.17.11 mscorlib, copied to nano/ by the test project.</summary>
internal static class NanoCorlib
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "nano", "mscorlib.dll");
}
