using NanoCard.Issuance;

namespace NanoCard.Flasher.Cards;

/// <summary>
/// The issuer key set of an issued card, for the commands that do the issuer's work after
/// issuance (renew, reset): the card's serial (which anyone may read) names its file in the CA
/// folder (<see cref="Scp03KeyFile.ForCard"/>).
/// </summary>
public static class IssuerKeySet
{
    public static Scp03Keys Of(CardClient plain, string caDirectory) =>
        Scp03KeyFile.ForCard(plain, caDirectory, Gen2Renewer.ReadSerial(plain));
}
