using System.Globalization;
using NanoCard.Hal.Host.Pn532;

namespace NanoCard.Applets.Tests.Pn532;

/// <summary>The numbers the PN532 documents give are the ones the driver and the model use.</summary>
public sealed class Pn532DocumentTests
{
    private static string Read(string path) => File.ReadAllText(Path.Combine(ApduSpec.RepositoryRoot(), path));

    private static string Ms(double us) => (us / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    [Fact]
    public void The_model_coverage_table_gives_the_model_s_times()
    {
        string doc = Read("docs/building-firmware.md");
        var chip = new Pn532Simulator();
        Assert.Contains($"ACK {Ms(ChipTiming.AckUs)} after a frame, {Ms(ChipTiming.ProcessingUs)} processing per command", doc);
        Assert.Contains($"{Ms(ChipTiming.WakeUpUs)} until the chip listens", doc);
        Assert.Contains($"(default {Ms(chip.I2cStretchLimitUs)} in the model)", doc);
        Assert.Contains($"FSCI {chip.AtsFsci} (256 bytes), FWI {chip.AtsFwi} ({Ms(ChipTiming.FrameWaitingUs(chip.AtsFwi))})", doc);
        Assert.Contains($"HSU {ChipTiming.HsuByteUs.ToString("0.0", CultureInfo.InvariantCulture)} µs a byte", doc);
        Assert.Contains($"I2C {(ChipTiming.I2cClocksPerByte * 1000.0 / chip.I2cKilohertz).ToString("0.0", CultureInfo.InvariantCulture)} µs ({chip.I2cKilohertz} kHz", doc);
        Assert.Contains($"SPI {ChipTiming.SpiByteUs} µs (1 MHz", doc);
    }

    [Fact]
    public void The_driver_README_gives_the_driver_s_limits()
    {
        string readme = Read("hal/NanoCard.Hal/Pn532/README.md");
        Assert.Contains($"`AckTimeoutMs` = {Hal.Pn532.Pn532.AckTimeoutMs} ms", readme);
        Assert.Contains($"up to {Hal.Pn532.Pn532.Attempts} times", readme);
    }
}
