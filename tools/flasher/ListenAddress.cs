using System.Globalization;
using System.Net;

namespace NanoCard.Flasher;

/// <summary>An <c>address:port</c> a server of the flasher listens on: an IP address or localhost, port 0 for any free port.</summary>
public static class ListenAddress
{
    public static (IPAddress Address, int Port) Parse(string text, string option, string example)
    {
        int colon = text.LastIndexOf(':');
        string host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        IPAddress? address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out IPAddress? parsed) ? parsed : null;
        if (address is null || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            throw new UserError($"{option} '{text}' is not address:port (an IP address or localhost, like {example})");
        }
        return (address, port);
    }
}
