namespace NanoCheck.Tests;

/// <summary>The C# sources the tests compile against the nano mscorlib.</summary>
internal static class Sources
{
    /// <summary>
    /// Everyday card-OS code that nanoCLR v1 runs: classes, structs, enums, interfaces, virtual calls,
    /// delegates and events, SZ arrays (with initializer data), string switches, exceptions, statics,
    /// properties, lambdas, local functions, interpolated strings, ref/out, params, lock, using. nanocheck must find nothing here.
    /// </summary>
    public const string Clean = """
        using System;

        namespace Probe
        {
            public enum Status : ushort { Ok = 0x9000, WrongLength = 0x6700 }

            public interface IApplet { Status Process(byte[] apdu, int length); }

            public struct Tlv { public byte Tag; public short Length; }

            public delegate void Notify(int code);

            public abstract class Base { public abstract int Size { get; } public virtual string Name() => "base"; }

            public sealed class Clean : Base, IApplet
            {
                private static readonly byte[] Table = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18 };
                private readonly Tlv[] tlvs = new Tlv[4];
                private int count;

                public event Notify Changed;

                public override int Size => this.count;

                public override string Name() => "clean";

                public Status Process(byte[] apdu, int length)
                {
                    if (apdu == null) throw new ArgumentNullException(nameof(apdu));
                    int sum = 0;
                    foreach (byte b in apdu) sum += b ^ Table[b % Table.Length];
                    for (int i = 0; i < length && i < tlvs.Length; i++)
                    {
                        tlvs[i].Tag = apdu[i];
                        tlvs[i].Length = (short)(apdu[i] << 8 | apdu[i]);
                    }

                    try { this.count = sum + length; if (this.count < 0) throw new ArgumentException("negative"); }
                    catch (ArgumentException) { this.count = 0; }
                    finally { Changed?.Invoke(this.count); }

                    switch (Kind(length))
                    {
                        case "short": return Status.Ok;
                        case "extended": return Status.Ok;
                        case "a": case "b": case "c": case "d": case "e": case "f": case "g": return Status.Ok;
                        default: return Status.WrongLength;
                    }
                }

                private static string Kind(int length) => length switch { < 256 => "short", _ => "extended" };

                public object Box() => (object)this.count;

                public string Describe() => $"count {this.count} of {Size}, {Name()}";

                public int Sum(params int[] values)
                {
                    int total = 0;
                    Notify add = v => total += v;
                    foreach (int v in values) add(v);
                    return Twice(total);

                    static int Twice(int x) => x * 2;
                }

                public static void Swap(ref int a, ref int b) { int t = a; a = b; b = t; }

                public bool TryFirst(byte[] data, out byte first)
                {
                    first = 0;
                    if (data is { Length: > 0 }) { first = data[0]; return true; }
                    return false;
                }

                public void Guarded(object gate, IDisposable resource)
                {
                    lock (gate) { this.count++; }
                    using (resource) { this.count--; }
                }
            }
        }
        """;

    /// <summary>
    /// A library the probes may use: generic types and methods. It is referenced and allowed, so the
    /// only findings in a probe are those of its own use of generics.
    /// </summary>
    public const string GenericLibrary = """
        namespace Lib
        {
            public class Holder<T> { public T Value; public T Get() => Value; public static int Count() => 0; }

            public static class G { public static T Id<T>(T x) => x; }

            public static class Plain { public static int Take(Holder<int> h) => 0; }

            public sealed class Marker<T> : System.Attribute { }
        }
        """;

    /// <summary>A non-generic library: a reference to it is the one thing wrong in a probe using it.</summary>
    public const string OtherLibrary = """
        namespace Other
        {
            public static class Thing { public static int Value() => 42; }
        }
        """;

    /// <summary>A probe whose only fault is referencing <see cref="OtherLibrary"/>.</summary>
    public const string UsesOther = """
        namespace Probe
        {
            public static class C { public static int M() => Other.Thing.Value() + 1; }
        }
        """;

    /// <summary>Wraps a class body as the only type in the probe assembly.</summary>
    public static string Probe(string members, string header = "public static class C") =>
        $"namespace Probe {{ {header} {{ {members} }} }}";
}
