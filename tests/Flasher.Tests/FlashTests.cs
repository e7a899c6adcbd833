using NanoCard.Flasher.Commands;

namespace NanoCard.Flasher.Tests;

/// <summary><c>flasher flash</c> with a stand-in nanoff (a shell script that records its arguments) and without any.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FlashTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("flasher-flash-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private string In(string name) => Path.Combine(work, name);

    [Fact]
    public void With_nanoff_it_updates_the_firmware_then_deploys_the_image()
    {
        string log = In("calls.txt");
        string nanoff = In("nanoff");
        File.WriteAllText(nanoff, $"#!/bin/sh\necho \"$@\" >> {log}\necho flashed\n");
        File.SetUnixFileMode(nanoff, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(In("app.bin"), [1, 2, 3]);
        var output = new StringWriter();
        Assert.Equal(0, FlashCommand.Run("/dev/ttyUSB0", null, In("app.bin"), nanoff, output));
        Assert.Equal(
            ["--platform esp32 --serialport /dev/ttyUSB0 --update", $"--serialport /dev/ttyUSB0 --deploy --image {In("app.bin")}"],
            File.ReadAllLines(log));
        Assert.Contains("flasher issue --persona p.json --ca ca --card serial:/dev/ttyUSB0", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_nanoff_stops_with_one_line()
    {
        string nanoff = In("nanoff");
        File.WriteAllText(nanoff, "#!/bin/sh\necho no board >&2\nexit 3\n");
        File.SetUnixFileMode(nanoff, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(In("app.bin"), [1]);
        var error = Assert.Throws<UserError>(() => FlashCommand.Run("/dev/ttyUSB0", "ESP32_REV0", In("app.bin"), nanoff, TextWriter.Null));
        Assert.Contains("nanoff --update failed (exit 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_nanoff_it_prints_the_steps_and_flashes_nothing()
    {
        Assert.Null(FlashCommand.FindOnPath("nanoff", work));
        var output = new StringWriter();
        Assert.Equal(1, FlashCommand.Run("/dev/ttyACM0", null, FlashCommand.DefaultImage, null, output));
        string text = output.ToString();
        Assert.Contains("dotnet tool install -g nanoff", text, StringComparison.Ordinal);
        Assert.Contains("nanoff --platform esp32 --serialport /dev/ttyACM0 --update", text, StringComparison.Ordinal);
        Assert.Contains("nanoff --serialport /dev/ttyACM0 --deploy --image " + FlashCommand.DefaultImage, text, StringComparison.Ordinal);
    }
}
