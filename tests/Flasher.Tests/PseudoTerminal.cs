using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using NanoCard.Hal.Buses;

namespace NanoCard.Flasher.Tests;

/// <summary>
/// A Linux pseudo-terminal pair (posix_openpt, unlockpt, ptsname): the slave path is a serial port
/// the flasher opens with System.IO.Ports as it would /dev/ttyUSB0; the master end is the board's
/// side, offered as the <see cref="ISerialTransport"/> the board's firmware uses (a pump thread
/// fills what <see cref="BytesToRead"/> counts).
/// </summary>
public sealed partial class PseudoTerminal : ISerialTransport, IDisposable
{
    private const int ReadWrite = 0x0002;
    private const int NoControllingTerminal = 0x0100;

    private readonly FileStream master;
    private readonly BlockingCollection<byte> received = new();
    private readonly Thread pump;

    public PseudoTerminal()
    {
        int fd = PosixOpenpt(ReadWrite | NoControllingTerminal);
        if (fd < 0 || Grantpt(fd) != 0 || Unlockpt(fd) != 0)
        {
            throw new IOException("no pseudo-terminal: " + Marshal.GetLastPInvokeErrorMessage());
        }
        byte[] name = new byte[128];
        if (PtsnameR(fd, name, (nuint)name.Length) != 0)
        {
            throw new IOException("ptsname_r failed");
        }
        SlavePath = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        master = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite, bufferSize: 0);
        pump = new Thread(Pump) { IsBackground = true, Name = "pty pump" };
        pump.Start();
    }

    /// <summary>The serial port path for the flasher (/dev/pts/N).</summary>
    public string SlavePath { get; }

    public int BytesToRead => received.Count;

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && received.TryTake(out byte b))
        {
            buffer[offset + n++] = b;
        }
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        master.Write(buffer, offset, count);
        master.Flush();
    }

    public void Dispose()
    {
        master.Dispose();
        received.CompleteAdding();
    }

    private void Pump()
    {
        byte[] chunk = new byte[4096];
        while (!received.IsAddingCompleted)
        {
            try
            {
                int n = master.Read(chunk, 0, chunk.Length);
                if (n == 0)
                {
                    Thread.Sleep(5);
                }
                for (int i = 0; i < n; i++)
                {
                    received.Add(chunk[i]);
                }
            }
            catch (IOException)
            {
                // No slave open (EIO until the flasher opens the port again): wait and read on.
                Thread.Sleep(5);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                return; // disposed
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenpt(int flags);

    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static partial int Grantpt(int fd);

    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int Unlockpt(int fd);

    [LibraryImport("libc", EntryPoint = "ptsname_r", SetLastError = true)]
    private static partial int PtsnameR(int fd, [Out] byte[] buffer, nuint length);
}
