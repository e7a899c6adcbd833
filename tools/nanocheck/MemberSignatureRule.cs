using System.Reflection.Metadata;

namespace NanoCheck;

/// <summary>
/// The places outside IL that can name a generic instantiation, a type parameter or a multidimensional
/// array: field and method signatures (ECMA-335 II.23.2.1, II.23.2.4), base types and interface
/// implementations (II.22.37, II.22.23), MethodImpl rows (II.22.27), event types (II.22.13) and custom
/// attribute constructors (II.22.10). Each finding names the type and member it belongs to.
/// </summary>
internal static class MemberSignatureRule
{
    public static void Run(CheckContext context)
    {
        MetadataReader reader = context.Reader;
        foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(typeHandle);
            Owner typeOwner = context.Names.OwnerOf(typeHandle);

            if (!type.BaseType.IsNil)
            {
                context.References.Inspect(type.BaseType, typeOwner, " as base type");
            }

            foreach (InterfaceImplementationHandle implementation in type.GetInterfaceImplementations())
            {
                context.References.Inspect(reader.GetInterfaceImplementation(implementation).Interface, typeOwner, " as interface");
            }

            foreach (MethodImplementationHandle implementation in type.GetMethodImplementations())
            {
                MethodImplementation methodImpl = reader.GetMethodImplementation(implementation);
                context.References.Inspect(methodImpl.MethodDeclaration, typeOwner, " in MethodImpl");
                context.References.Inspect(methodImpl.MethodBody, typeOwner, " in MethodImpl");
            }

            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                context.ReportSignature(() => [context.Signatures.Field(field.Signature)], context.Names.OwnerOf(fieldHandle), "field signature");
            }

            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                context.ReportSignature(() => context.Signatures.Method(method.Signature), context.Names.OwnerOf(methodHandle), "method signature");
            }

            foreach (EventDefinitionHandle eventHandle in type.GetEvents())
            {
                EventDefinition definition = reader.GetEventDefinition(eventHandle);
                Owner eventOwner = typeOwner with { MemberName = reader.GetString(definition.Name) };
                context.References.Inspect(definition.Type, eventOwner, " as event type");
            }
        }

        foreach (CustomAttributeHandle attributeHandle in reader.CustomAttributes)
        {
            CustomAttribute attribute = reader.GetCustomAttribute(attributeHandle);
            context.References.Inspect(attribute.Constructor, context.Names.OwnerOf(attribute.Parent), " in custom attribute");
        }
    }
}
