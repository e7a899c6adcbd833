namespace NanoCard.Issuance.Packages;

/// <summary>A reader's way through an installed AP's EFs: SELECT EF, then READ BINARY 256 bytes at a time until a read comes back short (<see cref="PhotoReader.ReadToEnd"/>).</summary>
public static class EfReader
{
    public static byte[] Read(CardClient card, int fid)
    {
        card.Expect(Apdus.SelectEf(fid), $"SELECT EF {fid:X4}");
        return PhotoReader.ReadToEnd(card, out _);
    }

    /// <summary>VERIFY of the PIN with SFI <paramref name="sfi"/>: null when accepted, else what the card said (tries left, blocked).</summary>
    public static string? Verify(CardClient card, int sfi, string value, string name)
    {
        ResponseApdu reply = card.Send(Apdus.Verify((byte)(0x80 | sfi), System.Text.Encoding.ASCII.GetBytes(value)));
        return reply.Sw switch
        {
            0x9000 => null,
            0x6984 or 0x6983 => $"{name} is blocked",
            _ when reply.Sw >> 4 == 0x63C => $"{name} is wrong: {reply.Sw & 0xF} tries left",
            _ => $"VERIFY {name}: card answered {reply.Sw:X4}",
        };
    }
}
