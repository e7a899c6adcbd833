using System.IO;
using NanoCard.Hal.Storage;

namespace NanoCard.Device.Glue
{
    /// <summary>
    /// The card's EEPROM as one preallocated file on the ESP32's internal LittleFS volume (I:).
    /// LittleFS commits a file's changes on flush/close copy-on-write, so a power cut leaves each
    /// flushed write whole (reference §4: "file updates are not actually committed … until sync or
    /// close"); the store's journal and commit records do the rest (docs/reliability.md). Made blank
    /// (every byte FF, an erased EEPROM) the first time, or when its size is not the layout's.
    /// </summary>
    public sealed class FileNvm : INvm
    {
        private readonly FileStream file;

        public FileNvm(string path, int size, int pageSize)
        {
            Size = size;
            PageSize = pageSize;
            bool blank = !File.Exists(path);
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
            if (blank || file.Length != size)
            {
                byte[] erased = new byte[pageSize];
                for (int i = 0; i < pageSize; i++)
                {
                    erased[i] = 0xFF;
                }
                file.SetLength(0);
                file.Seek(0, SeekOrigin.Begin);
                for (int at = 0; at < size; at += pageSize)
                {
                    file.Write(erased, 0, pageSize);
                }
                file.Flush();
            }
        }

        public int Size { get; }

        public int PageSize { get; }

        public void Read(int address, byte[] dest, int offset, int length)
        {
            file.Seek(address, SeekOrigin.Begin);
            int done = 0;
            while (done < length)
            {
                int n = file.Read(dest, offset + done, length - done);
                if (n <= 0)
                {
                    throw new IOException("EEPROM file shorter than its layout");
                }
                done += n;
            }
        }

        public void Write(int address, byte[] source, int offset, int length)
        {
            file.Seek(address, SeekOrigin.Begin);
            file.Write(source, offset, length);
        }

        public void Flush()
        {
            file.Flush();
        }
    }
}
