using NanoCard.Applets.CardManager;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Commands;
using NanoCard.Issuance;
using NanoCard.Os.Store;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The issuer's SCP03 key set through the flasher (docs/apdu-spec.md §11.1, docs/security.md):
/// <c>flasher issue</c> gives a gen2 card a fresh set and keeps it in the CA folder, <c>renew</c>
/// and <c>reset</c> open their sessions with it, a reset card has the test set again and is issued
/// again; without the set, nothing on the card changes. gen1 is reset with its 00 82 issuer key.
/// </summary>
public sealed class IssuerKeySetCommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-keyset-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    private static T OnCard<T>(string image, Func<CardClient, T> use)
    {
        using CardConnection card = CardConnection.Open("sim:" + image, access: ImageAccess.Existing);
        return use(card.Client);
    }

    [Fact]
    public void A_gen2_card_is_issued_renewed_reset_and_issued_again_under_the_ca_folders_key_set()
    {
        string image = In("card.img");
        Assert.Equal(0, PersonaCommand.New("gen2", 41, In("p.json"), TextWriter.Null));
        Persona persona = PersonaFile.Load(In("p.json"));
        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), "sim:" + image, null, TextWriter.Null));

        string keyFile = Scp03KeyFile.PathFor(In("ca"), persona.Serial);
        Scp03Keys keys = Scp03KeyFile.Load(keyFile);
        Assert.False(keys.IsTest);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
        Assert.Equal(keys.Version, OnCard(image, Scp03KeyVersion.Read));
        // The public test set opens nothing on the issued card.
        Assert.Equal(0x6A88, Assert.Throws<CardException>(() => OnCard(image, client => { FactoryReset.Gen2(client, Scp03Keys.Test); return 0; })).Sw);

        var output = new StringWriter();
        Assert.Equal(0, RenewCommand.Run("sim:" + image, In("ca"), () => persona.SignPassword, output));
        Assert.Contains("(revoked: superseded)", output.ToString(), StringComparison.Ordinal);

        // Without the CA folder's set the reset is refused and the image stays as it was.
        byte[] before = File.ReadAllBytes(image);
        Assert.Contains("none of the key sets", Assert.Throws<UserError>(() => ResetCommand.Run("sim:" + image, null, null, TextWriter.Null)).Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(image));

        output = new StringWriter();
        Assert.Equal(0, ResetCommand.Run("sim:" + image, In("ca"), null, output));
        Assert.Contains("reset to pre-issuance", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile));
        Assert.Equal(Scp03Keys.Test.Version, OnCard(image, Scp03KeyVersion.Read));
        Assert.Equal(LifeCycle.OpReady, OnCard(image, client =>
        {
            client.Expect(Apdus.SelectCardManager(), "SELECT");
            return client.Expect(Apdus.GetData(CardManagerApplet.TagLifeCycle), "life cycle")[0];
        }));

        Assert.Equal(0, IssueCommand.Run(In("p.json"), In("ca"), "sim:" + image, null, TextWriter.Null));
        Scp03Keys second = Scp03KeyFile.Load(keyFile);
        Assert.NotEqual(Convert.ToHexString(keys.Enc), Convert.ToHexString(second.Enc));
        Assert.Equal(second.Version, OnCard(image, Scp03KeyVersion.Read));
    }

    [Fact]
    public void A_gen2_persona_with_a_gen1_issuer_key_is_a_one_line_error()
    {
        Assert.Equal(0, PersonaCommand.New("gen2", 42, In("p.json"), TextWriter.Null));
        var error = Assert.Throws<UserError>(() => IssueCommand.Run(In("p.json"), In("ca"), "sim:" + In("card.img"), new string('1', 32), TextWriter.Null));
        Assert.Contains("gen1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gen1_card_is_reset_with_its_issuer_key_and_issued_again()
    {
        string image = In("g1.img");
        Assert.Equal(0, PersonaCommand.New("gen1", 43, In("g1.json"), TextWriter.Null));
        string issuerKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Assert.Equal(0, IssueCommand.Run(In("g1.json"), In("ca"), "sim:" + image, issuerKey, TextWriter.Null));
        byte[] before = File.ReadAllBytes(image);
        Assert.Throws<UserError>(() => ResetCommand.Run("sim:" + image, null, null, TextWriter.Null));
        Assert.Equal(before, File.ReadAllBytes(image));
        Assert.Equal(0, ResetCommand.Run("sim:" + image, null, issuerKey, TextWriter.Null));
        Assert.Equal(0, IssueCommand.Run(In("g1.json"), In("ca"), "sim:" + image, null, TextWriter.Null));
    }
}
