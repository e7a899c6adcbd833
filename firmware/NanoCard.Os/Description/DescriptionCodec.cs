using NanoCard.Os.Credentials;

namespace NanoCard.Os.Description
{
    /// <summary>
    /// Reads an <see cref="ApDescription"/> sent as data (INSTALL of an AP, docs/apdu-spec.md §11.2):
    /// <c>82 02 DF-id</c>, then one <c>A1 L entry</c> per file, PIN or key, in the order the card
    /// allocates them. Inside an entry: <c>80</c> kind (<see cref="EntryKind"/>), <c>83</c> FID,
    /// <c>88</c> SFI, <c>81</c> size, <c>86</c>/<c>87</c> read (or use) and update rule, <c>89</c>
    /// PIN format, <c>8A</c> try range. Anything the card could not build, or could build only by
    /// guessing, makes the whole description invalid: <see cref="Decode"/> answers null, never throws.
    /// </summary>
    public static class DescriptionCodec
    {
        public const byte TagDfId = 0x82;
        public const byte TagEntry = 0xA1;
        public const byte TagKind = 0x80;
        public const byte TagSize = 0x81;
        public const byte TagFid = 0x83;
        public const byte TagRead = 0x86;
        public const byte TagUpdate = 0x87;
        public const byte TagSfi = 0x88;
        public const byte TagPinFormat = 0x89;
        public const byte TagTries = 0x8A;

        /// <summary>A rule of one byte 00: always. Absent or empty: never. 2n bytes: any of n PINs by FID.</summary>
        public const byte RuleAlways = 0x00;

        /// <summary>DF ids an installed AP may take; below are the built-in APs', above the domains'.</summary>
        public const ushort FirstDfId = 0x1000;
        public const ushort LastDfId = 0xDFFF;

        public const int MaxEntries = 16;
        public const int MaxRulePins = 4;

        /// <summary>Largest EF or record area an installed AP may ask for (the store's objects have 16-bit sizes).</summary>
        public const short MaxSize = 0x7FF0;

        /// <summary>Entries with these FIDs are the card's own bookkeeping (renewal byte, content record, domain keys).</summary>
        public const short FirstReservedFid = unchecked((short)0xFFF0);

        /// <summary>
        /// The description in <c>data[offset..offset+length)</c> for the AP <c>aid</c>, or null when it
        /// is not well formed or names something the card cannot build. <paramref name="cardPinFid"/>
        /// is the shared card PIN's FID among the card's credentials (kind 04 shows it), 0 when the card has none.
        /// </summary>
        public static ApDescription Decode(byte[] aid, byte[] data, short offset, short length, short cardPinFid)
        {
            Reader r = new Reader(data, offset, length);
            if (!r.Next() || r.Tag != TagDfId || r.Length != 2)
            {
                return null;
            }
            ushort dfId = (ushort)Util.GetUShort(data, r.ValueOffset);
            if (dfId < FirstDfId || dfId > LastDfId)
            {
                return null;
            }
            EntryDescription[] scratch = new EntryDescription[MaxEntries];
            int count = 0;
            while (r.Next())
            {
                if (r.Tag != TagEntry || count == MaxEntries)
                {
                    return null;
                }
                EntryDescription e = DecodeEntry(data, r.ValueOffset, r.Length, cardPinFid, scratch, count);
                if (e == null)
                {
                    return null;
                }
                scratch[count++] = e;
            }
            if (!r.AtEnd || count == 0)
            {
                return null;
            }
            EntryDescription[] entries = new EntryDescription[count];
            System.Array.Copy(scratch, 0, entries, 0, count);
            return new ApDescription(aid, dfId, "installed AP", "追加AP", entries);
        }

        /// <summary>One entry, checked against the ones before it (unique FID and SFI, rules naming earlier PINs); null when invalid.</summary>
        private static EntryDescription DecodeEntry(byte[] data, short offset, short length, short cardPinFid, EntryDescription[] before, int count)
        {
            Reader r = new Reader(data, offset, length);
            int kind = -1;
            int fid = -1;
            int sfi = 0;
            int size = -1;
            short readAt = -1;
            short readLength = 0;
            short updateAt = -1;
            short updateLength = 0;
            short formatAt = -1;
            short triesAt = -1;
            while (r.Next())
            {
                short at = r.ValueOffset;
                short n = r.Length;
                switch (r.Tag)
                {
                    case TagKind:
                        if (n != 1 || kind >= 0)
                        {
                            return null;
                        }
                        kind = data[at];
                        break;
                    case TagFid:
                        if (n != 2 || fid >= 0)
                        {
                            return null;
                        }
                        fid = Util.GetUShort(data, at);
                        break;
                    case TagSfi:
                        if (n != 1 || sfi != 0 || data[at] < 1 || data[at] > 30)
                        {
                            return null;
                        }
                        sfi = data[at];
                        break;
                    case TagSize:
                        if (n != 2 || size >= 0)
                        {
                            return null;
                        }
                        size = Util.GetUShort(data, at);
                        break;
                    case TagRead:
                        if (readAt >= 0)
                        {
                            return null;
                        }
                        readAt = at;
                        readLength = n;
                        break;
                    case TagUpdate:
                        if (updateAt >= 0)
                        {
                            return null;
                        }
                        updateAt = at;
                        updateLength = n;
                        break;
                    case TagPinFormat:
                        if (n != 3 || formatAt >= 0)
                        {
                            return null;
                        }
                        formatAt = at;
                        break;
                    case TagTries:
                        if (n != 2 || triesAt >= 0)
                        {
                            return null;
                        }
                        triesAt = at;
                        break;
                    default:
                        return null;
                }
            }
            if (!r.AtEnd || kind < 0 || !IsUsableFid(fid) || IsTaken(before, count, (short)fid, (byte)sfi))
            {
                return null;
            }
            bool ef = kind == EntryKind.TransparentEf || kind == EntryKind.RecordEf;
            bool pin = kind == EntryKind.Pin || kind == EntryKind.SharedPin;
            if ((size >= 0) != ef || (formatAt >= 0) != (kind == EntryKind.Pin) || (triesAt >= 0 && kind != EntryKind.Pin)
                || (readAt >= 0 && pin) || (updateAt >= 0 && kind != EntryKind.TransparentEf))
            {
                return null;
            }
            if (ef && (size < (kind == EntryKind.RecordEf ? Files.RecordEf.MinSize : 1) || size > MaxSize))
            {
                return null;
            }
            AccessDescription read = pin ? AccessDescription.Never : Rule(data, readAt, readLength, before, count);
            AccessDescription update = kind == EntryKind.TransparentEf ? Rule(data, updateAt, updateLength, before, count) : AccessDescription.Never;
            if (read == null || update == null)
            {
                return null;
            }
            string name = NameOf(kind);
            switch (kind)
            {
                case EntryKind.TransparentEf:
                    return EntryDescription.Transparent((short)fid, (byte)sfi, (short)size, EntryDescription.DefaultFiller, read, update, name);
                case EntryKind.RecordEf:
                    return EntryDescription.Records((short)fid, (byte)sfi, (short)size, read, name);
                case EntryKind.Pin:
                    return OwnPin(data, formatAt, triesAt, (short)fid, (byte)sfi, name);
                case EntryKind.SharedPin:
                    return cardPinFid == 0 ? null : EntryDescription.SharedPin((short)fid, (byte)sfi, cardPinFid, name);
                case EntryKind.RsaKey:
                    return EntryDescription.RsaKey((short)fid, (byte)sfi, read, name);
                case EntryKind.EcKey:
                    return EntryDescription.EcKey((short)fid, (byte)sfi, read, name);
                default:
                    return null;
            }
        }

        /// <summary>A PIN of the AP's own: format <c>min max charset</c>, tries <c>min max</c> (1–15) when given.</summary>
        private static EntryDescription OwnPin(byte[] data, short formatAt, short triesAt, short fid, byte sfi, string name)
        {
            byte min = data[formatAt];
            byte max = data[formatAt + 1];
            byte charset = data[formatAt + 2];
            if (min < 1 || max < min || max > 64 || (charset != PinFormat.Digits && charset != PinFormat.UpperAlphanumeric))
            {
                return null;
            }
            EntryDescription e = EntryDescription.Pin(fid, sfi, new PinFormat(min, max, charset), name);
            if (triesAt < 0)
            {
                return e;
            }
            byte fewest = data[triesAt];
            byte most = data[triesAt + 1];
            if (fewest < 1 || most < fewest || most > OwnerPin.MaxTries)
            {
                return null;
            }
            return e.Tries(fewest, most);
        }

        /// <summary>The rule at <paramref name="at"/>; null when it names anything but PINs described before it.</summary>
        private static AccessDescription Rule(byte[] data, short at, short length, EntryDescription[] before, int count)
        {
            if (at < 0 || length == 0)
            {
                return AccessDescription.Never;
            }
            if (length == 1)
            {
                return data[at] == RuleAlways ? AccessDescription.Always : null;
            }
            if (length % 2 != 0 || length / 2 > MaxRulePins)
            {
                return null;
            }
            short[] pins = new short[length / 2];
            for (int i = 0; i < pins.Length; i++)
            {
                short fid = Util.GetShort(data, (short)(at + 2 * i));
                EntryDescription named = Find(before, count, fid);
                if (named == null || !named.IsPin)
                {
                    return null;
                }
                pins[i] = fid;
            }
            return AccessDescription.AnyOf(pins);
        }

        /// <summary>FIDs ISO/IEC 7816-4 §7.1.1 reserves (3F00 the MF, 3FFF, FFFF) and the card's own bookkeeping ones are not for APs.</summary>
        private static bool IsUsableFid(int fid)
        {
            return fid > 0 && fid != 0x3F00 && fid != 0x3FFF && fid < (FirstReservedFid & 0xFFFF);
        }

        private static bool IsTaken(EntryDescription[] before, int count, short fid, byte sfi)
        {
            for (int i = 0; i < count; i++)
            {
                if (before[i].Fid == fid || (sfi != 0 && before[i].Sfi == sfi))
                {
                    return true;
                }
            }
            return false;
        }

        private static EntryDescription Find(EntryDescription[] before, int count, short fid)
        {
            for (int i = 0; i < count; i++)
            {
                if (before[i].Fid == fid)
                {
                    return before[i];
                }
            }
            return null;
        }

        private static string NameOf(int kind)
        {
            switch (kind)
            {
                case EntryKind.TransparentEf:
                    return "EF";
                case EntryKind.RecordEf:
                    return "record EF";
                case EntryKind.Pin:
                    return "PIN";
                case EntryKind.SharedPin:
                    return "card PIN";
                default:
                    return "key";
            }
        }

        /// <summary>
        /// Walks simple BER-TLVs with one-byte tags and lengths of one byte or <c>81 xx</c>, never
        /// past the end it was given.
        /// </summary>
        private struct Reader
        {
            private readonly byte[] data;
            private readonly short end;
            private short at;
            private bool broken;

            public Reader(byte[] data, short offset, short length)
            {
                this.data = data;
                end = (short)(offset + length);
                at = offset;
                broken = false;
                Tag = 0;
                Length = 0;
                ValueOffset = 0;
            }

            public byte Tag { get; private set; }

            public short Length { get; private set; }

            public short ValueOffset { get; private set; }

            /// <summary>True when every byte was read as whole TLVs.</summary>
            public bool AtEnd { get { return !broken && at == end; } }

            public bool Next()
            {
                if (broken || at >= end)
                {
                    return false;
                }
                if (end - at < 2)
                {
                    broken = true;
                    return false;
                }
                Tag = data[at];
                int n = data[at + 1];
                int value = at + 2;
                if (n == 0x81 && end - at >= 3)
                {
                    n = data[at + 2];
                    value = at + 3;
                }
                else if (n >= 0x80)
                {
                    broken = true;
                    return false;
                }
                if (n > end - value)
                {
                    broken = true;
                    return false;
                }
                Length = (short)n;
                ValueOffset = (short)value;
                at = (short)(value + n);
                return true;
            }
        }
    }
}
