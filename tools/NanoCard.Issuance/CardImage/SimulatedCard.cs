using NanoCard.Applets;
using NanoCard.Applets.CardManager;
using NanoCard.Hal.Crypto;
using NanoCard.Hal.Storage;
using NanoCard.Os.Runtime;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Issuance;

/// <summary>
/// A card on the desktop, built as every entry point builds it: the store over a memory
/// (its constructor is the power-up), the runtime, and the AP set. Constructing one is a power-up
/// over whatever the memory holds; a blank memory becomes <c>profileIfBlank</c> (gen1 unless told).
/// <c>deviceKey</c> is the platform's device key that seals PINs and keys (<see cref="SecretSeal"/>);
/// without one they are kept as a platform without a device key keeps them.
/// </summary>
public sealed class SimulatedCard
{
    public SimulatedCard(INvm nvm, ICrypto crypto, CardConfig config, byte profileIfBlank = MynaCard.Gen1, byte[]? deviceKey = null)
    {
        Store = new CardStore(nvm, StoreLayout.WithSize(nvm.Size, nvm.PageSize), new SecretSeal(crypto, deviceKey));
        Runtime = new CardRuntime(config, Store, crypto.Random);
        if (!Store.IsHealthy)
        {
            throw new InvalidDataException($"the card's memory failed its power-up checks (health {Store.Health:X2})");
        }
        Manager = MynaCard.Install(Runtime, crypto, profileIfBlank);
        Profile = MynaCard.ProfileOf(Store);
        Client = new CardClient(new RuntimeChannel(Runtime));
    }

    public CardStore Store { get; }
    public CardRuntime Runtime { get; }
    public CardManagerApplet Manager { get; }

    /// <summary><see cref="MynaCard.Gen1"/> or <see cref="MynaCard.Gen2"/>.</summary>
    public byte Profile { get; }

    /// <summary>An in-process client that follows 61xx and 6Cxx.</summary>
    public CardClient Client { get; }
}
