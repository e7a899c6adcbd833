//
// Runs the interop bodies (firmware/native/interop) on simulated nanoCLR calls: every argument at
// its own offset inside a larger array, so an argument read from the wrong slot (an offset taken for
// a length, Arg7 for ArgN(8)) changes the result. The natives' answers are compared with the C core
// called directly; out-of-bounds slices must be refused before any memory is touched.
//
#include "NanoCard_NativeCrypto.h"
#include "nanocard_crypto.h"
#include "simulated_clr.h"
#include "esp_random.h"

#include <cstdio>
#include <cstring>

typedef Library_NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto Natives;

static int g_failures;

static void Expect(bool condition, const char *what)
{
    printf("%s %s\n", condition ? "ok  " : "FAIL", what);
    if (!condition)
    {
        g_failures++;
    }
}

static const uint8_t AbcSha256[32] = {
    0xBA, 0x78, 0x16, 0xBF, 0x8F, 0x01, 0xCF, 0xEA, 0x41, 0x41, 0x40, 0xDE, 0x5D, 0xAE, 0x22, 0x23,
    0xB0, 0x03, 0x61, 0xA3, 0x96, 0x17, 0x7A, 0x9C, 0xB4, 0x10, 0xFF, 0x61, 0xF2, 0x00, 0x15, 0xAD,
};

static void Digest()
{
    ManagedBytes input(5);
    memcpy(input.Data() + 2, "abc", 3);
    ManagedBytes output(40);
    int32_t n = Call().Byte(1).Bytes(input).Int(2).Int(3).Bytes(output).Int(4).Run(
        Natives::NativeDigest___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    Expect(n == 32 && memcmp(output.Data() + 4, AbcSha256, 32) == 0, "NativeDigest: SHA-256(\"abc\") at the given offsets");

    n = Call().Byte(1).Bytes(input).Int(3).Int(3).Bytes(output).Int(4).Run(
        Natives::NativeDigest___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    Expect(n == 0, "NativeDigest: input past the array's end is refused");

    n = Call().Byte(2).Bytes(input).Int(2).Int(3).Bytes(output).Int(4).Run(
        Natives::NativeDigest___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    Expect(n == 0, "NativeDigest: a SHA-384 digest that does not fit the output is refused");
}

static void Ecdsa()
{
    const int field = 32;
    ManagedBytes d(1 + field);
    ManagedBytes q(2 + 1 + 2 * field);
    int32_t status = Call().Byte(NCC_P256).Bytes(d).Int(1).Bytes(q).Int(2).Run(
        Natives::NativeEcdsaKeygen___STATIC__I4__U1__SZARRAY_U1__I4__SZARRAY_U1__I4);
    uint8_t expectedQ[1 + 2 * 32];
    Expect(status == NCC_OK && ncc_ecdsa_public_from_private(NCC_P256, d.Data() + 1, expectedQ) == NCC_OK
               && memcmp(q.Data() + 2, expectedQ, sizeof(expectedQ)) == 0,
        "NativeEcdsaKeygen: d and Q at their offsets, Q = dG");

    ManagedBytes hash(3 + 32);
    memcpy(hash.Data() + 3, AbcSha256, 32);
    ManagedBytes signature(5 + 2 * field);
    status = Call().Byte(NCC_P256).Bytes(d).Int(1).Bytes(hash).Int(3).Int(32).Bytes(signature).Int(5).Run(
        Natives::NativeEcdsaSign___STATIC__I4__U1__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    uint8_t expected[2 * 32];
    Expect(status == NCC_OK && ncc_ecdsa_sign(NCC_P256, d.Data() + 1, AbcSha256, 32, expected, NULL, NULL) == NCC_OK
               && memcmp(signature.Data() + 5, expected, sizeof(expected)) == 0,
        "NativeEcdsaSign: the C core's RFC 6979 signature, at the given offset");

    CLR_RT_MethodHandler verify =
        Natives::NativeEcdsaVerify___STATIC__I4__U1__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4;
    status = Call().Byte(NCC_P256).Bytes(q).Int(2).Int(65).Bytes(hash).Int(3).Int(32).Bytes(signature).Int(5).Int(64).Run(verify);
    Expect(status == NCC_OK, "NativeEcdsaVerify: accepts the signature (10 arguments, ArgN(8) and ArgN(9))");
    status = Call().Byte(NCC_P256).Bytes(q).Int(2).Int(65).Bytes(hash).Int(3).Int(32).Bytes(signature).Int(5).Int(63).Run(verify);
    Expect(status != NCC_OK, "NativeEcdsaVerify: a signature length of 63 is refused");
    status = Call().Byte(NCC_P256).Bytes(q).Int(2).Int(65).Bytes(hash).Int(3).Int(32).Bytes(signature).Int(6).Int(64).Run(verify);
    Expect(status != NCC_OK, "NativeEcdsaVerify: the signature read one byte off fails");
    status = Call().Byte(NCC_P256).Bytes(q).Int(2).Int(65).Bytes(hash).Int(3).Int(32).Bytes(signature).Int(5).Int(65).Run(verify);
    Expect(status == NCC_ERR_BAD_INPUT, "NativeEcdsaVerify: a signature running past the array is refused");
}

static void Rsa()
{
    const int stored = 4 + NCC_RSA_MODULUS_LEN + 5 * NCC_RSA_PRIME_LEN;
    ManagedBytes key(7 + stored);
    int32_t status = Call().Bytes(key).Int(7).Run(Natives::NativeRsaKeygen___STATIC__I4__SZARRAY_U1__I4);
    const uint8_t *k = key.Data() + 7;
    const uint8_t *n = k + 4;
    const uint8_t *p = n + NCC_RSA_MODULUS_LEN;
    Expect(status == NCC_OK && k[0] == 0 && k[1] == 1 && k[2] == 0 && k[3] == 1, "NativeRsaKeygen: e = 65537 at the offset");

    ManagedBytes block(1 + 51);
    for (int i = 0; i < 51; i++)
    {
        block.Data()[1 + i] = (uint8_t)(i * 7);
    }
    ManagedBytes signature(9 + NCC_RSA_MODULUS_LEN);
    status = Call().Bytes(key).Int(7).Bytes(block).Int(1).Int(51).Bytes(signature).Int(9).Run(
        Natives::NativeRsaSign___STATIC__I4__SZARRAY_U1__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4);
    uint8_t expected[NCC_RSA_MODULUS_LEN];
    int direct = ncc_rsa_sign_pkcs1(n, 65537, p, p + NCC_RSA_PRIME_LEN, p + 2 * NCC_RSA_PRIME_LEN, p + 3 * NCC_RSA_PRIME_LEN,
        p + 4 * NCC_RSA_PRIME_LEN, block.Data() + 1, 51, expected, [](void *, unsigned char *out, size_t len) {
            esp_fill_random(out, len);
            return 0;
        }, NULL);
    Expect(status == NCC_OK && direct == NCC_OK && memcmp(signature.Data() + 9, expected, sizeof(expected)) == 0,
        "NativeRsaSign: the C core's PKCS #1 v1.5 signature, at the given offset");

    CLR_RT_MethodHandler verify = Natives::NativeRsaVerify___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4__SZARRAY_U1__I4__I4;
    status = Call().Bytes(key).Int(11).Int(65537).Bytes(block).Int(1).Int(51).Bytes(signature).Int(9).Int(256).Run(verify);
    Expect(status == NCC_OK, "NativeRsaVerify: accepts the signature (9 arguments, ArgN(8))");
    status = Call().Bytes(key).Int(11).Int(65537).Bytes(block).Int(1).Int(51).Bytes(signature).Int(9).Int(255).Run(verify);
    Expect(status != NCC_OK, "NativeRsaVerify: a signature length of 255 is refused");
    status = Call().Bytes(key).Int(11).Int(3).Bytes(block).Int(1).Int(51).Bytes(signature).Int(9).Int(256).Run(verify);
    Expect(status != NCC_OK, "NativeRsaVerify: another public exponent fails");
    status = Call().Bytes(key).Int(7 + stored - 255).Int(65537).Bytes(block).Int(1).Int(51).Bytes(signature).Int(9).Int(256).Run(verify);
    Expect(status == NCC_ERR_BAD_INPUT, "NativeRsaVerify: a modulus running past the array is refused");
}

int main()
{
    Digest();
    Ecdsa();
    Rsa();
    printf("%d failure(s)\n", g_failures);
    return g_failures == 0 ? 0 : 1;
}
