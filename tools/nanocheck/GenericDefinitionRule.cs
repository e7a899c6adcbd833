using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace NanoCheck;

/// <summary>
/// nanoCLR v1 has no runtime generics: a type or method with GenericParam rows (ECMA-335 II.22.20) cannot
/// be loaded. One finding per generic type or method, listing its type parameters.
/// </summary>
internal static class GenericDefinitionRule
{
    public static void Run(CheckContext context)
    {
        MetadataReader reader = context.Reader;
        int rows = reader.GetTableRowCount(TableIndex.GenericParam);
        Dictionary<EntityHandle, List<string>> byOwner = [];
        List<EntityHandle> order = [];
        for (int row = 1; row <= rows; row++)
        {
            GenericParameter parameter = reader.GetGenericParameter(MetadataTokens.GenericParameterHandle(row));
            if (!byOwner.TryGetValue(parameter.Parent, out List<string>? parameters))
            {
                byOwner[parameter.Parent] = parameters = [];
                order.Add(parameter.Parent);
            }

            parameters.Add(reader.GetString(parameter.Name));

            // A constraint such as "where T : IComparable<T>" is a TypeSpec; it is part of this finding.
            foreach (GenericParameterConstraintHandle constraint in parameter.GetConstraints())
            {
                context.Covered.Add(reader.GetGenericParameterConstraint(constraint).Type);
            }
        }

        foreach (EntityHandle parent in order)
        {
            context.Report(
                FindingKind.GenericDefinition,
                context.Names.OwnerOf(parent),
                $"(GenericParam) <{string.Join(", ", byOwner[parent])}>");
        }
    }
}
