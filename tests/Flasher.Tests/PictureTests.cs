using NanoCard.Applets.Visual;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Commands;
using NanoCard.Flasher.Pictures;
using NanoCard.Issuance;
using NanoCard.Os.Store;
using SkiaSharp;

namespace NanoCard.Flasher.Tests;

/// <summary>A gen1 and a gen2 card issued once for every picture test (issuance is the slow part).</summary>
public sealed class IssuedPictureCards : IDisposable
{
    public string Work { get; } = Directory.CreateTempSubdirectory("flasher-pictures-").FullName;

    public IssuedPictureCards()
    {
        foreach (var (profile, seed) in new[] { ("gen1", 41), ("gen2", 42) })
        {
            Assert.Equal(0, PersonaCommand.New(profile, seed, PersonaPath(profile), TextWriter.Null));
            Assert.Equal(0, IssueCommand.Run(PersonaPath(profile), In("ca"), "sim:" + Image(profile), null, TextWriter.Null));
        }
    }

    public string In(string name) => Path.Combine(Work, name);

    public string PersonaPath(string profile) => In(profile + ".json");

    public string Image(string profile) => In(profile + ".img");

    public void Dispose() => Directory.Delete(Work, recursive: true);
}

/// <summary>
/// <c>flasher map --png</c>, <c>demo --map</c> and <c>flasher face</c>: the pictures' sizes and a
/// few pixels that show whether each part is drawn from the right data. Addresses come from the
/// card's own store, never written out here, so layout changes do not break the tests.
/// </summary>
public sealed class PictureTests(IssuedPictureCards cards) : IClassFixture<IssuedPictureCards>
{
    private static SKBitmap Load(string path) => SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not an image");

    private static (StoreLayout Layout, List<StoreObject> Objects) StoreOf(string image)
    {
        using CardImage card = CardImage.Open(image);
        return (card.Card.Store.Layout, StoreDirectory.Objects(card.Card.Store));
    }

    [Fact]
    public void Map_picture_colours_regions_and_objects_by_owner()
    {
        string png = cards.In("map.png");
        var output = new StringWriter();
        Assert.Equal(0, MapCommand.Run(cards.Image("gen1"), output, png));
        Assert.Contains("picture: " + png, output.ToString(), StringComparison.Ordinal);
        var (layout, objects) = StoreOf(cards.Image("gen1"));

        using SKBitmap map = Load(png);
        int rows = layout.Size / EepromPicture.RowBytes;
        Assert.Equal(EepromPicture.Left + EepromPicture.RowBytes / EepromPicture.BytesPerPixel + 16, map.Width);
        Assert.True(map.Height > EepromPicture.Top + rows * EepromPicture.RowHeight + 100, $"room for the legend: {map.Height}");

        SKColor At(int address)
        {
            SKPointI p = EepromPicture.PixelOf(address);
            return map.GetPixel(p.X, p.Y);
        }
        // No write counts for an image on disk: every colour is the owner's own, unshaded.
        Assert.Equal(EepromPicture.Journal, At(layout.JournalAddress + layout.PageSize));
        Assert.Equal(EepromPicture.Counters, At(layout.CounterAddress));
        Assert.Equal(EepromPicture.Store, At(layout.DirectoryAddress));
        Assert.Equal(EepromPicture.Free, At(layout.Size - EepromPicture.BytesPerPixel));
        StoreObject face = objects.Single(o => o.Df == 0x0030 && (o.Id & 0xFFFF) == VisualAp.CardFace && !o.IsTryCounter);
        Assert.Equal(EepromPicture.OwnerColours[0x0030], At(face.Address + face.Size / 2));
        StoreObject jpki = objects.First(o => o.Df == 0x0010 && o.Size > 1024);
        Assert.Equal(EepromPicture.OwnerColours[0x0010], At(jpki.Address + jpki.Size / 2));
    }

    [Fact]
    public void Demo_map_shades_pages_by_their_writes()
    {
        string png = cards.In("wear.png");
        var output = new StringWriter();
        Assert.Equal(0, DemoCommand.Run(output, seed: 43, mapPng: png));
        Assert.Matches(@"EEPROM     .*wear\.png: [\d,]+ page writes since the memory was blank", output.ToString());
        StoreLayout layout = StoreLayout.Default();

        using SKBitmap map = Load(png);
        SKColor At(int address)
        {
            SKPointI p = EepromPicture.PixelOf(address);
            return map.GetPixel(p.X, p.Y);
        }
        // Issuance commits through the journal's first pages: they are written, so darker than the journal's colour.
        SKColor journal = At(layout.JournalAddress);
        Assert.True(journal.Red + journal.Green + journal.Blue < EepromPicture.Journal.Red + EepromPicture.Journal.Green + EepromPicture.Journal.Blue - 30, $"journal {journal}");
        Assert.NotEqual(EepromPicture.Journal, journal);
        // Free pages were never written: no shading.
        Assert.Equal(EepromPicture.Free, At(layout.Size - EepromPicture.BytesPerPixel));
    }

    [Fact]
    public void Face_is_drawn_from_the_card_after_code_B_from_the_persona()
    {
        string png = cards.In("face.png");
        var output = new StringWriter();
        Assert.Equal(0, FaceCommand.Run("sim:" + cards.Image("gen1"), png, FaceCommand.Code(cards.PersonaPath("gen1"), null, null), output));
        Persona persona = PersonaFile.Load(cards.PersonaPath("gen1"));
        Assert.DoesNotContain(persona.CodeB, output.ToString(), StringComparison.Ordinal);

        using SKBitmap face = Load(png);
        Assert.Equal((CardFacePicture.Width, CardFacePicture.Height), (face.Width, face.Height));
        using SKBitmap photo = SKBitmap.Decode(persona.FacePhoto);
        SKColor drawn = Average(face, CardFacePicture.PhotoRect);
        SKColor stored = Average(photo, new SKRectI(0, 0, photo.Width, photo.Height));
        Assert.NotEqual(CardFacePicture.Background, drawn);
        Assert.True(Distance(drawn, stored) < 12, $"photo drawn {drawn}, stored {stored}");
        // The name image carries the name's letters: dark ink where it is drawn.
        Assert.True(DarkPixels(face, CardFacePicture.NameRect) > 100, "the name image is drawn, and not blank");
    }

    [Fact]
    public void Face_opens_with_code_A_and_the_gen2_colour_photo_is_used()
    {
        Persona persona = PersonaFile.Load(cards.PersonaPath("gen2"));
        string png = cards.In("face2.png");
        Assert.Equal(0, FaceCommand.Run("sim:" + cards.Image("gen2"), png, FaceCommand.Code(null, null, persona.MyNumber), TextWriter.Null));
        using SKBitmap face = Load(png);
        using SKBitmap photo = SKBitmap.Decode(persona.ColourPhoto);
        SKColor drawn = Average(face, CardFacePicture.PhotoRect);
        SKColor stored = Average(photo, new SKRectI(0, 0, photo.Width, photo.Height));
        Assert.True(Distance(drawn, stored) < 12, $"colour photo drawn {drawn}, stored {stored}");
        Assert.True(drawn.Blue - drawn.Red > 5 || drawn.Red - drawn.Blue > 5, $"the colour photo, not the greyscale one: {drawn}");
    }

    [Fact]
    public void Wrong_code_is_a_one_line_error_and_writes_no_file()
    {
        string png = cards.In("wrong.png");
        var error = Assert.Throws<UserError>(() => FaceCommand.Run("sim:" + cards.Image("gen1"), png, FaceCommand.Code(null, "11111111111111", null), TextWriter.Null));
        Assert.Contains("the card refused 照合番号B", error.Message, StringComparison.Ordinal);
        Assert.Contains("tries left", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(png));
        // The right code afterwards gives the tries back, so the shared card stays usable.
        Assert.Equal(0, FaceCommand.Run("sim:" + cards.Image("gen1"), png, FaceCommand.Code(cards.PersonaPath("gen1"), null, null), TextWriter.Null));
    }

    [Fact]
    public void Face_needs_exactly_one_code_and_an_existing_image()
    {
        Assert.Contains("exactly one", Assert.Throws<UserError>(() => FaceCommand.Code(null, null, null)).Message, StringComparison.Ordinal);
        Assert.Contains("exactly one", Assert.Throws<UserError>(() => FaceCommand.Code(cards.PersonaPath("gen1"), "1", null)).Message, StringComparison.Ordinal);
        Assert.Contains("not found", Assert.Throws<UserError>(() => FaceCommand.Code(cards.In("none.json"), null, null)).Message, StringComparison.Ordinal);
        var code = new VerificationCode('B', "11111111111111");
        Assert.Contains("not found", Assert.Throws<UserError>(() => FaceCommand.Run("sim:" + cards.In("none.img"), cards.In("x.png"), code, TextWriter.Null)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(cards.In("none.img")), "no blank card is made");

        // A new image file is a blank card: its 照合番号 have no value yet.
        CardImage.Open(cards.In("blank.img")).Dispose();
        var blank = Assert.Throws<UserError>(() => FaceCommand.Run("sim:" + cards.In("blank.img"), cards.In("blank.png"), code, TextWriter.Null));
        Assert.Contains("not set on this card", blank.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(cards.In("blank.png")));
    }

    private static SKColor Average(SKBitmap bitmap, SKRectI area)
    {
        long r = 0, g = 0, b = 0, n = 0;
        for (int y = area.Top; y < area.Bottom; y++)
        {
            for (int x = area.Left; x < area.Right; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                (r, g, b, n) = (r + c.Red, g + c.Green, b + c.Blue, n + 1);
            }
        }
        return new SKColor((byte)(r / n), (byte)(g / n), (byte)(b / n));
    }

    private static int Distance(SKColor a, SKColor b)
        => Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));

    private static int DarkPixels(SKBitmap bitmap, SKRectI area)
    {
        int dark = 0;
        for (int y = area.Top; y < area.Bottom; y++)
        {
            for (int x = area.Left; x < area.Right; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                dark += c.Red + c.Green + c.Blue < 200 ? 1 : 0;
            }
        }
        return dark;
    }
}
