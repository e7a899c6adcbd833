using System.CommandLine;
using System.Security.Cryptography;
using NanoCard.Applets.CardManager;
using NanoCard.Flasher.Cards;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher reset</c>: factory reset (docs/apdu-spec.md §11), the card back to pre-issuance with
/// the factory test keys, ready to be issued again. A gen2 card is reset through an SCP03 session
/// under its issuer key set from the CA folder (whose file is then removed: the card has the test
/// set again); a gen1 card after EXTERNAL AUTHENTICATE with its issuer key.
/// </summary>
public static class ResetCommand
{
    public static Command Create()
    {
        var card = new Option<string>("--card") { Description = "sim:PATH (an EEPROM image file), pcsc:READER or serial:PORT", Required = true };
        var ca = new Option<string?>("--ca") { Description = "gen2: the CA folder that issued the card (its issuer key set); without it, the test key set" };
        var issuerKey = new Option<string?>("--issuer-key") { Description = "gen1: the card's AES-128 issuer key (32 hex digits); default: the test key" };
        var command = new Command("reset", "factory-reset a card: every AP, the card data and the issuer keys back to how the card left the factory") { card, ca, issuerKey };
        command.SetAction(result => Run(result.GetValue(card)!, result.GetValue(ca), result.GetValue(issuerKey), Console.Out));
        return command;
    }

    public static int Run(string target, string? caDirectory, string? issuerKeyHex, TextWriter output)
    {
        byte[]? gen1Key = IssueCommand.IssuerKey(issuerKeyHex);
        using CardConnection card = CardConnection.Open(target, access: ImageAccess.Existing);
        CardClient client = card.Client;
        try
        {
            if (!Gen2Issuer.IsGen2(client))
            {
                FactoryReset.Gen1(client, gen1Key ?? IssuerKey.TestKey);
                output.WriteLine($"{target}: gen1 card reset to pre-issuance");
                return 0;
            }
            if (gen1Key is not null)
            {
                throw new UserError("--issuer-key is for gen1 cards: a gen2 card is reset with the key set in its CA folder (--ca)");
            }
            string? serial = client.Send(Apdus.SelectCardManager()).IsOk ? SerialOrNull(client) : null;
            string? keyFile = caDirectory is not null && serial is not null ? Scp03KeyFile.PathFor(caDirectory, serial) : null;
            Scp03Keys keys = keyFile is not null ? Scp03KeyFile.ForCard(client, caDirectory!, serial!) : Scp03KeyVersion.Choose(client, Scp03Keys.Test);
            FactoryReset.Gen2(client, keys);
            if (keyFile is not null && File.Exists(keyFile))
            {
                File.Delete(keyFile);
            }
        }
        catch (CardException e)
        {
            throw new UserError($"{target}: reset refused at {e.Message}; the card is as it was");
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or CryptographicException)
        {
            throw new UserError($"{target}: {e.Message}; the card is as it was");
        }
        output.WriteLine($"{target}: gen2 card reset to pre-issuance; its issuer key set is the test set again");
        return 0;
    }

    private static string? SerialOrNull(CardClient client)
    {
        ResponseApdu serial = client.Send(Apdus.GetData(CardData.TagSerial));
        return serial.IsOk ? System.Text.Encoding.ASCII.GetString(serial.Data) : null;
    }
}
