namespace NanoCard.Hal.Host.Storage;

/// <summary>
/// An NVM in a file of exactly <see cref="SimulatedNvm.Size"/> bytes: the desktop card's EEPROM,
/// kept between runs. Flush is fsync, so a flushed write survives a crash of the machine too.
/// </summary>
public sealed class FileNvm : SimulatedNvm, IDisposable
{
    private readonly FileStream file;

    private FileNvm(FileStream file, int size, int pageSize)
        : base(size, pageSize)
    {
        this.file = file;
    }

    /// <summary>Opens <paramref name="path"/>, creating it erased (all 0xFF) when missing; an existing file must be exactly <paramref name="size"/> bytes.</summary>
    public static FileNvm Open(string path, int size, int pageSize)
    {
        bool created = !File.Exists(path);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            if (created)
            {
                var erased = new byte[size];
                Array.Fill(erased, (byte)0xFF);
                file.Write(erased);
                file.Flush(flushToDisk: true);
            }
            else if (file.Length != size)
            {
                throw new InvalidDataException($"{path} holds {file.Length} bytes; this card's memory is {size} bytes");
            }
            return new FileNvm(file, size, pageSize);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose() => file.Dispose();

    protected override void ReadRaw(int address, byte[] dest, int offset, int length)
    {
        file.Position = address;
        file.ReadExactly(dest, offset, length);
    }

    protected override void WriteRaw(int address, byte[] source, int offset, int length)
    {
        file.Position = address;
        file.Write(source, offset, length);
    }

    protected override void FlushRaw() => file.Flush(flushToDisk: true);
}
