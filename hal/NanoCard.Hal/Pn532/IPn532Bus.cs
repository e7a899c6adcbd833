namespace NanoCard.Hal.Pn532
{
    /// <summary>
    /// How frames reach the PN532 and come back: I2C (<see cref="Pn532I2cBus"/>), SPI
    /// (<see cref="Pn532SpiBus"/>) or HSU/UART (<see cref="Pn532HsuBus"/>), as the .NET IoT device
    /// bindings keep one driver per chip behind a bus. Each turns the chip's own handshake (ready
    /// bit, status read, wake-up) into these calls; waiting and timeouts are the driver's
    /// (<see cref="Pn532"/>), measured on its clock.
    /// </summary>
    public interface IPn532Bus
    {
        /// <summary>
        /// Wakes the chip from power-down, which it enters by itself while TgInitAsTarget waits for a
        /// reader, in the way this bus needs (README.md in this folder); returns when the next frame
        /// will be heard.
        /// </summary>
        void WakeUp();

        /// <summary>Sends one whole frame to the chip; false when the bus reports the transfer failed.</summary>
        bool Write(byte[] frame, int length);

        /// <summary>One look, without waiting: true when the chip has a frame for the host.</summary>
        bool Poll();

        /// <summary>
        /// Reads the frame the chip has ready, at most <paramref name="count"/> bytes, into
        /// <paramref name="buffer"/> from index 0; returns the bytes read (0 when the transfer failed).
        /// The frame may be preceded by preamble or noise (<see cref="Pn532Frame.Decode"/> skips it).
        /// </summary>
        int Read(byte[] buffer, int count);
    }
}
