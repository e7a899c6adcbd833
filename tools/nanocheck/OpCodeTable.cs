using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace NanoCheck;

/// <summary>
/// The CIL instruction set (ECMA-335 partition III) as a lookup from opcode value to name and operand
/// encoding, plus the opcodes nanoCLR v1 refuses. The table is read from
/// <see cref="OpCodes"/> so nanocheck's decoder cannot drift from the runtime's own definition.
/// </summary>
internal static class OpCodeTable
{
    /// <summary>
    /// nf-interpreter src/CLR/Core/Interpreter.cpp (v1) ends its opcode switch with an "Unsupported opcodes"
    /// group that fails with CLR_E_UNSUPPORTED_INSTRUCTION. Later nf-interpreter versions implement
    /// localloc and cpblk, but the v1 runtime that matches CoreLibrary 1.17.11 does not.
    /// </summary>
    private static readonly HashSet<ushort> Unsupported =
    [
        (ushort)ILOpCode.Localloc,
        (ushort)ILOpCode.Calli,
        (ushort)ILOpCode.Cpblk,
        (ushort)ILOpCode.Initblk,
        (ushort)ILOpCode.Mkrefany,
        (ushort)ILOpCode.Refanyval,
        (ushort)ILOpCode.Refanytype,
        (ushort)ILOpCode.Ckfinite,
        (ushort)ILOpCode.Jmp,
        (ushort)ILOpCode.Arglist,
        (ushort)ILOpCode.Readonly,
    ];

    private static readonly Dictionary<ushort, OpCode> ByValue = Build();

    /// <summary>The opcode with this value: one byte, or 0xFE followed by a second byte (0xFExx).</summary>
    public static bool TryGet(ushort value, out OpCode opCode) => ByValue.TryGetValue(value, out opCode);

    public static bool IsUnsupported(OpCode opCode) => Unsupported.Contains((ushort)opCode.Value);

    /// <summary>Operand size in bytes (III.1.9); <c>switch</c> has a variable one and is read by the caller.</summary>
    public static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineBrTarget or OperandType.InlineField or OperandType.InlineI or OperandType.InlineMethod
            or OperandType.InlineSig or OperandType.InlineString or OperandType.InlineTok or OperandType.InlineType
            or OperandType.ShortInlineR => 4,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => throw new InvalidOperationException($"operand type {type} has no fixed size"),
    };

    /// <summary>Operands that are metadata tokens (field, method, type, TypeDefOrRef-or-member, StandaloneSig).</summary>
    public static bool HasTokenOperand(OperandType type) => type is OperandType.InlineField or OperandType.InlineMethod
        or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig;

    private static Dictionary<ushort, OpCode> Build()
    {
        Dictionary<ushort, OpCode> table = [];
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode opCode)
            {
                table.TryAdd((ushort)opCode.Value, opCode);
            }
        }

        return table;
    }
}
