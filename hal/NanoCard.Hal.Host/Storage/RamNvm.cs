namespace NanoCard.Hal.Host.Storage;

/// <summary>An NVM in a byte array: the fast backend for tests and the power-cut campaign.</summary>
public sealed class RamNvm : SimulatedNvm
{
    private readonly byte[] memory;

    /// <summary>A blank memory: every byte 0xFF, as an erased EEPROM.</summary>
    public RamNvm(int size, int pageSize)
        : base(size, pageSize)
    {
        memory = new byte[size];
        Array.Fill(memory, (byte)0xFF);
    }

    /// <summary>A memory holding a copy of <paramref name="image"/> (a card image taken with <see cref="SimulatedNvm.Snapshot"/>).</summary>
    public RamNvm(byte[] image, int pageSize)
        : base(image.Length, pageSize)
    {
        memory = (byte[])image.Clone();
    }

    protected override void ReadRaw(int address, byte[] dest, int offset, int length) => Array.Copy(memory, address, dest, offset, length);

    protected override void WriteRaw(int address, byte[] source, int offset, int length) => Array.Copy(source, offset, memory, address, length);

    protected override void FlushRaw()
    {
    }
}
