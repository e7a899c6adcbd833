using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Applets.Jpki;
using NanoCard.Applets.Text;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Pn532;
using NanoCard.Hal.Host.Storage;
using NanoCard.Hal.Pn532;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Applets.Tests.Pn532;

/// <summary>
/// The real PN532 driver, the card OS and the APs of an issued card, through the PN532 simulator on
/// each bus: whole sessions, maximum-size exchanges, MI chaining, a reader leaving mid-command,
/// checksum errors, lost frames and noise. The card recovers every time, and no PIN try is lost or
/// counted twice.
/// </summary>
[Collection(IssuedCardCollection.Name)]
public sealed class Pn532SessionTests(IssuedCardFixture fixture)
{
    private Pn532Rig Build(string bus) => new(bus, fixture.Image);

    private byte[] Pin => System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin);

    private byte[][] JpkiAndTextSession(byte[] digestInfo) =>
    [
        Apdus.SelectAid(JpkiAp.Aid),
        Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinary(0, 0),
        Apdus.Verify(0x98, Pin),
        Apdus.ComputeSignature(0x97, digestInfo),
        Apdus.SelectAid(TextAp.Aid), Apdus.Verify(0x91, Pin),
        Apdus.SelectEf(TextAp.MyNumber), Apdus.ReadBinary(0, 17),
    ];

    [Theory]
    [InlineData("i2c")]
    [InlineData("spi")]
    [InlineData("hsu")]
    public void A_JPKI_and_text_session_runs_over_each_bus(string bus)
    {
        Pn532Rig rig = Build(bus);
        byte[] message = "over the air"u8.ToArray();
        var reader = new TestReader(JpkiAndTextSession(IssuerSignature.DigestInfo(message)));
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(50));
        Assert.True(rig.Chip.Configured);
        Assert.Equal(9, reader.Responses.Count);
        Assert.All(reader.Responses, r => Assert.Equal([0x90, 0x00], r[^2..]));
        Assert.Equal(258, reader.Responses[2].Length);
        byte[] signature = reader.Responses[4][..^2];
        using RSA key = fixture.Issued.AuthCertificate.GetRSAPublicKey()!;
        Assert.True(key.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(fixture.Persona.MyNumber, System.Text.Encoding.ASCII.GetString(reader.Responses[8][3..15]));
        // UID bytes and historical bytes went into TgInitAsTarget.
        Assert.Equal(Pn532Rig.Nfcid1, reader.Activation[3..6]);
        Assert.Equal(Pn532Rig.Historical, reader.Activation[^5..]);
        Assert.Equal(0, rig.Driver.Retries);
    }

    [Fact]
    public void Maximum_size_exchanges_and_MI_chaining()
    {
        Pn532Rig rig = Build("i2c");
        byte[] longVerify = [0x00, 0x20, 0x00, 0x98, 0xFF, .. Enumerable.Repeat((byte)0x31, 255)];
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), longVerify, Apdus.SelectEf(JpkiAp.AuthCertificate), Apdus.ReadBinary(0, 0)) { PieceSize = 64 };
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(50));
        Assert.Equal(4, reader.Responses.Count);
        Assert.Equal([0x6A, 0x80], reader.Responses[1]); // 260 bytes came in 5 pieces, whole; a PIN of 255 digits breaks the format
        Assert.Equal(258, reader.Responses[3].Length);
        Assert.Equal(0x63C3, Tries(rig));
    }

    [Theory]
    [InlineData("i2c")]
    [InlineData("spi")]
    [InlineData("hsu")]
    public void An_APDU_longer_than_the_card_takes_over_NFC_answers_6700_and_the_session_goes_on(string bus)
    {
        // An extended-length VERIFY of 5 000 bytes, which the ATS does not offer and which is longer
        // than even the runtime's 4 KB: the link reads the whole MI chain over its short-APDU
        // buffer's slack, answers 6700 itself, and the reader's next command is served.
        Pn532Rig rig = Build(bus);
        byte[] extended = [0x00, 0x20, 0x00, 0x98, 0x00, 0x13, 0x88, .. Enumerable.Repeat((byte)0x31, 5000)];
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), extended, Apdus.Verify(0x98, Pin)) { PieceSize = 64 };
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(50));
        Assert.Equal(3, reader.Responses.Count);
        Assert.Equal([0x67, 0x00], reader.Responses[1]);
        Assert.Equal([0x90, 0x00], reader.Responses[2]);
        Assert.Equal(0, rig.Link.Recoveries);
    }

    [Fact]
    public void A_response_longer_than_one_exchange_goes_out_with_61xx_and_GET_RESPONSE()
    {
        // A blank card's GENERATE KEY PAIR answers 270 bytes: 256 in the first frame, 14 after GET RESPONSE.
        var rig = new Pn532Rig("i2c", new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize).Snapshot());
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.GenerateKeyPair(JpkiAp.AuthKey), [0x00, 0xC0, 0x00, 0x00, 0x0E]);
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(50));
        Assert.Equal(258, reader.Responses[1].Length);
        Assert.Equal([0x61, 0x0E], reader.Responses[1][^2..]);
        Assert.Equal(16, reader.Responses[2].Length);
        Assert.Equal([0x90, 0x00], reader.Responses[2][^2..]);
        byte[] template = [.. reader.Responses[1][..256], .. reader.Responses[2][..14]];
        Assert.Equal([0x7F, 0x49, 0x82, 0x01, 0x09], template[..5]);
    }

    [Fact]
    public void A_reader_that_leaves_mid_command_costs_exactly_the_try_the_card_counted()
    {
        Pn532Rig rig = Build("spi");
        byte[] wrong = System.Text.Encoding.ASCII.GetBytes(fixture.Persona.Pin[..3] + (fixture.Persona.Pin[3] == '0' ? '1' : '0'));
        var leaving = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.Verify(0x98, wrong)) { LeaveAfterCommand = 2 };
        rig.Chip.Tap(leaving);
        Assert.True(rig.Link.ServeSession(50));
        Assert.True(leaving.Left);
        Assert.Single(leaving.Responses);
        // The card did not need a restart: the next reader is served, and sees one try used, not zero, not two.
        Assert.Equal(0x63C2, Tries(rig));
    }

    [Theory]
    [InlineData("i2c")]
    [InlineData("spi")]
    [InlineData("hsu")]
    public void Checksum_errors_lost_frames_and_noise_are_recovered_by_the_driver(string bus)
    {
        Pn532Rig rig = Build(bus);
        rig.Chip.CorruptResponses = 3;
        rig.Chip.LoseHostFrames = 2;
        rig.Chip.NoiseBeforeFrames = 4;
        byte[] message = "noisy bus"u8.ToArray();
        var reader = new TestReader(JpkiAndTextSession(IssuerSignature.DigestInfo(message)));
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(50));
        Assert.Equal(9, reader.Responses.Count);
        Assert.All(reader.Responses, r => Assert.Equal([0x90, 0x00], r[^2..]));
        // Every corrupted frame was NACKed (on HSU, noise right after an ACK's postamble can look like a
        // bad frame too and be NACKed as well), and each lost frame was sent again.
        Assert.True(rig.Chip.NacksReceived >= 3, $"{rig.Chip.NacksReceived} NACKs");
        Assert.Equal(rig.Chip.NacksReceived + 2, rig.Driver.Retries);
        Assert.Equal(0, rig.Link.Recoveries);
    }

    [Fact]
    public void A_chip_that_stops_answering_is_configured_again_and_the_reader_served()
    {
        Pn532Rig rig = Build("i2c");
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98));
        rig.Chip.Tap(reader);
        rig.Chip.LoseHostFrames = 4; // more than the driver's three attempts: a protocol error
        Assert.True(rig.Link.ServeSession(50));
        Assert.Equal(1, rig.Link.Recoveries);
        Assert.Empty(reader.Responses);
        Assert.True(rig.Link.ServeSession(50));
        Assert.Equal([0x63, 0xC3], reader.Responses[1]);
    }

    [Fact]
    public void No_reader_no_session()
    {
        Pn532Rig rig = Build("i2c");
        Assert.False(rig.Link.ServeSession(5));
        Assert.Equal(0, rig.Link.Apdus);
    }

    /// <summary>The auth PIN's status word as a new reader sees it.</summary>
    private static int Tries(Pn532Rig rig)
    {
        var reader = new TestReader(Apdus.SelectAid(JpkiAp.Aid), Apdus.VerifyStatus(0x98));
        rig.Chip.Tap(reader);
        Assert.True(rig.Link.ServeSession(50));
        return (reader.Responses[1][0] << 8) | reader.Responses[1][1];
    }
}
