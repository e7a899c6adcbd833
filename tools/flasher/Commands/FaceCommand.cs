using System.CommandLine;
using NanoCard.Flasher.Cards;
using NanoCard.Flasher.Pictures;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher face</c>: the card face as the chip holds it. Talks to the card as any reader does
/// (SELECT the visual AP, VERIFY 照合番号A or B, READ BINARY) and draws what comes back; the persona
/// file, when given, only supplies 照合番号B, so the picture shows the card's data, not the file's.
/// The codes are never printed.
/// </summary>
public static class FaceCommand
{
    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "sim:PATH (an EEPROM image file), pcsc:READER or serial:PORT", Required = true };
        var png = new Option<string>("--png") { Description = "the PNG file to write", Required = true };
        var persona = new Option<string?>("--persona") { Description = "the persona file the card was issued for: its 照合番号B opens the face (keeps the code off the command line)" };
        var pinB = new Option<string?>("--pin-b") { Description = "照合番号B: birth date YYMMDD (Japanese era) + expiry year + security code, 14 digits" };
        var pinA = new Option<string?>("--pin-a") { Description = "照合番号A: the individual number, 12 digits" };
        var command = new Command("face", "draw the card face from the visual AP's data, read after VERIFY 照合番号B (or A)") { card, png, persona, pinB, pinA };
        command.SetAction(result => Run(result.GetValue(card)!, result.GetValue(png)!, Code(result.GetValue(persona), result.GetValue(pinB), result.GetValue(pinA)), Console.Out));
        return command;
    }

    /// <summary>Exactly one of the three ways to give the code.</summary>
    public static VerificationCode Code(string? persona, string? pinB, string? pinA)
    {
        int given = (persona is null ? 0 : 1) + (pinB is null ? 0 : 1) + (pinA is null ? 0 : 1);
        if (given != 1)
        {
            throw new UserError("face needs exactly one of --persona FILE, --pin-b 照合番号B or --pin-a 照合番号A");
        }
        if (persona is not null)
        {
            try
            {
                return new VerificationCode('B', PersonaFile.Load(persona).CodeB);
            }
            catch (PersonaException e)
            {
                throw new UserError(e.Message);
            }
        }
        return pinB is not null ? new VerificationCode('B', pinB) : new VerificationCode('A', pinA!);
    }

    public static int Run(string target, string png, VerificationCode code, TextWriter output)
    {
        // A face needs an issued card: a missing image file is refused rather than made blank.
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        CardFace face;
        try
        {
            face = CardFace.Read(card.Client, code);
        }
        catch (Exception e) when (e is CardException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new UserError($"{target}: no card face to read ({e.Message}); is the card issued?");
        }
        CardFacePicture.Save(face, code.Latin, png);
        output.WriteLine($"{png}: the card face of {target}, read after VERIFY {code}");
        return 0;
    }
}
