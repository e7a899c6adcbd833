using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Keys
{
    /// <summary>
    /// A secret key's store record: its body sealed with the device key (<see cref="SecretSeal"/>,
    /// docs/eeprom-layout.md "Sealed key records"), written in one atomic write so a power cut
    /// leaves the old key or the new one. Callers put the body at <see cref="BodyOffset"/> of a
    /// buffer of <see cref="Size"/> bytes.
    /// </summary>
    public sealed class KeyRecord
    {
        /// <summary>Where the body starts in a record buffer.</summary>
        public const short BodyOffset = SecretSeal.HeaderLength;

        /// <summary>The record's place in the store: the key keeps the handle's fields, not the handle (one object less per key on the device's heap).</summary>
        private readonly CardStore store;
        private readonly int address;
        private readonly SecretSeal seal;
        private readonly short bodyLength;

        public KeyRecord(PersistentBytes record, SecretSeal seal, short bodyLength)
        {
            if (record.Size != SizeFor(bodyLength))
            {
                throw new System.ArgumentOutOfRangeException("record");
            }
            if (seal == null)
            {
                throw new System.ArgumentNullException("seal");
            }
            store = record.Store;
            address = record.Address;
            this.seal = seal;
            this.bodyLength = bodyLength;
        }

        /// <summary>Store bytes of a record whose body is <paramref name="bodyLength"/> bytes.</summary>
        public static short SizeFor(short bodyLength)
        {
            return (short)(bodyLength + SecretSeal.Overhead);
        }

        public short Size { get { return SizeFor(bodyLength); } }

        /// <summary>Seals the body at <c>buffer[offset + BodyOffset]</c> and writes the record; the buffer's <see cref="Size"/> bytes are wiped after.</summary>
        public void Write(byte[] buffer, short offset)
        {
            try
            {
                seal.Seal(address, buffer, offset, bodyLength);
                store.Write(address, buffer, offset, Size);
            }
            finally
            {
                Util.ArrayFill(buffer, offset, Size, 0);
            }
        }

        /// <summary>
        /// Reads the record into <paramref name="buffer"/> (<see cref="Size"/> bytes) and opens it: true
        /// with the body at <see cref="BodyOffset"/>. False for a record never written (byte 0 is then
        /// <see cref="SecretSeal.Empty"/>) or one that does not open; the body is wiped then.
        /// </summary>
        public bool Open(byte[] buffer)
        {
            store.Read(address, buffer, 0, Size);
            return seal.Open(address, buffer, 0, bodyLength);
        }

        /// <summary>Factory reset: the record is zeroed (never written).</summary>
        public void Erase()
        {
            store.Fill(address, Size, 0x00);
        }
    }
}
