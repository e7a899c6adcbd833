using Microsoft.Playwright;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// Debian's chromium (installed by ./test.sh), driven by Playwright through its executable path:
/// no browser is downloaded. One browser for the lab view tests; each test opens its own page.
/// Screenshots go to NANOCARD_LAB_PICTURES when it is set (docs/images/make-lab-pictures.sh),
/// else to a temporary folder.
/// </summary>
public sealed class LabBrowser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    private static readonly string? Kept = Environment.GetEnvironmentVariable("NANOCARD_LAB_PICTURES");

    public string Pictures { get; } = Kept ?? Directory.CreateTempSubdirectory("lab-pictures-").FullName;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
    }

    /// <summary>A page the size of a projector's picture, on <paramref name="address"/>.</summary>
    public async Task<IPage> Open(Uri address)
    {
        IPage page = await browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(address.ToString());
        return page;
    }

    public Task Screenshot(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Pictures, name), FullPage = true });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        if (Kept is null)
        {
            Directory.Delete(Pictures, recursive: true);
        }
    }
}
