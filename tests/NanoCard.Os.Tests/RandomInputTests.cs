using CsCheck;

namespace NanoCard.Os.Tests;

/// <summary>
/// Property tests: whatever bytes arrive, the dispatcher answers with a status word and does not
/// throw. Seeds are fixed so a failure is reproducible; CsCheck prints the seed of any failure.
/// </summary>
public class RandomInputTests
{
    private static readonly byte[] KnownInstructions = [0x20, 0xA4, 0xB0, 0xB2, 0xC0, 0xD6, 0x10, 0x12, 0x14, 0x16, 0x1A, 0x1C];
    private static readonly byte[] KnownClasses = [0x00, 0x10, 0x80, 0x90, 0x0C, 0x01, 0x40, 0xFF];

    /// <summary>Random byte strings of 0–300 bytes, one by one, on a card with an applet selected.</summary>
    [Fact]
    public void Random_bytes_always_get_a_status_word()
    {
        Gen.Byte.Array[0, 300].Sample(command =>
        {
            var card = new CardHarness();
            card.SelectMain();
            AssertAnswered(card, command);
        }, iter: 20_000, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    /// <summary>
    /// Sequences of commands with plausible headers (known CLA and INS, random P1/P2 and body), so
    /// that parsing passes and the file, PIN, chaining and GET RESPONSE paths are reached.
    /// </summary>
    [Fact]
    public void Random_command_sequences_always_get_a_status_word()
    {
        var command = Gen.Select(Gen.OneOf(KnownClasses), Gen.OneOf(KnownInstructions), Gen.Byte, Gen.Byte, Gen.Byte.Array[0, 300])
            .Select((cla, ins, p1, p2, body) => new byte[] { cla, ins, p1, p2 }.Concat(body).ToArray());
        command.Array[1, 20].Sample(sequence =>
        {
            var card = new CardHarness();
            card.SelectMain();
            foreach (var c in sequence)
            {
                AssertAnswered(card, c);
            }
        }, iter: 5_000, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    private static void AssertAnswered(CardHarness card, byte[] command)
    {
        var reply = card.Send(command);   // Send asserts a frame of at least two bytes
        bool deliberateBug = command.Length >= 2 && command[0] == 0x80 && command[1] == TestApplet.InsBug;
        if (!deliberateBug)
        {
            Assert.NotEqual(Sw.Unknown, reply.Sw);
        }
    }
}

/// <summary>
/// "Every malformed APDU gets a defined status word; nothing changes the card": after any command
/// the card refuses (an error status word), the files, try counters and verified flags are exactly
/// as before it.
/// </summary>
public class RefusedCommandsChangeNothingTests
{
    private static readonly byte[] Instructions = [0xD6, 0x20, 0xA4, 0xB0, 0xB2, 0xC0, 0x10];
    private static readonly byte[] Classes = [0x00, 0x10, 0x80, 0x90, 0x04, 0x01, 0xFF];
    /// <summary>P1/P2 values that name the test applet's files and PINs, so random commands reach them.</summary>
    private static readonly byte[] References = [0x00, 0x01, 0x02, 0x04, 0x0C, 0x80, 0x81, 0x82, 0x91, 0x9B, 0x1C];

    [Fact]
    public void Refused_commands_leave_files_and_pins_untouched()
    {
        var parameter = Gen.OneOf(Gen.Byte, Gen.OneOf(References));
        // Half the frames carry a consistent Lc (so they reach the applet), half are raw bytes.
        var command = Gen.Select(Gen.OneOf(Classes), Gen.OneOf(Instructions), parameter, parameter, Gen.Byte.Array[0, 40], Gen.Bool)
            .Select((cla, ins, p1, p2, body, withLc) => new byte[] { cla, ins, p1, p2 }
                .Concat(withLc && body.Length > 0 ? [(byte)body.Length] : Array.Empty<byte>()).Concat(body).ToArray());
        command.Array[1, 30].Sample(sequence =>
        {
            var card = new CardHarness();
            card.SelectMain();
            card.Send("0020009104" + "31323334");   // PIN verified: UPDATE BINARY on EF 0001 is allowed
            foreach (var c in sequence)
            {
                string before = Snapshot(card.Main);
                var reply = card.Send(c);
                int sw1 = reply.Sw >> 8;
                bool refused = sw1 != 0x90 && sw1 != 0x61 && sw1 != 0x63;
                if (refused)
                {
                    Assert.Equal(before, Snapshot(card.Main));
                }
            }
        }, iter: 3_000, threads: 1);
    }

    private static string Snapshot(TestApplet applet)
    {
        var files = new System.Text.StringBuilder();
        for (int i = 0; i < applet.FileCount; i++)
        {
            if (applet.File(i) is NanoCard.Os.Files.TransparentEf ef)
            {
                var body = new byte[ef.Size];
                ef.Read(0, body, 0, ef.Size);
                files.Append(Convert.ToHexString(body)).Append('/');
            }
        }
        return $"{files}|{applet.Pin.TriesRemaining}{applet.Pin.IsValidated}|{applet.Password.TriesRemaining}{applet.Password.IsValidated}";
    }
}
