namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// The state of the card's one SCP03 session: session keys, MAC chaining value, encryption
    /// counter, challenges, the channel's scratch, and which domain's channel the session belongs to.
    /// Every domain's <see cref="Scp03Channel"/> shares this one object: a session belongs to the
    /// domain of the selected application (GlobalPlatform Card Specification v2.3.1 §10) and the
    /// card speaks only on the basic channel, so at most one session exists at a time, while the
    /// static keys stay per domain. One state instead of one per domain saves the device's heap
    /// about 650 bytes per supplementary domain (docs/performance.md, "Managed heap").
    /// </summary>
    public sealed class Scp03SessionState
    {
        internal const byte Closed = 0;
        internal const byte Initialized = 1;
        internal const byte Open = 2;

        private const short BlockLength = 16;

        /// <summary>S-ENC ‖ S-MAC ‖ S-RMAC.</summary>
        internal readonly byte[] SessionKeys = new byte[3 * BlockLength];
        internal readonly byte[] Chaining = new byte[BlockLength];
        internal readonly byte[] Counter = new byte[BlockLength];
        internal readonly byte[] Icv = new byte[BlockLength];
        internal readonly byte[] Mac = new byte[BlockLength];
        /// <summary>Host challenge ‖ card challenge: the derivation context.</summary>
        internal readonly byte[] Context = new byte[2 * Scp03Channel.ChallengeLength];
        internal readonly byte[] Scratch = new byte[Scp03Channel.ScratchLength];

        /// <summary>The channel whose domain the session (initialized or open) belongs to; null when there is none.</summary>
        internal Scp03Channel Owner;
        internal byte State;
        internal byte Level;
        internal bool Unwrapped;

        /// <summary>Ends the session, whichever domain it belongs to, and wipes its keys and chaining values.</summary>
        internal void Close()
        {
            Owner = null;
            State = Closed;
            Level = SecurityLevel.None;
            Unwrapped = false;
            Util.ArrayFill(SessionKeys, 0, (short)SessionKeys.Length, 0);
            Util.ArrayFill(Chaining, 0, BlockLength, 0);
            Util.ArrayFill(Counter, 0, BlockLength, 0);
        }
    }
}
