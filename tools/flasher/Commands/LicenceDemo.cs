using System.Globalization;
using System.Security.Cryptography;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;
using NanoCard.Issuance.Content;
using NanoCard.Issuance.Packages;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// The last part of <c>flasher demo --profile gen2</c> (docs/teaching.md, "The licence AP after
/// issuance"): the issuer makes the police agency's domain, the agency installs the licence AP
/// over its own SCP03 session and personalizes it, a police reader reads it back with the two PINs
/// and checks the agency's signatures, and the free space before and after is printed.
/// </summary>
internal static class LicenceDemo
{
    public static void Session(CardStore store, CardClient reader, Persona persona, List<(string What, bool Ok)> checks, TextWriter output)
    {
        LicenceData licence = persona.Licence!;
        FreeSpace before = InstalledContent.Free(store);
        var channel = new ResponseFollowingChannel(reader);
        output.WriteLine("# licence AP after issuance: the issuer's SCP03 session creates the police agency's domain, whose keys travel encrypted");
        Scp03Keys police = Scp03Keys.Random(0x01);
        DomainSession.OpenIssuer(channel, Scp03Keys.Test).CreateDomain(LicencePackage.DomainAid, police, 2048);
        output.WriteLine("# the agency's own SCP03 session installs the licence AP and personalizes it: PINs encrypted, every command MACed");
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PackageInstaller.InstallLicence(DomainSession.Open(channel, LicencePackage.DomainAid, police), persona, signer);
        output.WriteLine("# a police reader: the common data; 暗証番号1 and the licence's items; 暗証番号2 and the registered domicile");
        LicenceReading reading = LicenceReader.Read(reader, licence.Pin1, licence.Pin2, signer);
        checks.Add(("licence AP installed over SCP03 in the police domain, read with both PINs, the agency's signatures check",
            reading.Refusals.Count == 0 && reading.Item(LicenceFormat.TagNumber) == licence.Number
            && reading.Domicile == licence.RegisteredDomicile && reading.ItemsSigned == true && reading.DomicileSigned == true));
        FreeSpace after = InstalledContent.Free(store);
        output.WriteLine($"# free for future APs: {before.Free:N0} bytes before ({Percent(before)}), {after.Free:N0} after ({Percent(after)}): the domain and the licence AP took {before.Free - after.Free:N0}");
        checks.Add(($"free space for future APs {Percent(after)} of the EEPROM after the licence AP (the task force asks for 40–50 %)", after.Free < before.Free && after.Percent >= 50));
    }

    private static string Percent(FreeSpace space) => space.Percent.ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
