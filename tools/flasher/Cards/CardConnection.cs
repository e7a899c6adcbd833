using NanoCard.Flasher.Pcsc;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Cards;

/// <summary>An open card for a command: a simulated image (powered up in process) or a PC/SC reader.</summary>
public sealed class CardConnection : IDisposable
{
    private readonly IDisposable resource;

    private CardConnection(CardClient client, IDisposable resource)
    {
        Client = client;
        this.resource = resource;
    }

    public CardClient Client { get; }

    /// <summary>Opens <paramref name="target"/>; a new image file becomes a blank card of <paramref name="profileIfBlank"/>.</summary>
    public static CardConnection Open(string target, string profileIfBlank = "gen1")
    {
        CardTarget where = CardTarget.Parse(target);
        switch (where.Kind)
        {
            case CardTarget.Sim:
                CardImage image = CardImage.Open(where.Value, profileIfBlank: profileIfBlank);
                return new CardConnection(image.Card.Client, image);
            case CardTarget.Pcsc:
                try
                {
                    var channel = new PcscChannel(where.Value);
                    return new CardConnection(new CardClient(channel), channel);
                }
                catch (Exception e) when (e is IOException or DllNotFoundException)
                {
                    throw new UserError(e.Message);
                }
            default:
                throw new UserError($"{target}: a NanoCard board is reached over serial once the device firmware exists (the ESP32 issue); use sim:PATH or pcsc:READER meanwhile");
        }
    }

    public void Dispose() => resource.Dispose();
}
