using NanoCard.Hal.Crypto;
using NanoCard.Os.Store;

namespace NanoCard.Os.Secrets
{
    /// <summary>
    /// How secrets sit in the EEPROM (docs/security.md, "Secrets at rest"). Private key records
    /// are sealed with the platform's device key, when it has one: AES-128-CTR, then AES-CMAC over
    /// the header and the ciphertext (encrypt-then-MAC), in place:
    /// <c>state (1) | address (4) | nonce (12) | body | tag (16)</c>. The nonce is fresh from the
    /// card's RNG at every write, and the record's own address is MACed, so a record copied over
    /// another one, or edited, does not load. A platform without a device key stores the body in
    /// clear (<see cref="Clear"/>); with a device key only sealed records load, so nobody plants a
    /// clear key of their choosing. PIN values are never stored: <see cref="PinVerifier"/> keeps
    /// HMAC-SHA-256(PIN key, salt ‖ value) with a fresh salt, the PIN key derived from the device
    /// key (all zero without one: a salted hash).
    /// </summary>
    public sealed class SecretSeal
    {
        /// <summary>Bytes of a device key.</summary>
        public const short DeviceKeyLength = 32;

        /// <summary>Record states (byte 0): never written, body in clear, body sealed.</summary>
        public const byte Empty = 0;
        public const byte Clear = 1;
        public const byte Sealed = 2;

        /// <summary>Where the nonce starts in a record: after the state byte and the 4-byte address.</summary>
        private const short NonceOffset = 1 + 4;

        /// <summary>The body starts here in a record; the tag follows it.</summary>
        public const short HeaderLength = NonceOffset + NonceLength;

        public const short TagLength = 16;

        /// <summary>Record bytes a sealed secret adds to its body.</summary>
        public const short Overhead = HeaderLength + TagLength;

        public const short SaltLength = 16;

        public const short VerifierLength = 32;

        private const short NonceLength = 12;
        private const short AesKeyLength = 16;

        // Labels of the keys derived from the device key with HMAC-SHA-256 (one key, one purpose).
        private const byte LabelEncryption = 1;
        private const byte LabelMac = 2;
        private const byte LabelPin = 3;

        private readonly ICrypto crypto;
        private readonly Hmac hmac;
        private readonly bool hasDeviceKey;
        private readonly byte[] encryptionKey = new byte[VerifierLength];
        private readonly byte[] macKey = new byte[VerifierLength];
        private readonly byte[] pinKey = new byte[VerifierLength];
        private readonly byte[] counterBlock = new byte[16];
        private readonly byte[] keyStream = new byte[16];
        private readonly byte[] tag = new byte[TagLength];
        private KeySlots keySlots;

        /// <summary>
        /// Room for one PIN's record (limit, set flag, salt, verifier) while a PIN is checked or set,
        /// zeroed after each use. PINs take turns, one command at a time, so the card keeps one copy,
        /// not one per PIN (docs/performance.md, "Managed heap").
        /// </summary>
        public byte[] PinRecordScratch { get; } = new byte[2 + SaltLength + VerifierLength];

        /// <summary>Room for the verifier of a PIN candidate, shared the same way.</summary>
        public byte[] VerifierScratch { get; } = new byte[VerifierLength];

        /// <summary>The card's RAM slots for opened private keys, made on first use (at install).</summary>
        public KeySlots KeySlots
        {
            get
            {
                if (keySlots == null)
                {
                    keySlots = new KeySlots(crypto);
                }
                return keySlots;
            }
        }

        /// <param name="deviceKey">The platform's device key (<see cref="DeviceKeyLength"/> bytes), or null when it has none.</param>
        public SecretSeal(ICrypto crypto, byte[] deviceKey)
        {
            this.crypto = crypto;
            hmac = new Hmac(crypto.CreateDigest(HashAlgorithm.Sha256));
            if (deviceKey == null)
            {
                return;
            }
            if (deviceKey.Length != DeviceKeyLength)
            {
                throw new System.ArgumentOutOfRangeException("deviceKey");
            }
            hasDeviceKey = true;
            Derive(deviceKey, LabelEncryption, encryptionKey);
            Derive(deviceKey, LabelMac, macKey);
            Derive(deviceKey, LabelPin, pinKey);
        }

        /// <summary>
        /// Seals the body at <c>buffer[offset + HeaderLength]</c>, <paramref name="bodyLength"/> bytes,
        /// in place into a record of <c>bodyLength + Overhead</c> bytes for the object at <paramref name="address"/>.
        /// </summary>
        public void Seal(int address, byte[] buffer, short offset, short bodyLength)
        {
            short tagAt = (short)(offset + HeaderLength + bodyLength);
            BigEndian.SetUInt32(buffer, offset + 1, (uint)address);
            if (!hasDeviceKey)
            {
                buffer[offset] = Clear;
                Util.ArrayFill(buffer, (short)(offset + NonceOffset), NonceLength, 0);
                Util.ArrayFill(buffer, tagAt, TagLength, 0);
                return;
            }
            buffer[offset] = Sealed;
            crypto.Random.NextBytes(buffer, (short)(offset + NonceOffset), NonceLength);
            Crypt(buffer, offset, bodyLength);
            crypto.AesCmac(macKey, 0, buffer, offset, (short)(HeaderLength + bodyLength), buffer, tagAt);
        }

        /// <summary>
        /// Opens a record read into <paramref name="buffer"/> at <paramref name="offset"/> in place: the
        /// body is then at <c>offset + HeaderLength</c>. False, with the body wiped, for a record that
        /// is empty, belongs to another address, fails its tag, or is clear on a card with a device key.
        /// </summary>
        public bool Open(int address, byte[] buffer, short offset, short bodyLength)
        {
            byte state = buffer[offset];
            bool fits = BigEndian.GetUInt32(buffer, offset + 1) == (uint)address;
            if (fits && state == Clear && !hasDeviceKey)
            {
                return true;
            }
            if (fits && state == Sealed && hasDeviceKey)
            {
                crypto.AesCmac(macKey, 0, buffer, offset, (short)(HeaderLength + bodyLength), tag, 0);
                if (Util.ConstantTimeEquals(tag, 0, buffer, (short)(offset + HeaderLength + bodyLength), TagLength))
                {
                    Crypt(buffer, offset, bodyLength);
                    return true;
                }
            }
            Util.ArrayFill(buffer, (short)(offset + HeaderLength), bodyLength, 0);
            return false;
        }

        /// <summary>A fresh salt from the card's RNG.</summary>
        public void NewSalt(byte[] dest, short offset)
        {
            crypto.Random.NextBytes(dest, offset, SaltLength);
        }

        /// <summary>HMAC-SHA-256(PIN key, salt ‖ value): what a PIN record keeps instead of the value.</summary>
        public void PinVerifier(byte[] salt, short saltOffset, byte[] value, short valueOffset, short valueLength, byte[] dest, short destOffset)
        {
            hmac.Init(pinKey, 0, VerifierLength);
            hmac.Update(salt, saltOffset, SaltLength);
            hmac.DoFinal(value, valueOffset, valueLength, dest, destOffset);
        }

        /// <summary>AES-128-CTR over the body with the nonce in the header (NIST SP 800-38A §6.5); the counter is the last 4 bytes.</summary>
        private void Crypt(byte[] buffer, short offset, short bodyLength)
        {
            Util.ArrayCopy(buffer, (short)(offset + NonceOffset), counterBlock, 0, NonceLength);
            uint block = 0;
            for (short done = 0; done < bodyLength; done += 16)
            {
                BigEndian.SetUInt32(counterBlock, NonceLength, block++);
                crypto.AesEcb(true, encryptionKey, 0, counterBlock, 0, 16, keyStream, 0);
                short at = (short)(offset + HeaderLength + done);
                for (short i = 0; i < 16 && done + i < bodyLength; i++)
                {
                    buffer[at + i] ^= keyStream[i];
                }
            }
            Util.ArrayFill(keyStream, 0, 16, 0);
        }

        private void Derive(byte[] deviceKey, byte label, byte[] dest)
        {
            counterBlock[0] = label;
            hmac.Init(deviceKey, 0, DeviceKeyLength);
            hmac.DoFinal(counterBlock, 0, 1, dest, 0);
            counterBlock[0] = 0;
        }
    }
}
