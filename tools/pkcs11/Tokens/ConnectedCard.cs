using NanoCard.Pkcs11.Card;
using NanoCard.Pkcs11.Native;

namespace NanoCard.Pkcs11.Tokens;

/// <summary>
/// A NanoCard in a reader, recognised by its APs (docs/apdu-spec.md §8: the JPKI and common APs
/// answer SELECT; a gen2 card has the EC key 0037 in the JPKI AP, §13.3), with its two tokens.
/// </summary>
public sealed class ConnectedCard : IDisposable
{
    private ConnectedCard(ICardLink link, NanoCardCommands commands, bool gen2, string serial)
    {
        Link = link;
        Commands = commands;
        Gen2 = gen2;
        Serial = serial;
        Tokens = [new TokenState(TokenKind.Authentication, PinRule.AuthPin), new TokenState(TokenKind.Signature, PinRule.SignPassword)];
    }

    public ICardLink Link { get; }
    public NanoCardCommands Commands { get; }
    public bool Gen2 { get; }
    public string Serial { get; }
    public TokenState[] Tokens { get; }

    public TokenState Token(TokenKind kind) => Tokens[(int)kind];

    /// <summary>The card in the link if it is a NanoCard, else null (the link stays the caller's).</summary>
    public static ConnectedCard? Recognise(ICardLink link)
    {
        var commands = new NanoCardCommands(new CardIo(link));
        link.BeginTransaction();
        try
        {
            if (!commands.Io.Select(NanoCardLayout.CommonAid) || !commands.Io.Select(NanoCardLayout.JpkiAid))
            {
                return null;
            }
            string serial = commands.ReadTokenSerial();
            bool gen2 = commands.HasEf(NanoCardLayout.EcAuthKeyFid);
            return new ConnectedCard(link, commands, gen2, serial);
        }
        finally
        {
            link.EndTransaction();
        }
    }

    /// <summary>Runs card commands as one PC/SC transaction, so no other program's APDU falls between them.</summary>
    public T Exclusive<T>(Func<T> commands)
    {
        Link.BeginTransaction();
        try
        {
            return commands();
        }
        finally
        {
            Link.EndTransaction();
        }
    }

    /// <summary>
    /// Runs a JPKI command; when the JPKI AP had to be selected again (another AP was used), the
    /// logged-in tokens' PINs are verified again first. An answer that shows another program
    /// selected another AP or cleared the verification in between is retried once that way.
    /// </summary>
    public Response InJpki(Func<Response> command)
    {
        SelectJpki();
        Response response = command();
        if (Array.IndexOf(AnotherStateAnswers, response.Sw) >= 0)
        {
            Commands.Io.Forget();
            SelectJpki();
            response = command();
        }
        return response;
    }

    /// <summary>
    /// What the JPKI AP's commands answer when the card is not in the state this module left it in:
    /// the verification is gone (6982), another AP is selected (6A82, 6A88: no such EF or key there;
    /// 6A86: not a key reference there; 6D00, 6E00: no such command there), or none is (6986).
    /// </summary>
    private static readonly ushort[] AnotherStateAnswers = [0x6982, 0x6A82, 0x6A86, 0x6A88, 0x6D00, 0x6E00, 0x6986];

    /// <summary>A certificate from its AP; null when the EF is empty or closed.</summary>
    public byte[]? ReadCertificate(byte[] aid, ushort fid)
    {
        if (aid.AsSpan().SequenceEqual(NanoCardLayout.JpkiAid))
        {
            SelectJpki();
        }
        else if (!Commands.Io.Ensure(aid))
        {
            return null;
        }
        return Commands.ReadDer(fid);
    }

    /// <summary>Signs with a card key: COMPUTE DIGITAL SIGNATURE in the JPKI AP, or INTERNAL AUTHENTICATE in the key's AP.</summary>
    public Response Sign(KeySpec key, byte[] block)
    {
        if (key.Use == KeyUse.ComputeSignature)
        {
            return InJpki(() => Commands.ComputeSignature(key.KeyP2, block));
        }
        if (key.Aid.AsSpan().SequenceEqual(NanoCardLayout.JpkiAid))
        {
            return InJpki(() => Commands.InternalAuthenticate(key.KeyP2, block));
        }
        return Commands.Io.Ensure(key.Aid) ? Commands.InternalAuthenticate(key.KeyP2, block) : new Response([], 0x6A82);
    }

    /// <summary>Clears every verification on the card (SELECT, §4) and verifies the tokens still logged in again.</summary>
    public void ResetVerification()
    {
        Commands.Io.Forget();
        SelectJpki();
    }

    private void SelectJpki()
    {
        CardIo io = Commands.Io;
        if (io.SelectedAid is not null && io.SelectedAid.AsSpan().SequenceEqual(NanoCardLayout.JpkiAid))
        {
            return;
        }
        if (!io.Select(NanoCardLayout.JpkiAid))
        {
            throw new Pkcs11Exception(Ckr.DeviceError, "the JPKI AP did not answer SELECT");
        }
        foreach (TokenState token in Tokens)
        {
            // A PIN the card no longer takes was changed or blocked by another program: that login ends.
            if (token.LoggedIn == Cku.User && token.Secret is { } pin && !Commands.Verify(token.Rule.P2, pin).IsOk)
            {
                token.LogOut();
            }
        }
    }

    public void Dispose() => Link.Dispose();
}
