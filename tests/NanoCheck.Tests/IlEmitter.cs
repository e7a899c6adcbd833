using System.Reflection;
using System.Reflection.Emit;

namespace NanoCheck.Tests;

/// <summary>What an IL test body can use: nano mscorlib types and a second method to jump to or call.</summary>
internal sealed record IlContext(Assembly Core, MethodInfo Target)
{
    public Type Void => Core.GetType("System.Void", throwOnError: true)!;

    public Type Int32 => Core.GetType("System.Int32", throwOnError: true)!;
}

/// <summary>
/// Builds an assembly with one method, <c>Probe.Emitted::Run</c>, whose IL the test writes, for the opcodes
/// C# never emits against the nano mscorlib (cpblk, mkrefany, jmp, ...). PersistedAssemblyBuilder is given
/// the nano mscorlib, loaded through a MetadataLoadContext, as its core assembly, so the only AssemblyRef in
/// the output is mscorlib, as in a real netnano1.0 build.
/// </summary>
internal static class IlEmitter
{
    public const string TypeName = "Probe.Emitted";
    public const string MethodName = "Run";

    /// <summary>
    /// Emits the assembly; <paramref name="body"/> writes Run's IL (without the final ret) and
    /// <paramref name="module"/>, if given, may add metadata rows of its own.
    /// </summary>
    public static string Emit(
        TempFolder folder, string assemblyName, Action<ILGenerator, IlContext> body, Action<ModuleBuilder, IlContext>? module = null)
    {
        using MetadataLoadContext loadContext = new(new PathAssemblyResolver([NanoCorlib.Path]), AssemblyChecker.CoreLibrary);
        Assembly core = loadContext.CoreAssembly ?? throw new InvalidOperationException("nano mscorlib did not load");
        Type @object = core.GetType("System.Object", throwOnError: true)!;
        Type @void = core.GetType("System.Void", throwOnError: true)!;

        PersistedAssemblyBuilder assembly = new(new AssemblyName(assemblyName) { Version = new Version(1, 0, 0, 0) }, core);
        ModuleBuilder moduleBuilder = assembly.DefineDynamicModule(assemblyName + ".dll");
        TypeBuilder type = moduleBuilder.DefineType(
            TypeName, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class, @object);

        MethodBuilder target = type.DefineMethod("Target", MethodAttributes.Public | MethodAttributes.Static, @void, Type.EmptyTypes);
        target.GetILGenerator().Emit(OpCodes.Ret);

        MethodBuilder run = type.DefineMethod(MethodName, MethodAttributes.Public | MethodAttributes.Static, @void, Type.EmptyTypes);
        ILGenerator il = run.GetILGenerator();
        IlContext context = new(core, target);
        body(il, context);
        il.Emit(OpCodes.Ret);
        module?.Invoke(moduleBuilder, context);

        type.CreateType();
        string path = folder.File(assemblyName + ".dll");
        assembly.Save(path);
        return path;
    }
}
