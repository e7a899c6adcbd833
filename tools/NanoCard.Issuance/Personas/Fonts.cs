using SkiaSharp;

namespace NanoCard.Issuance;

/// <summary>A font file SkiaSharp could not load (the message says which package installs it).</summary>
public sealed class MissingFontException(string message) : Exception(message);

/// <summary>
/// The one font NanoCard draws Latin text with. SkiaSharp's NoDependencies native build has no
/// fontconfig, so its default typeface draws nothing: the file is loaded by path, from Debian's
/// fonts-dejavu-core (./test.sh installs it).
/// </summary>
public static class Fonts
{
    public const string SansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> LoadedSans = new(() => SKTypeface.FromFile(SansPath)
        ?? throw new MissingFontException($"font {SansPath} not found: install it with apt-get install fonts-dejavu-core"));

    /// <summary>DejaVu Sans; throws <see cref="MissingFontException"/> when the file is missing.</summary>
    public static SKTypeface Sans => LoadedSans.Value;
}
