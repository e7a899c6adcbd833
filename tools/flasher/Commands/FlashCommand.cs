using System.CommandLine;
using System.Diagnostics;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher flash</c>: puts the nanoFramework firmware on a board and deploys the NanoCard
/// application with <c>nanoff</c> (docs/building-firmware.md), then shows how to issue a persona
/// over the cable. Without nanoff it prints the exact steps instead and exits 1: nothing was flashed.
/// </summary>
public static class FlashCommand
{
    public const string DefaultImage = "firmware/NanoCard.Device/bin/Managed/NanoCard.Device.bin";

    public static Command Create()
    {
        var port = new Option<string>("--port") { Description = "the board's serial port (/dev/ttyUSB0, COM3)", Required = true };
        var target = new Option<string?>("--target") { Description = "nanoff's target name (default: nanoff picks the ESP32 platform's)" };
        var image = new Option<string>("--image") { Description = "the application image built from NanoCard.Device.nfproj", DefaultValueFactory = _ => DefaultImage };
        var nanoff = new Option<string?>("--nanoff") { Description = "the nanoff executable (default: nanoff on PATH)" };
        var command = new Command("flash", "flash the nanoFramework firmware and deploy NanoCard to an ESP32 board with nanoff") { port, target, image, nanoff };
        command.SetAction(result => Run(result.GetValue(port)!, result.GetValue(target), result.GetValue(image)!,
            result.GetValue(nanoff) ?? FindOnPath("nanoff", Environment.GetEnvironmentVariable("PATH") ?? ""), Console.Out));
        return command;
    }

    public static int Run(string port, string? target, string image, string? nanoff, TextWriter output)
    {
        string[] firmware = target is null ? ["--platform", "esp32", "--serialport", port, "--update"] : ["--target", target, "--serialport", port, "--update"];
        string[] deploy = ["--serialport", port, "--deploy", "--image", image];
        if (nanoff is null)
        {
            output.WriteLine("nanoff is not installed; the steps (docs/building-firmware.md):");
            output.WriteLine("  dotnet tool install -g nanoff");
            output.WriteLine("  nanoff " + string.Join(' ', firmware));
            output.WriteLine("  (build firmware/NanoCard.Device/NanoCard.Device.nfproj, configuration Managed, in Visual Studio with the nanoFramework extension)");
            output.WriteLine("  nanoff " + string.Join(' ', deploy));
            output.WriteLine($"  flasher issue --persona PERSONA.json --ca CA --card serial:{port}");
            return 1;
        }
        if (!File.Exists(image))
        {
            throw new UserError($"application image '{image}' not found: build NanoCard.Device.nfproj first (docs/building-firmware.md §2), or name it with --image");
        }
        Nanoff(nanoff, firmware, output);
        Nanoff(nanoff, deploy, output);
        output.WriteLine($"{port}: NanoCard deployed. Issue it: flasher persona new --out p.json && flasher issue --persona p.json --ca ca --card serial:{port}");
        return 0;
    }

    private static void Nanoff(string nanoff, string[] arguments, TextWriter output)
    {
        output.WriteLine("nanoff " + string.Join(' ', arguments));
        var start = new ProcessStartInfo(nanoff) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new UserError($"cannot start {nanoff}");
        string text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        output.Write(text);
        if (process.ExitCode != 0)
        {
            throw new UserError($"nanoff {arguments[^1]} failed (exit {process.ExitCode}); see its output above");
        }
    }

    /// <summary>The executable <paramref name="name"/> in a PATH-style list of folders, or null.</summary>
    public static string? FindOnPath(string name, string path)
        => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
