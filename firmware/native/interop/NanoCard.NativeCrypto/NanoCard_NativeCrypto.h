//
// NanoCard.NativeCrypto's native declarations in the shape the MetadataProcessor generates
// (<assembly>.h with NFMDP_GENERATE_STUBS=true): one struct per class with natives, one
// NANOCLR_NATIVE_DECLARE per InternalCall method, named by the MetadataProcessor's rules.
// `nanocheck native-table` checks NanoCard_NativeCrypto.cpp against the compiled assembly; the
// C++ compiler checks this file against both.
//
#ifndef NANOCARD_NATIVECRYPTO_H
#define NANOCARD_NATIVECRYPTO_H

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>

struct Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto
{
    NANOCLR_NATIVE_DECLARE(NativeDigest___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(NativeEcdsaKeygen___STATIC__I4__U1__SZARRAY_U1__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(NativeEcdsaSign___STATIC__I4__U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(NativeEcdsaVerify___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(NativeRsaKeygen___STATIC__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(NativeRsaSign___STATIC__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    NANOCLR_NATIVE_DECLARE(NativeRsaVerify___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4);
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_NanoCard_NativeCrypto;

#endif // NANOCARD_NATIVECRYPTO_H
