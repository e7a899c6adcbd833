using NanoCard.Hal.Crypto;
using NanoCard.Os;
using NanoCard.Os.Files;
using NanoCard.Os.Keys;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// The commands that use a private key: COMPUTE DIGITAL SIGNATURE (JPKI, text AP) and
    /// INTERNAL AUTHENTICATE (common AP), with the key named the My Number card's way: P2 80 =
    /// the current EF, P2 80|SFI = the key with that SFI (docs/references.md §3.2, SOL's
    /// <c>80 2A 00 97</c>/<c>9A</c>).
    /// </summary>
    public static class KeyCommands
    {
        /// <summary>RSA-2048 with PKCS#1 v1.5 type-1 padding takes at most k − 11 bytes (RFC 8017 §9.2).</summary>
        public const short MaxBlock = 245;

        /// <summary>Where the block is moved before signing, clear of the 256 bytes the signature takes at 0.</summary>
        private const short Staging = 512;

        /// <summary>DigestInfo prefix for SHA-256 (RFC 8017 §9.2, note 1).</summary>
        private static readonly byte[] Sha256DigestInfo =
        {
            0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
        };

        /// <summary>
        /// The key P2 names. Null with <paramref name="sw"/>: 6A86 for another P2, 6986 without a
        /// current EF, 6981 when the current EF is not a key, 6A88 when no key has that SFI.
        /// </summary>
        public static PrivateKey Find(DedicatedFile df, byte p2, out ushort sw)
        {
            FileEntry entry = FileCommands.ReferencedEntry(df, p2, out sw);
            if (entry == null)
            {
                return null;
            }
            PrivateKey key = entry as PrivateKey;
            if (key == null)
            {
                sw = (p2 & 0x1F) == FileEntry.NoSfi ? Sw.CommandIncompatibleWithFile : Sw.ReferencedDataNotFound;
            }
            return key;
        }

        /// <summary>
        /// COMPUTE DIGITAL SIGNATURE with <paramref name="key"/>, P1 00. RSA: data = the block to pad
        /// and sign (a DigestInfo), 1–245 bytes; replies with the 256-byte PKCS#1 v1.5 signature.
        /// ECDSA (gen2): data = the message hash, exactly as long as the curve's hash (SHA-256: 32
        /// bytes for P-256, SHA-384: 48 for P-384); replies r ‖ s, each the field length (64 or 96
        /// bytes). 6982 when the key's use rule is not met, 6A88 when the key was never generated.
        /// </summary>
        public static ushort Sign(Apdu apdu, PrivateKey key)
        {
            ushort sw = Check(apdu, key);
            if (sw != Sw.NoError)
            {
                return sw;
            }
            byte[] buffer = apdu.Buffer;
            short length = apdu.IncomingLength;
            EcPrivateKey ec = key as EcPrivateKey;
            if (ec != null && length != HashLength(ec))
            {
                return Sw.WrongLength;
            }
            Util.ArrayCopy(buffer, apdu.DataOffset, buffer, Staging, length);
            short n = ec != null
                ? ec.Sign(buffer, Staging, length, buffer, 0)
                : ((RsaPrivateKey)key).Sign(buffer, Staging, length, buffer, 0);
            Util.ArrayFill(buffer, Staging, length, 0);
            apdu.SetOutgoingAndSend(0, n);
            return Sw.NoError;
        }

        /// <summary>
        /// INTERNAL AUTHENTICATE (ISO/IEC 7816-4:2020 §11.5.2), P1 00, data = the verifier's
        /// challenge (1–245 bytes). RSA: the signature of DigestInfo(SHA-256(challenge))
        /// (docs/references.md §3.5), deterministic. ECDSA (gen2 card and AP authentication):
        /// r ‖ s over the curve's hash of the challenge (SHA-256 for P-256, SHA-384 for P-384).
        /// </summary>
        public static ushort InternalAuthenticate(Apdu apdu, PrivateKey key)
        {
            ushort sw = Check(apdu, key);
            if (sw != Sw.NoError)
            {
                return sw;
            }
            byte[] buffer = apdu.Buffer;
            EcPrivateKey ec = key as EcPrivateKey;
            short n;
            if (ec != null)
            {
                // One-shot digests of the key's engine: an AP keeps no digest of its own (docs/performance.md, "Managed heap").
                byte algorithm = ec.Curve == EcCurve.P384 ? HashAlgorithm.Sha384 : HashAlgorithm.Sha256;
                short hashLength = key.Crypto.Digest(algorithm, buffer, apdu.DataOffset, apdu.IncomingLength, buffer, Staging);
                n = ec.Sign(buffer, Staging, hashLength, buffer, 0);
            }
            else
            {
                short prefix = (short)Sha256DigestInfo.Length;
                Util.ArrayCopy(Sha256DigestInfo, 0, buffer, Staging, prefix);
                short hashLength = key.Crypto.Digest(HashAlgorithm.Sha256, buffer, apdu.DataOffset, apdu.IncomingLength, buffer, (short)(Staging + prefix));
                n = ((RsaPrivateKey)key).Sign(buffer, Staging, (short)(prefix + hashLength), buffer, 0);
            }
            apdu.SetOutgoingAndSend(0, n);
            return Sw.NoError;
        }

        /// <summary>The hash length an ECDSA key signs: its curve's paired hash (docs/apdu-spec.md §13).</summary>
        private static short HashLength(EcPrivateKey key)
        {
            return key.Curve == EcCurve.P384 ? (short)48 : (short)32;
        }

        private static ushort Check(Apdu apdu, PrivateKey key)
        {
            if (apdu.P1 != 0)
            {
                return Sw.IncorrectP1P2;
            }
            if (!ApduCase.HasCommandData(apdu.Case) || apdu.IncomingLength > MaxBlock)
            {
                return Sw.WrongLength;
            }
            if (!key.Use.IsSatisfied())
            {
                return Sw.SecurityStatusNotSatisfied;
            }
            if (!key.IsInitialized)
            {
                return Sw.ReferencedDataNotFound;
            }
            return Sw.NoError;
        }
    }
}
