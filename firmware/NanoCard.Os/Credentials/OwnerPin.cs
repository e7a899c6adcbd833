using NanoCard.Os.Files;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Credentials
{
    /// <summary>
    /// A PIN or password, in the shape of Java Card's OwnerPIN: a value with a format, a try
    /// limit, a try counter and a verified flag that lives only in RAM. It sits in a DF under a
    /// FID/SFI so that VERIFY can name it the My Number card's way (current EF, or P2 = 80|SFI).
    /// The value itself is never stored: the record is <c>try limit (1) | set (1) | salt (16) |
    /// verifier (32)</c>, the verifier HMAC-SHA-256 of salt ‖ value under a key derived from the
    /// device key (<see cref="SecretSeal.PinVerifier"/>), with a fresh salt at every new value.
    /// </summary>
    public sealed class OwnerPin : FileEntry
    {
        /// <summary>Most tries a PIN may have: 63Cx reports them in four bits (ISO/IEC 7816-4 §11.5.6).</summary>
        public const byte MaxTries = 15;

        private const short OffsetLimit = 0;
        private const short OffsetSet = 1;
        private const short OffsetSalt = 2;
        private const short OffsetVerifier = OffsetSalt + SecretSeal.SaltLength;

        /// <summary>Bytes of a PIN's store record, whatever its format.</summary>
        public const short RecordSize = OffsetVerifier + SecretSeal.VerifierLength;

        private readonly PinFormat format;
        private readonly ITryCounter counter;
        /// <summary>The record's place in the store: the PIN keeps the handle's fields, not the handle (one object less per PIN on the device's heap).</summary>
        private readonly CardStore store;
        private readonly int address;
        private readonly SecretSeal seal;
        private bool validated;

        public OwnerPin(short fid, byte sfi, PinFormat format, ITryCounter counter, PersistentBytes record, SecretSeal seal)
            : this(fid, sfi, format, counter, record.Store, record.Address, seal)
        {
            if (record.Size != RecordSize)
            {
                throw new System.ArgumentOutOfRangeException("record");
            }
            if (seal == null)
            {
                throw new System.ArgumentNullException("seal");
            }
        }

        private OwnerPin(short fid, byte sfi, PinFormat format, ITryCounter counter, CardStore store, int address, SecretSeal seal)
            : base(fid, sfi)
        {
            this.format = format;
            this.counter = counter;
            this.store = store;
            this.address = address;
            this.seal = seal;
            MinTryLimit = 1;
            MaxTryLimit = MaxTries;
        }

        /// <summary>A RAM copy of the stored record while it is read or written; zeroed after use. The card's one copy, not one per PIN.</summary>
        private byte[] RecordCopy { get { return seal.PinRecordScratch; } }

        private byte[] CandidateVerifier { get { return seal.VerifierScratch; } }

        /// <summary>
        /// The same PIN under another FID/SFI (another DF's name for it): value, limit and try
        /// counter are shared, the verified flag is the alias's own, so verifying in one AP opens nothing in another.
        /// </summary>
        public OwnerPin Alias(short fid, byte sfi)
        {
            OwnerPin alias = new OwnerPin(fid, sfi, format, counter, store, address, seal);
            alias.LimitTries(MinTryLimit, MaxTryLimit);
            alias.ResettingCode = ResettingCode;
            return alias;
        }

        /// <summary>Fewest tries personalization may give (1 unless <see cref="LimitTries"/> says otherwise).</summary>
        public byte MinTryLimit { get; private set; }

        /// <summary>Most tries personalization may give (<see cref="MaxTries"/> unless <see cref="LimitTries"/> says otherwise).</summary>
        public byte MaxTryLimit { get; private set; }

        /// <summary>Narrows the try limits personalization accepts (the gen2 PUK: 3–10); call at install.</summary>
        public void LimitTries(byte min, byte max)
        {
            if (min < 1 || max > MaxTries || min > max)
            {
                throw new System.ArgumentOutOfRangeException("min");
            }
            MinTryLimit = min;
            MaxTryLimit = max;
        }

        /// <summary>The PUK that RESET RETRY COUNTER takes to unblock this PIN; null when it has none. Set at install.</summary>
        public OwnerPin ResettingCode { get; set; }

        public PinFormat Format { get { return format; } }

        /// <summary>True after a correct <see cref="Check"/> until reset, deselect or re-SELECT.</summary>
        public bool IsValidated { get { return validated; } }

        public byte TriesRemaining { get { return counter.TriesRemaining; } }

        public bool IsBlocked { get { return counter.TriesRemaining == 0; } }

        /// <summary>Tries after a correct value, set at personalization; 0 before.</summary>
        public byte TryLimit
        {
            get
            {
                store.Read(address + OffsetLimit, RecordCopy, 0, 1);
                byte limit = RecordCopy[0];
                RecordCopy[0] = 0;
                return limit;
            }
        }

        /// <summary>True once personalization has given the PIN a value.</summary>
        public bool HasValue
        {
            get
            {
                store.Read(address + OffsetSet, RecordCopy, 0, 1);
                bool set = RecordCopy[0] != 0;
                RecordCopy[0] = 0;
                return set;
            }
        }

        public override bool HasContent { get { return HasValue; } }

        /// <summary>
        /// Personalization: sets the value and the try limit (1–15, or the range of <see cref="LimitTries"/>) and gives every try. False when
        /// the value breaks the format or the limit is out of range; nothing is written then.
        /// </summary>
        public bool Personalize(byte tryLimit, byte[] newValue, short offset, byte length)
        {
            if (tryLimit < MinTryLimit || tryLimit > MaxTryLimit || !format.Accepts(newValue, offset, length))
            {
                return false;
            }
            validated = false;
            Store(tryLimit, newValue, offset, length);
            counter.Set(tryLimit);
            return true;
        }

        /// <summary>Replaces the value, keeping the limit (CHANGE REFERENCE DATA after verification). False when it breaks the format.</summary>
        public bool Update(byte[] newValue, short offset, byte length)
        {
            if (!format.Accepts(newValue, offset, length))
            {
                return false;
            }
            Store(TryLimit, newValue, offset, length);
            return true;
        }

        /// <summary>Factory reset: no value, no limit, not verified (a VERIFY then answers 6984).</summary>
        public override void Erase()
        {
            validated = false;
            Util.ArrayFill(RecordCopy, 0, (short)RecordCopy.Length, 0);
            store.Write(address, RecordCopy, 0, RecordSize);
            counter.Set(0);
        }

        /// <summary>Writes the limit and a fresh salt with the verifier of the value, in one atomic record write.</summary>
        private void Store(byte tryLimit, byte[] newValue, short offset, byte length)
        {
            RecordCopy[OffsetLimit] = tryLimit;
            RecordCopy[OffsetSet] = 1;
            seal.NewSalt(RecordCopy, OffsetSalt);
            seal.PinVerifier(RecordCopy, OffsetSalt, newValue, offset, length, RecordCopy, OffsetVerifier);
            store.Write(address, RecordCopy, 0, RecordSize);
            Util.ArrayFill(RecordCopy, 0, RecordSize, 0);
        }

        /// <summary>
        /// VERIFY with data (ISO/IEC 7816-4:2020 §11.5.6). 6A80 for a value that breaks the format
        /// (no try used), 6984 when blocked or never set, else one try is used durably *before*
        /// comparing in constant time: 9000 and the counter back to its limit, or 63Cx with x tries left.
        /// </summary>
        public ushort Check(byte[] candidate, short offset, short length)
        {
            if (!format.Accepts(candidate, offset, length))
            {
                return Sw.WrongData;
            }
            validated = false;
            store.Read(address, RecordCopy, 0, RecordSize);
            byte limit = RecordCopy[OffsetLimit];
            if (IsBlocked || RecordCopy[OffsetSet] == 0)
            {
                Util.ArrayFill(RecordCopy, 0, (short)RecordCopy.Length, 0);
                return Sw.AuthenticationMethodBlocked;
            }
            counter.Decrement();
            if (Matches(candidate, offset, length))
            {
                counter.Set(limit);
                validated = true;
                return Sw.NoError;
            }
            return Sw.TriesLeft(counter.TriesRemaining);
        }

        /// <summary>Empty VERIFY: 9000 when already verified, else 63Cx (63C0 when blocked); no try is used.</summary>
        public ushort Status()
        {
            return validated ? Sw.NoError : Sw.TriesLeft(counter.TriesRemaining);
        }

        /// <summary>Forgets the verification (Java Card: reset()).</summary>
        public void Reset()
        {
            validated = false;
        }

        /// <summary>Clears the verified flag and gives back every try (Java Card: resetAndUnblock()).</summary>
        public void ResetAndUnblock()
        {
            validated = false;
            counter.Set(TryLimit);
        }

        /// <summary>
        /// Compares the candidate's verifier with the stored one in constant time, so the time does
        /// not tell how much of it matched; the HMAC's time depends only on the candidate's length,
        /// which is public (it is on the wire).
        /// </summary>
        /// <remarks>The record is in <c>value</c>, read by <see cref="Check"/>; it is wiped here.</remarks>
        private bool Matches(byte[] candidate, short offset, short length)
        {
            seal.PinVerifier(RecordCopy, OffsetSalt, candidate, offset, length, CandidateVerifier, 0);
            bool equal = Util.ConstantTimeEquals(CandidateVerifier, 0, RecordCopy, OffsetVerifier, SecretSeal.VerifierLength);
            Util.ArrayFill(RecordCopy, 0, RecordSize, 0);
            Util.ArrayFill(CandidateVerifier, 0, SecretSeal.VerifierLength, 0);
            return equal;
        }
    }
}
