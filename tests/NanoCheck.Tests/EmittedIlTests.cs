using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NanoCheck.Tests;

/// <summary>
/// IL that C# does not emit against the nano mscorlib, written with PersistedAssemblyBuilder: each opcode
/// nf-interpreter's Interpreter.cpp refuses, IL whose operands merely look like those opcodes, and bodies
/// too broken to decode.
/// </summary>
public sealed class EmittedIlTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> UnsupportedOpcodes => new()
    {
        "localloc", "calli", "cpblk", "initblk", "mkrefany", "refanyval", "refanytype", "ckfinite", "jmp", "arglist", "readonly.",
    };

    [Theory]
    [MemberData(nameof(UnsupportedOpcodes))]
    public void Each_unsupported_opcode_is_named_with_method_and_offset(string opcode)
    {
        int offset = -1;
        string path = IlEmitter.Emit(folder, "Emitted", (il, c) =>
        {
            // Valid encodings, operands and prefix placement; the stack need not balance (not verifiable).
            switch (opcode)
            {
                case "localloc": il.Emit(OpCodes.Ldc_I4_8); Mark(il); il.Emit(OpCodes.Localloc); il.Emit(OpCodes.Pop); break;
                case "calli": il.Emit(OpCodes.Ldftn, c.Target); Mark(il); il.EmitCalli(OpCodes.Calli, System.Reflection.CallingConventions.Standard, c.Void, Type.EmptyTypes, null); break;
                case "cpblk": Zeros(il, 3); Mark(il); il.Emit(OpCodes.Cpblk); break;
                case "initblk": Zeros(il, 3); Mark(il); il.Emit(OpCodes.Initblk); break;
                case "mkrefany": il.Emit(OpCodes.Ldnull); Mark(il); il.Emit(OpCodes.Mkrefany, c.Int32); il.Emit(OpCodes.Pop); break;
                case "refanyval": il.Emit(OpCodes.Ldnull); Mark(il); il.Emit(OpCodes.Refanyval, c.Int32); il.Emit(OpCodes.Pop); break;
                case "refanytype": il.Emit(OpCodes.Ldnull); Mark(il); il.Emit(OpCodes.Refanytype); il.Emit(OpCodes.Pop); break;
                case "ckfinite": il.Emit(OpCodes.Ldc_R8, 1.5); Mark(il); il.Emit(OpCodes.Ckfinite); il.Emit(OpCodes.Pop); break;
                case "jmp": il.Emit(OpCodes.Nop); Mark(il); il.Emit(OpCodes.Jmp, c.Target); break;
                case "arglist": Mark(il); il.Emit(OpCodes.Arglist); il.Emit(OpCodes.Pop); break;
                case "readonly.":
                    il.Emit(OpCodes.Ldnull); il.Emit(OpCodes.Ldc_I4_0); Mark(il);
                    il.Emit(OpCodes.Readonly); il.Emit(OpCodes.Ldelema, c.Int32); il.Emit(OpCodes.Pop);
                    break;
                default: throw new ArgumentOutOfRangeException(nameof(opcode), opcode, null);
            }
        });

        Finding finding = Assert.Single(AssemblyChecker.Check(path, []));

        Assert.Equal((FindingKind.UnsupportedOpcode, IlEmitter.TypeName, (string?)IlEmitter.MethodName), (finding.Kind, finding.TypeName, finding.MemberName));
        Assert.Equal($"{opcode} at IL_{offset:x4}", finding.Detail);

        void Mark(ILGenerator il) => offset = il.ILOffset;
    }

    [Fact]
    public void Operand_bytes_that_look_like_unsupported_opcodes_are_not_findings()
    {
        string path = IlEmitter.Emit(folder, "Lookalike", (il, c) => WriteLookalikes(il, c));

        Assert.Empty(AssemblyChecker.Check(path, []));
    }

    [Fact]
    public void Offsets_stay_right_after_switch_tables_and_two_byte_opcodes()
    {
        int offset = -1;
        string path = IlEmitter.Emit(folder, "LookalikeThenCkfinite", (il, c) =>
        {
            WriteLookalikes(il, c);
            il.Emit(OpCodes.Ldc_R8, 2.5);
            offset = il.ILOffset;
            il.Emit(OpCodes.Ckfinite);
            il.Emit(OpCodes.Pop);
        });

        Finding finding = Assert.Single(AssemblyChecker.Check(path, []));

        Assert.Equal(FindingKind.UnsupportedOpcode, finding.Kind);
        Assert.Equal($"ckfinite at IL_{offset:x4}", finding.Detail);
    }

    [Fact]
    public void A_generic_row_nothing_points_at_is_still_reported()
    {
        string path = IlEmitter.Emit(
            folder,
            "Dangling",
            (il, c) => il.Emit(OpCodes.Nop),
            (module, c) =>
            {
                Type action = c.Core.GetType("System.Action`1", throwOnError: true)!;
                module.GetTypeMetadataToken(action.MakeGenericType(c.Int32)); // a TypeSpec row, used by no IL
            });

        Finding finding = Assert.Single(AssemblyChecker.Check(path, []));

        Assert.Equal((FindingKind.GenericInstantiation, (string?)null, (string?)null), (finding.Kind, finding.TypeName, finding.MemberName));
        Assert.Equal("(TypeSpec) System.Action`1<int32> (row 0x1B000001, unused)", finding.Detail);
    }

    public static TheoryData<string, int, byte, string, string> BrokenBodies => new()
    {
        // what, byte to overwrite (-1 = the tiny header, else an IL offset), new value, detail start, detail end
        { "invalid body header", -1, 0x00, "(method body) ", "" },
        { "opcode that does not exist", 0, 0x24, "(IL) unknown opcode 0x24 at IL_0000", "" },
        { "ldc.i4 cut off by the end of the body", 5, 0x20, "(IL) ldc.i4 operand runs past the body at IL_0005", "" },
        { "call token cut off by the end of the body", 6, 0x28, "(IL) ", " at IL_0006" },
        { "call token of no table", 4, 0x7F, "(IL) token 0x7F0000", " names no metadata table row at IL_0000" },
        { "call token past the table's rows", 3, 0x7F, "(IL) token 0x067F00", " is out of range at IL_0000" },
    };

    /// <summary>Run's IL is <c>call Target; nop; nop; ret</c> (28 tt tt tt 06 00 00 2A), then one byte is overwritten.</summary>
    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public void A_body_that_cannot_be_decoded_is_a_finding_not_a_crash(string what, int at, byte value, string start, string end)
    {
        string path = IlEmitter.Emit(folder, "Broken", (il, c) =>
        {
            il.Emit(OpCodes.Call, c.Target);
            il.Emit(OpCodes.Nop);
            il.Emit(OpCodes.Nop);
        });
        PatchRunBody(path, at, value);

        Finding finding = Assert.Single(AssemblyChecker.Check(path, []));

        Assert.True(finding.Kind == FindingKind.Undecodable, $"{what}: {finding}");
        Assert.Equal((IlEmitter.TypeName, (string?)IlEmitter.MethodName), (finding.TypeName, finding.MemberName));
        Assert.StartsWith(start, finding.Detail, StringComparison.Ordinal);
        Assert.EndsWith(end, finding.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// IL whose operands contain the bytes of localloc (FE 0F), cpblk (FE 17), initblk (FE 18), refanytype
    /// (FE 1D), readonly. (FE 1E), jmp (27), calli (29), refanyval (C2), ckfinite (C3) and mkrefany (C6),
    /// in a switch table and behind two-byte opcodes, so a byte scanner would report it and a decoder must not.
    /// </summary>
    private static void WriteLookalikes(ILGenerator il, IlContext c)
    {
        il.Emit(OpCodes.Ldc_I4, 0x0F0F17FE);                  // 20 FE 17 0F 0F
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldc_I8, unchecked((long)0xFE1EFE1DFE18FE0F)); // 21 0F FE 18 FE 1D FE 1E FE
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldc_I4_S, (sbyte)0x29);               // 1F 29
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldc_I4, 0x27C6C3C2);                  // 20 C2 C3 C6 27
        il.Emit(OpCodes.Pop);
        Label first = il.DefineLabel();
        Label second = il.DefineLabel();
        Label done = il.DefineLabel();
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Switch, [first, second]);             // 45 02 00 00 00 C3 00 00 00 <second>
        int afterSwitch = il.ILOffset;
        il.Emit(OpCodes.Br, done);
        while (il.ILOffset < afterSwitch + 0xC3)
        {
            il.Emit(OpCodes.Nop);                             // so the first target's offset is 0xC3, ckfinite's byte
        }

        il.MarkLabel(first);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Ldc_I4_2);
        il.Emit(OpCodes.Ceq);                                 // FE 01
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Br, done);
        il.MarkLabel(second);
        il.Emit(OpCodes.Ldc_R8, BitConverter.Int64BitsToDouble(0x0F_FE_17_FE_18_FE_1E_FE)); // 23 + 8 lookalike bytes
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldtoken, c.Int32);                    // D0 <TypeRef token>
        il.Emit(OpCodes.Pop);
        il.MarkLabel(done);
        il.Emit(OpCodes.Call, c.Target);
    }

    private static void Zeros(ILGenerator il, int count)
    {
        for (int i = 0; i < count; i++)
        {
            il.Emit(OpCodes.Ldc_I4_0);
        }
    }

    /// <summary>Overwrites one byte of Run's tiny-format body (ECMA-335 II.25.4.2) in the file.</summary>
    private static void PatchRunBody(string path, int ilOffset, byte value)
    {
        long fileOffset;
        using (PEReader pe = new(File.OpenRead(path)))
        {
            MetadataReader reader = pe.GetMetadataReader();
            MethodDefinition run = reader.MethodDefinitions
                .Select(reader.GetMethodDefinition)
                .Single(m => reader.GetString(m.Name) == IlEmitter.MethodName);
            int rva = run.RelativeVirtualAddress;
            SectionHeader section = pe.PEHeaders.SectionHeaders
                .Single(s => rva >= s.VirtualAddress && rva < s.VirtualAddress + s.VirtualSize);
            long header = section.PointerToRawData + (rva - section.VirtualAddress);
            using FileStream raw = File.OpenRead(path);
            raw.Position = header;
            Assert.Equal(0x02, raw.ReadByte() & 0x03); // tiny format: the IL starts right after this byte
            fileOffset = header + 1 + ilOffset;
        }

        using FileStream file = File.OpenWrite(path);
        file.Position = fileOffset;
        file.WriteByte(value);
    }
}
