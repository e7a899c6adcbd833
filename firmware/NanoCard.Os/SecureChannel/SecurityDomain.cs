using NanoCard.Hal.Crypto;

namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// A security domain's keys and channel: an SCP03 key set sealed in the store under the object
    /// id it is given, the <see cref="Scp03Channel"/> over it, and PUT KEY for it. The issuer
    /// security domain (the card manager) and supplementary domains build on this.
    /// </summary>
    public class SecurityDomain : ISecurityDomain
    {
        private readonly ICrypto crypto;
        private readonly Scp03KeySet keys;
        private readonly Scp03Channel channel;

        /// <summary>The card's first (or only) domain: it makes the card's session state, which the others share.</summary>
        public SecurityDomain(ICrypto crypto, Scp03KeySet keys)
            : this(crypto, keys, new Scp03SessionState())
        {
        }

        /// <param name="session">The card's session state (another domain's <see cref="Session"/>): one session at a time for the whole card.</param>
        public SecurityDomain(ICrypto crypto, Scp03KeySet keys, Scp03SessionState session)
        {
            if (Scp03PutKey.WorkLength(keys) > Scp03Channel.ScratchLength)
            {
                throw new System.ArgumentException("keys");
            }
            this.crypto = crypto;
            this.keys = keys;
            channel = new Scp03Channel(crypto, keys, session);
        }

        public ISecureChannel SecureChannel { get { return channel; } }

        public Scp03KeySet KeySet { get { return keys; } }

        /// <summary>The card's session state, which this domain's channel shares with every other domain's.</summary>
        public Scp03SessionState Session { get { return channel.Session; } }

        public virtual bool AcceptsSessions { get { return true; } }

        /// <summary>
        /// A buffer of at least <see cref="Scp03KeySet.BufferLength"/> bytes to open the key set in while
        /// a command is processed (the channel's scratch, free then; see <see cref="Scp03Channel"/>); wipe after use.
        /// </summary>
        protected byte[] WorkBuffer { get { return channel.WorkBuffer; } }

        /// <summary>
        /// True when the command being processed came through this domain's session and the session's
        /// level has every bit of <paramref name="minimumLevel"/> (<see cref="SecurityLevel"/>).
        /// </summary>
        public bool CameThroughSession(byte minimumLevel)
        {
            return channel.CommandWasUnwrapped && (channel.SecurityLevel & minimumLevel) == minimumLevel;
        }

        /// <summary>PUT KEY of this domain's key set (<see cref="Scp03PutKey"/>); the caller decides who may send it.</summary>
        public ushort PutKey(Apdu apdu)
        {
            return Scp03PutKey.Process(crypto, apdu, keys, channel, channel.WorkBuffer);
        }
    }
}
