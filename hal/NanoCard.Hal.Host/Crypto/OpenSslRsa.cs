using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace NanoCard.Hal.Host.Crypto;

/// <summary>
/// RSASP1 (RFC 8017 §5.2.1) by OpenSSL on a whole encoded message: the private operation .NET's
/// RSA does not offer (it pads the hash itself), for the blocks the card pads that are not a
/// DigestInfo .NET knows. The key is the <see cref="RSAOpenSsl"/> of <see cref="RsaKeyCache"/>;
/// the operation is EVP_PKEY_sign with RSA_NO_PADDING (OpenSSL 3, EVP_PKEY_CTX_set_rsa_padding(3)),
/// so OpenSSL's CRT with blinding does what BigInteger.ModPow did some forty times slower.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class OpenSslRsa
{
    private const string LibCrypto = "libcrypto.so.3";
    private const int RsaNoPadding = 3;

    /// <summary>False once libcrypto.so.3 turned out missing or without these functions (OpenSSL 1.1 has the padding call as a macro).</summary>
    private static bool unavailable;

    /// <summary>
    /// s = m^d mod n for the k-byte <paramref name="encodedMessage"/>; false if OpenSSL refuses or
    /// is not OpenSSL 3, and the caller computes it itself.
    /// </summary>
    public static bool TrySignEncoded(RSAOpenSsl rsa, ReadOnlySpan<byte> encodedMessage, Span<byte> signature)
    {
        if (unavailable)
        {
            return false;
        }
        try
        {
            return SignEncoded(rsa, encodedMessage, signature);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
            return false;
        }
    }

    private static bool SignEncoded(RSAOpenSsl rsa, ReadOnlySpan<byte> encodedMessage, Span<byte> signature)
    {
        using SafeEvpPKeyHandle key = rsa.DuplicateKeyHandle();
        IntPtr context = EvpPkeyCtxNew(key, IntPtr.Zero);
        if (context == IntPtr.Zero)
        {
            return false;
        }
        try
        {
            nuint length = (nuint)signature.Length;
            fixed (byte* m = encodedMessage)
            fixed (byte* s = signature)
            {
                return EvpPkeySignInit(context) == 1
                    && EvpPkeyCtxSetRsaPadding(context, RsaNoPadding) == 1
                    && EvpPkeySign(context, s, &length, m, (nuint)encodedMessage.Length) == 1
                    && length == (nuint)signature.Length;
            }
        }
        finally
        {
            EvpPkeyCtxFree(context);
        }
    }

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_CTX_new")]
    private static partial IntPtr EvpPkeyCtxNew(SafeEvpPKeyHandle key, IntPtr engine);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_sign_init")]
    private static partial int EvpPkeySignInit(IntPtr context);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_CTX_set_rsa_padding")]
    private static partial int EvpPkeyCtxSetRsaPadding(IntPtr context, int padding);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_sign")]
    private static partial int EvpPkeySign(IntPtr context, byte* signature, nuint* signatureLength, byte* message, nuint messageLength);

    [LibraryImport(LibCrypto, EntryPoint = "EVP_PKEY_CTX_free")]
    private static partial void EvpPkeyCtxFree(IntPtr context);
}
