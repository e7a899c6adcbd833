using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NanoCard.Issuance;

/// <summary>
/// The contents of the gen1 APs' files, byte for byte as docs/references.md §3–§4 describes
/// them. Where the reference leaves a field's meaning open, NanoCard's choice is written next to
/// it and in docs/apdu-spec.md §12.
/// </summary>
public static class ApFiles
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string Ymd(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    // ---- JPKI AP (§3.2, §4.8) ----

    /// <summary>EF 0006: the 160-byte CK_TOKEN_INFO with 32-bit big-endian CK_ULONGs, label <c>JPKIAPICCTOKEN2</c>.</summary>
    public static byte[] TokenInfo(string serial)
    {
        var token = new byte[160];
        void Text(int offset, int length, string value)
        {
            token.AsSpan(offset, length).Fill((byte)' ');
            Ascii(value).AsSpan(0, Math.Min(length, value.Length)).CopyTo(token.AsSpan(offset));
        }
        void Ulong(int offset, uint value) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(token.AsSpan(offset), value);
        Text(0, 32, "JPKIAPICCTOKEN2");
        Text(32, 32, "NanoCard");
        Text(64, 16, "NanoCard gen1");
        Text(80, 16, serial.Length > 16 ? serial[^16..] : serial);
        // CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED, as SOL reads a real card.
        Ulong(96, 0x0000040D);
        Ulong(100, 1);
        Ulong(104, 0);
        Ulong(108, 1);
        Ulong(112, 0);
        Ulong(116, 16);
        Ulong(120, 6);
        token.AsSpan(124, 16).Fill(0xFF);
        Text(140, 2, "03");
        Text(142, 2, "01");
        Text(144, 16, "");
        return token;
    }

    /// <summary>EF 0008: both certificates present (<c>8F 8F 00</c>).</summary>
    public static readonly byte[] CertificateAvailability = [0x8F, 0x8F, 0x00];

    // ---- Text AP (§3.3, §4.2) ----

    /// <summary>EF 0001: <c>FF 10 0C</c> + 12 digits + <c>FF FF</c>.</summary>
    public static byte[] MyNumber(string number) => [.. Tlv.Build(0xFF10, Ascii(number)), 0xFF, 0xFF];

    /// <summary>
    /// EF 0002: <c>FF 20 { DF21 offsets, DF22 name, DF23 address, DF24 YYYYMMDD, DF25 sex }</c>;
    /// DF21 holds the big-endian offsets from the start of the file of the four TLVs after it.
    /// </summary>
    public static byte[] Attributes(Persona p)
    {
        byte[][] fields = [Tlv.Build(0xDF22, Utf8(p.Name)), Tlv.Build(0xDF23, Utf8(p.Address)), Tlv.Build(0xDF24, Ascii(Ymd(p.BirthDate))), Tlv.Build(0xDF25, Ascii(p.Sex))];
        return WithOffsets(0xFF20, 0xDF21, fields);
    }

    /// <summary>
    /// EF 0003: <c>FF 30 82 014B { DF31 SHA-256(EF 0001, 17 bytes), DF32 SHA-256(EF 0002 from DF22
    /// to the end of its TLV), DF33 signature }</c>. NanoCard's choice: DF33 signs DF31 ‖ DF32 as written.
    /// </summary>
    public static byte[] Integrity(byte[] myNumberFile, byte[] attributesFile, IssuerSigner issuer)
    {
        byte[] h1 = Tlv.Build(0xDF31, SHA256.HashData(myNumberFile));
        byte[] h2 = Tlv.Build(0xDF32, SHA256.HashData(AttributesSignedPart(attributesFile)));
        byte[] signed = Tlv.Concat(h1, h2);
        return Tlv.Build(0xFF30, true, h1, h2, Tlv.Build(0xDF33, issuer.Sign(signed), longForm: true));
    }

    /// <summary>The part of EF 0002 that DF32 hashes: from the DF22 TLV to the end of the FF20 TLV.</summary>
    public static byte[] AttributesSignedPart(byte[] attributesFile)
        => attributesFile[Tlv.Children(attributesFile)[1].Offset..Tlv.TotalLength(attributesFile)];

    /// <summary>
    /// EF 0005: <c>FF 40 82 LLLL { DF41 01 03 0E 01, DF42 AP key ID, DF43 32 bytes + 96 × FF }</c>.
    /// DF41 as seen on a card; NanoCard's choice for DF43's 32 bytes: SHA-256 of the CV certificate.
    /// </summary>
    public static byte[] BasicInfo(byte[] apKeyId, byte[] cvCertificate, byte[] df41)
    {
        byte[] df43 = [.. SHA256.HashData(cvCertificate), .. Enumerable.Repeat((byte)0xFF, 96)];
        return Tlv.Build(0xFF40, true, Tlv.Build(0xDF41, df41), Tlv.Build(0xDF42, apKeyId), Tlv.Build(0xDF43, df43));
    }

    /// <summary>EF 0006: <c>A1 { 90 e, 91 n }</c>, the AP key's public half (NanoCard has no secure messaging: §3.3).</summary>
    public static byte[] SessionKeyPublic(RSAParameters apKey) => Tlv.Build(0xA1, IssuerSignature.PublicKeyFields(apKey), longForm: true);

    /// <summary>EF 0007: <c>FF 50 82 LLLL { DF51 { 90, 91 } AP key, DF52 issuer signature over the DF51 TLV }</c>.</summary>
    public static byte[] SignedPublicKey(RSAParameters apKey, IssuerSigner issuer)
    {
        byte[] key = Tlv.Build(0xDF51, IssuerSignature.PublicKeyFields(apKey), longForm: true);
        return Tlv.Build(0xFF50, true, key, Tlv.Build(0xDF52, issuer.Sign(key), longForm: true));
    }

    // ---- Visual AP (§3.4, §4.3) ----

    /// <summary>EF 0001: <c>FF 10 82 LLLL { DF11 YYYYMMDD, DF12 issuer key, DF13 signature over the DF11 TLV }</c>.</summary>
    public static byte[] AgeRecord(Persona p, IssuerSigner issuer)
    {
        byte[] birth = Tlv.Build(0xDF11, Ascii(Ymd(p.BirthDate)));
        return Tlv.Build(0xFF10, true, birth, IssuerKeyField(0xDF12, issuer), Tlv.Build(0xDF13, issuer.Sign(birth), longForm: true));
    }

    /// <summary>
    /// EF 0002: <c>FF 20 { DF21 nine offsets, DF22 YYYYMMDD, DF23 sex, DF24 issuer key, DF25 name
    /// PNG, DF26 address PNG, DF27 photo, DF28 signature, DF29 expiry, DF2A security-code PNG }</c>;
    /// DF28 signs the digests of DF22–DF24, DF25–DF26 and DF27 as written (§4.3).
    /// </summary>
    public static byte[] CardFace(Persona p, IssuerSigner issuer)
    {
        byte[] birth = Tlv.Build(0xDF22, Ascii(Ymd(p.BirthDate)));
        byte[] sex = Tlv.Build(0xDF23, Ascii(p.Sex));
        byte[] key = IssuerKeyField(0xDF24, issuer);
        byte[] name = Tlv.Build(0xDF25, p.NameImage);
        byte[] address = Tlv.Build(0xDF26, p.AddressImage);
        byte[] photo = Tlv.Build(0xDF27, p.FacePhoto);
        byte[] signature = Tlv.Build(0xDF28, issuer.SignDigests(Tlv.Concat(birth, sex, key), Tlv.Concat(name, address), photo), longForm: true);
        byte[] expiry = Tlv.Build(0xDF29, Ascii(Ymd(p.Expiry)));
        byte[] code = Tlv.Build(0xDF2A, p.SecurityCodeImage);
        return WithOffsets(0xFF20, 0xDF21, [birth, sex, key, name, address, photo, signature, expiry, code]);
    }

    /// <summary>
    /// EF 0003: <c>FF 30 { DF31 06 03 0E 01, DF32 AP key ID, DF33 01, DF34 municipality code, DF35 issuer key ID + issuer modulus }</c>.
    /// NanoCard's choice for DF35's 256 opaque bytes: the issuer key's modulus.
    /// </summary>
    public static byte[] VisualBasicInfo(Persona p, IssuerSigner issuer, byte[] df31)
    {
        byte[] df35 = [.. CvCertificate.IssuerKeyId, .. issuer.PublicValue()];
        return Tlv.Build(0xFF30, true, Tlv.Build(0xDF31, df31), Tlv.Build(0xDF32, CvCertificate.VisualApKeyId),
            Tlv.Build(0xDF33, [0x01]), Tlv.Build(0xDF34, Ascii(p.MunicipalityCode)), Tlv.Build(0xDF35, df35, longForm: true));
    }

    /// <summary>EF 0005: <c>FF 40 { DF41 PNG, DF42 issuer key, DF43 signature over the DF41 TLV }</c>.</summary>
    public static byte[] MyNumberImage(Persona p, IssuerSigner issuer)
    {
        byte[] image = Tlv.Build(0xDF41, p.MyNumberImage);
        return Tlv.Build(0xFF40, true, image, IssuerKeyField(0xDF42, issuer), Tlv.Build(0xDF43, issuer.Sign(image), longForm: true));
    }

    // ---- 住基 and common APs (§3.5, §3.6) ----

    /// <summary>Common AP EF 0001 record 1: simple TLV <c>01 1C</c> + serial (15) + municipality (5) + expiry YYYYMMDD.</summary>
    public static byte[] CardInfoRecord(Persona p) => [0x01, 0x1C, .. Ascii(p.Serial + p.MunicipalityCode + Ymd(p.Expiry))];

    /// <summary>住基 AP EF 0001 record 1: simple TLV <c>01 0B</c> + the 11-digit resident record code (NanoCard's layout).</summary>
    public static byte[] ResidentCodeRecord(Persona p) => [0x01, 0x0B, .. Ascii(p.ResidentCode)];

    private static byte[] IssuerKeyField(int tag, IssuerSigner issuer) => Tlv.Build(tag, issuer.PublicKeyFields(), longForm: true);

    /// <summary>An outer TLV whose first field lists the file offsets of the fields after it.</summary>
    private static byte[] WithOffsets(int outerTag, int offsetsTag, byte[][] fields)
    {
        int contentLength = 2 + 1 + 2 * fields.Length + fields.Sum(f => f.Length);
        bool longForm = contentLength > 0x7F;
        int headerLength = 2 + (longForm ? 3 : 1);
        int at = headerLength + 3 + 2 * fields.Length;
        var offsets = new byte[2 * fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            offsets[2 * i] = (byte)(at >> 8);
            offsets[2 * i + 1] = (byte)at;
            at += fields[i].Length;
        }
        return Tlv.Build(outerTag, longForm, [Tlv.Build(offsetsTag, offsets), .. fields]);
    }
}
