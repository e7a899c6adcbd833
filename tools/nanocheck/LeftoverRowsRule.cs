using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace NanoCheck;

/// <summary>
/// The last sweep: TypeSpec, MethodSpec, MemberRef and StandaloneSig rows (ECMA-335 II.22.39, II.22.29,
/// II.22.25, II.22.36) that no IL, signature or attribute pointed at are still loaded by the device, so they
/// are judged too, with no owner to name.
/// </summary>
internal static class LeftoverRowsRule
{
    public static void Run(CheckContext context)
    {
        Sweep(context, TableIndex.TypeSpec, row => MetadataTokens.TypeSpecificationHandle(row));
        Sweep(context, TableIndex.MethodSpec, row => MetadataTokens.MethodSpecificationHandle(row));
        Sweep(context, TableIndex.MemberRef, row => MetadataTokens.MemberReferenceHandle(row));
        Sweep(context, TableIndex.StandAloneSig, row => MetadataTokens.StandaloneSignatureHandle(row));
    }

    private static void Sweep(CheckContext context, TableIndex table, Func<int, EntityHandle> handleOf)
    {
        int rows = context.Reader.GetTableRowCount(table);
        for (int row = 1; row <= rows; row++)
        {
            EntityHandle handle = handleOf(row);
            if (!context.Covered.Contains(handle))
            {
                context.References.Inspect(handle, Owner.Assembly, $" (row {MetadataNames.Token(handle)}, unused)");
            }
        }
    }
}
