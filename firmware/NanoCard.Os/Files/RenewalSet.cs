using NanoCard.Os.Store;

namespace NanoCard.Os.Files
{
    /// <summary>
    /// The renewable entries of a DF (keys and their certificates) come in two key sets, 0 and 1,
    /// each with its own store objects; one persistent byte names the active set. Renewal fills
    /// the standby set while the active one keeps working, and <see cref="Commit"/> switches sets
    /// with a single atomic write, so a power cut at any point leaves either the old set or the
    /// new one in use, never a mix (docs/reliability.md, "Renewal").
    /// </summary>
    public sealed class RenewalSet
    {
        /// <summary><see cref="FileEntry.KeySet"/> of an entry that is not renewed (PINs, CA certificates, data).</summary>
        public const byte NotRenewed = 0xFF;

        private readonly PersistentBytes activeRecord;
        private readonly byte[] scratch = new byte[1];
        private byte active;
        private bool staging;

        public RenewalSet(PersistentBytes activeRecord)
        {
            this.activeRecord = activeRecord;
            activeRecord.Read(0, scratch, 0, 1);
            active = scratch[0] == 1 ? (byte)1 : (byte)0;
        }

        /// <summary>The key set in use: 0 or 1.</summary>
        public byte Active { get { return active; } }

        /// <summary>True between <see cref="Begin"/> and <see cref="Commit"/> or <see cref="Cancel"/> (RAM only: a reset cancels).</summary>
        public bool IsStaging { get { return staging; } }

        /// <summary>The set that file lookups see: the standby one while staging, else the active one.</summary>
        public byte Visible { get { return staging ? (byte)(1 - active) : active; } }

        internal void Begin()
        {
            staging = true;
        }

        internal void Cancel()
        {
            staging = false;
        }

        /// <summary>Makes the standby set the active one: one journaled one-byte write.</summary>
        internal void Commit()
        {
            scratch[0] = (byte)(1 - active);
            activeRecord.Write(0, scratch, 0, 1);
            active = scratch[0];
            staging = false;
        }

        /// <summary>Factory reset: set 0 active again.</summary>
        internal void Erase()
        {
            staging = false;
            scratch[0] = 0;
            activeRecord.Write(0, scratch, 0, 1);
            active = 0;
        }
    }
}
