using System.Security.Cryptography;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Issuance;

/// <summary>
/// The desktop card's device key (docs/security.md, "Secrets at rest"): 32 random bytes in
/// <c>IMAGE.key</c> beside the EEPROM image, readable by its owner only. It plays the part of a
/// chip's fused key: the image alone gives up no PIN and no private key, the two files together do.
/// A card is made with its key; an existing image without one is refused rather than re-keyed, since
/// a new key would leave every sealed key of the card unreadable.
/// </summary>
public static class DeviceKeyFile
{
    public static string PathFor(string imagePath) => imagePath + ".key";

    /// <summary>The key of the image at <paramref name="imagePath"/>, made now when <paramref name="imageIsNew"/>.</summary>
    /// <exception cref="FileNotFoundException">An existing image has no key file.</exception>
    /// <exception cref="InvalidDataException">The key file is not 32 bytes.</exception>
    public static byte[] Load(string imagePath, bool imageIsNew)
    {
        string path = PathFor(imagePath);
        if (!File.Exists(path))
        {
            if (!imageIsNew)
            {
                throw new FileNotFoundException($"its device key {path} is missing (a card image goes with its .key file)", path);
            }
            return Create(imagePath);
        }
        byte[] key = File.ReadAllBytes(path);
        if (key.Length != SecretSeal.DeviceKeyLength)
        {
            throw new InvalidDataException($"device key {path} is {key.Length} bytes, not {SecretSeal.DeviceKeyLength}");
        }
        return key;
    }

    /// <summary>A fresh key for a new image, written owner-only (0600); refuses to replace one.</summary>
    public static byte[] Create(string imagePath)
    {
        byte[] key = RandomNumberGenerator.GetBytes(SecretSeal.DeviceKeyLength);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(PathFor(imagePath), options))
        {
            file.Write(key);
            file.Flush(flushToDisk: true);
        }
        return key;
    }
}
