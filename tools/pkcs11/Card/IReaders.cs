namespace NanoCard.Pkcs11.Card;

/// <summary>
/// Where cards come from: PC/SC readers in the real module (<see cref="Pcsc.PcscReaders"/>), an
/// in-process simulated card in the unit tests. Reader names are stable for the life of the object.
/// </summary>
public interface IReaders : IDisposable
{
    /// <summary>The readers there are now.</summary>
    IReadOnlyList<string> List();

    /// <summary>Whether a card sits in the reader now.</summary>
    bool IsCardPresent(string reader);

    /// <summary>A connection to the card in the reader, or null when there is none.</summary>
    ICardLink? Connect(string reader);

    /// <summary>Waits up to <paramref name="milliseconds"/> for a card to come or go in any reader.</summary>
    void WaitForChange(int milliseconds);
}

/// <summary>One card connection: command APDU in, response APDU (data ‖ SW1 SW2) out.</summary>
public interface ICardLink : IDisposable
{
    /// <summary>Sends one command; throws <see cref="CardGoneException"/> when the card was removed or reset.</summary>
    byte[] Transmit(byte[] command);

    /// <summary>Keeps other programs off the card until <see cref="EndTransaction"/> (SCardBeginTransaction).</summary>
    void BeginTransaction();

    void EndTransaction();
}

/// <summary>The card left the reader or was reset by someone else: its sessions end.</summary>
public sealed class CardGoneException(string message) : Exception(message);
