using System.Reflection;

namespace NanoCard.Bench.Memory;

/// <summary>
/// Walks the objects a component keeps and prices each the way nanoCLR lays it out, so the heap
/// table can say what the board spends and where, not only what .NET spends. nanoCLR allocates in
/// 12-byte heap blocks (<c>CLR_RT_HeapBlock</c>, nf-interpreter <c>src/CLR/Include/nanoCLR_Runtime__HeapBlock.h</c>):
/// an object is one header block plus one block per instance field, whatever the field's type; an
/// array is a 20-byte header (<c>CLR_RT_HeapBlock_Array</c>) plus its elements (1, 2, 4 or 8 bytes
/// for primitives, a 12-byte block for each reference), rounded up to whole blocks.
/// </summary>
/// <remarks>
/// What is not on the board's heap is not walked: objects of types outside the card's assemblies
/// (the EEPROM file, the PN532 simulator, the host's cable) are boundaries. Static fields of the
/// card's types are walked too, and count for the component that first made them.
/// </remarks>
public sealed class NanoClrCensus
{
    public const int Block = 12;
    public const int ArrayHeader = 20;

    private readonly HashSet<object> counted = new(ReferenceEqualityComparer.Instance);
    private readonly List<object> roots = [];
    private readonly Func<Type, bool> onBoard;

    /// <param name="onBoard">Whether objects of a (non-array) type live on the board's managed heap.</param>
    public NanoClrCensus(Func<Type, bool> onBoard)
    {
        this.onBoard = onBoard;
    }

    /// <summary>The card's own types, as the device app compiles them.</summary>
    public static bool CardType(Type type) =>
        type.Assembly.GetName().Name is "NanoCard.Os" or "NanoCard.Applets" or "NanoCard.Hal" or "NanoCard.NativeCrypto"
        || type.Namespace is { } ns && ns.StartsWith("NanoCard.Device", StringComparison.Ordinal);

    /// <summary>The card's types whose static fields may hold tables.</summary>
    public static IEnumerable<Type> CardTypes() =>
        AppDomain.CurrentDomain.GetAssemblies().SelectMany(a => a.GetTypes()).Where(t => CardType(t) && !t.ContainsGenericParameters);

    /// <summary>
    /// Counts what <paramref name="root"/>, the earlier roots and the card types' statics reach now
    /// that no earlier call counted (a component's objects may hang off an earlier one's, as the APs
    /// hang off the runtime's registry).
    /// </summary>
    public Dictionary<string, (int Count, long Bytes, long DotNetBytes)> Take(object root, IEnumerable<Type> staticHolders)
    {
        roots.Add(root);
        var byType = new Dictionary<string, (int, long, long)>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Item, string Holder)>();
        foreach (object each in roots)
        {
            Push(each, "root", pending, visited);
        }
        foreach (Type holder in staticHolders)
        {
            foreach (FieldInfo field in holder.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                // Reference-typed statics only: constant tables of value type stay in the assembly on nanoCLR.
                if (!field.IsLiteral && !field.FieldType.IsValueType)
                {
                    Push(field.GetValue(null), $"{holder.Name}.{field.Name}", pending, visited);
                }
            }
        }
        while (pending.Count > 0)
        {
            (object item, string holder) = pending.Pop();
            Type type = item.GetType();
            if (counted.Add(item))
            {
                long bytes = SizeOf(item, type);
                long dotNet = DotNetSizeOf(item, type);
                // Arrays are named by the field that holds them: "Byte[]" alone says nothing.
                string name = type.IsArray ? $"{type.Name} in {holder}" : type.FullName ?? type.Name;
                byType[name] = byType.TryGetValue(name, out var sum) ? (sum.Item1 + 1, sum.Item2 + bytes, sum.Item3 + dotNet) : (1, bytes, dotNet);
            }
            if (type.IsArray)
            {
                if (!type.GetElementType()!.IsValueType)
                {
                    foreach (object? element in (Array)item)
                    {
                        Push(element, $"{type.Name} in {holder}", pending, visited);
                    }
                }
                continue;
            }
            foreach (FieldInfo field in InstanceFields(type))
            {
                if (!field.FieldType.IsValueType)
                {
                    Push(field.GetValue(item), $"{type.Name}.{field.Name}", pending, visited);
                }
            }
        }
        return byType;
    }

    private void Push(object? item, string holder, Stack<(object, string)> pending, HashSet<object> visited)
    {
        if (item is null || item is string || item is Type || item is Delegate && !onBoard(item.GetType()))
        {
            return;
        }
        Type type = item.GetType();
        bool walk = type.IsArray ? type.GetElementType()!.IsPrimitive || !type.GetElementType()!.IsValueType : onBoard(type);
        if (walk && visited.Add(item))
        {
            pending.Push((item, holder));
        }
    }

    /// <summary>nanoCLR's bytes for one object.</summary>
    public static long SizeOf(object item, Type type)
    {
        if (type.IsArray)
        {
            Type element = type.GetElementType()!;
            int elementSize = element.IsValueType ? ElementSize(element) : Block;
            return Blocks(ArrayHeader + ((Array)item).Length * (long)elementSize);
        }
        return Block * (1L + InstanceFields(type).Count());
    }

    /// <summary>
    /// The same object on 64-bit .NET: a 16-byte header (sync block and method table), fields at
    /// their own sizes (8 for a reference), a length word for arrays, rounded to 8 and at least 24.
    /// Deterministic, unlike GC.GetTotalMemory, which the benchmark reports beside it as a check.
    /// </summary>
    public static long DotNetSizeOf(object item, Type type)
    {
        long bytes;
        if (type.IsArray)
        {
            Type element = type.GetElementType()!;
            bytes = 24 + ((Array)item).Length * (long)(element.IsValueType ? ElementSize(element) : 8);
        }
        else
        {
            bytes = 16 + InstanceFields(type).Sum(f => f.FieldType.IsValueType ? ElementSize(f.FieldType) : 8);
        }
        return Math.Max(24, (bytes + 7) / 8 * 8);
    }

    private static long Blocks(long bytes) => (bytes + Block - 1) / Block * Block;

    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    private static int ElementSize(Type primitive) => primitive == typeof(byte) || primitive == typeof(sbyte) || primitive == typeof(bool) ? 1
        : primitive == typeof(short) || primitive == typeof(ushort) || primitive == typeof(char) ? 2
        : primitive == typeof(long) || primitive == typeof(ulong) || primitive == typeof(double) ? 8
        : primitive.IsPrimitive || primitive.IsEnum ? 4 : Block;
}
