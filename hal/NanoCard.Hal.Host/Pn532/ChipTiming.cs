namespace NanoCard.Hal.Host.Pn532;

/// <summary>
/// The times the PN532 model charges, in microseconds. Air and bus times follow from the standards'
/// bit rates; the chip's own delays are assumptions (no source gives them), chosen inside the
/// bounds others rely on, and listed in docs/building-firmware.md.
/// </summary>
public static class ChipTiming
{
    /// <summary>The 13.56 MHz carrier, in cycles per microsecond.</summary>
    private const double CarrierPerUs = 13.56;

    /// <summary>One byte at 106 kbit/s (ISO/IEC 14443-2 type A): 8 bits and odd parity, 128 carrier cycles a bit.</summary>
    public const double AirByteUs = 9 * 128 / CarrierPerUs;

    /// <summary>The frame delay between a frame and its answer, 1 172 carrier cycles (ISO/IEC 14443-3 §6.2.1.1).</summary>
    public const double FrameDelayUs = 1172 / CarrierPerUs;

    /// <summary>An ISO 14443-4 block's framing: PCB and CRC_A.</summary>
    public const int BlockOverhead = 3;

    /// <summary>ISO 14443-4 frame waiting time for a given FWI: 256 × 16 / fc × 2^FWI (§7.2).</summary>
    public static long FrameWaitingUs(int fwi) => (long)(256 * 16 / CarrierPerUs * (1 << fwi));

    /// <summary>Air time of one frame of <paramref name="bytes"/> bytes and the delay before it.</summary>
    public static long FrameUs(int bytes) => (long)(bytes * AirByteUs + FrameDelayUs);

    /// <summary>HSU at 115 200 baud 8N1: ten bit times a byte.</summary>
    public const double HsuByteUs = 10 * 1e6 / 115_200;

    /// <summary>I2C: nine clocks a byte (eight bits and the acknowledge).</summary>
    public const int I2cClocksPerByte = 9;

    /// <summary>SPI at 1 MHz (BoardConfig.SpiClockHz): eight clocks a byte.</summary>
    public const double SpiByteUs = 8;

    /// <summary>From a host frame's last byte to its ACK being ready (assumed; nfcpy waits 15 ms at most).</summary>
    public const long AckUs = 1000;

    /// <summary>The chip's own work on a command before its response is ready (assumed).</summary>
    public const long ProcessingUs = 500;

    /// <summary>From the first sign of the host on a bus to a powered-down chip listening (assumed; shorter than libnfc's 1.4 ms HSU preamble and 1 ms SPI wait).</summary>
    public const long WakeUpUs = 1000;

    /// <summary>FeliCa polling and the first command at 212 kbit/s, as one block of time (assumed).</summary>
    public const long FeliCaActivationUs = 3000;
}
