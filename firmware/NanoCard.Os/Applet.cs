using NanoCard.Os.Files;
using NanoCard.Os.SecureChannel;

namespace NanoCard.Os
{
    /// <summary>
    /// Base class of every AP, in the shape of Java Card's Applet. An applet makes all its objects
    /// (files, PINs, buffers) in its constructor or <see cref="Install"/>, never while processing.
    /// </summary>
    /// <remarks>
    /// <see cref="Process"/> returns the status word instead of being void: the OS's paths do not
    /// throw (see <see cref="IsoException"/>), so an applet can answer errors without allocating.
    /// </remarks>
    public abstract class Applet
    {
        private byte[] aid;
        private ISecurityDomain domain;

        /// <summary>The applet's DF (ISO 7816-4 §7.1): its EFs and PINs. Null for an applet without files.</summary>
        protected internal DedicatedFile Df { get; protected set; }

        /// <summary>Length of the AID this applet was installed under.</summary>
        public byte AidLength { get { return (byte)aid.Length; } }

        /// <summary>Copies the AID into <paramref name="dest"/>; returns the offset after it.</summary>
        public short GetAid(byte[] dest, short offset)
        {
            return Util.ArrayCopy(aid, 0, dest, offset, (short)aid.Length);
        }

        internal byte[] AidBytes { get { return aid; } }

        /// <summary>True when the AID is exactly <c>other[offset..offset+length)</c> (no copy into a reply buffer).</summary>
        public bool Matches(byte[] other, short offset, byte length)
        {
            return aid.Length == length && Util.ArrayCompare(aid, 0, other, offset, length) == 0;
        }

        /// <summary>Byte <paramref name="index"/> of the AID.</summary>
        public byte AidByte(int index)
        {
            return aid[index];
        }

        internal void Register(byte[] installedAid, ISecurityDomain associatedDomain)
        {
            aid = installedAid;
            domain = associatedDomain;
            Install();
        }

        /// <summary>
        /// The security domain the applet was installed under (GlobalPlatform: its associated
        /// domain), or null for an applet outside any domain.
        /// </summary>
        public ISecurityDomain Domain { get { return domain; } }

        /// <summary>
        /// Its domain's secure channel (Java Card: <c>GPSystem.getSecureChannel()</c>), or null. The
        /// runtime unwraps the applet's commands through it before <see cref="Process"/> and wraps
        /// the replies after.
        /// </summary>
        public ISecureChannel SecureChannel { get { return domain == null ? null : domain.SecureChannel; } }

        /// <summary>Called once when the card installs the applet (Java Card: install + register). Public like Java Card's select/deselect; only the runtime calls these.</summary>
        public virtual void Install()
        {
        }

        /// <summary>Called when a SELECT by DF name picks this applet; false refuses (answer 6999).</summary>
        public virtual bool Select()
        {
            return true;
        }

        /// <summary>Called when another SELECT replaces this applet, or before it is selected again.</summary>
        public virtual void Deselect()
        {
        }

        /// <summary>
        /// Processes one command (already reassembled if it came chained) and returns its status
        /// word; reply data goes through <see cref="Apdu.SetOutgoingAndSend"/> and friends. Each
        /// applet lists its instruction table here, one <c>case</c> per INS and 6D00 for the rest;
        /// the ISO file and PIN commands are in <see cref="FileCommands"/>.
        /// </summary>
        public abstract ushort Process(Apdu apdu);

        /// <summary>Power-up or warm reset of the card: by default the same as losing the selection. Public like <see cref="Select"/>; only the runtime calls it.</summary>
        public virtual void CardReset()
        {
            ClearSecurityState();
        }

        /// <summary>
        /// Forgets every verified credential and the current EF, and ends the domain's session (on
        /// reset, deselect and re-SELECT: a session is bound to one selection of one applet).
        /// </summary>
        public virtual void ClearSecurityState()
        {
            if (domain != null)
            {
                domain.SecureChannel.ResetSecurity();
            }
            if (Df != null)
            {
                Df.ClearSecurityState();
            }
        }
    }
}
