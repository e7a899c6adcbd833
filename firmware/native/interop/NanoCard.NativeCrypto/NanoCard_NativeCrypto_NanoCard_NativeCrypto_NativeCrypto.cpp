//
// NanoCard native crypto interop: the bodies of NanoCard.NativeCrypto.NativeCrypto's InternalCall
// methods (firmware/NanoCard.NativeCrypto/NativeCrypto.cs) for a nanoCLR image built with the
// NanoCard interop (docs/building-firmware.md). They read their arguments straight from the stack
// frame (stack.Arg0()..Arg7(), then ArgN(n): nanoCLR has no Arg8()), so the MetadataProcessor's
// marshalling layer (*_mshl.cpp) is not used. Every method checks its array bounds before touching
// memory and returns the C core's status (0 = done).
//
#include "NanoCard_NativeCrypto.h"
#include "nanocard_crypto.h"
#include <esp_random.h>

typedef Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto NativeCrypto;

// The ESP32's hardware RNG (esp_fill_random; ESP-IDF API reference, "Random Number Generation":
// true random numbers while Wi-Fi/Bluetooth or the SAR ADC entropy source is on).
static int HardwareRng(void *context, unsigned char *out, size_t length)
{
    (void)context;
    esp_fill_random(out, length);
    return 0;
}

// The bytes array[offset .. offset+length) when they lie inside the array, else NULL.
static uint8_t *Slice(CLR_RT_HeapBlock_Array *array, int32_t offset, int32_t length)
{
    if (array == NULL || offset < 0 || length < 0 || (uint32_t)offset + (uint32_t)length > array->m_numOfElements)
    {
        return NULL;
    }
    return array->GetFirstElement() + offset;
}

HRESULT NativeCrypto::NativeDigest___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    uint8_t algorithm = stack.Arg0().NumericByRef().u1;
    int32_t length = stack.Arg3().NumericByRef().s4;
    uint8_t *in = Slice(stack.Arg1().DereferenceArray(), stack.Arg2().NumericByRef().s4, length);
    size_t digestLength = algorithm == 2 ? NCC_SHA384_LEN : NCC_SHA256_LEN; // HashAlgorithm: 1 SHA-256, 2 SHA-384
    uint8_t *out = Slice(stack.Arg4().DereferenceArray(), stack.Arg5().NumericByRef().s4, (int32_t)digestLength);
    int32_t result = 0;
    if (in != NULL && out != NULL)
    {
        if (algorithm == 1 && ncc_sha256(in, (size_t)length, out) == NCC_OK)
        {
            result = NCC_SHA256_LEN;
        }
        else if (algorithm == 2 && ncc_sha384(in, (size_t)length, out) == NCC_OK)
        {
            result = NCC_SHA384_LEN;
        }
    }
    stack.SetResult_I4(result);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeCrypto::NativeEcdsaKeygen___STATIC__I4__U1__SZARRAY_U1__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    int curve = stack.Arg0().NumericByRef().u1;
    int32_t field = (int32_t)ncc_ec_field_len(curve);
    uint8_t *d = Slice(stack.Arg1().DereferenceArray(), stack.Arg2().NumericByRef().s4, field);
    uint8_t *q = Slice(stack.Arg3().DereferenceArray(), stack.Arg4().NumericByRef().s4, 1 + 2 * field);
    int32_t status = (field == 0 || d == NULL || q == NULL) ? NCC_ERR_BAD_INPUT : ncc_ecdsa_keygen(curve, HardwareRng, NULL, d, q);
    stack.SetResult_I4(status);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeCrypto::NativeEcdsaSign___STATIC__I4__U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    int curve = stack.Arg0().NumericByRef().u1;
    int32_t field = (int32_t)ncc_ec_field_len(curve);
    uint8_t *d = Slice(stack.Arg1().DereferenceArray(), stack.Arg2().NumericByRef().s4, field);
    int32_t hashLength = stack.Arg5().NumericByRef().s4;
    uint8_t *hash = Slice(stack.Arg3().DereferenceArray(), stack.Arg4().NumericByRef().s4, hashLength);
    uint8_t *signature = Slice(stack.Arg6().DereferenceArray(), stack.Arg7().NumericByRef().s4, 2 * field);
    int32_t status = (field == 0 || d == NULL || hash == NULL || signature == NULL)
        ? NCC_ERR_BAD_INPUT
        : ncc_ecdsa_sign(curve, d, hash, (size_t)hashLength, signature, HardwareRng, NULL);
    stack.SetResult_I4(status);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeCrypto::NativeEcdsaVerify___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    int curve = stack.Arg0().NumericByRef().u1;
    int32_t pointLength = stack.Arg3().NumericByRef().s4;
    uint8_t *point = Slice(stack.Arg1().DereferenceArray(), stack.Arg2().NumericByRef().s4, pointLength);
    int32_t hashLength = stack.Arg6().NumericByRef().s4;
    uint8_t *hash = Slice(stack.Arg4().DereferenceArray(), stack.Arg5().NumericByRef().s4, hashLength);
    int32_t signatureLength = stack.ArgN(9).NumericByRef().s4;
    uint8_t *signature = Slice(stack.Arg7().DereferenceArray(), stack.ArgN(8).NumericByRef().s4, signatureLength);
    int32_t status = (point == NULL || hash == NULL || signature == NULL)
        ? NCC_ERR_BAD_INPUT
        : ncc_ecdsa_verify(curve, point, (size_t)pointLength, hash, (size_t)hashLength, signature, (size_t)signatureLength);
    stack.SetResult_I4(status);
    NANOCLR_NOCLEANUP_NOLABEL();
}

// RsaKey's stored form: e (4, big-endian) | n (256) | p | q | dP | dQ | qInv (128 each).
static const int32_t RsaStored = 4 + NCC_RSA_MODULUS_LEN + 5 * NCC_RSA_PRIME_LEN;

HRESULT NativeCrypto::NativeRsaKeygen___STATIC__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    uint8_t *stored = Slice(stack.Arg0().DereferenceArray(), stack.Arg1().NumericByRef().s4, RsaStored);
    int32_t status = NCC_ERR_BAD_INPUT;
    if (stored != NULL)
    {
        stored[0] = 0x00; // e = 65537
        stored[1] = 0x01;
        stored[2] = 0x00;
        stored[3] = 0x01;
        uint8_t *n = stored + 4;
        uint8_t *p = n + NCC_RSA_MODULUS_LEN;
        status = ncc_rsa_keygen(HardwareRng, NULL, n, p, p + NCC_RSA_PRIME_LEN, p + 2 * NCC_RSA_PRIME_LEN,
            p + 3 * NCC_RSA_PRIME_LEN, p + 4 * NCC_RSA_PRIME_LEN);
    }
    stack.SetResult_I4(status);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeCrypto::NativeRsaSign___STATIC__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    uint8_t *stored = Slice(stack.Arg0().DereferenceArray(), stack.Arg1().NumericByRef().s4, RsaStored);
    int32_t blockLength = stack.Arg4().NumericByRef().s4;
    uint8_t *block = Slice(stack.Arg2().DereferenceArray(), stack.Arg3().NumericByRef().s4, blockLength);
    uint8_t *signature = Slice(stack.Arg5().DereferenceArray(), stack.Arg6().NumericByRef().s4, NCC_RSA_MODULUS_LEN);
    int32_t status = NCC_ERR_BAD_INPUT;
    if (stored != NULL && block != NULL && signature != NULL)
    {
        uint32_t e = ((uint32_t)stored[0] << 24) | ((uint32_t)stored[1] << 16) | ((uint32_t)stored[2] << 8) | stored[3];
        uint8_t *n = stored + 4;
        uint8_t *p = n + NCC_RSA_MODULUS_LEN;
        status = ncc_rsa_sign_pkcs1(n, e, p, p + NCC_RSA_PRIME_LEN, p + 2 * NCC_RSA_PRIME_LEN, p + 3 * NCC_RSA_PRIME_LEN,
            p + 4 * NCC_RSA_PRIME_LEN, block, (size_t)blockLength, signature, HardwareRng, NULL);
    }
    stack.SetResult_I4(status);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT NativeCrypto::NativeRsaVerify___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    uint8_t *modulus = Slice(stack.Arg0().DereferenceArray(), stack.Arg1().NumericByRef().s4, NCC_RSA_MODULUS_LEN);
    uint32_t e = (uint32_t)stack.Arg2().NumericByRef().s4;
    int32_t blockLength = stack.Arg5().NumericByRef().s4;
    uint8_t *block = Slice(stack.Arg3().DereferenceArray(), stack.Arg4().NumericByRef().s4, blockLength);
    int32_t signatureLength = stack.ArgN(8).NumericByRef().s4;
    uint8_t *signature = Slice(stack.Arg6().DereferenceArray(), stack.Arg7().NumericByRef().s4, signatureLength);
    int32_t status = (modulus == NULL || block == NULL || signature == NULL)
        ? NCC_ERR_BAD_INPUT
        : ncc_rsa_verify_pkcs1(modulus, NCC_RSA_MODULUS_LEN, e, block, (size_t)blockLength, signature, (size_t)signatureLength);
    stack.SetResult_I4(status);
    NANOCLR_NOCLEANUP_NOLABEL();
}
