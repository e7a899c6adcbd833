using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Flasher.Commands;
using NanoCard.Issuance;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// Revocation in a temporary CA folder holding an RSA CA and a P-384 EC CA: the CRLs, what
/// .NET and openssl make of them, the death sub-reason, CRL numbers, <c>flasher revoke</c> and its errors,
/// and <see cref="CaRegistry.Check"/> on good and damaged CRLs.
/// </summary>
public sealed class RevocationTests : IDisposable
{
    private const string RsaCa = "rsa-ca";
    private const string EcCa = "ec-ca";
    private readonly string ca = Directory.CreateTempSubdirectory("revocation-").FullName;
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    public RevocationTests()
    {
        using RSA rsa = RSA.Create(2048);
        WriteCa(RsaCa, new CertificateRequest("CN=Revocation test RSA CA, O=NanoCard, C=JP", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), rsa);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        WriteCa(EcCa, new CertificateRequest("CN=Revocation test EC CA, O=NanoCard, C=JP", ecdsa, HashAlgorithmName.SHA384), ecdsa);
    }

    public void Dispose() => Directory.Delete(ca, recursive: true);

    [Fact]
    public void Death_is_affiliationChanged_with_the_sub_reason_and_dotnet_and_openssl_accept_the_crl()
    {
        X509Certificate2 leaf = Issue(RsaCa);
        var output = new StringWriter();
        Assert.Equal(0, RevokeCommand.Run(ca, leaf.SerialNumber, "DEATH", output));
        string crlPath = CaFiles.CrlPath(ca, RsaCa);
        Assert.Equal($"{leaf.SerialNumber}: revoked by {RsaCa} as death; wrote {crlPath} (CRL number 1)", output.ToString().TrimEnd());

        byte[] der = File.ReadAllBytes(crlPath);
        CertificateRevocationListBuilder.Load(der, out BigInteger number);
        Assert.Equal(BigInteger.One, number);

        CrlReader crl = CrlReader.Parse(der);
        CrlEntry entry = Assert.Single(crl.Entries);
        Assert.Equal(leaf.SerialNumber, entry.Serial);
        Assert.Equal(RevocationReason.Death, entry.Reason);
        Assert.Equal(BigInteger.One, crl.Number);
        Assert.Equal("1.2.840.113549.1.1.11", crl.SignatureAlgorithm);
        Assert.Equal(CaCertificate(RsaCa).Subject, crl.Issuer.Name);
        Assert.InRange(crl.ThisUpdate, now.AddSeconds(-5), now.AddSeconds(5));
        Assert.Equal(crl.ThisUpdate + TimeSpan.FromDays(7), crl.NextUpdate);

        string text = OpenSslCli.Run("crl", "-inform", "DER", "-in", crlPath, "-text", "-noout");
        Assert.Contains("Affiliation Changed", text, StringComparison.Ordinal);
        Assert.Contains(SubReasonExtension.Oid, text, StringComparison.Ordinal);
        Assert.Contains("CRL Number", text, StringComparison.Ordinal);
        Assert.Contains("verify OK", OpenSslCli.Run("crl", "-inform", "DER", "-in", crlPath, "-CAfile", CaFiles.CertificatePath(ca, RsaCa), "-noout"), StringComparison.Ordinal);
    }

    [Fact]
    public void Flasher_issue_records_the_cards_certificates_and_revoke_revokes_them()
    {
        string folder = Path.Combine(ca, "card");
        Directory.CreateDirectory(folder);
        PersonaCommand.New("gen1", 23, Path.Combine(folder, "p.json"), TextWriter.Null);
        IssueCommand.Run(Path.Combine(folder, "p.json"), Path.Combine(folder, "ca"), "sim:" + Path.Combine(folder, "card.img"), null, TextWriter.Null);
        string caFolder = Path.Combine(folder, "ca");
        using X509Certificate2 signCa = CaFiles.LoadCertificate(caFolder, TestCa.SignCaName);
        string issuedJson = File.ReadAllText(Path.Combine(caFolder, CaRegistry.IssuedFile));
        Assert.Equal(2, Count(issuedJson, "\"serial\""));
        string signSerial = System.Text.Json.JsonDocument.Parse(issuedJson).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("caName").GetString() == TestCa.SignCaName).GetProperty("serial").GetString()!;

        var output = new StringWriter();
        RevokeCommand.Run(caFolder, signSerial, "Death", output);
        Assert.StartsWith($"{signSerial}: revoked by {TestCa.SignCaName} as death;", output.ToString(), StringComparison.Ordinal);
        CrlReader crl = CrlReader.Parse(File.ReadAllBytes(CaFiles.CrlPath(caFolder, TestCa.SignCaName)));
        Assert.True(crl.VerifySignature(signCa));
        Assert.Equal((signSerial, RevocationReason.Death), Assert.Single(crl.Entries.Select(e => (e.Serial, e.Reason))));
        Assert.False(File.Exists(CaFiles.CrlPath(caFolder, TestCa.AuthCaName)));
    }

    [Fact]
    public void The_signature_verifies_with_its_CA_only()
    {
        X509Certificate2 leaf = Issue(RsaCa);
        CaRegistry.Revoke(ca, leaf.SerialNumber, RevocationReason.KeyCompromise, now);
        CrlReader crl = CrlReader.Parse(File.ReadAllBytes(CaFiles.CrlPath(ca, RsaCa)));
        Assert.True(crl.VerifySignature(CaCertificate(RsaCa)));
        Assert.False(crl.VerifySignature(CaCertificate(EcCa)));

        // Same subject, other key: only the signature can tell them apart.
        using RSA other = RSA.Create(2048);
        X509Certificate2 impostor = new CertificateRequest(CaCertificate(RsaCa).SubjectName, other, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        Assert.False(crl.VerifySignature(impostor));
    }

    [Fact]
    public void Each_revocation_numbers_a_new_crl_listing_all_of_its_CAs_revocations()
    {
        X509Certificate2 first = Issue(RsaCa), second = Issue(RsaCa), third = Issue(RsaCa);
        Assert.Equal(1, CaRegistry.Revoke(ca, first.SerialNumber, RevocationReason.Death, now).CrlNumber);
        Assert.Equal(2, CaRegistry.Revoke(ca, second.SerialNumber, RevocationReason.Superseded, now).CrlNumber);
        Assert.Equal(3, CaRegistry.Revoke(ca, third.SerialNumber.ToLowerInvariant(), RevocationReason.AffiliationChanged, now).CrlNumber);

        byte[] der = File.ReadAllBytes(CaFiles.CrlPath(ca, RsaCa));
        CertificateRevocationListBuilder.Load(der, out BigInteger number);
        Assert.Equal(new BigInteger(3), number);
        CrlReader crl = CrlReader.Parse(der);
        Assert.Equal(new BigInteger(3), crl.Number);
        Assert.Equal(
            [(first.SerialNumber, RevocationReason.Death), (second.SerialNumber, RevocationReason.Superseded), (third.SerialNumber, RevocationReason.AffiliationChanged)],
            crl.Entries.Select(e => (e.Serial, e.Reason)));

        // The sub-reason is on the death entry only: plain affiliationChanged stays plain.
        string text = OpenSslCli.Run("crl", "-inform", "DER", "-in", CaFiles.CrlPath(ca, RsaCa), "-text", "-noout");
        Assert.Equal(1, Count(text, SubReasonExtension.Oid));
        Assert.Equal(2, Count(text, "Affiliation Changed"));
    }

    [Fact]
    public void An_EC_CA_signs_its_own_crl_with_ECDSA_SHA384()
    {
        X509Certificate2 rsaLeaf = Issue(RsaCa), ecLeaf = Issue(EcCa);
        CaRegistry.Revoke(ca, rsaLeaf.SerialNumber, RevocationReason.Superseded, now);
        Assert.Equal(1, CaRegistry.Revoke(ca, ecLeaf.SerialNumber, RevocationReason.Death, now).CrlNumber);

        string crlPath = CaFiles.CrlPath(ca, EcCa);
        byte[] der = File.ReadAllBytes(crlPath);
        CertificateRevocationListBuilder.Load(der, out BigInteger number);
        Assert.Equal(BigInteger.One, number);
        CrlReader crl = CrlReader.Parse(der);
        Assert.Equal("1.2.840.10045.4.3.3", crl.SignatureAlgorithm);
        Assert.Equal((ecLeaf.SerialNumber, RevocationReason.Death), Assert.Single(crl.Entries.Select(e => (e.Serial, e.Reason))));
        Assert.True(crl.VerifySignature(CaCertificate(EcCa)));
        Assert.False(crl.VerifySignature(CaCertificate(RsaCa)));
        Assert.Contains("verify OK", OpenSslCli.Run("crl", "-inform", "DER", "-in", crlPath, "-CAfile", CaFiles.CertificatePath(ca, EcCa), "-noout"), StringComparison.Ordinal);
    }

    [Fact]
    public void Revoke_errors_are_one_line_and_change_nothing()
    {
        X509Certificate2 leaf = Issue(RsaCa);
        UserError unknown = Assert.Throws<UserError>(() => RevokeCommand.Run(ca, "01DEADBEEF", "death", TextWriter.Null));
        Assert.Contains("serial 01DEADBEEF is not in", unknown.Message, StringComparison.Ordinal);
        UserError reason = Assert.Throws<UserError>(() => RevokeCommand.Run(ca, leaf.SerialNumber, "3", TextWriter.Null));
        Assert.Contains("unknown reason '3'", reason.Message, StringComparison.Ordinal);
        Assert.Contains("affiliationChanged", reason.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(ca, CaRegistry.RevokedFile)));
        Assert.False(File.Exists(CaFiles.CrlPath(ca, RsaCa)));

        RevokeCommand.Run(ca, leaf.SerialNumber, "keycompromise", TextWriter.Null);
        byte[] revoked = File.ReadAllBytes(Path.Combine(ca, CaRegistry.RevokedFile));
        byte[] crl = File.ReadAllBytes(CaFiles.CrlPath(ca, RsaCa));
        UserError again = Assert.Throws<UserError>(() => RevokeCommand.Run(ca, leaf.SerialNumber, "death", TextWriter.Null));
        Assert.Contains("already revoked", again.Message, StringComparison.Ordinal);
        Assert.Contains("as keyCompromise", again.Message, StringComparison.Ordinal);
        Assert.Equal(revoked, File.ReadAllBytes(Path.Combine(ca, CaRegistry.RevokedFile)));
        Assert.Equal(crl, File.ReadAllBytes(CaFiles.CrlPath(ca, RsaCa)));
    }

    [Fact]
    public void Check_tells_no_crl_not_revoked_and_revoked_apart()
    {
        X509Certificate2 kept = Issue(RsaCa), dead = Issue(RsaCa);
        Assert.Equal(RevocationState.NoCrl, CaRegistry.Check(ca, kept).State);

        CaRegistry.Revoke(ca, dead.SerialNumber, RevocationReason.Death, now);
        RevocationStatus good = CaRegistry.Check(ca, kept);
        Assert.Equal((RevocationState.NotRevoked, RsaCa, (BigInteger?)BigInteger.One, (RevocationReason?)null), (good.State, good.CaName, good.CrlNumber, good.Reason));
        RevocationStatus revoked = CaRegistry.Check(ca, dead);
        Assert.Equal((RevocationState.Revoked, (RevocationReason?)RevocationReason.Death), (revoked.State, revoked.Reason));
        Assert.NotNull(revoked.ThisUpdate);
        Assert.InRange(revoked.ThisUpdate.Value, now.AddSeconds(-5), now.AddSeconds(5));
    }

    [Fact]
    public void Check_finds_the_CA_by_issuer_when_issued_json_does_not_know_the_certificate()
    {
        X509Certificate2 recorded = Issue(EcCa);
        X509Certificate2 unrecorded = Issue(EcCa, record: false);
        CaRegistry.Revoke(ca, recorded.SerialNumber, RevocationReason.Superseded, now);
        RevocationStatus status = CaRegistry.Check(ca, unrecorded);
        Assert.Equal((RevocationState.NotRevoked, EcCa), (status.State, status.CaName));
    }

    [Fact]
    public void A_damaged_crl_is_reported_invalid_not_as_not_revoked()
    {
        X509Certificate2 dead = Issue(RsaCa);
        CaRegistry.Revoke(ca, dead.SerialNumber, RevocationReason.Death, now);
        string path = CaFiles.CrlPath(ca, RsaCa);
        byte[] good = File.ReadAllBytes(path);

        // A changed serial in the entry still parses, and would otherwise read as "not revoked".
        byte[] serial = Convert.FromHexString(dead.SerialNumber);
        int at = good.AsSpan().IndexOf(serial);
        Assert.True(at > 0);
        byte[] tampered = (byte[])good.Clone();
        tampered[at + serial.Length - 1] ^= 0x01;
        File.WriteAllBytes(path, tampered);
        Assert.Single(CrlReader.Parse(tampered).Entries);
        RevocationStatus status = CaRegistry.Check(ca, dead);
        Assert.Equal(RevocationState.CrlInvalid, status.State);
        Assert.Contains("signature does not verify", status.Problem, StringComparison.Ordinal);

        File.WriteAllBytes(path, good[..^10]);
        status = CaRegistry.Check(ca, dead);
        Assert.Equal(RevocationState.CrlInvalid, status.State);
        Assert.Contains("not a well-formed CRL", status.Problem, StringComparison.Ordinal);

        File.WriteAllBytes(path, good);
        Assert.Equal(RevocationState.Revoked, CaRegistry.Check(ca, dead).State);
    }

    [Fact]
    public void Reason_names_round_trip_and_death_is_sent_as_affiliationChanged()
    {
        Assert.Equal(8, RevocationReasons.All.Count);
        foreach (RevocationReason reason in RevocationReasons.All)
        {
            Assert.Equal(reason, RevocationReasons.Parse(RevocationReasons.Name(reason).ToUpperInvariant()));
        }
        Assert.Equal("caCompromise", RevocationReasons.Name(RevocationReason.CaCompromise));
        Assert.Equal(X509RevocationReason.AffiliationChanged, RevocationReasons.CrlReason(RevocationReason.Death));
        Assert.Equal(X509RevocationReason.CertificateHold, RevocationReasons.CrlReason(RevocationReason.CertificateHold));
        Assert.Equal(RevocationReason.AffiliationChanged, RevocationReasons.FromCrl(3, RevocationSubReason.Emigration));
        Assert.Equal(RevocationReason.Superseded, RevocationReasons.FromCrl(4, RevocationSubReason.Death));
        Assert.Null(RevocationReasons.Parse("1"));
    }

    private void WriteCa(string name, CertificateRequest request, AsymmetricAlgorithm key)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        File.WriteAllText(CaFiles.CertificatePath(ca, name), certificate.ExportCertificatePem());
        File.WriteAllText(CaFiles.KeyPath(ca, name), key.ExportPkcs8PrivateKeyPem());
    }

    private X509Certificate2 CaCertificate(string name) => CaFiles.LoadCertificate(ca, name);

    /// <summary>A leaf certificate with a random 16-byte serial starting 01, recorded in issued.json unless told not to.</summary>
    private X509Certificate2 Issue(string caName, bool record = true)
    {
        using X509Certificate2 signer = CaFiles.LoadSigner(ca, caName);
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=leaf {Guid.NewGuid():N}, C=JP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        X509SignatureGenerator generator = signer.GetRSAPrivateKey() is RSA rsa
            ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : X509SignatureGenerator.CreateForECDsa(signer.GetECDsaPrivateKey()!);
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = 0x01;
        X509Certificate2 leaf = request.Create(signer.SubjectName, generator, now.AddMinutes(-5), now.AddYears(1), serial);
        if (record)
        {
            CaRegistry.RecordIssued(ca, leaf, caName);
        }
        return leaf;
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
