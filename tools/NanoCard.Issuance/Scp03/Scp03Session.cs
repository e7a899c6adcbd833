using System.Security.Cryptography;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Os.SecureChannel;

namespace NanoCard.Issuance;

/// <summary>
/// The off-card entity of an SCP03 session (GlobalPlatform Card Specification v2.3 Amendment D),
/// S8 mode, AES-128: <see cref="Open"/> runs INITIALIZE UPDATE and EXTERNAL AUTHENTICATE over
/// any <see cref="ICardChannel"/> (the security domain must be selected), and the session is
/// itself a channel whose <see cref="Transmit"/> wraps each command (C-MAC with MAC chaining,
/// C-DECRYPTION) and checks and opens each reply (R-MAC, R-ENCRYPTION) as the level asks.
/// A card whose cryptogram or R-MAC does not verify throws <see cref="CryptographicException"/>.
/// </summary>
public sealed class Scp03Session : ICardChannel
{
    private const int Block = 16;
    private const int MacLength = Scp03Channel.MacLength;
    private const int ChallengeLength = Scp03Channel.ChallengeLength;

    /// <summary>CMAC over .NET's AES (System.Security.Cryptography has no AES-CMAC of its own).</summary>
    private static readonly HostCrypto Cmac = new();

    private readonly ICardChannel card;
    private readonly byte[] sessionEnc;
    private readonly byte[] sessionMac;
    private readonly byte[] sessionRmac;
    private readonly byte[] chaining = new byte[Block];
    private readonly byte[] counter = new byte[Block];

    private Scp03Session(ICardChannel card, byte level, byte[] sessionEnc, byte[] sessionMac, byte[] sessionRmac)
    {
        this.card = card;
        Level = level;
        this.sessionEnc = sessionEnc;
        this.sessionMac = sessionMac;
        this.sessionRmac = sessionRmac;
    }

    /// <summary>The security level EXTERNAL AUTHENTICATE set (<see cref="SecurityLevel"/> bits).</summary>
    public byte Level { get; }

    /// <summary>
    /// Most plain data bytes of one command at this level: with the C-MAC (and, under
    /// C-DECRYPTION, the padding to whole blocks) the wrapped data still fits a short Lc of 255.
    /// </summary>
    public int MaxCommandData => (Level & SecurityLevel.CDecryption) != 0 ? (255 - MacLength) / Block * Block - 1 : 255 - MacLength;

    /// <summary>
    /// Opens a session at <paramref name="level"/> (01, 03, 11, 13 or 33) with
    /// <paramref name="keys"/>. The host challenge is random unless given (for known-answer tests).
    /// Throws <see cref="CardException"/> for a status word other than 9000.
    /// </summary>
    public static Scp03Session Open(ICardChannel card, Scp03Keys keys, byte level, byte[]? hostChallenge = null)
    {
        if (!SecurityLevel.IsValidRequest(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), "SCP03 levels: 01, 03, 11, 13, 33");
        }
        hostChallenge ??= RandomNumberGenerator.GetBytes(ChallengeLength);
        ResponseApdu reply = card.Transmit(InitializeUpdate(keys.Version, hostChallenge));
        if (!reply.IsOk)
        {
            throw new CardException("INITIALIZE UPDATE", reply.Sw);
        }
        byte[] data = reply.Data;
        bool hasCounter = data.Length == Scp03Channel.InitializeUpdateReplyLength + 3;
        if ((data.Length != Scp03Channel.InitializeUpdateReplyLength && !hasCounter) || data[11] != Scp03Channel.Protocol)
        {
            throw new CryptographicException($"INITIALIZE UPDATE: not an SCP03 S8 reply ({Convert.ToHexString(data)})");
        }
        if (data[10] != keys.Version)
        {
            throw new CryptographicException($"INITIALIZE UPDATE: the card used key version {data[10]:X2}, not {keys.Version:X2}");
        }
        byte[] context = [.. hostChallenge, .. data.AsSpan(13, ChallengeLength)];
        var session = new Scp03Session(card, level,
            Derive(keys.Enc, Scp03Kdf.SessionEnc, context, Block),
            Derive(keys.Mac, Scp03Kdf.SessionMac, context, Block),
            Derive(keys.Mac, Scp03Kdf.SessionRmac, context, Block));
        byte[] cardCryptogram = Derive(session.sessionMac, Scp03Kdf.CardCryptogram, context, ChallengeLength);
        if (!CryptographicOperations.FixedTimeEquals(cardCryptogram, data.AsSpan(13 + ChallengeLength, ChallengeLength)))
        {
            throw new CryptographicException("INITIALIZE UPDATE: the card cryptogram is wrong (another key set, or not the card)");
        }
        byte[] hostCryptogram = Derive(session.sessionMac, Scp03Kdf.HostCryptogram, context, ChallengeLength);
        byte[] authenticate = session.AddMac([0x84, Scp03Channel.InsExternalAuthenticate, level, 0x00], hostCryptogram, expectsReply: false);
        reply = card.Transmit(authenticate);
        if (!reply.IsOk)
        {
            throw new CardException("EXTERNAL AUTHENTICATE", reply.Sw);
        }
        return session;
    }

    /// <summary><c>80 50 KVN 00 08 host-challenge 00</c>.</summary>
    public static byte[] InitializeUpdate(byte keyVersion, byte[] hostChallenge) =>
        [0x80, Scp03Channel.InsInitializeUpdate, keyVersion, 0x00, ChallengeLength, .. hostChallenge, 0x00];

    /// <summary>Wraps, sends and unwraps one short command; the reply comes back plain.</summary>
    public ResponseApdu Transmit(byte[] command) => Unwrap(card.Transmit(Wrap(command)));

    /// <summary>
    /// Wraps a plain short command (case 1–4): C-DECRYPTION of its data when the level asks
    /// (the encryption counter counts every command), then the C-MAC over the header with the
    /// secure-messaging class bit and the new Lc. Cases 2 and 4 end in Le 00.
    /// </summary>
    public byte[] Wrap(byte[] command)
    {
        if (command.Length < 4)
        {
            throw new ArgumentException("a command has at least 4 bytes", nameof(command));
        }
        int lc = command.Length > 5 ? command[4] : 0;
        if (command.Length > 5 && command.Length != 5 + lc && command.Length != 6 + lc)
        {
            throw new ArgumentException("not a short command APDU", nameof(command));
        }
        bool expectsReply = command.Length == 5 || command.Length == 6 + lc;
        byte[] data = command.Length > 5 ? command[5..(5 + lc)] : [];
        if ((Level & SecurityLevel.CDecryption) != 0)
        {
            Increment(counter);
            if (data.Length > 0)
            {
                data = Cbc(encrypt: true, Pad(data), Icv(response: false));
            }
        }
        byte[] header = [(byte)(command[0] | 0x04), command[1], command[2], command[3]];
        return AddMac(header, data, expectsReply);
    }

    /// <summary>
    /// Checks the R-MAC and decrypts the data of a reply to a wrapped command as the level asks.
    /// An error status word (anything but 9000, 62xx and 63xx) comes without R-MAC (Amendment D §6.2.5).
    /// </summary>
    public ResponseApdu Unwrap(ResponseApdu reply)
    {
        int sw1 = reply.Sw >> 8;
        if ((Level & SecurityLevel.RMac) == 0 || (reply.Sw != 0x9000 && sw1 != 0x62 && sw1 != 0x63))
        {
            return reply;
        }
        byte[] data = reply.Data;
        if (data.Length < MacLength)
        {
            throw new CryptographicException($"reply without R-MAC ({reply})");
        }
        byte[] body = data[..^MacLength];
        byte[] expected = Mac(sessionRmac, [.. chaining, .. body, (byte)(reply.Sw >> 8), (byte)reply.Sw]);
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, MacLength), data.AsSpan(data.Length - MacLength)))
        {
            throw new CryptographicException($"R-MAC does not verify ({reply})");
        }
        if ((Level & SecurityLevel.REncryption) != 0 && body.Length > 0)
        {
            body = Unpad(Cbc(encrypt: false, body, Icv(response: true)));
        }
        return new ResponseApdu(body, reply.Sw);
    }

    private byte[] AddMac(byte[] header, byte[] data, bool expectsReply)
    {
        if (data.Length + MacLength > 255)
        {
            throw new ArgumentException("the wrapped command would not fit a short APDU");
        }
        byte[] signed = [.. header, (byte)(data.Length + MacLength), .. data];
        byte[] mac = Mac(sessionMac, [.. chaining, .. signed]);
        mac.CopyTo(chaining, 0);
        return expectsReply ? [.. signed, .. mac.AsSpan(0, MacLength), 0x00] : [.. signed, .. mac.AsSpan(0, MacLength)];
    }

    /// <summary>The ICV: S-ENC over the encryption counter, its first byte 80 for replies (Amendment D §6.2.6, §6.2.7).</summary>
    private byte[] Icv(bool response)
    {
        byte[] block = (byte[])counter.Clone();
        if (response)
        {
            block[0] = 0x80;
        }
        using Aes aes = Aes.Create();
        aes.Key = sessionEnc;
        return aes.EncryptEcb(block, PaddingMode.None);
    }

    private byte[] Cbc(bool encrypt, byte[] data, byte[] iv)
    {
        using Aes aes = Aes.Create();
        aes.Key = sessionEnc;
        return encrypt ? aes.EncryptCbc(data, iv, PaddingMode.None) : aes.DecryptCbc(data, iv, PaddingMode.None);
    }

    private static byte[] Mac(byte[] key, byte[] input)
    {
        byte[] mac = new byte[Block];
        Cmac.AesCmac(key, 0, input, 0, (short)input.Length, mac, 0);
        return mac;
    }

    /// <summary>The SCP03 KDF (Amendment D §6.2.1), the card's own portable code run with .NET's AES.</summary>
    private static byte[] Derive(byte[] key, byte constant, byte[] context, int length)
    {
        byte[] data = [.. new byte[Scp03Kdf.HeaderLength], .. context];
        byte[] output = new byte[length];
        Scp03Kdf.DeriveScp03(Cmac, key, 0, constant, data, 0, (short)context.Length, output, 0, (short)length, new byte[Block], 0);
        return output;
    }

    /// <summary>ISO/IEC 9797-1 padding method 2.</summary>
    private static byte[] Pad(byte[] data)
    {
        byte[] padded = new byte[(data.Length / Block + 1) * Block];
        data.CopyTo(padded, 0);
        padded[data.Length] = 0x80;
        return padded;
    }

    private static byte[] Unpad(byte[] data)
    {
        int end = Array.FindLastIndex(data, b => b != 0);
        if (end < 0 || data[end] != 0x80 || data.Length - end > Block)
        {
            throw new CryptographicException("R-ENCRYPTION: bad padding");
        }
        return data[..end];
    }

    private static void Increment(byte[] value)
    {
        for (int i = value.Length - 1; i >= 0 && ++value[i] == 0; i--)
        {
        }
    }
}
