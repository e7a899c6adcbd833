using NanoCard.Os.Files;

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

        internal void Register(byte[] installedAid)
        {
            aid = installedAid;
            Install();
        }

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

        /// <summary>Forgets every verified credential and the current EF (on reset, deselect and re-SELECT).</summary>
        public virtual void ClearSecurityState()
        {
            if (Df != null)
            {
                Df.ClearSecurityState();
            }
        }
    }
}
