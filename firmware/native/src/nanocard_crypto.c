/*
 * nanocard_crypto - implementation over mbedTLS 2.28 / 3.x.
 *
 * Only the mbedTLS API that both major versions share is used; the few places where
 * they differ are under `#if MBEDTLS_VERSION_MAJOR >= 3` (see NCC_MBEDTLS3):
 *   - SHA one-shot functions: mbedtls_sha256_ret/_sha512_ret (2.x) vs mbedtls_sha256/512;
 *   - mbedtls_rsa_init(ctx, padding, hash_id) (2.x) vs mbedtls_rsa_init(ctx) (3.x);
 *   - mbedtls_rsa_pkcs1_sign/verify lost their `mode` (and verify its RNG) argument in 3.x;
 *   - the RSA context's CRT fields are private in 3.x (MBEDTLS_PRIVATE).
 * On the ESP32 the same calls land in ESP-IDF's mbedTLS port, which is what brings the
 * hardware SHA / big-number (and, on chips that have it, ECC) acceleration.
 */
#include "nanocard_crypto.h"

#include <string.h>

#include <mbedtls/version.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/hmac_drbg.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#if MBEDTLS_VERSION_MAJOR >= 4
#error "nanocard_crypto targets mbedTLS 2.28 and 3.x (mbedTLS 4 moved these APIs to PSA)"
#elif MBEDTLS_VERSION_MAJOR >= 3
#define NCC_MBEDTLS3 1
#else
#define NCC_MBEDTLS3 0
#endif

#if !defined(MBEDTLS_ECDSA_DETERMINISTIC) || !defined(MBEDTLS_HMAC_DRBG_C)
#error "nanocard_crypto needs MBEDTLS_ECDSA_DETERMINISTIC and MBEDTLS_HMAC_DRBG_C (RFC 6979)"
#endif
#if defined(MBEDTLS_RSA_ALT)
#error "nanocard_crypto loads the CRT components into the built-in mbedtls_rsa_context"
#endif

/* The CRT fields of the RSA context: public in 2.x, MBEDTLS_PRIVATE in 3.x. There is no
 * public API to import dP/dQ/qInv; the alternative (mbedtls_rsa_complete) would
 * recompute d and the CRT values from p, q, e on every signature. */
#if NCC_MBEDTLS3
#define NCC_RSA_FIELD(ctx, f) ((ctx)->MBEDTLS_PRIVATE(f))
#else
#define NCC_RSA_FIELD(ctx, f) ((ctx)->f)
#endif

#define NCC_RSA_BITS 2048
#define NCC_RSA_MIN_PAD 11 /* 00 01 + 8 x FF + 00, RFC 8017 §9.2 step 3 */

/* ---- helpers -------------------------------------------------------------------- */

size_t ncc_ec_field_len(int curve)
{
    switch (curve) {
    case NCC_P256: return 32;
    case NCC_P384: return 48;
    default: return 0;
    }
}

static mbedtls_ecp_group_id curve_group(int curve)
{
    return curve == NCC_P256 ? MBEDTLS_ECP_DP_SECP256R1 : MBEDTLS_ECP_DP_SECP384R1;
}

/* The caller's RNG, wrapped so that its failure is recognised whatever error code
 * mbedTLS wraps it into. */
typedef struct {
    ncc_rng_fn fn;
    void *ctx;
    int failed;
} ncc_rng_wrap;

static void rng_wrap_init(ncc_rng_wrap *w, ncc_rng_fn fn, void *ctx)
{
    w->fn = fn;
    w->ctx = ctx;
    w->failed = 0;
}

static int rng_call(void *p, unsigned char *out, size_t len)
{
    ncc_rng_wrap *w = (ncc_rng_wrap *) p;
    if (w->fn(w->ctx, out, len) != 0) {
        w->failed = 1;
        return MBEDTLS_ERR_MPI_BAD_INPUT_DATA;
    }
    return 0;
}

/* Translates an mbedTLS error (high-level | low-level parts) to NCC_ERR_*. */
static int map_err(int ret)
{
    int high, low;
    if (ret == 0) {
        return NCC_OK;
    }
    high = -((-ret) & 0xFF80);
    low = -((-ret) & 0x007F);
    if (low == MBEDTLS_ERR_MPI_ALLOC_FAILED || high == MBEDTLS_ERR_ECP_ALLOC_FAILED) {
        return NCC_ERR_NO_MEMORY;
    }
    switch (high) {
    case MBEDTLS_ERR_ECP_BAD_INPUT_DATA:
    case MBEDTLS_ERR_ECP_BUFFER_TOO_SMALL:
    case MBEDTLS_ERR_RSA_BAD_INPUT_DATA:
        return NCC_ERR_BAD_INPUT;
    case MBEDTLS_ERR_ECP_INVALID_KEY:
    case MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE:
    case MBEDTLS_ERR_RSA_KEY_CHECK_FAILED:
    case MBEDTLS_ERR_RSA_PRIVATE_FAILED:
    case MBEDTLS_ERR_RSA_PUBLIC_FAILED:
        return NCC_ERR_BAD_KEY;
    case MBEDTLS_ERR_ECP_VERIFY_FAILED:
    case MBEDTLS_ERR_RSA_VERIFY_FAILED:
    case MBEDTLS_ERR_RSA_INVALID_PADDING:
        return NCC_ERR_VERIFY_FAILED;
    case MBEDTLS_ERR_ECP_RANDOM_FAILED:
    case MBEDTLS_ERR_RSA_RNG_FAILED:
        return NCC_ERR_RNG;
    default:
        break;
    }
    if (low == MBEDTLS_ERR_MPI_BAD_INPUT_DATA) {
        return NCC_ERR_BAD_INPUT;
    }
    return NCC_ERR_INTERNAL;
}

/* Result of an operation that used the wrapped RNG: an RNG failure wins. */
static int map_err_rng(int ret, const ncc_rng_wrap *w)
{
    if (ret != 0 && w != NULL && w->failed) {
        return NCC_ERR_RNG;
    }
    return map_err(ret);
}

static void u32_be(uint32_t v, uint8_t out[4])
{
    out[0] = (uint8_t) (v >> 24);
    out[1] = (uint8_t) (v >> 16);
    out[2] = (uint8_t) (v >> 8);
    out[3] = (uint8_t) v;
}

/* RFC 8017 §3.1: e is odd and 3 <= e <= n-1 (the upper bound is checked by mbedTLS). */
static int e_valid(uint32_t e)
{
    return e >= 3 && (e & 1u) == 1u;
}

/*
 * A DRBG for mbedTLS's side-channel countermeasures (randomised projective coordinates,
 * inversion blinding) when the caller gives no RNG. It is seeded from the secret
 * scalar, so its output is unknown to an observer; it never affects the result.
 */
static int blind_drbg_seed(mbedtls_hmac_drbg_context *drbg, const uint8_t *d, size_t d_len,
                           const uint8_t *extra, size_t extra_len)
{
    static const uint8_t label[] = "nanocard-ncc-blinding";
    uint8_t seed[NCC_EC_MAX_LEN + NCC_EC_MAX_HASH_LEN + sizeof(label)];
    size_t n = 0;
    int ret;
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (md == NULL) {
        return MBEDTLS_ERR_MD_FEATURE_UNAVAILABLE; /* maps to NCC_ERR_INTERNAL */
    }
    memcpy(seed, d, d_len);
    n += d_len;
    if (extra_len > 0) {
        memcpy(seed + n, extra, extra_len);
        n += extra_len;
    }
    memcpy(seed + n, label, sizeof(label));
    n += sizeof(label);
    ret = mbedtls_hmac_drbg_seed_buf(drbg, md, seed, n);
    mbedtls_platform_zeroize(seed, sizeof(seed));
    return ret;
}

/* ---- hashes --------------------------------------------------------------------- */

/* NULL stands for the empty message (len 0); mbedTLS is always handed a valid pointer. */
static const uint8_t *hash_input(const uint8_t *in)
{
    static const uint8_t empty = 0;
    return in != NULL ? in : &empty;
}

int ncc_sha256(const uint8_t *in, size_t len, uint8_t out[NCC_SHA256_LEN])
{
    int ret;
    if ((in == NULL && len != 0) || out == NULL) {
        return NCC_ERR_BAD_INPUT;
    }
    in = hash_input(in);
#if NCC_MBEDTLS3
    ret = mbedtls_sha256(in, len, out, 0);
#else
    ret = mbedtls_sha256_ret(in, len, out, 0);
#endif
    return ret == 0 ? NCC_OK : NCC_ERR_INTERNAL;
}

int ncc_sha384(const uint8_t *in, size_t len, uint8_t out[NCC_SHA384_LEN])
{
    /* mbedTLS 2.28 declares the output as unsigned char[64] (shared with SHA-512). */
    uint8_t full[64];
    int ret;
    if ((in == NULL && len != 0) || out == NULL) {
        return NCC_ERR_BAD_INPUT;
    }
    in = hash_input(in);
#if NCC_MBEDTLS3
    ret = mbedtls_sha512(in, len, full, 1 /* is384 */);
#else
    ret = mbedtls_sha512_ret(in, len, full, 1 /* is384 */);
#endif
    if (ret == 0) {
        memcpy(out, full, NCC_SHA384_LEN);
    }
    mbedtls_platform_zeroize(full, sizeof(full));
    return ret == 0 ? NCC_OK : NCC_ERR_INTERNAL;
}

/* ---- ECDSA ---------------------------------------------------------------------- */

/* Loads the curve and the private scalar d (len big-endian bytes); SEC 1 §3.2.1: d must be
 * in [1, n-1]. Returns an mbedTLS error code. */
static int ec_load_private(mbedtls_ecp_group *grp, mbedtls_mpi *dm, int curve,
                           const uint8_t *d, size_t len)
{
    int ret = mbedtls_ecp_group_load(grp, curve_group(curve));
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(dm, d, len);
    }
    if (ret == 0) {
        ret = mbedtls_ecp_check_privkey(grp, dm);
    }
    return ret;
}

/* Writes Q uncompressed (SEC 1 §2.3.3, 04 || X || Y: exactly 1 + 2 len bytes). Returns an
 * mbedTLS error code. */
static int ec_write_public(const mbedtls_ecp_group *grp, const mbedtls_ecp_point *qp,
                           uint8_t *q, size_t len)
{
    size_t olen = 0;
    int ret = mbedtls_ecp_point_write_binary(grp, qp, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen,
                                             q, 1 + 2 * len);
    if (ret == 0 && olen != 1 + 2 * len) {
        ret = MBEDTLS_ERR_ECP_BUFFER_TOO_SMALL;
    }
    return ret;
}

int ncc_ecdsa_keygen(int curve, ncc_rng_fn rng, void *rng_ctx, uint8_t *d, uint8_t *q)
{
    size_t len = ncc_ec_field_len(curve);
    mbedtls_ecp_group grp;
    mbedtls_mpi dm;
    mbedtls_ecp_point qp;
    ncc_rng_wrap w;
    int ret;

    if (len == 0 || rng == NULL || d == NULL || q == NULL) {
        return NCC_ERR_BAD_INPUT;
    }
    rng_wrap_init(&w, rng, rng_ctx);
    mbedtls_ecp_group_init(&grp);
    mbedtls_mpi_init(&dm);
    mbedtls_ecp_point_init(&qp);

    /* SEC 1 §3.2.1 / FIPS 186-4 B.4: mbedTLS draws d uniformly in [1, n-1] by
     * rejection sampling, then Q = dG. */
    ret = mbedtls_ecp_group_load(&grp, curve_group(curve));
    if (ret == 0) {
        ret = mbedtls_ecp_gen_keypair(&grp, &dm, &qp, rng_call, &w);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&dm, d, len);
    }
    if (ret == 0) {
        ret = ec_write_public(&grp, &qp, q, len);
    }
    ret = map_err_rng(ret, &w);
    if (ret != NCC_OK) {
        mbedtls_platform_zeroize(d, len);
        mbedtls_platform_zeroize(q, 1 + 2 * len);
    }
    mbedtls_ecp_point_free(&qp);
    mbedtls_mpi_free(&dm); /* zeroizes the limbs */
    mbedtls_ecp_group_free(&grp);
    return ret;
}

int ncc_ecdsa_public_from_private(int curve, const uint8_t *d, uint8_t *q)
{
    size_t len = ncc_ec_field_len(curve);
    mbedtls_ecp_group grp;
    mbedtls_mpi dm;
    mbedtls_ecp_point qp;
    mbedtls_hmac_drbg_context drbg;
    int ret;

    if (len == 0 || d == NULL || q == NULL) {
        return NCC_ERR_BAD_INPUT;
    }
    mbedtls_ecp_group_init(&grp);
    mbedtls_mpi_init(&dm);
    mbedtls_ecp_point_init(&qp);
    mbedtls_hmac_drbg_init(&drbg);

    ret = ec_load_private(&grp, &dm, curve, d, len);
    if (ret == 0) {
        ret = blind_drbg_seed(&drbg, d, len, NULL, 0);
    }
    if (ret == 0) {
        ret = mbedtls_ecp_mul(&grp, &qp, &dm, &grp.G, mbedtls_hmac_drbg_random, &drbg);
    }
    if (ret == 0) {
        ret = ec_write_public(&grp, &qp, q, len);
    }
    ret = map_err(ret);
    if (ret != NCC_OK) {
        mbedtls_platform_zeroize(q, 1 + 2 * len);
    }
    mbedtls_hmac_drbg_free(&drbg);
    mbedtls_ecp_point_free(&qp);
    mbedtls_mpi_free(&dm);
    mbedtls_ecp_group_free(&grp);
    return ret;
}

int ncc_ecdsa_sign(int curve, const uint8_t *d, const uint8_t *hash, size_t hash_len,
                   uint8_t *r_s, ncc_rng_fn rng, void *rng_ctx)
{
    size_t len = ncc_ec_field_len(curve);
    mbedtls_ecp_group grp;
    mbedtls_mpi dm, r, s;
    mbedtls_hmac_drbg_context drbg;
    ncc_rng_wrap w;
    int ret;

    if (len == 0 || d == NULL || hash == NULL || r_s == NULL || hash_len == 0 ||
        hash_len > NCC_EC_MAX_HASH_LEN) {
        return NCC_ERR_BAD_INPUT;
    }
    rng_wrap_init(&w, rng, rng_ctx);
    mbedtls_ecp_group_init(&grp);
    mbedtls_mpi_init(&dm);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    mbedtls_hmac_drbg_init(&drbg);

    ret = ec_load_private(&grp, &dm, curve, d, len);
    if (ret == 0 && rng == NULL) {
        ret = blind_drbg_seed(&drbg, d, len, hash, hash_len);
    }
    if (ret == 0) {
        /* RFC 6979 §3.2: k from HMAC_DRBG(int2octets(d) || bits2octets(h)) with the
         * curve's hash (SHA-256 for P-256, SHA-384 for P-384); mbedTLS truncates h to
         * the order's bit length (SEC 1 §4.1.3 step 5) for both k and s. */
        mbedtls_md_type_t md = curve == NCC_P256 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA384;
        if (rng != NULL) {
            ret = mbedtls_ecdsa_sign_det_ext(&grp, &r, &s, &dm, hash, hash_len, md,
                                             rng_call, &w);
        } else {
            ret = mbedtls_ecdsa_sign_det_ext(&grp, &r, &s, &dm, hash, hash_len, md,
                                             mbedtls_hmac_drbg_random, &drbg);
        }
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&r, r_s, len);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&s, r_s + len, len);
    }
    ret = map_err_rng(ret, &w);
    if (ret != NCC_OK) {
        mbedtls_platform_zeroize(r_s, 2 * len);
    }
    mbedtls_hmac_drbg_free(&drbg);
    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&dm);
    mbedtls_ecp_group_free(&grp);
    return ret;
}

int ncc_ecdsa_verify(int curve, const uint8_t *q, size_t q_len,
                     const uint8_t *hash, size_t hash_len,
                     const uint8_t *r_s, size_t sig_len)
{
    size_t len = ncc_ec_field_len(curve);
    mbedtls_ecp_group grp;
    mbedtls_ecp_point qp;
    mbedtls_mpi r, s;
    int ret;

    if (len == 0 || q == NULL || hash == NULL || r_s == NULL || hash_len == 0 ||
        hash_len > NCC_EC_MAX_HASH_LEN || q_len != 1 + 2 * len || sig_len != 2 * len) {
        return NCC_ERR_BAD_INPUT;
    }
    /* Only the uncompressed form (SEC 1 §2.3.3, 04 || X || Y) is accepted. */
    if (q[0] != 0x04) {
        return NCC_ERR_BAD_KEY;
    }
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&qp);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);

    ret = mbedtls_ecp_group_load(&grp, curve_group(curve));
    if (ret == 0) {
        ret = mbedtls_ecp_point_read_binary(&grp, &qp, q, q_len);
        if (ret != 0 && ret != MBEDTLS_ERR_MPI_ALLOC_FAILED) {
            ret = MBEDTLS_ERR_ECP_INVALID_KEY;
        }
    }
    if (ret == 0) {
        /* SEC 1 §3.2.2.1: coordinates in [0, p-1] and on the curve. */
        ret = mbedtls_ecp_check_pubkey(&grp, &qp);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&r, r_s, len);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&s, r_s + len, len);
    }
    if (ret == 0) {
        /* FIPS 186-4 §6.4.2: mbedTLS rejects r, s outside [1, n-1] with VERIFY_FAILED. */
        ret = mbedtls_ecdsa_verify(&grp, hash, hash_len, &qp, &r, &s);
    }
    ret = map_err(ret);
    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&r);
    mbedtls_ecp_point_free(&qp);
    mbedtls_ecp_group_free(&grp);
    return ret;
}

/* ---- RSA ------------------------------------------------------------------------ */

static void rsa_ctx_init(mbedtls_rsa_context *ctx)
{
#if NCC_MBEDTLS3
    mbedtls_rsa_init(ctx); /* PKCS #1 v1.5 is the default padding */
#else
    mbedtls_rsa_init(ctx, MBEDTLS_RSA_PKCS_V15, 0);
#endif
}

/* Zeroizes the outputs of rsa_export_all after a failure (p and q may be NULL, as there). */
static void rsa_wipe_all(uint8_t *n, uint8_t *p, uint8_t *q, uint8_t *dp, uint8_t *dq,
                         uint8_t *qinv)
{
    mbedtls_platform_zeroize(n, NCC_RSA_MODULUS_LEN);
    if (p != NULL) {
        mbedtls_platform_zeroize(p, NCC_RSA_PRIME_LEN);
    }
    if (q != NULL) {
        mbedtls_platform_zeroize(q, NCC_RSA_PRIME_LEN);
    }
    mbedtls_platform_zeroize(dp, NCC_RSA_PRIME_LEN);
    mbedtls_platform_zeroize(dq, NCC_RSA_PRIME_LEN);
    mbedtls_platform_zeroize(qinv, NCC_RSA_PRIME_LEN);
}

/* Writes the CRT components (and optionally n, p, q) of a completed context. */
static int rsa_export_all(const mbedtls_rsa_context *ctx, uint8_t *n, uint8_t *p, uint8_t *q,
                          uint8_t *dp, uint8_t *dq, uint8_t *qinv)
{
    mbedtls_mpi DP, DQ, QP;
    int ret;
    mbedtls_mpi_init(&DP);
    mbedtls_mpi_init(&DQ);
    mbedtls_mpi_init(&QP);
    ret = mbedtls_rsa_export_raw(ctx, n, NCC_RSA_MODULUS_LEN,
                                 p, p != NULL ? NCC_RSA_PRIME_LEN : 0,
                                 q, q != NULL ? NCC_RSA_PRIME_LEN : 0,
                                 NULL, 0, NULL, 0);
    if (ret == 0) {
        ret = mbedtls_rsa_export_crt(ctx, &DP, &DQ, &QP);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&DP, dp, NCC_RSA_PRIME_LEN);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&DQ, dq, NCC_RSA_PRIME_LEN);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&QP, qinv, NCC_RSA_PRIME_LEN);
    }
    mbedtls_mpi_free(&QP);
    mbedtls_mpi_free(&DQ);
    mbedtls_mpi_free(&DP);
    return ret;
}

int ncc_rsa_import(const uint8_t p[NCC_RSA_PRIME_LEN], const uint8_t q[NCC_RSA_PRIME_LEN],
                   uint32_t e, uint8_t n[NCC_RSA_MODULUS_LEN],
                   uint8_t dp[NCC_RSA_PRIME_LEN], uint8_t dq[NCC_RSA_PRIME_LEN],
                   uint8_t qinv[NCC_RSA_PRIME_LEN])
{
    mbedtls_rsa_context ctx;
    uint8_t eb[4];
    int ret;

    if (p == NULL || q == NULL || n == NULL || dp == NULL || dq == NULL || qinv == NULL) {
        return NCC_ERR_BAD_INPUT;
    }
    if (!e_valid(e)) {
        return NCC_ERR_BAD_INPUT;
    }
    u32_be(e, eb);
    rsa_ctx_init(&ctx);

    ret = mbedtls_rsa_import_raw(&ctx, NULL, 0, p, NCC_RSA_PRIME_LEN, q, NCC_RSA_PRIME_LEN,
                                 NULL, 0, eb, sizeof(eb));
    if (ret == 0) {
        /* n = pq, d = e^-1 mod lcm(p-1, q-1), then dP, dQ, qInv (RFC 8017 §3.2). */
        ret = mbedtls_rsa_complete(&ctx);
        if (ret != 0 && ret != MBEDTLS_ERR_MPI_ALLOC_FAILED) {
            ret = MBEDTLS_ERR_RSA_KEY_CHECK_FAILED;
        }
    }
    if (ret == 0 && mbedtls_mpi_bitlen(&NCC_RSA_FIELD(&ctx, N)) != NCC_RSA_BITS) {
        ret = MBEDTLS_ERR_RSA_KEY_CHECK_FAILED;
    }
    if (ret == 0) {
        /* Consistency of n, d, e, p, q and of the CRT values (no primality test). */
        ret = mbedtls_rsa_check_privkey(&ctx);
    }
    if (ret == 0) {
        ret = rsa_export_all(&ctx, n, NULL, NULL, dp, dq, qinv);
    }
    ret = map_err(ret);
    if (ret != NCC_OK) {
        rsa_wipe_all(n, NULL, NULL, dp, dq, qinv);
    }
    mbedtls_rsa_free(&ctx); /* frees (and zeroizes) every MPI of the key */
    return ret;
}

int ncc_rsa_keygen(ncc_rng_fn rng, void *rng_ctx, uint8_t n[NCC_RSA_MODULUS_LEN],
                   uint8_t p[NCC_RSA_PRIME_LEN], uint8_t q[NCC_RSA_PRIME_LEN],
                   uint8_t dp[NCC_RSA_PRIME_LEN], uint8_t dq[NCC_RSA_PRIME_LEN],
                   uint8_t qinv[NCC_RSA_PRIME_LEN])
{
    mbedtls_rsa_context ctx;
    ncc_rng_wrap w;
    int ret;

    if (rng == NULL || n == NULL || p == NULL || q == NULL || dp == NULL || dq == NULL ||
        qinv == NULL) {
        return NCC_ERR_BAD_INPUT;
    }
    rng_wrap_init(&w, rng, rng_ctx);
    rsa_ctx_init(&ctx);

    ret = mbedtls_rsa_gen_key(&ctx, rng_call, &w, NCC_RSA_BITS, 65537);
    if (ret == 0 && mbedtls_mpi_bitlen(&NCC_RSA_FIELD(&ctx, N)) != NCC_RSA_BITS) {
        ret = MBEDTLS_ERR_RSA_KEY_GEN_FAILED; /* mbedTLS guarantees it; belt and braces */
    }
    if (ret == 0) {
        ret = rsa_export_all(&ctx, n, p, q, dp, dq, qinv);
    }
    ret = map_err_rng(ret, &w);
    if (ret != NCC_OK) {
        rsa_wipe_all(n, p, q, dp, dq, qinv);
    }
    mbedtls_rsa_free(&ctx);
    return ret;
}

int ncc_rsa_sign_pkcs1(const uint8_t n[NCC_RSA_MODULUS_LEN], uint32_t e,
                       const uint8_t p[NCC_RSA_PRIME_LEN], const uint8_t q[NCC_RSA_PRIME_LEN],
                       const uint8_t dp[NCC_RSA_PRIME_LEN], const uint8_t dq[NCC_RSA_PRIME_LEN],
                       const uint8_t qinv[NCC_RSA_PRIME_LEN],
                       const uint8_t *block, size_t block_len,
                       uint8_t sig[NCC_RSA_MODULUS_LEN], ncc_rng_fn rng, void *rng_ctx)
{
    mbedtls_rsa_context ctx;
    ncc_rng_wrap w;
    uint8_t eb[4];
    int ret;

    if (n == NULL || p == NULL || q == NULL || dp == NULL || dq == NULL || qinv == NULL ||
        block == NULL || sig == NULL || rng == NULL) {
        return NCC_ERR_BAD_INPUT;
    }
    if (block_len == 0 || block_len > NCC_RSA_MODULUS_LEN - NCC_RSA_MIN_PAD || !e_valid(e)) {
        return NCC_ERR_BAD_INPUT;
    }
    rng_wrap_init(&w, rng, rng_ctx);
    u32_be(e, eb);
    rsa_ctx_init(&ctx);

    ret = mbedtls_rsa_import_raw(&ctx, n, NCC_RSA_MODULUS_LEN, p, NCC_RSA_PRIME_LEN,
                                 q, NCC_RSA_PRIME_LEN, NULL, 0, eb, sizeof(eb));
    if (ret == 0 && mbedtls_mpi_bitlen(&NCC_RSA_FIELD(&ctx, N)) != NCC_RSA_BITS) {
        ret = MBEDTLS_ERR_RSA_KEY_CHECK_FAILED;
    }
#if defined(MBEDTLS_RSA_NO_CRT)
    /* This mbedTLS build exponentiates with d: derive it from p, q, e. */
    (void) dp;
    (void) dq;
    (void) qinv;
    if (ret == 0) {
        ret = mbedtls_rsa_complete(&ctx);
    }
#else
    /* RFC 8017 §5.1.2 2.b: the CRT components are used as given (there is no public
     * import for them); mbedTLS checks every signature with (n, e) before releasing
     * it, so components that do not belong to n are reported, not used silently. */
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&NCC_RSA_FIELD(&ctx, DP), dp, NCC_RSA_PRIME_LEN);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&NCC_RSA_FIELD(&ctx, DQ), dq, NCC_RSA_PRIME_LEN);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&NCC_RSA_FIELD(&ctx, QP), qinv, NCC_RSA_PRIME_LEN);
    }
#endif
    if (ret == 0) {
        /* EMSA-PKCS1-v1_5 with MD_NONE: the block is T itself (RFC 8017 §9.2 step 3 on),
         * so the caller's DigestInfo is padded verbatim. */
#if NCC_MBEDTLS3
        ret = mbedtls_rsa_pkcs1_sign(&ctx, rng_call, &w, MBEDTLS_MD_NONE,
                                     (unsigned int) block_len, block, sig);
#else
        ret = mbedtls_rsa_pkcs1_sign(&ctx, rng_call, &w, MBEDTLS_RSA_PRIVATE, MBEDTLS_MD_NONE,
                                     (unsigned int) block_len, block, sig);
#endif
        /* Arguments were validated above, so what mbedTLS rejects here is the key
         * (zero components, even primes, a result that fails the public check). */
        if (ret != 0 && !w.failed && map_err(ret) != NCC_ERR_NO_MEMORY) {
            ret = MBEDTLS_ERR_RSA_KEY_CHECK_FAILED;
        }
    }
    ret = map_err_rng(ret, &w);
    if (ret != NCC_OK) {
        mbedtls_platform_zeroize(sig, NCC_RSA_MODULUS_LEN);
    }
    mbedtls_rsa_free(&ctx); /* zeroizes P, Q, DP, DQ, QP and the blinding values */
    return ret;
}

int ncc_rsa_verify_pkcs1(const uint8_t *n, size_t n_len, uint32_t e,
                         const uint8_t *block, size_t block_len,
                         const uint8_t *sig, size_t sig_len)
{
    mbedtls_rsa_context ctx;
    uint8_t eb[4];
    int ret;

    if (n == NULL || block == NULL || sig == NULL) {
        return NCC_ERR_BAD_INPUT;
    }
    if (n_len < 64 || n_len > 512 || n[0] == 0 || sig_len != n_len || block_len == 0 ||
        block_len > n_len - NCC_RSA_MIN_PAD || !e_valid(e)) {
        return NCC_ERR_BAD_INPUT;
    }
    u32_be(e, eb);
    rsa_ctx_init(&ctx);

    ret = mbedtls_rsa_import_raw(&ctx, n, n_len, NULL, 0, NULL, 0, NULL, 0, eb, sizeof(eb));
    if (ret == 0) {
        ret = mbedtls_rsa_complete(&ctx);
    }
    if (ret == 0) {
        ret = mbedtls_rsa_check_pubkey(&ctx);
        if (ret != 0 && ret != MBEDTLS_ERR_MPI_ALLOC_FAILED) {
            ret = MBEDTLS_ERR_RSA_KEY_CHECK_FAILED;
        }
    }
    if (ret == 0) {
        /* RFC 8017 §8.2.2: s < n, m = s^e mod n, EM' = EMSA-PKCS1-v1_5(T), EM == EM'. */
#if NCC_MBEDTLS3
        ret = mbedtls_rsa_pkcs1_verify(&ctx, MBEDTLS_MD_NONE, (unsigned int) block_len,
                                       block, sig);
#else
        ret = mbedtls_rsa_pkcs1_verify(&ctx, NULL, NULL, MBEDTLS_RSA_PUBLIC, MBEDTLS_MD_NONE,
                                       (unsigned int) block_len, block, sig);
#endif
        /* A signature >= n makes the public operation fail with BAD_INPUT: that is a
         * bad signature, not a bad call. */
        if (ret != 0 && map_err(ret) != NCC_ERR_NO_MEMORY) {
            ret = MBEDTLS_ERR_RSA_VERIFY_FAILED;
        }
    }
    ret = map_err(ret);
    mbedtls_rsa_free(&ctx);
    return ret;
}
