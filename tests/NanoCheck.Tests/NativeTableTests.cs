using NanoCheck.NativeTable;

namespace NanoCheck.Tests;

/// <summary>
/// The native method table and checksum as the MetadataProcessor computes them: the values of its
/// own unit tests (metadata-processor NativeMethodsCrcTests), the index shifts the order rules cause,
/// and the comparison with an interop's lookup .cpp that ./test.sh runs on NanoCard.NativeCrypto.
/// </summary>
public sealed class NativeTableTests : IDisposable
{
    private const string Natives = """
        using System.Runtime.CompilerServices;
        [assembly: System.Reflection.AssemblyNativeVersion("1.2.3.4")]
        namespace TestNFApp
        {
            public class OneClassOverAll
            {
                public OneClassOverAll() { }
                public void DummyMethod() { }
                [MethodImpl(MethodImplOptions.InternalCall)]
                public extern void DummyExternMethod();
            }
        }
        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_checksum_is_the_MetadataProcessors_for_its_own_test_method()
    {
        // NativeMethodsCrcTests.CrcWithMethodDefinitionTest: DummyExternMethod of TestNFApp's
        // OneClassOverAll, counted first, gives 519713657; methods before it do not count.
        NativeMethodTable table = NativeMethodTable.Read(NanoCompiler.Compile(folder, "TestNFApp", Natives));

        Assert.Equal(519713657u, table.Checksum);
        Assert.Equal(new Version(1, 2, 3, 4), table.NativeVersion);
    }

    [Fact]
    public void The_lookup_table_has_one_entry_per_method_in_pe_order_with_the_embedded_attribute_first()
    {
        NativeMethodTable table = NativeMethodTable.Read(NanoCompiler.Compile(folder, "TestNFApp", Natives));

        // C# 13 adds Microsoft.CodeAnalysis.EmbeddedAttribute (one constructor), sorted before TestNFApp;
        // RefSafetyRulesAttribute is left out of the .pe.
        Assert.Equal(
            [null, null, null, "Library_TestNFApp_TestNFApp_OneClassOverAll::DummyExternMethod___VOID"],
            table.Entries);
    }

    [Fact]
    public void A_method_added_to_a_type_sorted_before_the_natives_moves_their_index_but_not_the_checksum()
    {
        NativeMethodTable before = NativeMethodTable.Read(NanoCompiler.Compile(folder, "TestNFApp", Natives));
        string withHelper = Natives.Replace("public class OneClassOverAll", "public static class Aaa { public static void Added() { } }\n    public class OneClassOverAll");
        NativeMethodTable after = NativeMethodTable.Read(NanoCompiler.Compile(folder, "TestNFApp2", withHelper.Replace("TestNFApp", "TestNFApp2")));

        Assert.Equal(3, IndexOfNative(before));
        Assert.Equal(4, IndexOfNative(after));
        // One native: the checksum is its method name's alone, whatever the assembly is called.
        Assert.Equal(before.Checksum, after.Checksum);
    }

    [Fact]
    public void Argument_types_are_named_as_the_MetadataProcessor_names_them()
    {
        const string source = """
            using System.Runtime.CompilerServices;
            namespace N
            {
                public struct Point { public int X; }
                public static class C
                {
                    [MethodImpl(MethodImplOptions.InternalCall)]
                    public static extern int M(byte a, sbyte b, short c, ushort d, uint e, long f, ulong g, float h, double i,
                        char j, string k, bool l, object m, byte[] n, ref int o, Point p, Point[] q, System.WeakReference r);
                }
            }
            """;
        NativeMethodTable table = NativeMethodTable.Read(NanoCompiler.Compile(folder, "Names", source));

        Assert.Contains(
            "Library_Names_N_C::M___STATIC__I4__U1__I1__I2__U2__U4__I8__U8__R4__R8__CHAR__STRING__BOOLEAN__OBJECT__SZARRAY_U1__BYREF_I4__NPoint__SZARRAY_NPoint__WEAKCLASS",
            table.Entries);
    }

    [Fact]
    public void A_lookup_file_that_matches_the_assembly_passes()
    {
        NativeMethodTable table = NativeMethodTable.Read(NanoCompiler.Compile(folder, "TestNFApp", Natives));

        Assert.Empty(NativeTableCommand.Compare(table, InteropLookupFile.Parse(LookupFile(table.Checksum, "NULL, NULL, NULL,", "1, 2, 3, 4"))));
    }

    [Fact]
    public void A_lookup_file_with_a_shifted_entry_a_wrong_checksum_or_version_fails_on_each()
    {
        NativeMethodTable table = NativeMethodTable.Read(NanoCompiler.Compile(folder, "TestNFApp", Natives));

        List<string> mismatches = NativeTableCommand.Compare(table, InteropLookupFile.Parse(LookupFile(0xF2361418, "NULL, NULL,", "1, 0, 0, 0")));

        Assert.Contains(mismatches, m => m.StartsWith("checksum 0xF2361418", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.StartsWith("version 1.0.0.0", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.StartsWith("method_lookup[2] is Library_TestNFApp", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.StartsWith("method_lookup[3] is (no entry)", StringComparison.Ordinal));
    }

    [Fact]
    public void An_assembly_without_AssemblyNativeVersion_fails_the_comparison()
    {
        NativeMethodTable table = NativeMethodTable.Read(
            NanoCompiler.Compile(folder, "TestNFApp", Natives.Replace("[assembly: System.Reflection.AssemblyNativeVersion(\"1.2.3.4\")]", "")));

        Assert.Null(table.NativeVersion);
        Assert.Contains(
            NativeTableCommand.Compare(table, InteropLookupFile.Parse(LookupFile(table.Checksum, "NULL, NULL, NULL,", "1, 2, 3, 4"))),
            m => m.Contains("no AssemblyNativeVersion", StringComparison.Ordinal));
    }

    private static int IndexOfNative(NativeMethodTable table) =>
        table.Entries.ToList().FindIndex(e => e is not null);

    private static string LookupFile(uint checksum, string leadingNulls, string version) => $$"""
        #include "TestNFApp.h"
        static const CLR_RT_MethodHandler method_lookup[] =
        {
            {{leadingNulls}} // comment, NULL
            Library_TestNFApp_TestNFApp_OneClassOverAll::DummyExternMethod___VOID,
        };
        const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_TestNFApp =
        {
            "TestNFApp",
            0x{{checksum:X8}},
            method_lookup,
            { {{version}} }
        };
        """;
}
