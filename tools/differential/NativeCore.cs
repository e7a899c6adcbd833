using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace NanoCard.Differential;

/// <summary>
/// The native crypto core (firmware/native/include/nanocard_crypto.h) as CMake builds it for the
/// host: <c>artifacts/native/libnanocard_crypto.so</c> (./test.sh builds it before the tests;
/// by hand: <c>cmake -S firmware/native -B artifacts/native &amp;&amp; cmake --build artifacts/native</c>),
/// or the file <c>NANOCARD_NATIVE_CRYPTO</c> names. Every call returns the core's status code.
/// </summary>
public static unsafe partial class NativeCore
{
    private const string Library = "nanocard_crypto";
    public const int Ok = 0;

    static NativeCore()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeCore).Assembly, (name, _, _) =>
            name == Library ? NativeLibrary.Load(LibraryPath()) : IntPtr.Zero);
    }

    /// <summary>The library's path, or an exception saying how to build it.</summary>
    public static string LibraryPath()
    {
        string? configured = Environment.GetEnvironmentVariable("NANOCARD_NATIVE_CRYPTO");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nf.sln")))
        {
            dir = dir.Parent;
        }
        string path = Path.Combine(dir?.FullName ?? ".", "artifacts", "native", "libnanocard_crypto.so");
        return File.Exists(path) ? path : throw new FileNotFoundException(
            $"{path} is missing: build the native core first (cmake -S firmware/native -B artifacts/native && cmake --build artifacts/native)");
    }

    [LibraryImport(Library, EntryPoint = "ncc_sha256")]
    public static partial int Sha256(byte* input, nuint length, byte* output);

    [LibraryImport(Library, EntryPoint = "ncc_sha384")]
    public static partial int Sha384(byte* input, nuint length, byte* output);

    [LibraryImport(Library, EntryPoint = "ncc_ecdsa_public_from_private")]
    public static partial int EcdsaPublicFromPrivate(int curve, byte* d, byte* q);

    [LibraryImport(Library, EntryPoint = "ncc_ecdsa_sign")]
    public static partial int EcdsaSign(int curve, byte* d, byte* hash, nuint hashLength, byte* rs, IntPtr rng, IntPtr rngContext);

    [LibraryImport(Library, EntryPoint = "ncc_ecdsa_verify")]
    public static partial int EcdsaVerify(int curve, byte* q, nuint qLength, byte* hash, nuint hashLength, byte* rs, nuint sigLength);

    [LibraryImport(Library, EntryPoint = "ncc_rsa_import")]
    public static partial int RsaImport(byte* p, byte* q, uint e, byte* n, byte* dp, byte* dq, byte* qinv);

    [LibraryImport(Library, EntryPoint = "ncc_rsa_keygen")]
    public static partial int RsaKeygen(IntPtr rng, IntPtr rngContext, byte* n, byte* p, byte* q, byte* dp, byte* dq, byte* qinv);

    [LibraryImport(Library, EntryPoint = "ncc_rsa_sign_pkcs1")]
    public static partial int RsaSign(byte* n, uint e, byte* p, byte* q, byte* dp, byte* dq, byte* qinv,
        byte* block, nuint blockLength, byte* signature, IntPtr rng, IntPtr rngContext);

    [LibraryImport(Library, EntryPoint = "ncc_rsa_verify_pkcs1")]
    public static partial int RsaVerify(byte* n, nuint nLength, uint e, byte* block, nuint blockLength, byte* signature, nuint sigLength);

    /// <summary>The RNG callback the core's RSA calls need (blinding, key generation): the OS's generator.</summary>
    public static IntPtr Rng => (IntPtr)(delegate* unmanaged<IntPtr, byte*, nuint, int>)&Fill;

    [UnmanagedCallersOnly]
    private static int Fill(IntPtr context, byte* output, nuint length)
    {
        RandomNumberGenerator.Fill(new Span<byte>(output, checked((int)length)));
        return 0;
    }
}
