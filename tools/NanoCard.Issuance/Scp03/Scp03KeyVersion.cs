using System.Security.Cryptography;
using NanoCard.Os.SecureChannel;

namespace NanoCard.Issuance;

/// <summary>
/// Which key set the issuer security domain holds: INITIALIZE UPDATE with KVN 00 (the card's own
/// set) answers its version (Amendment D §7.1.1.6) before anyone authenticates. A host with more
/// than one candidate set (the CA folder's, the test set) takes the one of that version.
/// </summary>
public static class Scp03KeyVersion
{
    /// <summary>The card manager's key version; the half-opened session is ended by selecting it again.</summary>
    public static byte Read(CardClient plain)
    {
        plain.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        byte[] reply = plain.Expect(Scp03Session.InitializeUpdate(0x00, RandomNumberGenerator.GetBytes(Scp03Channel.ChallengeLength)), "INITIALIZE UPDATE");
        plain.Expect(Apdus.SelectCardManager(), "SELECT card manager");
        if (reply.Length < Scp03Channel.InitializeUpdateReplyLength)
        {
            throw new CryptographicException($"INITIALIZE UPDATE: not an SCP03 reply ({Convert.ToHexString(reply)})");
        }
        return reply[10];
    }

    /// <summary>The first of <paramref name="candidates"/> whose version the card holds; <see cref="InvalidOperationException"/> when none.</summary>
    public static Scp03Keys Choose(CardClient plain, params Scp03Keys[] candidates)
    {
        byte version = Read(plain);
        return candidates.FirstOrDefault(keys => keys.Version == version)
            ?? throw new InvalidOperationException($"the card's issuer key set has version {version:X2}, which none of the key sets at hand has (the CA folder's issuer-keys file of the card, or the test set)");
    }
}
