using System.Security.Cryptography;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Trace;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;

namespace NanoCard.Flasher.Lessons;

/// <summary>
/// The licence AP after issuance (docs/apdu-spec.md §11.2–§11.3): the issuer makes the police
/// agency's domain in its own SCP03 session, the agency installs the licence AP in the domain's
/// session, and a reader reads it with the two PINs. Shows who holds which key and what a relay
/// between card and terminal sees. The keys and host challenges are fixed, so the trace is the
/// same on every run; personalization (which writes the agency's signatures, random ECDSA) is
/// counted, not traced.
/// </summary>
public sealed class LicenceLesson() : Lesson("licence-ap", "The licence AP after issuance")
{
    /// <summary>The police agency's key set for the lesson (a real one is random, `flasher domain create`).</summary>
    private static readonly Scp03Keys Police = new(0x01,
        Convert.FromHexString("404142434445464748494A4B4C4D4E4F"),
        Convert.FromHexString("505152535455565758595A5B5C5D5E5F"),
        Convert.FromHexString("606162636465666768696A6B6C6D6E6F"));

    public override void Run(TextWriter output)
    {
        LessonCard card = LessonCard.Issue();
        Persona persona = card.Persona;
        var channel = new ResponseFollowingChannel(card.Reader);
        FreeSpace before = InstalledContent.Free(card.Card.Store);
        var trace = new TraceWriter(output);
        card.Reader.Exchanged += trace.Write;

        output.WriteLine("# the issuer holds the card manager's key set (the test set, version 30, on this card): its session");
        output.WriteLine("# opens with INITIALIZE UPDATE (the host challenge; the card answers its challenge and cryptogram)");
        output.WriteLine("# and EXTERNAL AUTHENTICATE (the host's cryptogram): both sides proved they hold the keys");
        DomainSession issuer = DomainSession.OpenIssuer(channel, Scp03Keys.Test, Challenge(0x11));
        output.WriteLine("# INSTALL of the police agency's domain: its new key set travels encrypted (C-DECRYPTION), so");
        output.WriteLine("# neither a relay nor the issuer's own terminal log ever sees the agency's keys in clear");
        issuer.CreateDomain(LicencePackage.DomainAid, Police, 2048);
        output.WriteLine("# the agency selects its domain and opens a session with its own keys (version 01): the issuer's");
        output.WriteLine("# keys open nothing here, and the agency's open nothing in the issuer's APs");
        DomainSession police = DomainSession.Open(channel, LicencePackage.DomainAid, Police, Challenge(0x22));
        output.WriteLine("# INSTALL of the licence AP from its description: files, PINs, rules; no code");
        police.InstallAp(LicencePackage.Describe(persona, Signer));
        card.Reader.Exchanged -= trace.Write;

        int personalization = 0;
        card.Reader.Exchanged += (_, _) => personalization++;
        police.Personalize(LicencePackage.Describe(persona, Signer));
        output.WriteLine($"# personalization in the agency's session opened on the AP: {personalization} exchanges, each with");
        output.WriteLine("# a C-MAC and encrypted data (PINs, items, the agency's signatures): a relay sees ciphertext");
        output.WriteLine("# it can neither read nor change nor replay (the MAC chains every command to the one before)");
        card.Reader.Exchanged += trace.Write;

        output.WriteLine("# a reader needs no key at all: the common data element (issue and expiry dates) is free,");
        output.WriteLine("# 暗証番号1 opens the licence's items, 暗証番号2 the registered domicile; the PINs are masked");
        CardClient reader = card.Reader;
        reader.Send(Apdus.SelectAid(LicencePackage.Aid));
        reader.Send(Apdus.SelectEf(LicencePackage.CommonData));
        reader.Send(Apdus.ReadBinary(0, 0));
        reader.Send(Apdus.SelectEf(LicencePackage.Items));
        reader.Send(Apdus.ReadBinary(0, 0));
        reader.Send(Apdus.Verify(0x81, System.Text.Encoding.ASCII.GetBytes(persona.Licence!.Pin1)));
        reader.Send(Apdus.ReadBinary(0, 0));
        reader.Send(Apdus.SelectEf(LicencePackage.Domicile));
        reader.Send(Apdus.ReadBinary(0, 0));
        reader.Send(Apdus.Verify(0x82, System.Text.Encoding.ASCII.GetBytes(persona.Licence.Pin2)));
        reader.Send(Apdus.ReadBinary(0, 0));
        card.Reader.Exchanged -= trace.Write;

        LicenceReading reading = LicenceReader.Read(reader, persona.Licence.Pin1, persona.Licence.Pin2, Signer);
        FreeSpace after = InstalledContent.Free(card.Card.Store);
        output.WriteLine($"# the agency's signatures over the items and the domicile check: {reading.ItemsSigned == true && reading.DomicileSigned == true}");
        output.WriteLine($"# free for future APs: {before.Free:N0} bytes before, {after.Free:N0} after: the domain and the licence AP took {before.Free - after.Free:N0}");
    }

    /// <summary>The police agency's signing key, made once per process: the lesson prints no signature bytes.</summary>
    private static readonly ECDsa Signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static byte[] Challenge(byte value) => Enumerable.Repeat(value, 8).ToArray();
}
