using NanoCard.Os.Files;
using NanoCard.Os.Store;

namespace NanoCard.Os.Credentials
{
    /// <summary>
    /// A PIN or password, in the shape of Java Card's OwnerPIN: a value with a format, a try
    /// limit, a try counter and a verified flag that lives only in RAM. It sits in a DF under a
    /// FID/SFI so that VERIFY can name it the My Number card's way (current EF, or P2 = 80|SFI).
    /// The value is kept in the store as <c>try limit (1) | length (1) | value, zero-padded to
    /// MaxLength</c> (length 0: no value yet) and read into a RAM scratch only while it is compared.
    /// </summary>
    public sealed class OwnerPin : FileEntry
    {
        /// <summary>Most tries a PIN may have: 63Cx reports them in four bits (ISO/IEC 7816-4 §11.5.6).</summary>
        public const byte MaxTries = 15;

        private const short OffsetLimit = 0;
        private const short OffsetLength = 1;
        private const short OffsetValue = 2;

        private readonly PinFormat format;
        private readonly ITryCounter counter;
        private readonly PersistentBytes record;
        private readonly byte[] value;
        private bool validated;

        /// <summary>Bytes the value record needs for <paramref name="format"/>.</summary>
        public static short RecordSize(PinFormat format)
        {
            return (short)(OffsetValue + format.MaxLength);
        }

        public OwnerPin(short fid, byte sfi, PinFormat format, ITryCounter counter, PersistentBytes record)
            : base(fid, sfi)
        {
            if (record.Size != RecordSize(format))
            {
                throw new System.ArgumentOutOfRangeException("record");
            }
            this.format = format;
            this.counter = counter;
            this.record = record;
            value = new byte[RecordSize(format)];
            MinTryLimit = 1;
            MaxTryLimit = MaxTries;
        }

        /// <summary>
        /// The same PIN under another FID/SFI (another DF's name for it): value, limit and try
        /// counter are shared, the verified flag is the alias's own, so verifying in one AP opens nothing in another.
        /// </summary>
        public OwnerPin Alias(short fid, byte sfi)
        {
            OwnerPin alias = new OwnerPin(fid, sfi, format, counter, record);
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
                record.Read(OffsetLimit, value, 0, 1);
                byte limit = value[0];
                value[0] = 0;
                return limit;
            }
        }

        /// <summary>True once personalization has given the PIN a value.</summary>
        public bool HasValue
        {
            get
            {
                record.Read(OffsetLength, value, 0, 1);
                bool set = value[0] != 0;
                value[0] = 0;
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
            Util.ArrayFill(value, 0, (short)value.Length, 0);
            record.Write(0, value, 0, (short)value.Length);
            counter.Set(0);
        }

        private void Store(byte tryLimit, byte[] newValue, short offset, byte length)
        {
            Util.ArrayFill(value, 0, (short)value.Length, 0);
            value[OffsetLimit] = tryLimit;
            value[OffsetLength] = length;
            Util.ArrayCopy(newValue, offset, value, OffsetValue, length);
            record.Write(0, value, 0, (short)value.Length);
            Util.ArrayFill(value, 0, (short)value.Length, 0);
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
            record.Read(0, value, 0, (short)value.Length);
            byte limit = value[OffsetLimit];
            if (IsBlocked || value[OffsetLength] == 0)
            {
                Util.ArrayFill(value, 0, (short)value.Length, 0);
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
        /// Compares over the whole value buffer whatever the candidate, so the time does not tell
        /// how many leading characters were right. The candidate's length is public (it is on the
        /// wire), so looping on it leaks nothing.
        /// </summary>
        /// <remarks>The value record is in <c>value</c>, read by <see cref="Check"/>; it is wiped here.</remarks>
        private bool Matches(byte[] candidate, short offset, short length)
        {
            int diff = length ^ value[OffsetLength];
            for (int i = 0; i < format.MaxLength; i++)
            {
                int c = i < length ? candidate[offset + i] : 0;
                diff |= c ^ value[OffsetValue + i];
            }
            Util.ArrayFill(value, 0, (short)value.Length, 0);
            return diff == 0;
        }
    }
}
