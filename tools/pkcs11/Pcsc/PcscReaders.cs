using System.Runtime.InteropServices;
using System.Text;
using NanoCard.Pkcs11.Card;
using static NanoCard.Pkcs11.Pcsc.PcscLite;

namespace NanoCard.Pkcs11.Pcsc;

/// <summary>
/// PC/SC readers through pcsc-lite. Without pcscd there are simply no readers (C_Initialize still
/// succeeds, and the next call tries again). Waiting for a card uses its own context, so that
/// C_WaitForSlotEvent never shares one with the calls it runs beside, and C_Finalize cancels it.
/// </summary>
public sealed unsafe class PcscReaders : IReaders
{
    private readonly object waitGate = new();
    private nint context;
    private nint waitContext;
    private bool disposed;

    public IReadOnlyList<string> List() => Ensure(ref context) ? ListOn(ref context) : [];

    public bool IsCardPresent(string reader)
    {
        if (!Ensure(ref context))
        {
            return false;
        }
        nint name = Marshal.StringToCoTaskMemUTF8(reader);
        try
        {
            var state = new ReaderState { Reader = name, CurrentState = StateUnaware };
            return SCardGetStatusChange(context, 0, &state, 1) == Success && (state.EventState & StatePresent) != 0;
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
        }
    }

    public ICardLink? Connect(string reader)
    {
        if (!Ensure(ref context))
        {
            return null;
        }
        nint status = SCardConnect(context, reader, ShareShared, ProtocolT0 | ProtocolT1, out nint card, out nuint protocol);
        return status == Success ? new PcscLink(card, protocol) : null;
    }

    public void WaitForChange(int milliseconds)
    {
        lock (waitGate)
        {
            if (disposed || !Ensure(ref waitContext))
            {
                Thread.Sleep(milliseconds);
                return;
            }
            IReadOnlyList<string> names = ListOn(ref waitContext);
            if (names.Count == 0)
            {
                Thread.Sleep(milliseconds);
                return;
            }
            var states = new ReaderState[names.Count];
            var allocated = new nint[names.Count];
            try
            {
                for (int i = 0; i < names.Count; i++)
                {
                    allocated[i] = Marshal.StringToCoTaskMemUTF8(names[i]);
                    states[i] = new ReaderState { Reader = allocated[i], CurrentState = StateUnaware };
                }
                fixed (ReaderState* s = states)
                {
                    // First the state now, then wait for any reader to leave it.
                    if (SCardGetStatusChange(waitContext, 0, s, (nuint)states.Length) != Success)
                    {
                        return;
                    }
                    for (int i = 0; i < states.Length; i++)
                    {
                        s[i].CurrentState = s[i].EventState & ~(nuint)StateChanged;
                    }
                    SCardGetStatusChange(waitContext, (nuint)milliseconds, s, (nuint)states.Length);
                }
            }
            finally
            {
                foreach (nint name in allocated)
                {
                    Marshal.FreeCoTaskMem(name);
                }
            }
        }
    }

    public void Dispose()
    {
        disposed = true;
        if (waitContext != 0)
        {
            SCardCancel(waitContext);
        }
        lock (waitGate)
        {
            Release(ref waitContext);
        }
        Release(ref context);
    }

    private static bool Ensure(ref nint ctx)
    {
        if (ctx != 0)
        {
            return true;
        }
        try
        {
            return SCardEstablishContext(ScopeSystem, 0, 0, out ctx) == Success;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The reader names (SCardListReaders' multi-string); a context whose pcscd went away is made again on the next call.</summary>
    private static IReadOnlyList<string> ListOn(ref nint ctx)
    {
        nuint length = 0;
        nint status = SCardListReaders(ctx, 0, null, ref length);
        if (status != Success || length == 0)
        {
            if (status != Success && status != ErrorNoReaders)
            {
                Release(ref ctx);
            }
            return [];
        }
        var buffer = new byte[(int)length];
        fixed (byte* names = buffer)
        {
            if (SCardListReaders(ctx, 0, names, ref length) != Success)
            {
                return [];
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, (int)length).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void Release(ref nint ctx)
    {
        if (ctx != 0)
        {
            SCardReleaseContext(ctx);
            ctx = 0;
        }
    }
}
