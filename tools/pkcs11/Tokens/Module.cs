using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Native;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>
/// The module's state and logic behind the exported C_* functions, with managed arguments: readers
/// and their cards, slots and tokens, sessions, objects and signatures. One lock serialises every
/// call (CKF_OS_LOCKING_OK), except the wait inside C_WaitForSlotEvent.
/// </summary>
public sealed partial class Module(Func<IReaders> openReaders)
{
    private readonly object gate = new();
    private readonly List<ReaderState> readers = [];
    private readonly Dictionary<ulong, Session> sessions = [];
    private readonly Dictionary<ulong, bool> reportedPresence = [];
    private IReaders? system;
    private ulong nextSession = 1;
    private ulong nextObject = 1;

    public bool IsInitialized
    {
        get
        {
            lock (gate)
            {
                return system is not null;
            }
        }
    }

    public void Initialize()
    {
        lock (gate)
        {
            if (system is not null)
            {
                throw new Pkcs11Exception(Ckr.CryptokiAlreadyInitialized);
            }
            system = openReaders();
            RefreshReaders();
            foreach (ulong slot in SlotIds())
            {
                reportedPresence[slot] = TokenPresent(slot);
            }
        }
    }

    /// <summary>C_Finalize: sessions close, PINs are overwritten, the readers are released (a waiting C_WaitForSlotEvent returns).</summary>
    public void Shutdown()
    {
        IReaders current;
        lock (gate)
        {
            current = Readers;
            foreach (ReaderState reader in readers)
            {
                Drop(reader);
            }
            readers.Clear();
            sessions.Clear();
            reportedPresence.Clear();
            system = null;
        }
        current.Dispose();
    }

    public ulong[] GetSlotList(bool tokenPresent)
    {
        lock (gate)
        {
            RefreshReaders();
            return [.. SlotIds().Where(slot => !tokenPresent || TokenPresent(slot))];
        }
    }

    public SlotInfo GetSlotInfo(ulong slotId)
    {
        lock (gate)
        {
            ReaderState reader = ReaderOf(slotId);
            string token = SlotNumbers.Token(slotId) == TokenKind.Authentication ? "authentication" : "signature";
            ulong flags = Ckf.RemovableDevice | Ckf.HwSlot | (TokenPresent(slotId) ? Ckf.TokenPresent : 0);
            return new SlotInfo($"{reader.Name} ({token})", flags);
        }
    }

    public TokenInfo GetTokenInfo(ulong slotId)
    {
        lock (gate)
        {
            ConnectedCard card = CardOf(slotId);
            TokenKind kind = SlotNumbers.Token(slotId);
            TokenState token = card.Token(kind);
            ulong flags = Ckf.Rng | Ckf.WriteProtected | Ckf.LoginRequired | Ckf.UserPinInitialized | Ckf.TokenInitialized;
            flags |= Guard(ReaderOf(slotId), () => CounterFlags(card, token.Rule, Ckf.UserPinCountLow, Ckf.UserPinFinalTry, Ckf.UserPinLocked)
                | (card.Gen2 ? CounterFlags(card, PinRule.Puk, Ckf.SoPinCountLow, Ckf.SoPinFinalTry, Ckf.SoPinLocked) : 0));
            string label = kind == TokenKind.Signature ? "NanoCard signing password" : card.Gen2 ? "NanoCard card PIN" : "NanoCard authentication PIN";
            ulong open = (ulong)sessions.Values.Count(s => s.SlotId == slotId);
            ulong rw = (ulong)sessions.Values.Count(s => s.SlotId == slotId && s.ReadWrite);
            return new TokenInfo(label, card.Gen2 ? "NanoCard gen2" : "NanoCard gen1", card.Serial, flags, open, rw, (ulong)token.Rule.MinLength, (ulong)token.Rule.MaxLength);
        }
    }

    public ulong[] GetMechanismList(ulong slotId)
    {
        lock (gate)
        {
            return Mechanisms.All(CardOf(slotId).Gen2);
        }
    }

    public (ulong Min, ulong Max, ulong Flags) GetMechanismInfo(ulong slotId, ulong mechanism)
    {
        lock (gate)
        {
            return Array.IndexOf(Mechanisms.All(CardOf(slotId).Gen2), mechanism) >= 0
                ? Mechanisms.Info(mechanism)
                : throw new Pkcs11Exception(Ckr.MechanismInvalid);
        }
    }

    /// <summary>
    /// C_WaitForSlotEvent: the first slot whose token came or went since it was last reported, or
    /// null with <paramref name="dontBlock"/> when there is none. Blocks (outside the lock) until one
    /// happens or the module is finalized (CKR_CRYPTOKI_NOT_INITIALIZED).
    /// </summary>
    public ulong? WaitForSlotEvent(bool dontBlock)
    {
        while (true)
        {
            IReaders current;
            lock (gate)
            {
                current = Readers;
                RefreshReaders();
                foreach (ulong slot in SlotIds())
                {
                    bool present = TokenPresent(slot);
                    if (!reportedPresence.TryGetValue(slot, out bool reported) || reported != present)
                    {
                        reportedPresence[slot] = present;
                        return slot;
                    }
                }
            }
            if (dontBlock)
            {
                return null;
            }
            current.WaitForChange(500);
        }
    }

    private IReaders Readers => system ?? throw new Pkcs11Exception(Ckr.CryptokiNotInitialized);

    private IEnumerable<ulong> SlotIds()
    {
        for (int r = 0; r < readers.Count; r++)
        {
            yield return SlotNumbers.Of(r, TokenKind.Authentication);
            yield return SlotNumbers.Of(r, TokenKind.Signature);
        }
    }

    /// <summary>Adds readers that appeared; slot IDs of known readers never change.</summary>
    private void RefreshReaders()
    {
        foreach (string name in Readers.List())
        {
            if (!readers.Any(r => r.Name == name))
            {
                readers.Add(new ReaderState(name));
            }
        }
    }

    private ReaderState ReaderOf(ulong slotId)
    {
        _ = Readers;
        int index = SlotNumbers.Reader(slotId);
        return slotId < (ulong)readers.Count * 2 ? readers[index] : throw new Pkcs11Exception(Ckr.SlotIdInvalid);
    }

    /// <summary>Whether the slot's reader holds a NanoCard now (connecting to a newly inserted card).</summary>
    private bool TokenPresent(ulong slotId)
    {
        ReaderState reader = ReaderOf(slotId);
        if (!Readers.IsCardPresent(reader.Name))
        {
            Drop(reader);
            return false;
        }
        if (reader.Link is null)
        {
            reader.Link = Readers.Connect(reader.Name);
            if (reader.Link is null)
            {
                return false;
            }
            try
            {
                reader.Card = ConnectedCard.Recognise(reader.Link);
            }
            catch (CardGoneException)
            {
                Drop(reader);
            }
        }
        return reader.Card is not null;
    }

    private ConnectedCard CardOf(ulong slotId) => TokenPresent(slotId) ? ReaderOf(slotId).Card! : throw new Pkcs11Exception(Ckr.TokenNotPresent);

    /// <summary>Forgets the reader's card: its sessions close and its PINs are overwritten.</summary>
    private void Drop(ReaderState reader)
    {
        if (reader.Card is not null)
        {
            foreach (TokenState token in reader.Card.Tokens)
            {
                token.LogOut();
            }
        }
        foreach (ulong handle in sessions.Values.Where(s => s.Reader == readers.IndexOf(reader)).Select(s => s.Handle).ToList())
        {
            sessions.Remove(handle);
        }
        reader.Link?.Dispose();
        reader.Link = null;
        reader.Card = null;
    }

    /// <summary>Runs card work; a removed card ends the reader's sessions and the call answers CKR_DEVICE_REMOVED.</summary>
    private T Guard<T>(ReaderState reader, Func<T> work)
    {
        try
        {
            return reader.Card!.Exclusive(work);
        }
        catch (CardGoneException)
        {
            Drop(reader);
            throw new Pkcs11Exception(Ckr.DeviceRemoved);
        }
    }

    /// <summary>The CKF_*_PIN_* flags from the card's tries left (empty VERIFY, §6; 9000 when verified: all tries left).</summary>
    private static ulong CounterFlags(ConnectedCard card, PinRule rule, ulong low, ulong finalTry, ulong locked)
    {
        Response status = card.InJpki(() => card.Commands.PinStatus(rule.P2));
        int left = status.IsOk ? rule.TryLimit : status.Sw == 0x6984 ? 0 : status.TriesLeft;
        return left switch
        {
            < 0 => 0,
            0 => locked,
            1 => finalTry | low,
            _ when left < rule.TryLimit => low,
            _ => 0,
        };
    }

    private sealed class ReaderState(string name)
    {
        public string Name { get; } = name;
        public ICardLink? Link { get; set; }
        public ConnectedCard? Card { get; set; }
    }
}
