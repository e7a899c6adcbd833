using NanoCard.Os.Credentials;

namespace NanoCard.Os.Description
{
    /// <summary>
    /// One thing in an AP's DF, as data: an EF, a PIN or a key, with its FID and SFI, its size,
    /// its access rules and a name for people. The card builds the entry from it
    /// (<see cref="Files.DfBuilder"/>); the flasher's map, trace and lessons name it from it.
    /// Made by the factory methods, then refined once by <see cref="Renewable"/>,
    /// <see cref="ResetBy"/> or <see cref="Tries"/> before the description is used.
    /// </summary>
    public sealed class EntryDescription
    {
        /// <summary>ISO/IEC 7816-4 EFs of a fresh card read as FF until written.</summary>
        public const byte DefaultFiller = 0xFF;

        private EntryDescription(byte kind, short fid, byte sfi, string name)
        {
            Kind = kind;
            Fid = fid;
            Sfi = sfi;
            Name = name;
            Read = AccessDescription.Never;
            Update = AccessDescription.Never;
        }

        /// <summary>One of <see cref="EntryKind"/>.</summary>
        public byte Kind { get; }

        public short Fid { get; }

        /// <summary>1–30, or 0 when the entry has none (<see cref="Files.FileEntry.NoSfi"/>).</summary>
        public byte Sfi { get; }

        /// <summary>What the entry is, in English, for maps, traces and lessons.</summary>
        public string Name { get; }

        /// <summary>EF bytes, or the bytes a record EF's records share.</summary>
        public short Size { get; private set; }

        /// <summary>The byte an EF reads as until written.</summary>
        public byte Filler { get; private set; }

        /// <summary>Who may read the EF, or use the key.</summary>
        public AccessDescription Read { get; private set; }

        /// <summary>Who may UPDATE BINARY the EF (personalization writes regardless).</summary>
        public AccessDescription Update { get; private set; }

        /// <summary>A PIN's value rules.</summary>
        public PinFormat Format { get; private set; }

        /// <summary>A shared PIN: its FID among the card's shared credentials.</summary>
        public short SharedFid { get; private set; }

        /// <summary>The FID, among the card's shared credentials, of the code that unblocks this PIN (RESET RETRY COUNTER); 0 for none.</summary>
        public short ResettingCode { get; private set; }

        /// <summary>Fewest and most tries personalization may give a PIN; 0 for the OS's defaults.</summary>
        public byte MinTries { get; private set; }

        public byte MaxTries { get; private set; }

        /// <summary>True when the entry is in both key sets and renewed with them (docs/apdu-spec.md §13).</summary>
        public bool IsRenewable { get; private set; }

        /// <summary>True for the kinds that hold a PIN (own or shared).</summary>
        public bool IsPin { get { return Kind == EntryKind.Pin || Kind == EntryKind.SharedPin; } }

        /// <summary>True for the kinds that hold a private key.</summary>
        public bool IsKey { get { return Kind == EntryKind.RsaKey || Kind == EntryKind.EcKey; } }

        /// <summary>A transparent EF of <paramref name="size"/> bytes, read as <see cref="DefaultFiller"/> until written, never updated over the interface.</summary>
        public static EntryDescription Transparent(short fid, byte sfi, short size, AccessDescription read, string name)
        {
            return Transparent(fid, sfi, size, DefaultFiller, read, AccessDescription.Never, name);
        }

        public static EntryDescription Transparent(short fid, byte sfi, short size, byte filler, AccessDescription read, AccessDescription update, string name)
        {
            EntryDescription e = new EntryDescription(EntryKind.TransparentEf, fid, sfi, name);
            e.Size = size;
            e.Filler = filler;
            e.Read = read;
            e.Update = update;
            return e;
        }

        /// <summary>A record EF whose records share <paramref name="capacity"/> bytes (2 of overhead each).</summary>
        public static EntryDescription Records(short fid, byte sfi, short capacity, AccessDescription read, string name)
        {
            EntryDescription e = new EntryDescription(EntryKind.RecordEf, fid, sfi, name);
            e.Size = capacity;
            e.Read = read;
            return e;
        }

        /// <summary>A PIN of the DF's own; personalization gives it a value and a try limit.</summary>
        public static EntryDescription Pin(short fid, byte sfi, PinFormat format, string name)
        {
            EntryDescription e = new EntryDescription(EntryKind.Pin, fid, sfi, name);
            e.Format = format;
            return e;
        }

        /// <summary>The shared credential <paramref name="sharedFid"/> under this DF's FID and SFI: same value and counter, this DF's verified flag.</summary>
        public static EntryDescription SharedPin(short fid, byte sfi, short sharedFid, string name)
        {
            EntryDescription e = new EntryDescription(EntryKind.SharedPin, fid, sfi, name);
            e.SharedFid = sharedFid;
            return e;
        }

        /// <summary>An RSA-2048 key named like an EF, used when <paramref name="use"/> holds.</summary>
        public static EntryDescription RsaKey(short fid, byte sfi, AccessDescription use, string name)
        {
            EntryDescription e = new EntryDescription(EntryKind.RsaKey, fid, sfi, name);
            e.Read = use;
            return e;
        }

        /// <summary>An ECDSA key named like an EF, used when <paramref name="use"/> holds.</summary>
        public static EntryDescription EcKey(short fid, byte sfi, AccessDescription use, string name)
        {
            EntryDescription e = new EntryDescription(EntryKind.EcKey, fid, sfi, name);
            e.Read = use;
            return e;
        }

        /// <summary>The entry is kept in both key sets and renewed with them.</summary>
        public EntryDescription Renewable()
        {
            IsRenewable = true;
            return this;
        }

        /// <summary>The shared credential <paramref name="sharedFid"/> (the PUK) unblocks this PIN.</summary>
        public EntryDescription ResetBy(short sharedFid)
        {
            ResettingCode = sharedFid;
            return this;
        }

        /// <summary>Personalization may give this PIN <paramref name="min"/>–<paramref name="max"/> tries.</summary>
        public EntryDescription Tries(byte min, byte max)
        {
            MinTries = min;
            MaxTries = max;
            return this;
        }
    }
}
