/*
 * nanocard_crypto - the NanoCard native crypto core.
 *
 * A small, stateless C API over mbedTLS (2.28 LTS and 3.x, e.g. ESP-IDF 5.x) for the
 * operations the card OS needs: SHA-256/384, ECDSA P-256/P-384 with deterministic k
 * (RFC 6979) and RSA-2048 PKCS #1 v1.5 signatures (RFC 8017 §8.2 / §9.2) in CRT form.
 *
 * Conventions
 *  - All integers and coordinates are big-endian, left-padded with zeros to the fixed
 *    length given for each parameter.
 *  - Every function returns NCC_OK (0) on success or a negative NCC_ERR_* code.
 *    Output buffers are only meaningful on NCC_OK; on failure they may have been
 *    partially written (signature / key outputs are cleared on failure).
 *  - No state is kept between calls. Secrets copied into mbedTLS objects or stack
 *    buffers are wiped (mbedtls_platform_zeroize / mbedtls_*_free) before returning.
 *  - Functions are re-entrant as long as the caller's RNG is.
 */
#ifndef NANOCARD_CRYPTO_H
#define NANOCARD_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- return codes --------------------------------------------------------------- */

#define NCC_OK                  0
/** A NULL pointer, an unknown curve or a length the function does not accept. */
#define NCC_ERR_BAD_INPUT      (-1)
/** Key material is invalid: d not in [1, n-1], a point not on the curve, an RSA key
 *  whose components are inconsistent or whose modulus is not 2048 bits. */
#define NCC_ERR_BAD_KEY        (-2)
/** The signature does not verify (includes r or s out of [1, n-1], bad padding). */
#define NCC_ERR_VERIFY_FAILED  (-3)
/** The caller's random number generator reported a failure. */
#define NCC_ERR_RNG            (-4)
/** mbedTLS could not allocate memory for its big numbers. */
#define NCC_ERR_NO_MEMORY      (-5)
/** Any other mbedTLS failure (should not happen with valid inputs). */
#define NCC_ERR_INTERNAL       (-6)

/* ---- curves and sizes ----------------------------------------------------------- */

#define NCC_P256 1   /**< NIST P-256 (secp256r1), field/order length 32 bytes */
#define NCC_P384 2   /**< NIST P-384 (secp384r1), field/order length 48 bytes */

#define NCC_SHA256_LEN 32
#define NCC_SHA384_LEN 48

/** Largest field length of a supported curve (P-384). */
#define NCC_EC_MAX_LEN 48
/** Largest message hash ncc_ecdsa_sign / ncc_ecdsa_verify accept (SHA-512 size). */
#define NCC_EC_MAX_HASH_LEN 64

#define NCC_RSA_MODULUS_LEN 256   /**< RSA-2048: n and signatures */
#define NCC_RSA_PRIME_LEN   128   /**< p, q, dP, dQ, qInv */

/**
 * Random number generator callback, same shape as mbedTLS's f_rng so it can be handed
 * to mbedTLS directly: fill out[0..len) with random bytes, return 0 on success and
 * non-zero on failure. On the device this is the hardware TRNG.
 */
typedef int (*ncc_rng_fn)(void *ctx, unsigned char *out, size_t len);

/**
 * Field (and order) length in bytes of a curve.
 * @param curve NCC_P256 or NCC_P384.
 * @return 32, 48, or 0 for an unknown curve.
 */
size_t ncc_ec_field_len(int curve);

/* ---- hashes (FIPS 180-4) -------------------------------------------------------- */

/**
 * SHA-256 of in[0..len).
 * @param in  message; may be NULL only when len == 0.
 * @param out 32-byte digest.
 * @return NCC_OK, NCC_ERR_BAD_INPUT (NULL pointer), NCC_ERR_INTERNAL.
 */
int ncc_sha256(const uint8_t *in, size_t len, uint8_t out[NCC_SHA256_LEN]);

/**
 * SHA-384 of in[0..len).
 * @param in  message; may be NULL only when len == 0.
 * @param out 48-byte digest.
 * @return NCC_OK, NCC_ERR_BAD_INPUT (NULL pointer), NCC_ERR_INTERNAL.
 */
int ncc_sha384(const uint8_t *in, size_t len, uint8_t out[NCC_SHA384_LEN]);

/* ---- ECDSA (FIPS 186-4 §6, SEC 1 §4.1, RFC 6979) -------------------------------- */

/**
 * Generates an EC key pair (SEC 1 §3.2.1: d uniform in [1, n-1], Q = dG).
 * @param curve   NCC_P256 or NCC_P384 (L = 32 or 48 below).
 * @param rng     random source (required), rng_ctx its context.
 * @param d       out: private scalar, L bytes.
 * @param q       out: public point 04 || X || Y (SEC 1 §2.3.3), 1 + 2L bytes.
 * @return NCC_OK, NCC_ERR_BAD_INPUT, NCC_ERR_RNG, NCC_ERR_NO_MEMORY, NCC_ERR_INTERNAL.
 *         On failure d and q are zeroed.
 */
int ncc_ecdsa_keygen(int curve, ncc_rng_fn rng, void *rng_ctx, uint8_t *d, uint8_t *q);

/**
 * Computes the public point Q = dG of a private scalar (used when a key is imported).
 * The scalar multiplication is randomised internally (an HMAC_DRBG seeded from d), as
 * mbedTLS 3.x requires an RNG for it; the result does not depend on it.
 * @param curve   NCC_P256 or NCC_P384.
 * @param d       private scalar, L bytes; must be in [1, n-1].
 * @param q       out: 04 || X || Y, 1 + 2L bytes.
 * @return NCC_OK, NCC_ERR_BAD_INPUT, NCC_ERR_BAD_KEY (d out of range),
 *         NCC_ERR_NO_MEMORY, NCC_ERR_INTERNAL.
 */
int ncc_ecdsa_public_from_private(int curve, const uint8_t *d, uint8_t *q);

/**
 * Signs a message hash with ECDSA, k derived deterministically per RFC 6979 §3.2 using
 * HMAC-SHA-256 for P-256 and HMAC-SHA-384 for P-384 (so SHA-256/P-256 and
 * SHA-384/P-384 give exactly the RFC 6979 A.2.5/A.2.6 signatures). A hash longer than
 * the group order is truncated to its leftmost bits (FIPS 186-4 §6.4, SEC 1 §4.1.3
 * step 5); a shorter one is used as is.
 * @param curve     NCC_P256 or NCC_P384.
 * @param d         private scalar, L bytes, in [1, n-1].
 * @param hash      message hash, hash_len bytes, 1 <= hash_len <= NCC_EC_MAX_HASH_LEN.
 * @param r_s       out: r || s, 2L bytes.
 * @param rng       optional (may be NULL): randomness for mbedTLS's side-channel
 *                  blinding of the scalar multiplication and of the modular inversion.
 *                  It never changes the signature. When NULL a blinding DRBG seeded
 *                  from d and the hash is used instead.
 * @return NCC_OK, NCC_ERR_BAD_INPUT, NCC_ERR_BAD_KEY, NCC_ERR_RNG, NCC_ERR_NO_MEMORY,
 *         NCC_ERR_INTERNAL. On failure r_s is zeroed.
 */
int ncc_ecdsa_sign(int curve, const uint8_t *d, const uint8_t *hash, size_t hash_len,
                   uint8_t *r_s, ncc_rng_fn rng, void *rng_ctx);

/**
 * Verifies an ECDSA signature (FIPS 186-4 §6.4.2 / SEC 1 §4.1.4).
 * @param curve     NCC_P256 or NCC_P384.
 * @param q         public point, uncompressed 04 || X || Y; q_len must be 1 + 2L.
 *                  The point is checked to be on the curve (SEC 1 §3.2.2.1).
 * @param hash      message hash, 1 <= hash_len <= NCC_EC_MAX_HASH_LEN (truncated as
 *                  in ncc_ecdsa_sign).
 * @param r_s       r || s; sig_len must be 2L.
 * @return NCC_OK if valid; NCC_ERR_VERIFY_FAILED if not (including r or s outside
 *         [1, n-1]); NCC_ERR_BAD_INPUT (lengths, NULL, unknown curve);
 *         NCC_ERR_BAD_KEY (point not on the curve / not uncompressed);
 *         NCC_ERR_NO_MEMORY, NCC_ERR_INTERNAL.
 */
int ncc_ecdsa_verify(int curve, const uint8_t *q, size_t q_len,
                     const uint8_t *hash, size_t hash_len,
                     const uint8_t *r_s, size_t sig_len);

/* ---- RSA-2048 (RFC 8017) -------------------------------------------------------- */

/**
 * Completes an RSA-2048 private key from its primes (RFC 8017 §3.2, second form):
 * n = p*q, d = e^-1 mod lcm(p-1, q-1), dP = d mod (p-1), dQ = d mod (q-1),
 * qInv = q^-1 mod p. The key is checked (mbedtls_rsa_check_privkey).
 * @param p, q   the primes, 128 bytes each (1024-bit primes; any order, p != q).
 * @param e      public exponent, odd, >= 3 (65537 in practice).
 * @param n      out: modulus, 256 bytes; must be exactly 2048 bits.
 * @param dp, dq, qinv  out: CRT components, 128 bytes each.
 * @return NCC_OK, NCC_ERR_BAD_INPUT (NULL, bad e), NCC_ERR_BAD_KEY (not a valid
 *         2048-bit key), NCC_ERR_NO_MEMORY, NCC_ERR_INTERNAL. Outputs zeroed on failure.
 */
int ncc_rsa_import(const uint8_t p[NCC_RSA_PRIME_LEN], const uint8_t q[NCC_RSA_PRIME_LEN],
                   uint32_t e, uint8_t n[NCC_RSA_MODULUS_LEN],
                   uint8_t dp[NCC_RSA_PRIME_LEN], uint8_t dq[NCC_RSA_PRIME_LEN],
                   uint8_t qinv[NCC_RSA_PRIME_LEN]);

/**
 * Generates an RSA-2048 key with e = 65537 (mbedtls_rsa_gen_key; p > q).
 * @param rng    random source (required), rng_ctx its context.
 * @param n      out: 256 bytes; p, q, dp, dq, qinv: out, 128 bytes each.
 * @return NCC_OK, NCC_ERR_BAD_INPUT, NCC_ERR_RNG, NCC_ERR_NO_MEMORY, NCC_ERR_INTERNAL.
 *         Outputs zeroed on failure.
 */
int ncc_rsa_keygen(ncc_rng_fn rng, void *rng_ctx, uint8_t n[NCC_RSA_MODULUS_LEN],
                   uint8_t p[NCC_RSA_PRIME_LEN], uint8_t q[NCC_RSA_PRIME_LEN],
                   uint8_t dp[NCC_RSA_PRIME_LEN], uint8_t dq[NCC_RSA_PRIME_LEN],
                   uint8_t qinv[NCC_RSA_PRIME_LEN]);

/**
 * RSASSA-PKCS1-v1_5 signature of a caller-built block (RFC 8017 §8.2.1 with step 1 of
 * EMSA-PKCS1-v1_5, §9.2, done by the caller): the card pads the given block T as
 * EM = 00 01 FF..FF 00 || T (at least 8 FF bytes) and computes s = EM^d mod n with the
 * CRT (RFC 8017 §5.1.2 2.b), base-blinded and exponent-blinded by mbedTLS through the
 * RNG. mbedTLS also checks the result with the public key before returning it, so
 * inconsistent key components are reported instead of leaking a faulty signature.
 * @param n       modulus, 256 bytes.
 * @param e       public exponent (needed for blinding and the result check).
 * @param p, q, dp, dq, qinv  CRT private key, 128 bytes each (as from ncc_rsa_import).
 * @param block   T, typically a DER DigestInfo; 1 <= block_len <= 256 - 11 = 245.
 * @param sig     out: signature, 256 bytes.
 * @param rng     random source for blinding (required), rng_ctx its context.
 * @return NCC_OK, NCC_ERR_BAD_INPUT (NULL, lengths, bad e), NCC_ERR_BAD_KEY
 *         (inconsistent key / check of the result failed), NCC_ERR_RNG,
 *         NCC_ERR_NO_MEMORY, NCC_ERR_INTERNAL. On failure sig is zeroed.
 */
int ncc_rsa_sign_pkcs1(const uint8_t n[NCC_RSA_MODULUS_LEN], uint32_t e,
                       const uint8_t p[NCC_RSA_PRIME_LEN], const uint8_t q[NCC_RSA_PRIME_LEN],
                       const uint8_t dp[NCC_RSA_PRIME_LEN], const uint8_t dq[NCC_RSA_PRIME_LEN],
                       const uint8_t qinv[NCC_RSA_PRIME_LEN],
                       const uint8_t *block, size_t block_len,
                       uint8_t sig[NCC_RSA_MODULUS_LEN], ncc_rng_fn rng, void *rng_ctx);

/**
 * Verifies an RSASSA-PKCS1-v1_5 signature over a caller-built block T (RFC 8017
 * §8.2.2): s^e mod n must equal 00 01 FF..FF 00 || T exactly.
 * @param n       modulus, n_len bytes (64..512, i.e. 512..4096-bit keys; leading zero
 *                bytes are not allowed: n[0] != 0).
 * @param e       public exponent, odd, >= 3.
 * @param block   T, 1 <= block_len <= n_len - 11.
 * @param sig     signature, sig_len == n_len bytes.
 * @return NCC_OK if valid; NCC_ERR_VERIFY_FAILED if not; NCC_ERR_BAD_INPUT
 *         (NULL, lengths, bad e); NCC_ERR_BAD_KEY (invalid public key);
 *         NCC_ERR_NO_MEMORY, NCC_ERR_INTERNAL.
 */
int ncc_rsa_verify_pkcs1(const uint8_t *n, size_t n_len, uint32_t e,
                         const uint8_t *block, size_t block_len,
                         const uint8_t *sig, size_t sig_len);

#ifdef __cplusplus
}
#endif

#endif /* NANOCARD_CRYPTO_H */
