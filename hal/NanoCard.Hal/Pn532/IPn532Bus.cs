namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// How frames reach the PN532 and come back: I2C (<see cref="Pn532I2cBus"/>), SPI
    /// (<see cref="Pn532SpiBus"/>) or HSU/UART (<see cref="Pn532HsuBus"/>), as the .NET IoT device
    /// bindings keep one driver per chip behind a bus. Each turns the chip's own handshake (ready
    /// bit, status read, wake-up) into these three calls.
    /// </summary>
    public interface IPn532Bus
    {
        /// <summary>Sends one whole frame to the chip.</summary>
        void Write(byte[] frame, int length);

        /// <summary>Waits until the chip has a frame for the host; false after <paramref name="timeoutMs"/>.</summary>
        bool WaitReady(int timeoutMs);

        /// <summary>
        /// Reads what the chip sends, up to <paramref name="buffer"/>'s length, into it from index 0;
        /// returns the bytes read. The frame may be preceded by preamble or noise (<see cref="Pn532Frame.Decode"/> skips it).
        /// </summary>
        int Read(byte[] buffer);
    }
}
