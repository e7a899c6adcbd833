namespace NanoCard.Issuance;

/// <summary>A response APDU: data and status word.</summary>
public sealed record ResponseApdu(byte[] Data, ushort Sw)
{
    public bool IsOk => Sw == 0x9000;

    public override string ToString() => $"{Convert.ToHexString(Data)} {Sw:X4}";
}

/// <summary>One command/response exchange with a card, whatever carries it (in-process, PC/SC, serial).</summary>
public interface ICardChannel
{
    ResponseApdu Transmit(byte[] command);
}

/// <summary>A status word the caller did not expect.</summary>
public sealed class CardException(string what, ushort sw)
    : Exception($"{what}: card answered {sw:X4}")
{
    public ushort Sw { get; } = sw;
}

/// <summary>
/// What a client's middleware does on top of the channel (ISO/IEC 7816-4 §5.3.4, §5.6): follows
/// 61xx with GET RESPONSE and repeats a command with the exact Le after 6Cxx. Every exchange can
/// be observed (for traces). It is a channel itself, so an SCP03 session runs over it (GET
/// RESPONSE stays plain, below the session) and another client over the session.
/// </summary>
public sealed class CardClient(ICardChannel channel) : ICardChannel
{
    ResponseApdu ICardChannel.Transmit(byte[] command) => Send(command);

    /// <summary>Called with each command and its response as exchanged on the channel.</summary>
    public event Action<byte[], ResponseApdu>? Exchanged;

    public ResponseApdu Send(string hex) => Send(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));

    public ResponseApdu Send(byte[] command)
    {
        ResponseApdu response = Exchange(command);
        if (response.Sw >> 8 == 0x6C && command.Length >= 5)
        {
            byte[] again = (byte[])command.Clone();
            again[^1] = (byte)response.Sw;
            response = Exchange(again);
        }
        var data = new List<byte>(response.Data);
        while (response.Sw >> 8 == 0x61)
        {
            response = Exchange([0x00, 0xC0, 0x00, 0x00, (byte)response.Sw]);
            data.AddRange(response.Data);
        }
        return new ResponseApdu([.. data], response.Sw);
    }

    /// <summary>Sends and returns the data, or throws <see cref="CardException"/> for any status but 9000.</summary>
    public byte[] Expect(byte[] command, string what)
    {
        ResponseApdu response = Send(command);
        if (!response.IsOk)
        {
            throw new CardException(what, response.Sw);
        }
        return response.Data;
    }

    private ResponseApdu Exchange(byte[] command)
    {
        ResponseApdu response = channel.Transmit(command);
        Exchanged?.Invoke(command, response);
        return response;
    }
}
