using NanoCard.Hal.Crypto;
using NanoCard.Os.Credentials;
using NanoCard.Os.Description;
using NanoCard.Os.Store;

namespace NanoCard.Os.Files
{
    /// <summary>
    /// Makes an AP's DF from its <see cref="ApDescription"/>: each entry in the description's order
    /// (which fixes where it lands in the store), renewable ones in both key sets, access rules
    /// over the DF's own PIN objects. Runs at install; nothing it makes is allocated again later.
    /// </summary>
    public static class DfBuilder
    {
        /// <param name="credentials">The card's shared credentials that shared PINs and resetting codes name; null when the card has none (then the DF's own PINs are searched).</param>
        public static DedicatedFile Build(CardStore store, ApDescription description, ICrypto crypto, DedicatedFile credentials)
        {
            DedicatedFile df = new DedicatedFile(store, description.DfId, description.EntryCapacity);
            if (description.HasRenewableEntries)
            {
                df.MakeRenewable();
            }
            RuleCache rules = new RuleCache(description.Entries.Length);
            EntryDescription[] entries = description.Entries;
            for (int i = 0; i < entries.Length; i++)
            {
                Create(df, entries[i], crypto, credentials == null ? df : credentials, rules);
            }
            return df;
        }

        private static void Create(DedicatedFile df, EntryDescription e, ICrypto crypto, DedicatedFile credentials, RuleCache rules)
        {
            switch (e.Kind)
            {
                case EntryKind.Pin:
                    OwnerPin pin = df.CreatePin(e.Fid, e.Sfi, e.Format);
                    if (e.MaxTries != 0)
                    {
                        pin.LimitTries(e.MinTries, e.MaxTries);
                    }
                    if (e.ResettingCode != 0)
                    {
                        pin.ResettingCode = PinOf(credentials, e.ResettingCode);
                    }
                    break;
                case EntryKind.SharedPin:
                    df.AddPin(PinOf(credentials, e.SharedFid), e.Fid, e.Sfi);
                    break;
                case EntryKind.TransparentEf:
                    AccessRule read = rules.Resolve(df, e.Read);
                    AccessRule update = rules.Resolve(df, e.Update);
                    if (e.IsRenewable)
                    {
                        df.CreateRenewableTransparentEf(e.Fid, e.Sfi, e.Size, e.Filler, read, update);
                    }
                    else
                    {
                        df.CreateTransparentEf(e.Fid, e.Sfi, e.Size, e.Filler, read, update);
                    }
                    break;
                case EntryKind.RecordEf:
                    df.CreateRecordEf(e.Fid, e.Sfi, e.Size, rules.Resolve(df, e.Read));
                    break;
                case EntryKind.RsaKey:
                    if (e.IsRenewable)
                    {
                        df.CreateRenewableRsaKey(e.Fid, e.Sfi, crypto, rules.Resolve(df, e.Read));
                    }
                    else
                    {
                        df.CreateRsaKey(e.Fid, e.Sfi, crypto, rules.Resolve(df, e.Read));
                    }
                    break;
                case EntryKind.EcKey:
                    if (e.IsRenewable)
                    {
                        df.CreateRenewableEcKey(e.Fid, e.Sfi, crypto, rules.Resolve(df, e.Read));
                    }
                    else
                    {
                        df.CreateEcKey(e.Fid, e.Sfi, crypto, rules.Resolve(df, e.Read));
                    }
                    break;
                default:
                    throw new System.ArgumentException("entry kind");
            }
        }

        /// <summary>The PIN <paramref name="fid"/> of <paramref name="df"/>; a description naming anything else is a bug.</summary>
        internal static OwnerPin PinOf(DedicatedFile df, short fid)
        {
            OwnerPin pin = df.FindByFid(fid) as OwnerPin;
            if (pin == null)
            {
                throw new System.ArgumentException("no PIN with that FID");
            }
            return pin;
        }

        /// <summary>
        /// One <see cref="AccessRule"/> per <see cref="AccessDescription"/> object of a DF, so that
        /// entries sharing a rule share one object on the card's heap.
        /// </summary>
        private sealed class RuleCache
        {
            private readonly AccessDescription[] described;
            private readonly AccessRule[] made;
            private int count;

            public RuleCache(int capacity)
            {
                described = new AccessDescription[capacity];
                made = new AccessRule[capacity];
            }

            public AccessRule Resolve(DedicatedFile df, AccessDescription rule)
            {
                if (rule.IsAlways)
                {
                    return AccessRule.Always;
                }
                if (rule.IsNever)
                {
                    return AccessRule.Never;
                }
                for (int i = 0; i < count; i++)
                {
                    if (described[i] == rule)
                    {
                        return made[i];
                    }
                }
                OwnerPin[] pins = new OwnerPin[rule.PinCount];
                for (int i = 0; i < pins.Length; i++)
                {
                    pins[i] = PinOf(df, rule.PinAt(i));
                }
                AccessRule result = AccessRule.AnyOf(pins);
                described[count] = rule;
                made[count] = result;
                count++;
                return result;
            }
        }
    }
}
