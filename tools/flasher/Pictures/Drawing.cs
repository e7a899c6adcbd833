using NanoCard.Issuance;
using SkiaSharp;

namespace NanoCard.Flasher.Pictures;

/// <summary>What both pictures need from SkiaSharp: Latin text in the loaded font, and a PNG file written whole or not at all.</summary>
public static class Drawing
{
    public static void Text(SKCanvas canvas, string text, float x, float y, float size, SKColor colour)
    {
        using var font = new SKFont(Fonts.Sans, size);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
    }

    /// <summary>Encodes first, so a failure leaves no file, then writes; a path that cannot be written is a one-line error.</summary>
    public static void SavePng(SKBitmap bitmap, string path)
    {
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        try
        {
            File.WriteAllBytes(path, png.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write picture '{path}': {e.Message}");
        }
    }
}
