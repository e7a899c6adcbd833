using NanoCard.Pkcs11.Card;
using static NanoCard.Pkcs11.Pcsc.PcscLite;

namespace NanoCard.Pkcs11.Pcsc;

/// <summary>One card connection through pcsc-lite, shared with other programs (SCARD_SHARE_SHARED).</summary>
public sealed unsafe class PcscLink(nint card, nuint protocol) : ICardLink
{
    private readonly byte[] receive = new byte[65538];
    private nint card = card;

    public byte[] Transmit(byte[] command)
    {
        var pci = new IoRequest { Protocol = protocol, PciLength = (nuint)sizeof(IoRequest) };
        nuint length = (nuint)receive.Length;
        nint status;
        fixed (byte* send = command)
        fixed (byte* into = receive)
        {
            status = SCardTransmit(card, pci, send, (nuint)command.Length, 0, into, ref length);
        }
        if (status != Success)
        {
            throw new CardGoneException($"SCardTransmit: pcsc-lite error 0x{status:X8}");
        }
        return receive[..(int)length];
    }

    public void BeginTransaction()
    {
        nint status = SCardBeginTransaction(card);
        if (status != Success)
        {
            throw new CardGoneException($"SCardBeginTransaction: pcsc-lite error 0x{status:X8}");
        }
    }

    public void EndTransaction() => SCardEndTransaction(card, LeaveCard);

    public void Dispose()
    {
        if (card != 0)
        {
            SCardDisconnect(card, LeaveCard);
            card = 0;
        }
    }
}
