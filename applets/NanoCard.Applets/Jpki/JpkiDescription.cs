using NanoCard.Applets.Shared;
using NanoCard.Os.Description;

namespace NanoCard.Applets.Jpki
{
    /// <summary>
    /// The JPKI AP's files, PINs and keys (docs/apdu-spec.md §8 and §13), in the order the card
    /// allocates them. gen1: four RSA certificates, the token info, the certificate availability
    /// bytes, the authentication key with its 4-digit PIN and the signing key with its password.
    /// gen2: the RSA entries at today's FIDs and their EC twins (FID + 0x20), all four key pairs and
    /// their certificates renewable as one set, the shared card PIN at 0018 (a verified signing
    /// password stands in for it), the PUK at 001E, and the AP's own authentication key.
    /// </summary>
    public static class JpkiDescription
    {
        public static ApDescription Describe(byte profile)
        {
            AccessDescription always = AccessDescription.Always;
            AccessDescription withPassword = AccessDescription.AnyOf(new short[] { JpkiAp.SignPassword });
            if (profile != CardProfile.Gen2)
            {
                return new ApDescription(JpkiAp.Aid, JpkiAp.DfId, "JPKI AP", "公的個人認証AP", new EntryDescription[]
                {
                    EntryDescription.Pin(JpkiAp.AuthPin, 0x18, MynaPinFormats.FourDigits, "user-authentication PIN"),
                    EntryDescription.Pin(JpkiAp.SignPassword, 0x1B, MynaPinFormats.SigningPassword, "signing password"),
                    EntryDescription.Transparent(JpkiAp.SignCertificate, 0x01, CertificateCapacity.Rsa, withPassword, "signing certificate"),
                    EntryDescription.Transparent(JpkiAp.SignCaCertificate, 0x02, CertificateCapacity.Rsa, always, "signing CA certificate"),
                    EntryDescription.Transparent(JpkiAp.TokenInfo, 0x06, JpkiAp.TokenInfoSize, always, "token info"),
                    CertificateAvailability(),
                    EntryDescription.Transparent(JpkiAp.AuthCertificate, 0x0A, CertificateCapacity.Rsa, always, "user-authentication certificate"),
                    EntryDescription.Transparent(JpkiAp.AuthCaCertificate, 0x0B, CertificateCapacity.Rsa, always, "user-authentication CA certificate"),
                    EntryDescription.RsaKey(JpkiAp.AuthKey, 0x17, AccessDescription.AnyOf(new short[] { JpkiAp.AuthPin }), "user-authentication key"),
                    EntryDescription.RsaKey(JpkiAp.SignKey, 0x1A, withPassword, "signing key"),
                });
            }
            AccessDescription withPinOrPassword = AccessDescription.AnyOf(new short[] { JpkiAp.AuthPin, JpkiAp.SignPassword });
            return new ApDescription(JpkiAp.Aid, JpkiAp.DfId, "JPKI AP", "公的個人認証AP", new EntryDescription[]
            {
                EntryDescription.SharedPin(JpkiAp.AuthPin, 0x18, CardCredentials.CardPin, "user-authentication PIN"),
                EntryDescription.Pin(JpkiAp.SignPassword, 0x1B, MynaPinFormats.SigningPassword, "signing password").ResetBy(CardCredentials.Puk),
                EntryDescription.SharedPin(JpkiAp.Puk, 0x1E, CardCredentials.Puk, "PUK"),
                EntryDescription.Transparent(JpkiAp.SignCaCertificate, 0x02, CertificateCapacity.Gen2RsaCa, always, "signing CA certificate"),
                EntryDescription.Transparent(JpkiAp.TokenInfo, 0x06, JpkiAp.TokenInfoSize, always, "token info"),
                CertificateAvailability(),
                EntryDescription.Transparent(JpkiAp.AuthCaCertificate, 0x0B, CertificateCapacity.Gen2RsaCa, always, "user-authentication CA certificate"),
                EntryDescription.Transparent(JpkiAp.EcSignCaCertificate, 0x04, CertificateCapacity.Gen2EcCa, always, "ECDSA signing CA certificate"),
                EntryDescription.Transparent(JpkiAp.EcAuthCaCertificate, 0x0D, CertificateCapacity.Gen2EcCa, always, "ECDSA user-authentication CA certificate"),
                EntryDescription.Transparent(JpkiAp.SignCertificate, 0x01, CertificateCapacity.Rsa, withPassword, "signing certificate").Renewable(),
                EntryDescription.Transparent(JpkiAp.AuthCertificate, 0x0A, CertificateCapacity.Gen2RsaAuth, always, "user-authentication certificate").Renewable(),
                EntryDescription.Transparent(JpkiAp.EcSignCertificate, 0x03, CertificateCapacity.Gen2EcSign, withPassword, "ECDSA signing certificate").Renewable(),
                EntryDescription.Transparent(JpkiAp.EcAuthCertificate, 0x0C, CertificateCapacity.Gen2EcAuth, always, "ECDSA user-authentication certificate").Renewable(),
                EntryDescription.RsaKey(JpkiAp.AuthKey, 0x17, withPinOrPassword, "user-authentication key").Renewable(),
                EntryDescription.RsaKey(JpkiAp.SignKey, 0x1A, withPassword, "signing key").Renewable(),
                EntryDescription.EcKey(JpkiAp.EcAuthKey, 0x1C, withPinOrPassword, "ECDSA user-authentication key").Renewable(),
                EntryDescription.EcKey(JpkiAp.EcSignKey, 0x1D, withPassword, "ECDSA signing key").Renewable(),
                EntryDescription.Transparent(JpkiAp.ApAuthCertificate, 0x05, CertificateCapacity.Gen2Ec, always, "JPKI AP authentication certificate"),
                EntryDescription.EcKey(JpkiAp.ApAuthKey, 0x07, always, "JPKI AP authentication key"),
            });
        }

        /// <summary>EF 0008: three bytes, 00 until the issuer marks which certificates are present.</summary>
        private static EntryDescription CertificateAvailability()
        {
            return EntryDescription.Transparent(JpkiAp.CertificateAvailability, 0x08, 3, 0x00, AccessDescription.Always, AccessDescription.Never, "certificate availability");
        }
    }
}
