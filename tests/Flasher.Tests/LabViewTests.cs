using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NanoCard.Applets.Jpki;
using NanoCard.Flasher.Commands;
using NanoCard.Flasher.Lab;
using NanoCard.Issuance;
using NanoCard.Os.Store;
using static Microsoft.Playwright.Assertions;
using static NanoCard.Flasher.Tests.VpcdWire;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// The lab view (docs/labs.md) in Debian's chromium: <c>flasher sim --web</c> on loopback, a
/// scripted reader playing vpcd, and the page checked for what it shows. The screenshots in
/// docs/teaching.md and docs/labs.md are the ones these tests take (docs/images/make-lab-pictures.sh).
/// </summary>
public sealed partial class LabViewTests(FaultLabCard card, LabBrowser browser) : IClassFixture<FaultLabCard>, IClassFixture<LabBrowser>, IDisposable
{
    /// <summary>The flash colour of lab.js: a page the last command wrote.</summary>
    private static readonly int[] Flash = [255, 43, 214];

    private readonly string work = Directory.CreateTempSubdirectory("flasher-lab-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task Shows_each_command_a_falling_counter_and_the_page_written_and_never_the_pin()
    {
        await using var sim = new LabSim(work, card, control: false);
        NetworkStream reader = await sim.Connect();
        IPage page = await browser.Open(await sim.Page);
        ILocator authPin = page.Locator("#pins tr", new() { HasText = "user-authentication PIN" });
        await Expect(authPin).ToHaveAttributeAsync("data-tries", "3");
        await Expect(page.Locator("#control")).ToBeHiddenAsync();

        Assert.Equal("9000", Sw(Request(reader, Apdus.SelectAid(JpkiAp.Aid))));
        Assert.Equal("63C2", Sw(Request(reader, Apdus.Verify(0x98, card.WrongPin))));

        ILocator rows = page.Locator("#stream tr.exchange");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("SELECT AP: JPKI AP (公的個人認証AP)");
        await Expect(rows.Nth(1)).ToContainTextAsync("VERIFY");
        await Expect(rows.Nth(1)).ToContainTextAsync("wrong value, 2 tries left");
        await Expect(authPin).ToHaveAttributeAsync("data-tries", "2");
        await Expect(page.Locator("#state-ap")).ToHaveTextAsync("JPKI AP (公的個人認証AP)");

        // The wrong PIN cost a try: the counter's page in the try-counter area flashes.
        ILocator last = page.Locator("#map-last");
        await Expect(last).ToHaveAttributeAsync("data-owners", new Regex("try counters"));
        int written = int.Parse((await last.GetAttributeAsync("data-pages"))!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        StoreLayout layout = StoreLayout.WithSize(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        Assert.InRange(written * layout.PageSize, layout.CounterAddress - layout.PageSize + 1, layout.DirectoryAddress - 1);
        await page.WaitForFunctionAsync(
            "([page, flash]) => { const c = document.getElementById('map'); const a = page * 64;" +
            " const p = c.getContext('2d').getImageData((a % 4096) / 4, Math.floor(a / 4096) * 12 + 5, 1, 1).data;" +
            " return p[0] === flash[0] && p[1] === flash[1] && p[2] === flash[2]; }",
            new object[] { written, Flash });
        await browser.Screenshot(page, "lab-live.png");

        // Hovering the flashed page names its region and its writes.
        LocatorBoundingBoxResult box = (await page.Locator("#map").BoundingBoxAsync())!;
        float scale = box.Width / 1024;
        int at = written * layout.PageSize;
        await page.Mouse.MoveAsync(box.X + ((at % 4096 / 4) + 0.5f) * scale, box.Y + ((at / 4096 * 12) + 5) * scale);
        await Expect(page.Locator("#map-hover")).ToContainTextAsync($"try counters · page {written}, written 1×");

        // The AP filter keeps the rows of the AP that was selected when they ran.
        Assert.Equal("9000", Sw(Request(reader, Apdus.SelectAid(NanoCard.Applets.Text.TextAp.Aid))));
        await Expect(rows).ToHaveCountAsync(3);
        await page.SelectOptionAsync("#ap-filter", new SelectOptionValue { Label = "JPKI AP (公的個人認証AP)" });
        await Expect(page.Locator("#stream tr.exchange:visible")).ToHaveCountAsync(2);
        await page.SelectOptionAsync("#ap-filter", "");

        // Copy as text gives the trace's lines; the Japanese labels name the AP as the card's documents do.
        await page.ClickAsync("#copy");
        Assert.Contains("> 00A4040C0AD392F000260100000001  SELECT AP: JPKI AP (公的個人認証AP)", await page.InputValueAsync("#copy-text"), StringComparison.Ordinal);
        await page.Locator("#map").FocusAsync();
        await page.Keyboard.PressAsync("l");
        await Expect(page.Locator("h1")).ToHaveTextAsync("NanoCard ラボ表示");
        await Expect(page.Locator("#state-ap")).ToHaveTextAsync("券面事項入力補助AP");
        await Expect(page.Locator("#legend")).ToContainTextAsync("券面事項入力補助AP");
        await browser.Screenshot(page, "lab-live-ja.png");

        string shown = await page.ContentAsync() + await page.InnerTextAsync("body");
        Assert.DoesNotContain(Convert.ToHexString(card.WrongPin), shown, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Text.Encoding.ASCII.GetString(card.WrongPin), await page.InnerTextAsync("#stream"), StringComparison.Ordinal);
        Assert.Equal(0, await sim.Stop());
        Assert.DoesNotContain(Convert.ToHexString(card.WrongPin), File.ReadAllText(sim.Trace + ".jsonl"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_to_a_fault_profile_shows_its_faults()
    {
        await using var sim = new LabSim(work, card, control: true);
        NetworkStream reader = await sim.Connect();
        IPage page = await browser.Open(await sim.Page);
        await page.SelectOptionAsync("#profile", "flaky");
        await page.FillAsync("#seed", "7");
        await page.ClickAsync("#apply");
        await Expect(page.Locator("#state-profile")).ToHaveTextAsync("flaky (seed 7)");

        // flaky with seed 7 answers the 4th command 6F00 without running it (docs/labs.md); numbering restarts at the switch.
        for (int n = 1; n <= 3; n++)
        {
            Assert.Equal("9000", Sw(Request(reader, Apdus.SelectAid(JpkiAp.Aid))));
        }
        Assert.Equal("6F00", Sw(Request(reader, Apdus.SelectAid(JpkiAp.Aid))));
        await Expect(page.Locator("#stream tr.fault")).ToContainTextAsync("status-word at command 4: answered 6F00 without running the command");
        await Expect(page.Locator("#stream tr.exchange").Nth(3)).ToContainTextAsync("6F00");
        await browser.Screenshot(page, "lab-faults.png");
        Assert.Equal(0, await sim.Stop());
    }

    [Fact]
    public async Task Step_mode_holds_a_command_until_next_is_clicked()
    {
        await using var sim = new LabSim(work, card, control: true);
        NetworkStream reader = await sim.Connect();
        IPage page = await browser.Open(await sim.Page);
        Assert.Equal("9000", Sw(Request(reader, Apdus.SelectAid(JpkiAp.Aid))));
        await page.CheckAsync("#step");
        await Expect(page.Locator("#stream tr.note")).ToContainTextAsync("step mode on");

        Task<byte[]> verify = Task.Run(() => Request(reader, Apdus.Verify(0x98, card.Pin)));
        ILocator held = page.Locator("#held");
        await Expect(held).ToBeVisibleAsync();
        await Expect(held).ToContainTextAsync("VERIFY");
        Assert.DoesNotContain(Convert.ToHexString(card.Pin), await held.InnerTextAsync(), StringComparison.Ordinal);
        await browser.Screenshot(page, "lab-step.png");
        await Task.Delay(1500);
        Assert.False(verify.IsCompleted, "the reader got an answer before Next was clicked");

        await page.Keyboard.PressAsync("n");
        Assert.Equal("9000", Sw(await verify.WaitAsync(TimeSpan.FromSeconds(10))));
        await Expect(held).ToBeHiddenAsync();
        await Expect(page.Locator("#pins tr", new() { HasText = "user-authentication PIN" })).ToHaveAttributeAsync("data-verified", "true");
        Assert.Equal(0, await sim.Stop());
    }

    [Fact]
    public async Task A_replay_of_the_recorded_trace_shows_the_same_stream_and_scrubs()
    {
        string[] live;
        await using (var sim = new LabSim(work, card, control: false))
        {
            NetworkStream reader = await sim.Connect();
            IPage page = await browser.Open(await sim.Page);
            Request(reader, Apdus.SelectAid(JpkiAp.Aid));
            Request(reader, Apdus.Verify(0x98, card.WrongPin));
            Request(reader, Apdus.SelectEf(JpkiAp.AuthCertificate));
            Request(reader, Apdus.ReadBinary(0, 4));
            await Expect(page.Locator("#stream tr.exchange")).ToHaveCountAsync(4);
            live = await Rows(page);
            Assert.Equal(0, await sim.Stop());
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        LabSettings settings = LabOptions.Parse("127.0.0.1:0", control: false, allowRemote: false) with { Listening = listening.SetResult };
        Task<int> replay = ReplayCommand.Run(Path.Combine(work, "trace.txt.jsonl"), settings, TextWriter.Null, stop.Token);
        IPage replayed = await browser.Open(await listening.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await Expect(replayed.Locator("#replay")).ToBeVisibleAsync();
        await Expect(replayed.Locator("#stream tr.exchange")).ToHaveCountAsync(4);
        Assert.Equal(live, await Rows(replayed));
        ILocator authPin = replayed.Locator("#pins tr", new() { HasText = "user-authentication PIN" });
        await Expect(authPin).ToHaveAttributeAsync("data-tries", "2");
        await Expect(replayed.Locator("#state-ef")).ToContainTextAsync("000A");

        // Back to the start of the session: the counter is full again, and no command is shown.
        await replayed.Locator("#scrub").FillAsync("0");
        await Expect(replayed.Locator("#stream tr.exchange")).ToHaveCountAsync(0);
        await replayed.Locator("#scrub").FocusAsync();
        // Records 0–3: the map, the state at start, the SELECT and the state after it.
        for (int i = 0; i < 3; i++)
        {
            await replayed.Keyboard.PressAsync("ArrowRight");
        }
        await Expect(replayed.Locator("#stream tr.exchange")).ToHaveCountAsync(1);
        await Expect(authPin).ToHaveAttributeAsync("data-tries", "3");
        await browser.Screenshot(replayed, "lab-replay.png");
        await stop.CancelAsync();
        Assert.Equal(0, await replay.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<string[]> Rows(IPage page) => [.. (await page.Locator("#stream tr.exchange").AllInnerTextsAsync()).Select(row => TimeCell().Replace(row, ""))];

    private static string Sw(byte[] reply) => Convert.ToHexString(reply[^2..]);

    [GeneratedRegex(@"\d\d:\d\d:\d\d\.\d{3}")]
    private static partial Regex TimeCell();
}
