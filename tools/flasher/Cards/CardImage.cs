using NanoCard.Hal.Crypto;
using NanoCard.Hal.Crypto.Managed;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Hal.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Cards;

/// <summary>
/// A simulated card kept in an EEPROM image file (the default layout: 128 KiB in 64-byte pages).
/// Opening it is a power-up; a missing or blank file becomes a blank card of the profile asked for
/// (gen1 unless told), and an existing card keeps the profile it was made with. Any other file is
/// refused unless <see cref="ImageAccess.Format"/> says to erase it, and a report
/// (<see cref="ImageAccess.ReadOnly"/>) powers the card up on a copy in memory. Every acknowledged
/// write is fsynced, so killing the process loses nothing the card acknowledged. Its PINs and keys
/// are sealed with the device key in <c>PATH.key</c> (<see cref="DeviceKeyFile"/>), made with a new
/// image. A fault profile can give it another OS configuration and wrap its memory (docs/labs.md).
/// </summary>
public sealed class CardImage : IDisposable
{
    /// <summary>What every refusal to touch a file ends with.</summary>
    private const string LeftAsItIs = "flasher leaves it as it is (use a new file name, or give issue or sim --format to erase it for a blank card)";

    private readonly IDisposable? file;

    private CardImage(IDisposable? file, SimulatedCard card)
    {
        this.file = file;
        Card = card;
    }

    public SimulatedCard Card { get; }

    public static CardImage Open(string path, string crypto = CryptoEngines.Host, string profileIfBlank = "gen1", CardConfig? config = null,
        Func<INvm, INvm>? wrapNvm = null, ImageAccess access = ImageAccess.ReadWrite)
    {
        StoreLayout layout = StoreLayout.Default();
        ImageKind kind = ImageContent.Inspect(path, layout);
        ICrypto engine = crypto switch
        {
            CryptoEngines.Host => new HostCrypto(),
            CryptoEngines.Managed => new ManagedCrypto(new SystemRandom()),
            _ => throw new UserError($"unknown crypto engine '{crypto}': use host or managed"),
        };
        if (access == ImageAccess.Format && kind != ImageKind.Missing)
        {
            ImageContent.Erase(path, layout);
            File.Delete(DeviceKeyFile.PathFor(path));
            kind = ImageKind.Missing;
        }
        switch (kind)
        {
            case ImageKind.Missing when access is ImageAccess.ReadOnly or ImageAccess.Existing:
                throw new UserError($"card image '{path}' not found");
            case ImageKind.WrongSize:
                throw new UserError($"card image '{path}' holds {new FileInfo(path).Length:N0} bytes, not a card's {layout.Size:N0}: not a NanoCard image; {LeftAsItIs}");
            case ImageKind.Foreign:
                throw new UserError($"card image '{path}' is neither blank nor a NanoCard image; {LeftAsItIs}");
        }
        bool imageIsNew = kind == ImageKind.Missing;
        INvm memory;
        IDisposable? file = null;
        try
        {
            if (access == ImageAccess.ReadOnly)
            {
                memory = new RamNvm(File.ReadAllBytes(path), layout.PageSize);
            }
            else
            {
                FileNvm nvm = FileNvm.Open(path, layout.Size, layout.PageSize);
                file = nvm;
                memory = nvm;
            }
        }
        catch (IOException e)
        {
            throw new UserError($"cannot open card image '{path}': {e.Message}");
        }
        try
        {
            byte[] deviceKey = DeviceKey(path, imageIsNew);
            return new CardImage(file, new SimulatedCard(wrapNvm is null ? memory : wrapNvm(memory), engine, config ?? CardConfig.Desktop(),
                Profiles.Number(profileIfBlank), deviceKey));
        }
        catch (InvalidDataException e)
        {
            file?.Dispose();
            throw new UserError($"card image '{path}': {e.Message}: it is damaged or from another NanoCard version; restore it, or use a new file for a blank card");
        }
        catch
        {
            file?.Dispose();
            throw;
        }
    }

    private static byte[] DeviceKey(string path, bool imageIsNew)
    {
        try
        {
            return DeviceKeyFile.Load(path, imageIsNew);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"card image '{path}': {e.Message}");
        }
    }

    public void Dispose() => file?.Dispose();
}
