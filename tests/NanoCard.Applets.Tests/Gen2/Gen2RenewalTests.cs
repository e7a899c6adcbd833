using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.Jpki;
using NanoCard.Issuance;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Applets.Tests.Gen2;

/// <summary>
/// Online renewal (docs/apdu-spec.md §13, docs/reliability.md "Renewal"): new keys on the card,
/// new certificates, one switch; a power cut anywhere leaves the whole old set or the whole new
/// set in use, never a mix.
/// </summary>
[Collection(Gen2CardCollection.Name)]
public sealed class Gen2RenewalTests(Gen2CardFixture fixture)
{
    /// <summary>A CA folder of its own for each test (renewal revokes and rewrites the archive).</summary>
    private CaArchive FreshArchive() => new(fixture.CopyOfCaFolder(), fixture.Ca);

    [Fact]
    public void Renewal_puts_new_keys_and_certificates_in_use_and_revokes_the_old_ones()
    {
        TestCard card = fixture.NewCard();
        CaArchive archive = FreshArchive();
        RenewedCard renewed = new Gen2Renewer(card.Client, fixture.Ca, archive, IssuedCardFixture.Clock).Renew(Scp03Keys.Test, fixture.Persona.SignPassword);
        Assert.Equal(KeySet.New, SetInUse(card.PowerCycle(), renewed));
        foreach (var (role, _, _) in IssuedGen2Card.Renewable)
        {
            Assert.NotEqual(renewed.Old[role].SerialNumber, renewed.New[role].SerialNumber);
            Assert.Equal(renewed.Old[role].Subject, renewed.New[role].Subject);
            Assert.Equal(renewed.Old[role].Extensions["2.5.29.17"]?.RawData, renewed.New[role].Extensions["2.5.29.17"]?.RawData);
            RevocationStatus status = CaRegistry.Check(archive.Directory, renewed.Old[role]);
            Assert.Equal(RevocationState.Revoked, status.State);
            Assert.Equal(RevocationReason.Superseded, status.Reason);
            Assert.Equal(RevocationState.NotRevoked, CaRegistry.Check(archive.Directory, renewed.New[role]).State);
        }
        Assert.Equal(renewed.New[IssuedGen2Card.EcSign].RawData, archive.GetCard(fixture.Persona.Serial)[IssuedGen2Card.EcSign].RawData);
    }

    [Fact]
    public void Without_the_issuers_session_the_key_set_cannot_be_switched()
    {
        TestCard card = fixture.NewCard();
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x6982, card.Sw(Apdus.SwitchKeySet(0x01)));
        Assert.Equal(0x6982, card.Sw(Apdus.GenerateEcKeyPair(JpkiAp.EcAuthKey, 1)));
    }

    [Fact]
    public void Even_the_issuers_session_opens_the_standby_set_only_after_the_signing_password()
    {
        TestCard card = fixture.NewCard();
        var issuer = new CardPersonalizer(card.Client, Scp03Keys.Test);
        issuer.Select(JpkiAp.Aid);
        Assert.Equal(0x6982, issuer.Card.Send(Apdus.SwitchKeySet(0x01)).Sw);
        // The card PIN is not the holder's consent to a renewal: only the signing password is.
        issuer.Select(JpkiAp.Aid);
        Assert.Equal(0x9000, issuer.Card.Send(Apdus.Verify(0x98, System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin))).Sw);
        Assert.Equal(0x6982, issuer.Card.Send(Apdus.SwitchKeySet(0x01)).Sw);
        issuer.Select(JpkiAp.Aid);
        Assert.Equal(0x9000, issuer.Card.Send(Apdus.Verify(0x9B, Password)).Sw);
        Assert.Equal(0x9000, issuer.Card.Send(Apdus.SwitchKeySet(0x01)).Sw);
        Assert.Equal(KeySet.Old, SetInUse(card, null));
    }

    private byte[] Password => System.Text.Encoding.ASCII.GetBytes(fixture.Persona.SignPassword);

    [Fact]
    public void An_expired_card_is_refused_before_anything_is_written()
    {
        TestCard card = fixture.NewCard();
        card.Nvm.ResetCounters();
        var afterExpiry = new FixedClock(new DateTimeOffset(fixture.Persona.Expiry.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var refused = Assert.Throws<RenewalRefusedException>(() => new Gen2Renewer(card.Client, fixture.Ca, FreshArchive(), afterExpiry).Renew(Scp03Keys.Test, fixture.Persona.SignPassword));
        Assert.Contains($"the card expired on {fixture.Persona.Expiry:yyyy-MM-dd}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, card.Nvm.TotalPageWrites);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void An_incomplete_standby_set_is_not_switched_to()
    {
        TestCard card = fixture.NewCard();
        var issuer = new CardPersonalizer(card.Client, Scp03Keys.Test);
        issuer.Select(JpkiAp.Aid);
        Assert.Equal(0x6985, issuer.Card.Send(Apdus.SwitchKeySet(0x02)).Sw);
        Assert.Equal(0x9000, issuer.Card.Send(Apdus.Verify(0x9B, Password)).Sw);
        Assert.Equal(0x9000, issuer.Card.Send(Apdus.SwitchKeySet(0x01)).Sw);
        Assert.Equal(0x9000, issuer.Card.Send(Apdus.GenerateEcKeyPair(JpkiAp.EcAuthKey, 1)).Sw);
        Assert.Equal(0x6985, issuer.Card.Send(Apdus.SwitchKeySet(0x02)).Sw);
        // Leaving the AP cancels the renewal: the old set is what the AP shows again.
        issuer.Select(JpkiAp.Aid);
        Assert.Equal(0x6985, issuer.Card.Send(Apdus.SwitchKeySet(0x02)).Sw);
        Assert.Equal(KeySet.Old, SetInUse(card, null));
    }

    [Fact]
    public void A_renewal_cut_anywhere_leaves_the_old_set_or_the_new_set_in_use()
    {
        TestCard dry = fixture.NewCard();
        dry.Nvm.ResetCounters();
        new Gen2Renewer(dry.Client, fixture.Ca, FreshArchive(), IssuedCardFixture.Clock).Renew(Scp03Keys.Test, fixture.Persona.SignPassword);
        long total = dry.Nvm.TotalPageWrites;
        int old = 0, renewedSets = 0;
        var seen = new List<string>();
        // CutPowerAfter(n) tears the n-th write; the last few are the switch itself (journal, commit record, home page).
        var cuts = Enumerable.Range(1, 10).Select(i => total * i / 11).Concat([1, 2, total - 3, total - 2, total - 1, total]).Where(n => n >= 1 && n <= total).Distinct();
        foreach (long cut in cuts)
        {
            TestCard card = fixture.NewCard();
            CaArchive archive = FreshArchive();
            card.Nvm.ResetCounters();
            card.Nvm.CutPowerAfter(cut, garble: true, seed: (int)cut);
            Assert.ThrowsAny<Exception>(() => new Gen2Renewer(card.Client, fixture.Ca, archive, IssuedCardFixture.Clock).Renew(Scp03Keys.Test, fixture.Persona.SignPassword));
            Assert.True(card.Nvm.IsPowerLost, $"cut {cut} of {total} did not strike");

            TestCard after = card.PowerCycle();
            Assert.True(after.Store.IsHealthy);
            KeySet set = SetInUse(after, null);
            seen.Add($"{cut}:{set}");
            if (set == KeySet.Old)
            {
                old++;
                // The renewal is simply run again.
                RenewedCard again = new Gen2Renewer(after.Client, fixture.Ca, archive, IssuedCardFixture.Clock).Renew(Scp03Keys.Test, fixture.Persona.SignPassword);
                Assert.Equal(KeySet.New, SetInUse(after.PowerCycle(), again));
                // A cut after the new certificates were recorded as pending: revoking them must spare the
                // certificates the renewal does not replace (the JPKI AP's own), which the card still uses.
                foreach (var (role, certificate) in archive.GetCard(fixture.Persona.Serial))
                {
                    Assert.True(CaRegistry.Find(archive.Directory, certificate.SerialNumber).Revoked is null, $"cut {cut}: the card's {role} certificate in use is revoked");
                }
            }
            else
            {
                renewedSets++;
                // The card switched but the CA folder never heard: the next run completes the renewal.
                RenewedCard completed = new Gen2Renewer(after.Client, fixture.Ca, archive, IssuedCardFixture.Clock).Renew(Scp03Keys.Test, fixture.Persona.SignPassword);
                Assert.Equal(KeySet.New, SetInUse(after.PowerCycle(), completed));
                Assert.Equal(completed.New[IssuedGen2Card.EcSign].RawData, archive.GetCard(fixture.Persona.Serial)[IssuedGen2Card.EcSign].RawData);
                Assert.Equal(RevocationReason.Superseded, CaRegistry.Check(archive.Directory, completed.Old[IssuedGen2Card.EcSign]).Reason);
            }
        }
        Assert.True(old > 0 && renewedSets > 0, $"cuts should land before and after the switch ({old} old, {renewedSets} new) of {total}: {string.Join(' ', seen)}");
    }

    private enum KeySet { Old, New }

    /// <summary>
    /// Which set the JPKI AP uses: each of the four keys signs, the signature verifies with the
    /// certificate the card holds next to it, and all four certificates are the fixture's (old) or
    /// all are new (those of <paramref name="renewed"/> when known). Anything else fails the test.
    /// </summary>
    private KeySet SetInUse(TestCard card, RenewedCard? renewed)
    {
        var personalizer = new CardPersonalizer(card.Client);
        card.Send(Apdus.SelectAid(JpkiAp.Aid));
        Assert.Equal(0x9000, card.Sw(Apdus.Verify(0x9B, System.Text.Encoding.ASCII.GetBytes(fixture.Persona.SignPassword))));
        byte[] message = RandomNumberGenerator.GetBytes(20);
        int oldCount = 0;
        foreach (var (role, keyFid, certificateFid) in IssuedGen2Card.Renewable)
        {
            var certificate = X509CertificateLoader.LoadCertificate(personalizer.ReadDer(certificateFid));
            bool isOld = certificate.RawData.AsSpan().SequenceEqual(fixture.Issued.Certificates[role].RawData);
            oldCount += isOld ? 1 : 0;
            if (!isOld && renewed is not null)
            {
                Assert.Equal(renewed.New[role].RawData, certificate.RawData);
            }
            card.Send(Apdus.SelectEf(keyFid));
            if (certificate.GetECDsaPublicKey() is { } ec)
            {
                ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x80, SHA256.HashData(message)));
                Assert.True(ec.VerifyData(message, signature.Data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), $"{role} does not match its certificate");
            }
            else
            {
                ResponseApdu signature = card.Send(Apdus.ComputeSignature(0x80, IssuerSignature.DigestInfo(message)));
                Assert.True(certificate.GetRSAPublicKey()!.VerifyData(message, signature.Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), $"{role} does not match its certificate");
            }
        }
        Assert.True(oldCount is 0 or 4, $"{oldCount} of 4 certificates are the old ones: a mixed set");
        return oldCount == 4 ? KeySet.Old : KeySet.New;
    }
}
