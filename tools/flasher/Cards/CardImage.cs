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
/// Opening it is a power-up; a missing file becomes a blank card of the profile asked for (gen1
/// unless told), and an existing one keeps the profile it was made with. Every acknowledged write is
/// fsynced, so killing the process loses nothing the card acknowledged. Its PINs and keys are sealed
/// with the device key in <c>PATH.key</c> (<see cref="DeviceKeyFile"/>), made with a new image. A fault
/// profile can give it another OS configuration and wrap its memory (docs/labs.md).
/// </summary>
public sealed class CardImage : IDisposable
{
    private readonly FileNvm nvm;

    private CardImage(FileNvm nvm, SimulatedCard card)
    {
        this.nvm = nvm;
        Card = card;
    }

    public SimulatedCard Card { get; }

    public static CardImage Open(string path, string crypto = CryptoEngines.Host, string profileIfBlank = "gen1", CardConfig? config = null,
        Func<INvm, INvm>? wrapNvm = null)
    {
        bool imageIsNew = !File.Exists(path);
        FileNvm nvm;
        try
        {
            nvm = FileNvm.Open(path, StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        }
        catch (InvalidDataException e)
        {
            throw new UserError($"{e.Message}: not a NanoCard image (use a new file name, and flasher makes a blank card there)");
        }
        catch (IOException e)
        {
            throw new UserError($"cannot open card image '{path}': {e.Message}");
        }
        try
        {
            ICrypto engine = crypto switch
            {
                CryptoEngines.Host => new HostCrypto(),
                CryptoEngines.Managed => new ManagedCrypto(new SystemRandom()),
                _ => throw new UserError($"unknown crypto engine '{crypto}': use host or managed"),
            };
            byte[] deviceKey = DeviceKey(path, imageIsNew);
            return new CardImage(nvm, new SimulatedCard(wrapNvm is null ? nvm : wrapNvm(nvm), engine, config ?? CardConfig.Desktop(),
                Profiles.Number(profileIfBlank), deviceKey));
        }
        catch (InvalidDataException e)
        {
            nvm.Dispose();
            throw new UserError($"card image '{path}': {e.Message}: it is damaged or from another NanoCard version; restore it, or use a new file for a blank card");
        }
        catch
        {
            nvm.Dispose();
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

    public void Dispose() => nvm.Dispose();
}
