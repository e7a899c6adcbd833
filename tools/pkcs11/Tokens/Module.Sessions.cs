using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Native;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>Sessions, login and PIN management (PKCS#11 v2.40 §5.6, §5.7 and §5.5 C_InitPIN/C_SetPIN).</summary>
public sealed partial class Module
{
    public ulong OpenSession(ulong slotId, ulong flags)
    {
        lock (gate)
        {
            if ((flags & Ckf.SerialSession) == 0)
            {
                throw new Pkcs11Exception(Ckr.SessionParallelNotSupported);
            }
            CardOf(slotId);
            bool readWrite = (flags & Ckf.RwSession) != 0;
            TokenState token = ReaderOf(slotId).Card!.Token(SlotNumbers.Token(slotId));
            if (!readWrite && token.LoggedIn == Cku.So)
            {
                throw new Pkcs11Exception(Ckr.SessionReadWriteSoExists);
            }
            ulong handle = nextSession++;
            sessions[handle] = new Session(handle, slotId, SlotNumbers.Reader(slotId), SlotNumbers.Token(slotId), readWrite);
            return handle;
        }
    }

    public void CloseSession(ulong handle)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            sessions.Remove(handle);
            LogOutWhenLast(session.SlotId);
        }
    }

    public void CloseAllSessions(ulong slotId)
    {
        lock (gate)
        {
            ReaderOf(slotId);
            foreach (ulong handle in sessions.Values.Where(s => s.SlotId == slotId).Select(s => s.Handle).ToList())
            {
                sessions.Remove(handle);
            }
            LogOutWhenLast(slotId);
        }
    }

    public SessionInfo GetSessionInfo(ulong handle)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            ulong? user = TokenOf(session).LoggedIn;
            ulong state = user switch
            {
                Cku.So => Cks.RwSo,
                Cku.User => session.ReadWrite ? Cks.RwUser : Cks.RoUser,
                _ => session.ReadWrite ? Cks.RwPublic : Cks.RoPublic,
            };
            return new SessionInfo(session.SlotId, state, Ckf.SerialSession | (session.ReadWrite ? Ckf.RwSession : 0));
        }
    }

    /// <summary>
    /// C_Login: CKU_USER verifies the token's PIN or password, CKU_SO the PUK (gen2 only; the
    /// card's RESET RETRY COUNTER needs it, §13.4). CKU_CONTEXT_SPECIFIC verifies the user's PIN again.
    /// </summary>
    public void Login(ulong handle, ulong userType, byte[] pin)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            ConnectedCard card = CardOfSession(session);
            TokenState token = card.Token(session.Token);
            PinRule rule = userType switch
            {
                Cku.User or Cku.ContextSpecific => token.Rule,
                Cku.So when card.Gen2 => PinRule.Puk,
                _ => throw new Pkcs11Exception(Ckr.UserTypeInvalid),
            };
            if (userType == Cku.ContextSpecific && token.LoggedIn != Cku.User)
            {
                throw new Pkcs11Exception(Ckr.UserNotLoggedIn);
            }
            if (userType != Cku.ContextSpecific && token.LoggedIn is { } already)
            {
                throw new Pkcs11Exception(already == userType ? Ckr.UserAlreadyLoggedIn : Ckr.UserAnotherAlreadyLoggedIn);
            }
            if (userType == Cku.So && sessions.Values.Any(s => s.SlotId == session.SlotId && !s.ReadWrite))
            {
                throw new Pkcs11Exception(Ckr.SessionReadOnlyExists);
            }
            Response answer = Guard(Reader(session), () => card.InJpki(() => card.Commands.Verify(rule.P2, pin)));
            ThrowUnlessVerified(answer);
            token.LogIn(userType == Cku.ContextSpecific ? Cku.User : userType, pin);
        }
    }

    /// <summary>C_Logout: the PIN is overwritten and the card's verifications are cleared by a new SELECT.</summary>
    public void Logout(ulong handle)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            TokenState token = TokenOf(session);
            if (token.LoggedIn is null)
            {
                throw new Pkcs11Exception(Ckr.UserNotLoggedIn);
            }
            token.LogOut();
            ConnectedCard card = CardOfSession(session);
            Guard(Reader(session), () =>
            {
                card.ResetVerification();
                return 0;
            });
        }
    }

    /// <summary>C_InitPIN (SO logged in with the PUK, gen2): RESET RETRY COUNTER sets the new value and all tries (§13.4).</summary>
    public void InitPin(ulong handle, byte[] pin)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            TokenState token = TokenOf(session);
            if (token.LoggedIn != Cku.So)
            {
                throw new Pkcs11Exception(Ckr.UserNotLoggedIn);
            }
            RequireFormat(token.Rule, pin);
            ConnectedCard card = CardOfSession(session);
            byte[] puk = token.Secret!;
            Response answer = Guard(Reader(session), () => card.InJpki(() => card.Commands.ResetRetryCounter(token.Rule.P2, puk, pin)));
            ThrowUnlessVerified(answer);
        }
    }

    /// <summary>
    /// C_SetPIN: VERIFY with the old value, then CHANGE REFERENCE DATA (§6) of the PIN of whoever is
    /// logged in (the PUK for the SO, the token's PIN otherwise).
    /// </summary>
    public void SetPin(ulong handle, byte[] oldPin, byte[] newPin)
    {
        lock (gate)
        {
            Session session = SessionOf(handle);
            if (!session.ReadWrite)
            {
                throw new Pkcs11Exception(Ckr.SessionReadOnly);
            }
            ConnectedCard card = CardOfSession(session);
            TokenState token = card.Token(session.Token);
            bool so = token.LoggedIn == Cku.So;
            PinRule rule = so ? PinRule.Puk : token.Rule;
            RequireFormat(rule, newPin);
            Guard(Reader(session), () =>
            {
                ThrowUnlessVerified(card.InJpki(() => card.Commands.Verify(rule.P2, oldPin)));
                Response changed = card.InJpki(() => card.Commands.Change(rule.P2, newPin));
                if (!changed.IsOk)
                {
                    throw new Pkcs11Exception(changed.Sw == 0x6A80 ? Ckr.PinInvalid : Ckr.DeviceError);
                }
                if (token.LoggedIn is not null)
                {
                    token.LogIn(token.LoggedIn.Value, newPin);
                }
                else
                {
                    // The VERIFY above must not leave the card open while the module says nobody is logged in.
                    card.ResetVerification();
                }
                return 0;
            });
        }
    }

    private Session SessionOf(ulong handle)
    {
        _ = Readers;
        return sessions.TryGetValue(handle, out Session? session) ? session : throw new Pkcs11Exception(Ckr.SessionHandleInvalid);
    }

    private ReaderState Reader(Session session) => readers[session.Reader];

    private ConnectedCard CardOfSession(Session session) => Reader(session).Card ?? throw new Pkcs11Exception(Ckr.DeviceRemoved);

    private TokenState TokenOf(Session session) => CardOfSession(session).Token(session.Token);

    /// <summary>The last session of a token closed: its user is logged out (PKCS#11 v2.40 §5.6, C_CloseSession).</summary>
    private void LogOutWhenLast(ulong slotId)
    {
        ReaderState reader = readers[SlotNumbers.Reader(slotId)];
        if (sessions.Values.Any(s => s.SlotId == slotId) || reader.Card is null)
        {
            return;
        }
        TokenState token = reader.Card.Token(SlotNumbers.Token(slotId));
        if (token.LoggedIn is null)
        {
            return;
        }
        token.LogOut();
        try
        {
            reader.Card.Exclusive(() =>
            {
                reader.Card.ResetVerification();
                return 0;
            });
        }
        catch (CardGoneException)
        {
            Drop(reader);
        }
    }

    private static void RequireFormat(PinRule rule, byte[] pin)
    {
        if (pin.Length < rule.MinLength || pin.Length > rule.MaxLength)
        {
            throw new Pkcs11Exception(Ckr.PinLenRange);
        }
        if (!rule.Fits(pin))
        {
            throw new Pkcs11Exception(Ckr.PinInvalid);
        }
    }

    /// <summary>VERIFY's (or RESET RETRY COUNTER's) answer as a CKR (§6 table).</summary>
    private static void ThrowUnlessVerified(Response answer)
    {
        if (answer.IsOk)
        {
            return;
        }
        throw new Pkcs11Exception(answer.Sw switch
        {
            0x6984 or 0x63C0 => Ckr.PinLocked,
            0x6A80 => Ckr.PinIncorrect,
            _ when answer.TriesLeft > 0 => Ckr.PinIncorrect,
            _ => Ckr.DeviceError,
        });
    }
}
