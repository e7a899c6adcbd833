namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// EF sizes for certificates, fitted to what the test CA issues. gen2 sizes are tight so that
    /// the card keeps 40 % of its EEPROM free (docs/eeprom-layout.md, "gen2"). Certificates
    /// without the subjectAltName have a fixed-size subject; the signing ones carry the person's
    /// attributes, up to 200-byte names and 300-byte addresses (docs/persona.md).
    /// </summary>
    public static class CertificateCapacity
    {
        /// <summary>A DER RSA-2048 certificate with JPKI's extensions (real ones are about 1.3–1.8 KB).</summary>
        public const short Rsa = 2048;

        /// <summary>gen2 RSA authentication certificate (about 870 bytes).</summary>
        public const short Gen2RsaAuth = 1024;

        /// <summary>A gen2 test CA certificate: RSA 897 or 900 bytes (fixed names and key size).</summary>
        public const short Gen2RsaCa = 960;

        /// <summary>A gen2 test CA certificate: EC about 580 bytes.</summary>
        public const short Gen2EcCa = 640;

        /// <summary>gen2 EC certificates without attributes (AP and card authentication: about 520–590 bytes).</summary>
        public const short Gen2Ec = 640;

        /// <summary>
        /// The gen2 EC user-authentication certificate: about 520–545 bytes, plus the revocation
        /// links (AIA and CRL Distribution Points, 78 bytes + twice the service URL's length) when
        /// issued with a service URL. The 64 bytes over <see cref="Gen2Ec"/> come from <see cref="Gen2RsaCa"/>.
        /// </summary>
        public const short Gen2EcAuth = 704;

        /// <summary>gen2 EC signing certificate with the attributes: about 790 bytes, up to about 1 650 with the longest ones.</summary>
        public const short Gen2EcSign = 1792;
    }
}
