using SkiaSharp;

namespace NanoCard.Issuance;

/// <summary>
/// The pictures a persona carries, drawn with SkiaSharp: a greyscale face photo (JPEG; the real
/// gen1 card holds JPEG 2000, which no maintained .NET library writes, and the card stores the
/// bytes without looking inside) and greyscale PNGs of the romanized name and address, the
/// security code and the individual number. The same seed draws the same face.
/// </summary>
public static class PersonaImages
{
    public const int PhotoWidth = 160;
    public const int PhotoHeight = 200;

    /// <summary>The romanized name image (what the visual AP's DF25 shows).</summary>
    public static byte[] Name(string nameRoman) => Text(nameRoman, 320, 32, 20);

    public static byte[] Address(string addressRoman) => Text(addressRoman, 480, 32, 16);

    public static byte[] SecurityCode(string code) => Text(code, 80, 32, 20);

    /// <summary>72 × 12, the size seen on a card (docs/references.md §3.4, EF 0005).</summary>
    public static byte[] MyNumber(string number) => Text(number, 72, 12, 9);

    /// <summary>A simple drawn face: head, hair, eyes, mouth; shapes and tones from the seed.</summary>
    public static byte[] Face(int seed)
    {
        var random = new Random(seed ^ 0x5EED);
        using var bitmap = new SKBitmap(PhotoWidth, PhotoHeight, SKColorType.Gray8, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(225, 225, 225));
        byte skin = (byte)random.Next(150, 200);
        byte hair = (byte)random.Next(20, 90);
        float headWidth = random.Next(46, 58);
        float headHeight = random.Next(60, 72);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        fill.Color = new SKColor(90, 90, 90);
        canvas.DrawOval(80, 215, 70, 50, fill);
        fill.Color = new SKColor(hair, hair, hair);
        canvas.DrawOval(80, 88 - random.Next(0, 10), headWidth + 6, headHeight + 4, fill);
        fill.Color = new SKColor(skin, skin, skin);
        canvas.DrawOval(80, 100, headWidth, headHeight, fill);
        fill.Color = new SKColor(hair, hair, hair);
        canvas.DrawRect(80 - headWidth, 40, 2 * headWidth, random.Next(22, 36), fill);
        fill.Color = new SKColor(30, 30, 30);
        float eyeGap = random.Next(16, 24);
        canvas.DrawCircle(80 - eyeGap, 96, 4, fill);
        canvas.DrawCircle(80 + eyeGap, 96, 4, fill);
        using var line = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3, Color = new SKColor(60, 60, 60) };
        canvas.DrawArc(new SKRect(64, 118, 96, 138), 20, 140, false, line);
        using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 60);
        return jpeg.ToArray();
    }

    /// <summary>The gen2 colour photo: 420 wide, 540 high, like the IC passport's (docs/references.md §8, point 9).</summary>
    public const int ColourPhotoWidth = 420;
    public const int ColourPhotoHeight = 540;

    /// <summary>
    /// The same drawn face in colour at passport size, with a seeded film grain so that the JPEG is
    /// as large as a real photo's; the quality steps down until it fits in <paramref name="maxBytes"/>.
    /// </summary>
    public static byte[] ColourFace(int seed, int maxBytes)
    {
        var random = new Random(seed ^ 0xC010);
        using var bitmap = new SKBitmap(ColourPhotoWidth, ColourPhotoHeight, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(200, 215, 235));
            var skin = new SKColor((byte)random.Next(200, 240), (byte)random.Next(160, 200), (byte)random.Next(130, 170));
            var hair = new SKColor((byte)random.Next(20, 90), (byte)random.Next(15, 60), (byte)random.Next(10, 40));
            float s = ColourPhotoWidth / 160f;
            float headWidth = random.Next(46, 58) * s;
            float headHeight = random.Next(60, 72) * s;
            float cx = ColourPhotoWidth / 2f;
            using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
            fill.Color = new SKColor((byte)random.Next(20, 80), (byte)random.Next(40, 90), (byte)random.Next(80, 140));
            canvas.DrawOval(cx, 560, 190, 140, fill);
            fill.Color = hair;
            canvas.DrawOval(cx, 240 - random.Next(0, 20), headWidth + 16, headHeight + 10, fill);
            fill.Color = skin;
            canvas.DrawOval(cx, 270, headWidth, headHeight, fill);
            fill.Color = new SKColor(40, 30, 25);
            float eyeGap = random.Next(16, 24) * s;
            canvas.DrawCircle(cx - eyeGap, 255, 10, fill);
            canvas.DrawCircle(cx + eyeGap, 255, 10, fill);
            using var line = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 7, Color = new SKColor(150, 60, 60) };
            canvas.DrawArc(new SKRect(cx - 45, 315, cx + 45, 365), 20, 140, false, line);
        }
        for (int y = 0; y < ColourPhotoHeight; y++)
        {
            for (int x = 0; x < ColourPhotoWidth; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                int grain = random.Next(-6, 7);
                bitmap.SetPixel(x, y, new SKColor(Clamp(c.Red + grain), Clamp(c.Green + grain), Clamp(c.Blue + grain)));
            }
        }
        for (int quality = 90; quality >= 10; quality -= 5)
        {
            using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
            if (jpeg.Size <= maxBytes)
            {
                return jpeg.ToArray();
            }
        }
        throw new InvalidOperationException("the colour photo does not fit even at the lowest quality");
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    /// <summary>Black text on white, greyscale PNG.</summary>
    private static byte[] Text(string text, int width, int height, float size)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(Fonts.Sans, size);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        canvas.DrawText(text, 2, (height + size * 0.7f) / 2, SKTextAlign.Left, font, paint);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
