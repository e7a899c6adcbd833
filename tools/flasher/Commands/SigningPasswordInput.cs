using NanoCard.Issuance;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// The holder's signing password for renewal, kept off the command line (where every user of the
/// machine can read it): from the persona file the card was issued for, or one line on standard input.
/// </summary>
public static class SigningPasswordInput
{
    public static string Read(string? personaPath, bool fromStandardInput, TextReader input)
    {
        if ((personaPath is null) == !fromStandardInput)
        {
            throw new UserError("renew needs the holder's signing password: exactly one of --persona FILE or --password-stdin");
        }
        if (personaPath is not null)
        {
            try
            {
                return PersonaFile.Load(personaPath).SignPassword;
            }
            catch (PersonaException e)
            {
                throw new UserError(e.Message);
            }
        }
        string? line = input.ReadLine();
        return string.IsNullOrEmpty(line) ? throw new UserError("--password-stdin: no password on standard input") : line.TrimEnd('\r');
    }
}
