using System.Security.Cryptography;
using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Native;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>Object search and attributes (PKCS#11 v2.40 §5.7). Objects are read from the card the first time a session looks.</summary>
public sealed partial class Module
{
    /// <summary>Attributes a private key has but never gives out (CKR_ATTRIBUTE_SENSITIVE).</summary>
    private static readonly ulong[] SecretAttributes = [Cka.Value, 0x123, 0x124, 0x125, 0x126, 0x127, 0x128];

    public void FindObjectsInit(ulong handle, IReadOnlyList<(ulong Type, byte[] Value)> template)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            if (session.Found is not null)
            {
                throw new Pkcs11Exception(Ckr.OperationActive);
            }
            var found = new Queue<ulong>();
            foreach (P11Object o in VisibleObjects(session))
            {
                if (template.All(a => o.Matches(a.Type, a.Value)))
                {
                    found.Enqueue(o.Handle);
                }
            }
            session.Found = found;
        }
    }

    public ulong[] FindObjects(ulong handle, int max)
    {
        lock (gate)
        {
            Queue<ulong> found = SessionOf(handle).Found ?? throw new Pkcs11Exception(Ckr.OperationNotInitialized);
            var result = new List<ulong>();
            while (result.Count < max && found.Count > 0)
            {
                result.Add(found.Dequeue());
            }
            return [.. result];
        }
    }

    public void FindObjectsFinal(ulong handle)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            session.Found = session.Found is null ? throw new Pkcs11Exception(Ckr.OperationNotInitialized) : null;
        }
    }

    /// <summary>The attribute's value; null for a type the object does not have, CKR_ATTRIBUTE_SENSITIVE for a secret.</summary>
    public byte[]? GetAttribute(ulong handle, ulong objectHandle, ulong type)
    {
        lock (gate)
        {
            P11Object o = ObjectOf(SessionOf(handle), objectHandle);
            if (o.Class == Cko.PrivateKey && Array.IndexOf(SecretAttributes, type) >= 0)
            {
                throw new Pkcs11Exception(Ckr.AttributeSensitive);
            }
            return o.Attributes.TryGetValue(type, out byte[]? value) ? value : null;
        }
    }

    /// <summary>Checks the object handle for the session (for the exported function's error order).</summary>
    public void RequireObject(ulong handle, ulong objectHandle)
    {
        lock (gate)
        {
            ObjectOf(SessionOf(handle), objectHandle);
        }
    }

    private P11Object ObjectOf(Session session, ulong objectHandle)
        => VisibleObjects(session).FirstOrDefault(o => o.Handle == objectHandle) ?? throw new Pkcs11Exception(Ckr.ObjectHandleInvalid);

    /// <summary>The token's objects this session may see, read from the card where not read yet.</summary>
    private List<P11Object> VisibleObjects(Session session)
    {
        ConnectedCard card = CardOfSession(session);
        TokenState token = card.Token(session.Token);
        bool user = token.LoggedIn == Cku.User;
        if (!token.PublicLoaded || (user && !token.PrivateLoaded))
        {
            Guard(Reader(session), () =>
            {
                LoadObjects(card, token);
                return 0;
            });
        }
        return [.. token.Objects.Where(o => !o.IsPrivate || user)];
    }

    private void LoadObjects(ConnectedCard card, TokenState token)
    {
        bool user = token.LoggedIn == Cku.User;
        foreach (KeySpec key in NanoCardLayout.Keys(card.Gen2).Where(k => k.Token == token.Kind))
        {
            bool due = key.CertificateNeedsLogin ? user && !token.PrivateLoaded : !token.PublicLoaded;
            if (due && card.ReadCertificate(key.Aid, key.CertificateFid) is { } der && TryBuild(() => CertificateObjects.ForKey(key, der, () => nextObject++).ToList(), out List<P11Object>? built))
            {
                token.Objects.AddRange(built!);
            }
        }
        if (!token.PublicLoaded)
        {
            foreach (CaSpec ca in NanoCardLayout.CaCertificates(card.Gen2).Where(c => c.Token == token.Kind))
            {
                if (card.ReadCertificate(NanoCardLayout.JpkiAid, ca.CertificateFid) is { } der && TryBuild(() => [CertificateObjects.ForCa(ca, der, nextObject++)], out List<P11Object>? built))
                {
                    token.Objects.AddRange(built!);
                }
            }
        }
        token.PublicLoaded = true;
        token.PrivateLoaded |= user;
    }

    /// <summary>A certificate the module cannot parse gives no objects rather than failing the whole search.</summary>
    private static bool TryBuild(Func<List<P11Object>> build, out List<P11Object>? objects)
    {
        try
        {
            objects = build();
            return true;
        }
        catch (Exception e) when (e is CryptographicException or System.Formats.Asn1.AsnContentException)
        {
            objects = null;
            return false;
        }
    }
}
