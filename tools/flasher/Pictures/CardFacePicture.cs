using System.Globalization;
using NanoCard.Issuance;
using SkiaSharp;

namespace NanoCard.Flasher.Pictures;

/// <summary>
/// The front of the card, redrawn at 10 px per mm (85.6 × 54 mm, ID-1) from what the visual AP
/// returned: the name and address images and the security code image as the card stores them
/// (the Japanese text lives in those images, so the labels drawn here need only Latin letters),
/// birth date, sex and expiry as text, and the photo (gen2: the colour photo).
/// </summary>
public static class CardFacePicture
{
    public const int Width = 856;
    public const int Height = 540;

    /// <summary>Where the photo goes: 4:5 like the card's photo, at the right.</summary>
    public static readonly SKRectI PhotoRect = new(616, 110, 616 + 208, 110 + 260);

    /// <summary>Where the name image goes, 1.5 times its stored size.</summary>
    public static readonly SKRectI NameRect = new(40, 110, 40 + 480, 110 + 48);

    public static readonly SKColor Background = new(248, 244, 236);
    private static readonly SKColor Label = new(110, 100, 90);
    private static readonly SKColor Ink = new(20, 20, 20);

    public static void Save(CardFace face, string opened, string path)
    {
        using SKBitmap bitmap = Render(face, opened);
        Drawing.SavePng(bitmap, path);
    }

    /// <param name="opened">which code opened the face, for the footer.</param>
    public static SKBitmap Render(CardFace face, string opened)
    {
        var bitmap = new SKBitmap(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(Background);
        using var border = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 3, Color = new SKColor(200, 120, 140), IsAntialias = true };
        canvas.DrawRoundRect(new SKRect(4, 4, Width - 4, Height - 4), 30, 30, border);
        Drawing.Text(canvas, "INDIVIDUAL NUMBER CARD", 40, 60, 28, new SKColor(170, 60, 90));
        Drawing.Text(canvas, "rebuilt from the chip: visual AP, EF 0002" + (face.ColourPhoto is null ? "" : " and EF 0007"), 40, 84, 13, Label);

        Drawing.Text(canvas, "name", 40, 104, 12, Label);
        Image(canvas, face.NameImage, NameRect);
        Drawing.Text(canvas, "address", 40, 184, 12, Label);
        Image(canvas, face.AddressImage, new SKRectI(40, 190, 40 + 528, 190 + 35));
        Drawing.Text(canvas, "born", 40, 262, 12, Label);
        Drawing.Text(canvas, BirthDate(face.BirthDate), 40, 288, 22, Ink);
        Drawing.Text(canvas, "sex", 420, 262, 12, Label);
        Drawing.Text(canvas, Sex(face.Sex), 420, 288, 22, Ink);
        Drawing.Text(canvas, "valid until", 40, 330, 12, Label);
        Drawing.Text(canvas, Date(face.Expiry), 40, 356, 22, Ink);
        Drawing.Text(canvas, "security code", 40, 400, 12, Label);
        Image(canvas, face.SecurityCodeImage, new SKRectI(40, 406, 40 + 120, 406 + 48));

        using var frame = new SKPaint { Style = SKPaintStyle.Stroke, Color = Label };
        if (!Image(canvas, face.ColourPhoto ?? face.Photo, PhotoRect))
        {
            // The real gen1 card keeps JPEG 2000, which SkiaSharp cannot decode: say so instead of a blank.
            Drawing.Text(canvas, "photo not decodable", PhotoRect.Left + 30, PhotoRect.MidY, 13, Label);
        }
        canvas.DrawRect(PhotoRect, frame);
        Drawing.Text(canvas, face.ColourPhoto is null ? "photo (DF27)" : "colour photo (EF 0007)", PhotoRect.Left, PhotoRect.Bottom + 18, 12, Label);
        Drawing.Text(canvas, $"read after VERIFY {opened}; test card of a made-up person", 40, Height - 30, 12, Label);
        return bitmap;
    }

    /// <summary>Decodes a stored PNG or JPEG and scales it into <paramref name="into"/>; false when the bytes are no image SkiaSharp knows.</summary>
    private static bool Image(SKCanvas canvas, byte[] encoded, SKRectI into)
    {
        using SKBitmap? image = SKBitmap.Decode(encoded);
        if (image is null)
        {
            return false;
        }
        using var picture = SKImage.FromBitmap(image);
        canvas.DrawImage(picture, into, new SKSamplingOptions(SKFilterMode.Linear));
        return true;
    }

    private static DateOnly? Parse(string yyyymmdd)
        => DateOnly.TryParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d) ? d : null;

    private static string Date(string yyyymmdd) => Parse(yyyymmdd)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? yyyymmdd;

    /// <summary>The Gregorian date and, as the card prints it, the era year.</summary>
    private static string BirthDate(string yyyymmdd)
    {
        if (Parse(yyyymmdd) is not DateOnly d)
        {
            return yyyymmdd;
        }
        var (era, year) = JapaneseEra.Of(d);
        return $"{Date(yyyymmdd)} ({era} {year})";
    }

    /// <summary>ISO 5218, as the card codes it.</summary>
    private static string Sex(string code) => code switch
    {
        "1" => "male",
        "2" => "female",
        "9" => "not applicable",
        _ => "not known",
    };
}
