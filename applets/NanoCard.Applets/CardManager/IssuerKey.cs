using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Keys;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Applets.CardManager
{
    /// <summary>
    /// The issuer's AES-128 key, which authenticates factory reset and renewal after issuance:
    /// EXTERNAL AUTHENTICATE carries AES-128-ECB(key, the card's 16-byte challenge), the one-pass
    /// unilateral scheme of ISO/IEC 9798-2 §5.1.1 with a random number. A card leaves the factory
    /// with <see cref="TestKey"/>; PUT KEY replaces it once the issuer has authenticated. The key
    /// is kept sealed with the device key (<see cref="KeyRecord"/>); a record that does not open
    /// (edited, copied, or from another device) authenticates nobody rather than falling back to the
    /// test key. Only a record never written means the test key (docs/security.md says what that
    /// leaves to someone who can rewrite the memory).
    /// </summary>
    public sealed class IssuerKey
    {
        public const short Length = 16;
        public const short ChallengeLength = 16;

        /// <summary>The manufacture key of every NanoCard, 40 41 … 4F (as GlobalPlatform test cards use). Test cards only.</summary>
        public static readonly byte[] TestKey =
        {
            0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
        };

        private const short KeyOffset = KeyRecord.BodyOffset;

        private readonly ICrypto crypto;
        /// <summary>The key, sealed; a record never written (state <see cref="SecretSeal.Empty"/>) means the test key.</summary>
        private readonly KeyRecord record;
        private readonly byte[] key;

        public IssuerKey(CardStore store, uint objectId, ICrypto crypto)
        {
            this.crypto = crypto;
            record = new KeyRecord(store.Allocate(objectId, ObjectKind.Key, KeyRecord.SizeFor(Length), 0x00), store.Secrets, Length);
            key = new byte[record.Size];
        }

        /// <summary>
        /// True when <c>cryptogram[offset..offset+16)</c> is the challenge encrypted under the key.
        /// <paramref name="scratch"/> needs 32 bytes from <paramref name="scratchOffset"/>: the
        /// challenge and its expected cryptogram, both wiped before returning.
        /// </summary>
        public bool Verify(byte[] challenge, short challengeOffset, byte[] cryptogram, short offset, byte[] scratch, short scratchOffset)
        {
            short expected = (short)(scratchOffset + ChallengeLength);
            bool loaded = Load();
            crypto.AesEcb(true, key, KeyOffset, challenge, challengeOffset, ChallengeLength, scratch, expected);
            Util.ArrayFill(key, 0, record.Size, 0);
            bool ok = loaded && Util.ConstantTimeEquals(scratch, expected, cryptogram, offset, Length);
            Util.ArrayFill(scratch, scratchOffset, 2 * ChallengeLength, 0);
            return ok;
        }

        /// <summary>PUT KEY: the new key replaces the old one in one atomic write.</summary>
        public void Replace(byte[] source, short offset)
        {
            Util.ArrayCopy(source, offset, key, KeyOffset, Length);
            record.Write(key, 0);
        }

        /// <summary>
        /// Puts the key at <see cref="KeyOffset"/> of <c>key</c>: the sealed one, or the test key when
        /// the record was never written. False (key zeroed) for a record that does not open.
        /// </summary>
        private bool Load()
        {
            if (record.Open(key))
            {
                return true;
            }
            if (key[0] == SecretSeal.Empty)
            {
                Util.ArrayCopy(TestKey, 0, key, KeyOffset, Length);
                return true;
            }
            return false;
        }
    }
}
