using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;
using NanoCard.Pkcs11.Card;

namespace NanoCard.Pkcs11.Tests;

/// <summary>
/// Readers for the module's tests: each holds an in-process simulated card (a power-up over a copy
/// of an issued image), a foreign card that knows none of NanoCard's APs, or nothing. Cards can be
/// inserted and removed while the module runs; a removed card's links answer as PC/SC does then.
/// </summary>
public sealed class InProcessReaders : IReaders
{
    private readonly object gate = new();
    private readonly List<string> names = [];
    private readonly Dictionary<string, Inserted?> cards = [];

    public InProcessReaders(params string[] readers)
    {
        foreach (string reader in readers)
        {
            names.Add(reader);
            cards[reader] = null;
        }
    }

    public bool Disposed { get; private set; }

    /// <summary>Every command any link sent, in order (to check what reached the card).</summary>
    public List<byte[]> Commands { get; } = [];

    /// <summary>Puts a NanoCard made from the image into the reader (a power-up).</summary>
    public SimulatedCard Insert(string reader, byte[] image)
    {
        var card = new SimulatedCard(new RamNvm((byte[])image.Clone(), StoreLayout.DefaultPageSize), new HostCrypto(), CardConfig.Desktop(), deviceKey: IssuedCards.DeviceKey);
        Put(reader, new Inserted(card, null));
        return card;
    }

    /// <summary>Puts a card that answers 6A82 to every SELECT and 6D00 to everything else.</summary>
    public void InsertForeign(string reader) => Put(reader, new Inserted(null, command => command.Length > 1 && command[1] == 0xA4 ? [0x6A, 0x82] : [0x6D, 0x00]));

    public void Remove(string reader) => Put(reader, null);

    public IReadOnlyList<string> List()
    {
        lock (gate)
        {
            return [.. names];
        }
    }

    public bool IsCardPresent(string reader)
    {
        lock (gate)
        {
            return cards.TryGetValue(reader, out Inserted? card) && card is not null;
        }
    }

    public ICardLink? Connect(string reader)
    {
        lock (gate)
        {
            Inserted? card = cards.GetValueOrDefault(reader);
            return card is null ? null : new Link(this, reader, card);
        }
    }

    public void WaitForChange(int milliseconds)
    {
        lock (gate)
        {
            if (!Disposed)
            {
                Monitor.Wait(gate, milliseconds);
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            Disposed = true;
            Monitor.PulseAll(gate);
        }
    }

    private void Put(string reader, Inserted? card)
    {
        lock (gate)
        {
            if (!cards.ContainsKey(reader))
            {
                names.Add(reader);
            }
            cards[reader] = card;
            Monitor.PulseAll(gate);
        }
    }

    private sealed record Inserted(SimulatedCard? Card, Func<byte[], byte[]>? Foreign);

    private sealed class Link(InProcessReaders readers, string reader, Inserted inserted) : ICardLink
    {
        private readonly byte[] response = new byte[65538];

        public byte[] Transmit(byte[] command)
        {
            lock (readers.gate)
            {
                if (!ReferenceEquals(readers.cards.GetValueOrDefault(reader), inserted))
                {
                    throw new CardGoneException("removed");
                }
                readers.Commands.Add((byte[])command.Clone());
                if (inserted.Foreign is not null)
                {
                    return inserted.Foreign(command);
                }
                int n = inserted.Card!.Runtime.Transmit(command, command.Length, response);
                return response[..n];
            }
        }

        public void BeginTransaction()
        {
        }

        public void EndTransaction()
        {
        }

        public void Dispose()
        {
        }
    }
}
