//
// NanoCard.NativeCrypto's native method table, as the MetadataProcessor generates it (<assembly>.cpp):
// one entry per method of the assembly in .pe order, NULL for methods with IL; nanoCLR calls entry i
// for method i. The checksum and version must equal the .pe's, or nanoCLR refuses the assembly.
// ./test.sh checks every line against the built assembly (`nanocheck native-table --expect`);
// after changing NanoCard.NativeCrypto, run `nanocheck native-table <dll>` and copy what it prints.
//
#include "NanoCard_NativeCrypto.h"

// clang-format off

static const CLR_RT_MethodHandler method_lookup[] =
{
    NULL, // SelfTest (IL)
    Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto::NativeDigest___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4,
    Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto::NativeEcdsaKeygen___STATIC__I4__U1__SZARRAY_U1__I4__SZARRAY_U1__I4,
    Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto::NativeEcdsaSign___STATIC__I4__U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4,
    Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto::NativeEcdsaVerify___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4,
    Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto::NativeRsaKeygen___STATIC__I4__SZARRAY_U1__I4,
    Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto::NativeRsaSign___STATIC__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4,
    Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto::NativeRsaVerify___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4,
};

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoCard_NativeCrypto =
{
    "NanoCard.NativeCrypto",
    0x7D27EBCD,
    method_lookup,
    { 1, 0, 0, 0 }
};

// clang-format on
