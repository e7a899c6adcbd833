// nanoFramework packages System.IO.Streams (Stream, SeekOrigin) and System.IO.FileSystem
// (FileStream, FileMode, FileAccess, File), namespace System.IO.
namespace System.IO
{
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }

    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
    }

    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    public abstract class Stream : IDisposable
    {
        public abstract long Length { get; }

        public abstract long Seek(long offset, SeekOrigin origin);

        public abstract int Read(byte[] buffer, int offset, int count);

        public abstract void Write(byte[] buffer, int offset, int count);

        public abstract void Flush();

        public abstract void SetLength(long value);

        public void Dispose() { }
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode, FileAccess access) { }

        public override long Length { get { throw null; } }

        public override long Seek(long offset, SeekOrigin origin) { throw null; }

        public override int Read(byte[] buffer, int offset, int count) { throw null; }

        public override void Write(byte[] buffer, int offset, int count) { }

        public override void Flush() { }

        public override void SetLength(long value) { }
    }

    public static class File
    {
        public static bool Exists(string path) { throw null; }
    }
}
