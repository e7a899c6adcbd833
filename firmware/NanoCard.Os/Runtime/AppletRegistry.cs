using NanoCard.Os.SecureChannel;

namespace NanoCard.Os.Runtime
{
    /// <summary>Installed applets by AID, in install order (which decides prefix selection).</summary>
    public sealed class AppletRegistry
    {
        /// <summary>AID length limits: ISO/IEC 7816-5 §5.2 (RID 5 bytes + PIX up to 11).</summary>
        public const int MinAidLength = 5;
        public const int MaxAidLength = 16;

        /// <summary>Room the registry starts with: the built-in applets and two more; it grows when an applet is installed after that.</summary>
        public const int InitialCapacity = 8;

        private readonly int capacity;
        private Applet[] applets;
        private int count;

        /// <param name="capacity">The most applets the card holds (<see cref="CardConfig.MaxApplets"/>).</param>
        public AppletRegistry(int capacity)
        {
            this.capacity = capacity;
            applets = new Applet[capacity < InitialCapacity ? capacity : InitialCapacity];
        }

        public int Count { get { return count; } }

        public Applet this[int index] { get { return applets[index]; } }

        /// <summary>
        /// Registers <paramref name="applet"/> under a copy of the AID, associated with
        /// <paramref name="domain"/> (null: none), and calls its Install.
        /// </summary>
        public void Install(Applet applet, byte[] aid, short offset, byte length, ISecurityDomain domain)
        {
            if (applet == null || aid == null)
            {
                throw new System.ArgumentNullException();
            }
            if (length < MinAidLength || length > MaxAidLength)
            {
                throw new System.ArgumentOutOfRangeException("length", "an AID has 5 to 16 bytes");
            }
            if (count == capacity)
            {
                throw new System.InvalidOperationException("applet registry full");
            }
            if (Contains(aid, offset, length))
            {
                throw new System.ArgumentException("AID already installed");
            }
            byte[] copy = new byte[length];
            Util.ArrayCopy(aid, offset, copy, 0, length);
            applet.Register(copy, domain);
            if (count == applets.Length)
            {
                // Only INSTALL after issuance gets here (the heap stays small for a card without installed APs).
                Applet[] larger = new Applet[applets.Length * 2 < capacity ? applets.Length * 2 : capacity];
                System.Array.Copy(applets, 0, larger, 0, count);
                applets = larger;
            }
            applets[count++] = applet;
        }

        /// <summary>True while the registry has room for one more applet (INSTALL checks before it writes anything).</summary>
        public bool HasRoom { get { return count < capacity; } }

        /// <summary>True when an installed applet has exactly the AID <c>aid[offset..offset+length)</c>.</summary>
        public bool Contains(byte[] aid, short offset, byte length)
        {
            for (int i = 0; i < count; i++)
            {
                if (applets[i].Matches(aid, offset, length))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Takes <paramref name="applet"/> out (DELETE); the others keep their install order.</summary>
        public void Remove(Applet applet)
        {
            for (int i = 0; i < count; i++)
            {
                if (applets[i] == applet)
                {
                    for (int j = i + 1; j < count; j++)
                    {
                        applets[j - 1] = applets[j];
                    }
                    applets[--count] = null;
                    return;
                }
            }
        }

        /// <summary>
        /// The applet a SELECT by DF name means: the one whose AID equals the name, otherwise the
        /// first installed whose AID starts with it (partial DF name, ISO/IEC 7816-4 §11.2.2;
        /// JICSAP 4.2 as used by the My Number card). Null when none matches.
        /// </summary>
        public Applet Find(byte[] name, short offset, short length)
        {
            if (length < 1 || length > MaxAidLength)
            {
                return null;
            }
            Applet prefixMatch = null;
            for (int i = 0; i < count; i++)
            {
                byte[] aid = applets[i].AidBytes;
                if (aid.Length < length || Util.ArrayCompare(aid, 0, name, offset, length) != 0)
                {
                    continue;
                }
                if (aid.Length == length)
                {
                    return applets[i];
                }
                if (prefixMatch == null)
                {
                    prefixMatch = applets[i];
                }
            }
            return prefixMatch;
        }
    }
}
