namespace NanoCard.Pkcs11.Card;

/// <summary>
/// APDU exchange as docs/apdu-spec.md §3 asks of a client: 61xx is followed with GET RESPONSE and
/// 6Cxx repeats the command with the exact Le. Remembers which AP it selected last, so that a
/// verified PIN is not thrown away by an unneeded SELECT (a SELECT clears it, §4).
/// </summary>
public sealed class CardIo(ICardLink link)
{
    public ICardLink Link { get; } = link;

    /// <summary>The AID this object selected last; null after a reset or before the first SELECT.</summary>
    public byte[]? SelectedAid { get; private set; }

    public Response Send(byte[] command)
    {
        Response response = Exchange(command);
        if (response.Sw >> 8 == 0x6C && command.Length >= 5)
        {
            byte[] again = (byte[])command.Clone();
            again[^1] = (byte)response.Sw;
            response = Exchange(again);
        }
        if (response.Sw >> 8 != 0x61)
        {
            return response;
        }
        var data = new List<byte>(response.Data);
        while (response.Sw >> 8 == 0x61)
        {
            response = Exchange([0x00, 0xC0, 0x00, 0x00, (byte)response.Sw]);
            data.AddRange(response.Data);
        }
        return new Response([.. data], response.Sw);
    }

    /// <summary>SELECT by DF name (§4), P2 0C; true when the AP is there.</summary>
    public bool Select(byte[] aid)
    {
        SelectedAid = null;
        if (!Send([0x00, 0xA4, 0x04, 0x0C, (byte)aid.Length, .. aid]).IsOk)
        {
            return false;
        }
        SelectedAid = aid;
        return true;
    }

    /// <summary>Selects the AP unless this object selected it last.</summary>
    public bool Ensure(byte[] aid) => (SelectedAid is not null && SelectedAid.AsSpan().SequenceEqual(aid)) || Select(aid);

    /// <summary>Forgets the selection (after an answer that shows someone else changed it).</summary>
    public void Forget() => SelectedAid = null;

    private Response Exchange(byte[] command)
    {
        byte[] raw = Link.Transmit(command);
        if (raw.Length < 2)
        {
            throw new CardGoneException("the reader returned fewer than two bytes");
        }
        return new Response(raw[..^2], (ushort)((raw[^2] << 8) | raw[^1]));
    }
}
