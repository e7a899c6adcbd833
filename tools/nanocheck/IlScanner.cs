using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace NanoCheck;

/// <summary>
/// Walks every method body instruction by instruction (ECMA-335 II.25.4 bodies, III.1.2 opcode encoding):
/// reports opcodes nanoCLR v1 cannot execute and hands each token operand to the
/// <see cref="ReferenceInspector"/>, so a generic call or a <c>newobj int32[,]::.ctor</c> is named with its
/// method and IL offset. Operands are skipped by their encoded size, never scanned, so operand bytes that
/// happen to look like a forbidden opcode are not reported.
/// </summary>
internal static class IlScanner
{
    public static void Run(CheckContext context)
    {
        foreach (MethodDefinitionHandle handle in context.Reader.MethodDefinitions)
        {
            MethodDefinition method = context.Reader.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0)
            {
                continue; // abstract, extern, InternalCall: no IL to check
            }

            Owner owner = context.Names.OwnerOf(handle);
            MethodBodyBlock body;
            try
            {
                body = context.PE.GetMethodBody(method.RelativeVirtualAddress);
            }
            catch (BadImageFormatException ex)
            {
                context.Report(FindingKind.Undecodable, owner, $"(method body) {ex.Message}");
                continue;
            }

            if (!body.LocalSignature.IsNil)
            {
                context.Covered.Add(body.LocalSignature);
                context.ReportSignature(() => context.Signatures.Standalone(body.LocalSignature), owner, "local signature");
            }

            ScanIl(context, body.GetILReader(), owner);
        }
    }

    private static void ScanIl(CheckContext context, BlobReader il, Owner owner)
    {
        while (il.RemainingBytes > 0)
        {
            int offset = il.Offset;
            string at = $" at IL_{offset:x4}";
            try
            {
                byte first = il.ReadByte();
                ushort value = first == 0xFE ? (ushort)(0xFE00 | il.ReadByte()) : first;
                if (!OpCodeTable.TryGet(value, out OpCode opCode))
                {
                    context.Report(FindingKind.Undecodable, owner, $"(IL) unknown opcode 0x{value:X2}{at}");
                    return; // the operand size is unknown, so nothing after it can be decoded
                }

                if (OpCodeTable.IsUnsupported(opCode))
                {
                    context.Report(FindingKind.UnsupportedOpcode, owner, $"{opCode.Name}{at}");
                }

                if (opCode.OperandType == OperandType.InlineSwitch)
                {
                    // switch: uint32 N, then N int32 branch offsets (III.3.66)
                    uint count = il.ReadUInt32();
                    if (count > (uint)il.RemainingBytes / 4)
                    {
                        context.Report(FindingKind.Undecodable, owner, $"(IL) switch table of {count} entries runs past the body{at}");
                        return;
                    }

                    il.Offset += (int)count * 4;
                }
                else if (OpCodeTable.HasTokenOperand(opCode.OperandType))
                {
                    InspectToken(context, il.ReadInt32(), owner, at);
                }
                else
                {
                    int size = OpCodeTable.OperandSize(opCode.OperandType);
                    if (size > il.RemainingBytes)
                    {
                        context.Report(FindingKind.Undecodable, owner, $"(IL) {opCode.Name} operand runs past the body{at}");
                        return;
                    }

                    il.Offset += size;
                }
            }
            catch (BadImageFormatException ex)
            {
                // BlobReader throws this when an opcode or token is cut off by the end of the body.
                context.Report(FindingKind.Undecodable, owner, $"(IL) {ex.Message}{at}");
                return;
            }
        }
    }

    private static void InspectToken(CheckContext context, int token, Owner owner, string at)
    {
        EntityHandle handle;
        try
        {
            handle = MetadataTokens.EntityHandle(token);
        }
        catch (ArgumentException)
        {
            context.Report(FindingKind.Undecodable, owner, $"(IL) token 0x{token:X8} names no metadata table row{at}");
            return;
        }

        int row = MetadataTokens.GetRowNumber(handle);
        if (!MetadataTokens.TryGetTableIndex(handle.Kind, out TableIndex table)
            || row < 1
            || row > context.Reader.GetTableRowCount(table))
        {
            context.Report(FindingKind.Undecodable, owner, $"(IL) token 0x{token:X8} is out of range{at}");
            return;
        }

        context.References.Inspect(handle, owner, at);
    }
}
