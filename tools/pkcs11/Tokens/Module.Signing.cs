using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Native;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>Signing (PKCS#11 v2.40 §5.11) and the card's random numbers (§5.15).</summary>
public sealed partial class Module
{
    public void SignInit(ulong handle, ulong mechanism, ulong keyHandle)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            if (session.Signing is not null)
            {
                throw new Pkcs11Exception(Ckr.OperationActive);
            }
            P11Object key = VisibleObjects(session).FirstOrDefault(o => o.Handle == keyHandle) ?? throw new Pkcs11Exception(Ckr.KeyHandleInvalid);
            if (key.Key is null)
            {
                throw new Pkcs11Exception(Ckr.KeyFunctionNotPermitted);
            }
            if (Array.IndexOf(Mechanisms.All(CardOfSession(session).Gen2), mechanism) < 0)
            {
                throw new Pkcs11Exception(Ckr.MechanismInvalid);
            }
            if (!Mechanisms.Allows(key, mechanism))
            {
                throw new Pkcs11Exception(Ckr.KeyTypeInconsistent);
            }
            if (key.Key.NeedsLogin && TokenOf(session).LoggedIn != Cku.User)
            {
                throw new Pkcs11Exception(Ckr.UserNotLoggedIn);
            }
            session.Signing = new SignOperation(key, mechanism);
        }
    }

    /// <summary>The signature's length, for C_Sign / C_SignFinal called without a buffer.</summary>
    public int SignatureLength(ulong handle)
    {
        lock (gate)
        {
            return (SessionOf(handle).Signing ?? throw new Pkcs11Exception(Ckr.OperationNotInitialized)).Key.SignatureLength;
        }
    }

    public void SignUpdate(ulong handle, byte[] part)
    {
        lock (gate)
        {
            SignOperation operation = SessionOf(handle).Signing ?? throw new Pkcs11Exception(Ckr.OperationNotInitialized);
            operation.Data.AddRange(part);
        }
    }

    /// <summary>C_Sign (with the data) or C_SignFinal (data from C_SignUpdate): the card signs; the operation ends either way.</summary>
    public byte[] Sign(ulong handle, byte[]? data)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            SignOperation operation = session.Signing ?? throw new Pkcs11Exception(Ckr.OperationNotInitialized);
            session.Signing = null;
            byte[] message = data ?? [.. operation.Data];
            P11Object key = operation.Key;
            byte[] block = Mechanisms.Block(key, operation.Mechanism, message);
            ConnectedCard card = CardOfSession(session);
            Response answer = Guard(Reader(session), () => card.Sign(key.Key!, block));
            if (answer.IsOk && answer.Data.Length == key.SignatureLength)
            {
                return answer.Data;
            }
            throw new Pkcs11Exception(answer.Sw switch
            {
                0x9000 => Ckr.DeviceError,
                0x6982 => Ckr.UserNotLoggedIn,
                0x6984 => Ckr.PinLocked,
                0x6700 => Ckr.DataLenRange,
                _ => Ckr.DeviceError,
            }, $"the card answered {answer.Sw:X4} ({answer.Data.Length} bytes)");
        }
    }

    /// <summary>Ends the session's signature after a bad argument (no error if there is no session or none active).</summary>
    public void AbortSign(ulong handle)
    {
        lock (gate)
        {
            if (system is not null && sessions.TryGetValue(handle, out Session? session))
            {
                session.Signing = null;
            }
        }
    }

    /// <summary>C_GenerateRandom: GET CHALLENGE (§9), up to 256 bytes per command.</summary>
    public byte[] GenerateRandom(ulong handle, int length)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            ConnectedCard card = CardOfSession(session);
            return Guard(Reader(session), () =>
            {
                var random = new List<byte>(length);
                while (random.Count < length)
                {
                    Response part = card.Commands.GetChallenge(Math.Min(256, length - random.Count));
                    if (!part.IsOk || part.Data.Length == 0)
                    {
                        throw new Pkcs11Exception(Ckr.DeviceError);
                    }
                    random.AddRange(part.Data);
                }
                return random.ToArray();
            });
        }
    }
}
