using NanoCard.Os.Keys;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.SecureChannel
{
    /// <summary>
    /// The static SCP03 key set of one security domain: key version number and three AES-128
    /// keys ENC, MAC and DEK (GlobalPlatform Card Specification v2.3 Amendment D §6.1), sealed
    /// with the device key in one store record (<see cref="KeyRecord"/>) like the issuer key.
    /// A record never written is the factory test key set (<see cref="TestVersion"/>, every key
    /// <see cref="TestKey"/>); a record that does not open authenticates nobody.
    /// </summary>
    public sealed class Scp03KeySet
    {
        public const short KeyLength = 16;
        /// <summary>Body: version ‖ ENC ‖ MAC ‖ DEK.</summary>
        public const short BodyLength = 1 + 3 * KeyLength;
        /// <summary>Where each key is in the buffer <see cref="Load"/> fills.</summary>
        public const short EncOffset = KeyRecord.BodyOffset + 1;
        public const short MacOffset = EncOffset + KeyLength;
        public const short DekOffset = MacOffset + KeyLength;
        private const short VersionOffset = KeyRecord.BodyOffset;

        /// <summary>The factory key version: the first of SCP03's range 30–3F (Amendment D §6.1).</summary>
        public const byte TestVersion = 0x30;

        /// <summary>The factory key for ENC, MAC and DEK, 40 41 … 4F (as GlobalPlatform test cards use). Test cards only.</summary>
        public static readonly byte[] TestKey =
        {
            0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
        };

        private readonly KeyRecord record;

        public Scp03KeySet(CardStore store, uint objectId)
        {
            record = new KeyRecord(store.Allocate(objectId, ObjectKind.Key, KeyRecord.SizeFor(BodyLength), 0x00), store.Secrets, BodyLength);
        }

        /// <summary>Bytes a buffer for <see cref="Load"/> and <see cref="Replace"/> needs.</summary>
        public short BufferLength { get { return record.Size; } }

        /// <summary>
        /// Puts the key set in <c>buffer[0..BufferLength)</c> (keys at <see cref="EncOffset"/>,
        /// <see cref="MacOffset"/>, <see cref="DekOffset"/>) and returns its version; -1 (nothing
        /// usable in the buffer) for a record that does not open. The caller wipes the buffer.
        /// </summary>
        public short Load(byte[] buffer)
        {
            if (record.Open(buffer))
            {
                return buffer[VersionOffset];
            }
            if (buffer[0] != SecretSeal.Empty)
            {
                return -1;
            }
            buffer[VersionOffset] = TestVersion;
            Util.ArrayCopy(TestKey, 0, buffer, EncOffset, KeyLength);
            Util.ArrayCopy(TestKey, 0, buffer, MacOffset, KeyLength);
            Util.ArrayCopy(TestKey, 0, buffer, DekOffset, KeyLength);
            return TestVersion;
        }

        /// <summary>True while the record was never written (or was erased): the key set is the public test set.</summary>
        public bool IsTestKeySet(byte[] buffer)
        {
            bool opened = record.Open(buffer);
            bool never = !opened && buffer[0] == SecretSeal.Empty;
            Util.ArrayFill(buffer, 0, record.Size, 0);
            return never;
        }

        /// <summary>
        /// PUT KEY: the key set in <c>buffer[offset..offset+BufferLength)</c> (version at
        /// <see cref="KeyRecord.BodyOffset"/>, keys at <see cref="EncOffset"/>, <see cref="MacOffset"/>,
        /// <see cref="DekOffset"/> from <paramref name="offset"/>) replaces the stored one in one atomic
        /// write; those bytes are wiped.
        /// </summary>
        public void Replace(byte[] buffer, short offset)
        {
            record.Write(buffer, offset);
        }

        /// <summary>Factory reset: back to the test key set.</summary>
        public void Erase()
        {
            record.Erase();
        }
    }
}
