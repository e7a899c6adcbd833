using System.Security.Cryptography;

namespace NanoCard.Issuance;

/// <summary>
/// The issuer's side of EXTERNAL AUTHENTICATE (docs/apdu-spec.md §11): GET CHALLENGE for 16
/// bytes, encrypt them with the AES-128 issuer key (ECB, one block), send the cryptogram.
/// The card manager must be selected.
/// </summary>
public static class IssuerAuthentication
{
    public static void Authenticate(CardClient card, byte[] issuerKey)
    {
        byte[] challenge = card.Expect(Apdus.GetChallenge(16), "GET CHALLENGE");
        card.Expect(Apdus.ExternalAuthenticate(Cryptogram(issuerKey, challenge)), "EXTERNAL AUTHENTICATE");
    }

    public static byte[] Cryptogram(byte[] issuerKey, byte[] challenge)
    {
        using Aes aes = Aes.Create();
        aes.Key = issuerKey;
        return aes.EncryptEcb(challenge, PaddingMode.None);
    }
}
