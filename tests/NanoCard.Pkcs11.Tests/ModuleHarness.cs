using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Native;
using NanoCard.Pkcs11.Tokens;

namespace NanoCard.Pkcs11.Tests;

/// <summary>
/// An initialized module over three in-process readers: "Reader A" (slots 0 and 1), "Reader B"
/// (2, 3) and "Reader C" (4, 5), with the cards a test puts in.
/// </summary>
public sealed class ModuleHarness : IDisposable
{
    public const ulong ASlotAuth = 0, ASlotSign = 1, BSlotAuth = 2, BSlotSign = 3;

    public ModuleHarness()
    {
        Readers = new InProcessReaders("Reader A", "Reader B", "Reader C");
        Module = new Module(() => Readers);
    }

    public InProcessReaders Readers { get; }
    public Module Module { get; }

    public ModuleHarness With(string reader, IssuedCards.Card card)
    {
        Readers.Insert(reader, card.Image);
        return this;
    }

    public ModuleHarness Started()
    {
        Module.Initialize();
        return this;
    }

    /// <summary>A serial session on the slot, logged in with <paramref name="pin"/> when given.</summary>
    public ulong Session(ulong slot, byte[]? pin = null, bool readWrite = false)
    {
        ulong session = Module.OpenSession(slot, Ckf.SerialSession | (readWrite ? Ckf.RwSession : 0));
        if (pin is not null)
        {
            Module.Login(session, Cku.User, pin);
        }
        return session;
    }

    /// <summary>The handles of the objects matching the template.</summary>
    public ulong[] Find(ulong session, params (ulong Type, byte[] Value)[] template)
    {
        Module.FindObjectsInit(session, template);
        ulong[] found = Module.FindObjects(session, 100);
        Module.FindObjectsFinal(session);
        return found;
    }

    /// <summary>The private key with this CKA_ID.</summary>
    public ulong Key(ulong session, byte id) => Find(session, (Cka.Class, AttributeBytes.Ulong(Cko.PrivateKey)), (Cka.Id, [id])).Single();

    public byte[] Sign(ulong session, ulong mechanism, ulong key, byte[] data)
    {
        Module.SignInit(session, mechanism, key);
        return Module.Sign(session, data);
    }

    public static ulong Rv(Action call) => Assert.Throws<Pkcs11Exception>(call).Rv;

    public void Dispose()
    {
        if (Module.IsInitialized)
        {
            Module.Shutdown();
        }
    }
}
