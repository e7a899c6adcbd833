using System.Text;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Commands;
using NanoCard.Flasher.Service;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// Online renewal (issue 22): <c>flasher ca serve</c> runs it, the holder's machine only relays
/// APDUs (docs/apdu-spec.md §13.4, docs/security.md). The relay sees no secret; a bit it flips in
/// any command of the issuer's session stops the renewal with the card's keys in use unchanged;
/// a relay killed anywhere leaves a renewal the next run completes; no password, no renewal; a
/// death-revoked card and a card of another CA folder are refused.
/// </summary>
public sealed class OnlineRenewalTests
{
    private const byte InsInitializeUpdate = 0x50;
    private const byte InsGetResponse = 0xC0;
    private const byte InsVerify = 0x20;
    private const byte InsSwitchKeySet = 0x3C;

    [Fact]
    public async Task A_card_renews_through_a_relay_that_sees_no_secret_and_renews_again_with_flasher_renew_service()
    {
        await using var h = IssuerServiceHarness.Start();
        Persona persona = h.Issue(61, "card.img");
        IReadOnlyList<string> report;
        RecordingRelay relay;
        using (CardConnection card = CardConnection.Open("sim:" + h.In("card.img"), access: ImageAccess.Existing))
        using (var http = new HttpClient())
        {
            relay = new RecordingRelay(card.Client);
            report = RelayClient.Renew(http, h.Service.Address, persona.SignPassword, relay);
        }
        Assert.Equal(4, report.Count(line => line.Contains("(revoked: superseded)", StringComparison.Ordinal)));

        string recording = string.Join('\n', relay.Forwarded.Select(f => Convert.ToHexString(f.Command) + " " + f.Response));
        foreach (string secret in new[] { persona.SignPassword, persona.Pin, persona.Puk, persona.MyNumber })
        {
            Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(secret)), recording, StringComparison.Ordinal);
        }
        // After the session opened, every command but GET RESPONSE is wrapped (CLA with the secure-messaging bit).
        int opened = relay.Forwarded.FindLastIndex(f => f.Command[1] == InsInitializeUpdate) + 2;
        Assert.All(relay.Forwarded.Skip(opened).Where(f => f.Command[1] != InsGetResponse), f => Assert.Equal(0x04, f.Command[0] & 0x04));
        Assert.Contains(relay.Forwarded.Skip(opened), f => f.Command[1] == InsVerify);

        var output = new StringWriter();
        Assert.Equal(0, VerifyCommand.Run("sim:" + h.In("card.img"), h.CaDirectory, output));
        Assert.Contains("genuine card", output.ToString(), StringComparison.Ordinal);

        output = new StringWriter();
        Assert.Equal(0, RenewCommand.RunOnline("sim:" + h.In("card.img"), h.Service.Address.AbsoluteUri, () => persona.SignPassword, output));
        Assert.Equal(4, output.ToString().Split('\n').Count(line => line.Contains("(revoked: superseded)", StringComparison.Ordinal)));
        string renewed = h.CertificatePem(persona, IssuedGen2Card.EcAuth, "renewed.pem");
        Assert.Contains(h.Service.Links.Ocsp.AbsoluteUri, OpenSslCli.Run("x509", "-in", renewed, "-noout", "-ext", "authorityInfoAccess"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bit_flipped_in_any_command_of_the_session_fails_the_renewal_with_the_cards_keys_unchanged()
    {
        await using var h = IssuerServiceHarness.Start();
        Persona persona = h.Issue(62, "card.img");
        var snapshot = new CardSnapshot(h, persona, "card.img");
        RecordingRelay dry = snapshot.Renew(card => new RecordingRelay(card));
        int first = dry.Forwarded.FindLastIndex(f => f.Command[1] == InsInitializeUpdate);
        int verify = dry.Forwarded.FindIndex(f => f.Command[1] == InsVerify && (f.Command[0] & 0x04) != 0);
        Assert.True(first > 0 && verify > first, "the dry run opened a session and verified the password in it");

        int flipped = 0;
        for (int i = first; i < dry.Forwarded.Count; i++)
        {
            if (dry.Forwarded[i].Command[1] == InsGetResponse)
            {
                continue; // plain below the session; the R-MAC over the whole reply covers what it returns
            }
            snapshot.Restore();
            int index = i;
            Exception? failure = Record.Exception(() => snapshot.Renew(card => new BitFlippingRelay(card, index, seed: index)));
            Assert.True(failure is not null, $"the renewal went through with a bit flipped in command {i}: {Convert.ToHexString(dry.Forwarded[i].Command)}");
            snapshot.AssertKeysInUseUnchanged($"bit flipped in command {i} ({Convert.ToHexString(dry.Forwarded[i].Command.AsSpan(0, 4))})");
            flipped++;
        }
        Assert.True(flipped > 30, $"{flipped} commands tried");

        snapshot.Restore();
        snapshot.Renew(card => card);
        Assert.NotEqual(snapshot.OriginalAuthCertificate, snapshot.AuthCertificateOnCard());
    }

    [Fact]
    public async Task A_renewal_cut_by_a_killed_relay_is_completed_by_running_it_again()
    {
        await using var h = IssuerServiceHarness.Start(relayTimeout: TimeSpan.FromSeconds(2));
        Persona persona = h.Issue(63, "card.img");
        var snapshot = new CardSnapshot(h, persona, "card.img");
        RecordingRelay dry = snapshot.Renew(card => new RecordingRelay(card));
        int open = dry.Forwarded.FindIndex(f => f.Command[1] == InsSwitchKeySet) + 1;
        int commit = dry.Forwarded.FindLastIndex(f => f.Command[1] == InsSwitchKeySet) + 1;
        foreach (int killedAfter in new[] { 3, open - 1, open, (open + commit) / 2, commit - 1, commit })
        {
            snapshot.Restore();
            Assert.Throws<IOException>(() => snapshot.Renew(card => new DyingRelay(card, killedAfter)));
            bool switched = snapshot.AuthCertificateOnCard().AsSpan().SequenceEqual(snapshot.OriginalAuthCertificate);
            Assert.True(killedAfter == commit ? !switched : switched, $"relay killed after {killedAfter} of {dry.Forwarded.Count} commands");
            snapshot.Renew(card => card);
            byte[] onCard = snapshot.AuthCertificateOnCard();
            Assert.NotEqual(snapshot.OriginalAuthCertificate, onCard);
            Assert.Equal(snapshot.ArchivedAuthCertificate(), onCard);
        }
    }

    [Fact]
    public async Task Without_the_password_a_death_revoked_card_and_another_ca_folders_card_are_refused()
    {
        await using var h = IssuerServiceHarness.Start();
        Persona persona = h.Issue(64, "card.img");
        string url = h.Service.Address.AbsoluteUri;
        byte[] before = File.ReadAllBytes(h.In("card.img"));
        UserError noPassword = Assert.Throws<UserError>(() => RenewCommand.RunOnline("sim:" + h.In("card.img"), url, () => "NOTTHEPASSWORD", TextWriter.Null));
        Assert.Contains("renewal refused", noPassword.Message, StringComparison.Ordinal);
        Assert.Contains("the signing password is wrong (4 tries left)", noPassword.Message, StringComparison.Ordinal);
        using (var http = new HttpClient())
        {
            RelayException empty = Assert.Throws<RelayException>(() => RelayClient.Renew(http, h.Service.Address, "", new RecordingRelay(new NoCard())));
            Assert.True(empty.Refused);
        }

        string serial = new CaArchive(h.CaDirectory, TestCa.OpenOrCreate(h.CaDirectory, DateTimeOffset.UtcNow)).GetCard(persona.Serial)[IssuedGen2Card.RsaSign].SerialNumber;
        Assert.Equal(0, RevokeCommand.Run(h.CaDirectory, serial, "death", TextWriter.Null));
        before = File.ReadAllBytes(h.In("card.img"));
        UserError death = Assert.Throws<UserError>(() => RenewCommand.RunOnline("sim:" + h.In("card.img"), url, () => persona.SignPassword, TextWriter.Null));
        Assert.Contains($"{serial} was revoked on", death.Message, StringComparison.Ordinal);
        Assert.Contains("as death: the holder has died", death.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(h.In("card.img")));

        Assert.Equal(0, PersonaCommand.New("gen2", 65, h.In("other.json"), TextWriter.Null));
        Assert.Equal(0, IssueCommand.Run(h.In("other.json"), h.In("other-ca"), "sim:" + h.In("other.img"), null, TextWriter.Null));
        UserError other = Assert.Throws<UserError>(() => RenewCommand.RunOnline("sim:" + h.In("other.img"), url, () => PersonaFile.Load(h.In("other.json")).SignPassword, TextWriter.Null));
        Assert.Contains("did not issue card", other.Message, StringComparison.Ordinal);
    }

    /// <summary>A card that never answers: the refusal must come before any command.</summary>
    private sealed class NoCard : ICardChannel
    {
        public ResponseApdu Transmit(byte[] command) => throw new InvalidOperationException("no command was expected");
    }
}
