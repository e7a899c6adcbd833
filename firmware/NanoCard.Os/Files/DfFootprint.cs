using NanoCard.Os.Credentials;
using NanoCard.Os.Description;
using NanoCard.Os.Keys;

namespace NanoCard.Os.Files
{
    /// <summary>
    /// What <see cref="DfBuilder"/> will take from the store for a description, before it runs:
    /// data bytes, directory entries and try-counter slots, as <see cref="DedicatedFile"/>
    /// allocates them. INSTALL checks quota and free space with it so a refused install writes
    /// nothing; a test holds it equal to what the built DF really takes.
    /// </summary>
    public static class DfFootprint
    {
        /// <summary>Data bytes of every object the DF's entries make (a renewable entry twice, plus the renewal byte).</summary>
        public static int Bytes(ApDescription description)
        {
            int total = description.HasRenewableEntries ? 1 : 0;
            EntryDescription[] entries = description.Entries;
            for (int i = 0; i < entries.Length; i++)
            {
                int one = BytesOf(entries[i]);
                total += entries[i].IsRenewable ? 2 * one : one;
            }
            return total;
        }

        /// <summary>Directory entries the DF's objects take (a PIN two: its value and its counter).</summary>
        public static int Objects(ApDescription description)
        {
            int total = description.HasRenewableEntries ? 1 : 0;
            EntryDescription[] entries = description.Entries;
            for (int i = 0; i < entries.Length; i++)
            {
                EntryDescription e = entries[i];
                int one = e.Kind == EntryKind.Pin ? 2 : e.Kind == EntryKind.SharedPin ? 0 : 1;
                total += e.IsRenewable ? 2 * one : one;
            }
            return total;
        }

        /// <summary>Try counters the DF's own PINs take.</summary>
        public static int Counters(ApDescription description)
        {
            int total = 0;
            EntryDescription[] entries = description.Entries;
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Kind == EntryKind.Pin)
                {
                    total++;
                }
            }
            return total;
        }

        private static int BytesOf(EntryDescription e)
        {
            switch (e.Kind)
            {
                case EntryKind.TransparentEf:
                    return e.Size;
                case EntryKind.RecordEf:
                    return e.Size + 1;
                case EntryKind.Pin:
                    return OwnerPin.RecordSize;
                case EntryKind.RsaKey:
                    return KeyRecord.SizeFor(RsaPrivateKey.BodyLength);
                case EntryKind.EcKey:
                    return KeyRecord.SizeFor(EcPrivateKey.BodyLength);
                default:
                    return 0;
            }
        }
    }
}
