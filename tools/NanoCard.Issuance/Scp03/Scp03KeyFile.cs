using System.Text.Json;
using System.Text.Json.Serialization;

namespace NanoCard.Issuance;

/// <summary>
/// An issuer's SCP03 key set on disk: JSON with the version and the three keys in hex, readable
/// by its owner only (like the device key file). <c>flasher issue</c> writes one per gen2 card in
/// the CA folder (<see cref="PathFor"/>); renewal and factory reset read it (docs/security.md).
/// </summary>
public static class Scp03KeyFile
{
    /// <summary>The CA folder's file for the card with <paramref name="cardSerial"/>.</summary>
    public static string PathFor(string caDirectory, string cardSerial) =>
        Path.Combine(caDirectory, "issuer-keys", cardSerial + ".json");

    /// <summary>
    /// The key set the card with <paramref name="cardSerial"/> holds: the CA folder's file for it,
    /// or the test set (a card issued before sets were replaced, or whose PUT KEY never happened),
    /// whichever version the card answers (<see cref="Scp03KeyVersion.Choose"/>).
    /// </summary>
    public static Scp03Keys ForCard(CardClient plain, string caDirectory, string cardSerial)
    {
        string path = PathFor(caDirectory, cardSerial);
        return File.Exists(path) ? Scp03KeyVersion.Choose(plain, Load(path), Scp03Keys.Test) : Scp03KeyVersion.Choose(plain, Scp03Keys.Test);
    }

    public static void Save(string path, Scp03Keys keys)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var body = new Body(keys.Version.ToString("X2"), Convert.ToHexString(keys.Enc), Convert.ToHexString(keys.Mac), Convert.ToHexString(keys.Dek));
        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, body, PersonaFile.Options);
    }

    /// <summary>The key set in <paramref name="path"/>; <see cref="InvalidDataException"/> for a file that is not one.</summary>
    public static Scp03Keys Load(string path)
    {
        try
        {
            Body body = JsonSerializer.Deserialize<Body>(File.ReadAllText(path), PersonaFile.Options) ?? throw new InvalidDataException("empty");
            var keys = new Scp03Keys(Convert.ToByte(body.Version, 16), Key(body.Enc), Key(body.Mac), Key(body.Dek));
            return keys.Version is >= 0x01 and <= 0x7F ? keys : throw new InvalidDataException("version out of 01-7F");
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or OverflowException or InvalidDataException)
        {
            throw new InvalidDataException($"{path} is not an SCP03 key file: {e.Message}", e);
        }
    }

    private static byte[] Key(string? hex)
    {
        byte[] key = Convert.FromHexString(hex ?? "");
        return key.Length == 16 ? key : throw new InvalidDataException("a key is not 16 bytes");
    }

    private sealed record Body(
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("enc")] string Enc,
        [property: JsonPropertyName("mac")] string Mac,
        [property: JsonPropertyName("dek")] string Dek);
}
