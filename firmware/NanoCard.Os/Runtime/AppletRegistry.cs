using NanoCard.Os.SecureChannel;

namespace NanoCard.Os.Runtime
{
    /// <summary>Installed applets by AID, in install order (which decides prefix selection).</summary>
    public sealed class AppletRegistry
    {
        /// <summary>AID length limits: ISO/IEC 7816-5 §5.2 (RID 5 bytes + PIX up to 11).</summary>
        public const int MinAidLength = 5;
        public const int MaxAidLength = 16;

        private readonly Applet[] applets;
        private int count;

        public AppletRegistry(int capacity)
        {
            applets = new Applet[capacity];
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
            if (count == applets.Length)
            {
                throw new System.InvalidOperationException("applet registry full");
            }
            for (int i = 0; i < count; i++)
            {
                byte[] other = applets[i].AidBytes;
                if (other.Length == length && Util.ArrayCompare(other, 0, aid, offset, length) == 0)
                {
                    throw new System.ArgumentException("AID already installed");
                }
            }
            byte[] copy = new byte[length];
            Util.ArrayCopy(aid, offset, copy, 0, length);
            applet.Register(copy, domain);
            applets[count++] = applet;
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
