using System.CommandLine;
using NanoCard.Flasher.Service;
using NanoCard.Issuance.Revocation;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher ca serve</c>: runs the CA folder's issuer service (OCSP, CRLs, online renewal) until
/// Ctrl+C (docs/revocation.md "Over HTTP").
/// </summary>
public static class CaCommand
{
    public static Command Create()
    {
        var ca = new Option<string>("--ca") { Description = "the CA folder (flasher issue made it)", Required = true };
        var listen = new Option<string>("--listen") { Description = "address:port to listen on; port 0 takes a free one", DefaultValueFactory = _ => IssuerServiceSettings.DefaultAddress };
        var url = new Option<string?>("--url") { Description = "the base URL relying parties reach it at, put in the certificates it renews (default: the address it listens on)" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "listen on an address other than loopback (renewal carries the holder's password: put HTTPS in front)" };
        var serve = new Command("serve", "serve OCSP, the CRLs and online renewal for a CA folder over HTTP") { ca, listen, url, allowRemote };
        serve.SetAction((result, cancel) => Serve(Settings(result.GetValue(ca)!, result.GetValue(listen)!, result.GetValue(url), result.GetValue(allowRemote)), Console.Out, cancel));
        return new Command("ca", "the CA folder's issuer service") { serve };
    }

    public static IssuerServiceSettings Settings(string caDirectory, string listen, string? url, bool allowRemote)
    {
        var (address, port) = ListenAddress.Parse(listen, "--listen", IssuerServiceSettings.DefaultAddress);
        if (!System.Net.IPAddress.IsLoopback(address) && !allowRemote)
        {
            throw new UserError($"--listen {listen} is not a loopback address: renewal carries the holder's signing password; add --allow-remote behind HTTPS if that is meant");
        }
        Uri? publicUrl = null;
        if (url is not null)
        {
            try
            {
                publicUrl = RevocationLinks.Parse(url).BaseUrl;
            }
            catch (ArgumentException e)
            {
                throw new UserError("--url " + e.Message);
            }
        }
        return new IssuerServiceSettings(caDirectory, address, port) { PublicUrl = publicUrl };
    }

    private static async Task<int> Serve(IssuerServiceSettings settings, TextWriter output, CancellationToken cancel)
    {
        await using IssuerService service = IssuerService.Start(settings, output);
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("issuer service stopped");
        }
        return 0;
    }
}
