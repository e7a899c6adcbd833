using System.Security.Cryptography;
using System.Text;
using NanoCard.Os.Description;

namespace NanoCard.Issuance;

/// <summary>
/// The personalization steps issuance and renewal are made of (docs/apdu-spec.md §10): select,
/// generate a key pair and take its public key, write an EF from a clean state, append records,
/// set a credential, and read an EF back. Each step is idempotent, so a run cut short is simply run again.
/// With <paramref name="sessionKeys"/> (gen2: the issuer security domain's key set) every SELECT
/// of an AP opens an SCP03 session at <see cref="SessionLevel"/> in it, and the AP's commands go
/// through that session (docs/apdu-spec.md §11.1); without, they go plain (gen1).
/// </summary>
public sealed class CardPersonalizer(CardClient card, Scp03Keys? sessionKeys = null)
{
    /// <summary>The issuer's level: C-MAC, C-DECRYPTION, R-MAC and R-ENCRYPTION — a relay sees and alters nothing.</summary>
    public const byte SessionLevel = 0x33;

    /// <summary>Commands to the selected AP: through its session when there is one.</summary>
    public CardClient Card { get; private set; } = card;

    /// <summary>The card without a session: for SELECT and for what anyone may read.</summary>
    public CardClient Plain { get; } = card;

    /// <summary>The key set sessions open with; null when the issuer's commands go plain.</summary>
    public Scp03Keys? SessionKeys { get; } = sessionKeys;

    /// <summary>Data bytes of one WRITE BINARY: a short APDU's, less what the session adds.</summary>
    public int ChunkSize { get; private set; } = Apdus.ChunkSize;

    /// <summary>Per AP (by AID in hex), the EFs fitted to their data: FID → the size the description gives.</summary>
    private readonly Dictionary<string, Dictionary<short, short>> fitted = [];

    /// <summary>The selected AP's fitted EFs, or null.</summary>
    private Dictionary<short, short>? fitting;

    /// <summary>Reports each step (for progress display).</summary>
    public event Action<string>? Step;

    public void Report(string step) => Step?.Invoke(step);

    /// <summary>
    /// gen2: <see cref="Write"/> fits the AP's transparent EFs outside the key sets to the data
    /// written (RESIZE, docs/eeprom-layout.md "Sizes set at personalization"), so the rest of
    /// each EF is free space.
    /// </summary>
    public void FitEfsOf(ApDescription description)
    {
        fitted[Convert.ToHexString(description.Aid)] = description.Entries
            .Where(e => e.Kind == EntryKind.TransparentEf && !e.IsRenewable)
            .ToDictionary(e => e.Fid, e => e.Size);
    }

    /// <summary>SELECT by AID (plain: a SELECT ends any session), then a new session in the AP when the issuer uses one.</summary>
    public void Select(byte[] aid)
    {
        Plain.Expect(Apdus.SelectAid(aid), "SELECT AP " + Convert.ToHexString(aid));
        fitting = fitted.GetValueOrDefault(Convert.ToHexString(aid));
        if (SessionKeys is null)
        {
            return;
        }
        Scp03Session session = Scp03Session.Open(Plain, SessionKeys, SessionLevel);
        Card = new CardClient(session);
        ChunkSize = session.MaxCommandData;
    }

    /// <summary>GENERATE KEY PAIR and the public key from its <c>7F49 { 81 n, 82 e }</c> reply.</summary>
    public RSAParameters GenerateRsa(short fid)
    {
        byte[] reply = Card.Expect(Apdus.GenerateKeyPair(fid), $"GENERATE KEY PAIR {fid:X4}");
        if (reply.Length != 270 || reply[0] != 0x7F || reply[1] != 0x49 || reply[5] != 0x81 || reply[265] != 0x82 || reply[266] != 3)
        {
            throw new InvalidDataException("unexpected public key template " + Convert.ToHexString(reply));
        }
        return new RSAParameters { Modulus = reply[9..265], Exponent = reply[267..270] };
    }

    /// <summary>GENERATE KEY PAIR of an EC key and its public key from the <c>7F49 { 06 OID, 86 point }</c> reply.</summary>
    public ECDsa GenerateEc(short fid, byte curve)
    {
        byte[] reply = Card.Expect(Apdus.GenerateEcKeyPair(fid, curve), $"GENERATE KEY PAIR {fid:X4}");
        if (reply.Length < 3 || reply[0] != 0x7F || reply[1] != 0x49 || reply[2] != reply.Length - 3)
        {
            throw new InvalidDataException("unexpected public key template " + Convert.ToHexString(reply));
        }
        IReadOnlyList<TlvField> fields = Tlv.Children(reply);
        if (fields.Count != 2 || fields[0].Tag != 0x06 || fields[1].Tag != 0x86
            || !fields[0].Value.SequenceEqual(EcPublicKeys.CurveOid(EcPublicKeys.Curve(curve))))
        {
            throw new InvalidDataException("unexpected EC public key template " + Convert.ToHexString(reply));
        }
        return EcPublicKeys.FromPoint(curve, fields[1].Value);
    }

    /// <summary>SELECT EF and ERASE it back to its filler: a re-run after a cut starts from a clean EF.</summary>
    public void SelectAndErase(short fid)
    {
        Card.Expect(Apdus.SelectEf(fid), $"SELECT EF {fid:X4}");
        Card.Expect(Apdus.Erase(), $"ERASE {fid:X4}");
    }

    /// <summary>
    /// A clean EF, then the content in short-APDU chunks. A fitted EF is first given its described
    /// size back (after a factory reset it is still fitted to the old data) and afterwards fitted
    /// to the content; each step is idempotent, so a cut run is run again.
    /// </summary>
    public void Write(short fid, byte[] content)
    {
        short described = 0;
        if (fitting?.TryGetValue(fid, out described) == true)
        {
            Card.Expect(Apdus.SelectEf(fid), $"SELECT EF {fid:X4}");
            Card.Expect(Apdus.Resize(described), $"RESIZE {fid:X4} to {described}");
        }
        SelectAndErase(fid);
        for (int offset = 0; offset < content.Length; offset += ChunkSize)
        {
            int length = Math.Min(ChunkSize, content.Length - offset);
            Card.Expect(Apdus.WriteBinary(offset, content.AsSpan(offset, length)), $"WRITE {fid:X4} at {offset}");
        }
        if (described != 0 && content.Length is > 0 and < short.MaxValue && content.Length < described)
        {
            Card.Expect(Apdus.Resize((short)content.Length), $"RESIZE {fid:X4} to {content.Length}");
        }
    }

    public void Records(short fid, params byte[][] records)
    {
        SelectAndErase(fid);
        foreach (byte[] record in records)
        {
            Card.Expect(Apdus.AppendRecord(record), $"APPEND RECORD {fid:X4}");
        }
    }

    /// <summary>PUT CREDENTIAL by SFI (the card's PINs have SFI = FID).</summary>
    public void SetPin(short fid, byte tries, string value)
        => Card.Expect(Apdus.PutCredential((byte)(0x80 | fid), tries, Encoding.ASCII.GetBytes(value)), $"PUT CREDENTIAL {fid:X4}");

    /// <summary>Reads a DER object (a certificate) from the start of an EF: its header gives the length.</summary>
    public byte[] ReadDer(short fid)
    {
        Card.Expect(Apdus.SelectEf(fid), $"SELECT EF {fid:X4}");
        byte[] head = Card.Expect(Apdus.ReadBinary(0, 4), $"READ BINARY {fid:X4}");
        if (head.Length < 4 || head[0] != 0x30 || head[1] != 0x82)
        {
            throw new InvalidDataException($"EF {fid:X4} does not hold a DER object");
        }
        int total = 4 + ((head[2] << 8) | head[3]);
        var content = new List<byte>(total);
        while (content.Count < total)
        {
            int length = Math.Min(Apdus.ChunkSize, total - content.Count);
            content.AddRange(Card.Expect(Apdus.ReadBinary(content.Count, length), $"READ BINARY {fid:X4} at {content.Count}"));
        }
        return [.. content];
    }
}
