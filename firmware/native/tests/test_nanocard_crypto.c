/*
 * Tests for nanocard_crypto: the shared known-answer files (argv[1] = vector directory)
 * plus key-generation round trips and rejection of invalid inputs.
 *
 * Exit status is non-zero if any check fails, if a vector file is missing or
 * malformed, or if a vector file holds no records, so a silent pass is impossible.
 */
#include "nanocard_crypto.h"
#include "rsp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/bignum.h>

static int g_checks;
static int g_failures;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        g_checks++;                                                          \
        if (!(cond)) {                                                       \
            g_failures++;                                                    \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);           \
            printf(__VA_ARGS__);                                             \
            printf("\n");                                                    \
        }                                                                    \
    } while (0)

/* Records a check and returns whether it held (for vector callbacks). */
#define EXPECT(cond, ...)                                                    \
    do {                                                                     \
        g_checks++;                                                          \
        if (!(cond)) {                                                       \
            g_failures++;                                                    \
            rec_failed = 1;                                                  \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);           \
            printf(__VA_ARGS__);                                             \
            printf("\n");                                                    \
        }                                                                    \
    } while (0)

/* ---- deterministic test RNG (CTR_DRBG over a fixed "entropy" source) ------------- */

typedef struct {
    mbedtls_ctr_drbg_context drbg;
    uint32_t counter;
} test_rng;

static int fixed_entropy(void *ctx, unsigned char *out, size_t len)
{
    uint32_t *counter = (uint32_t *) ctx;
    size_t i;
    for (i = 0; i < len; i++) {
        out[i] = (unsigned char) ((*counter * 0x9E3779B1u) >> 24);
        (*counter)++;
    }
    return 0;
}

static void test_rng_init(test_rng *r, const char *label)
{
    int ret;
    mbedtls_ctr_drbg_init(&r->drbg);
    r->counter = 1;
    ret = mbedtls_ctr_drbg_seed(&r->drbg, fixed_entropy, &r->counter,
                                (const unsigned char *) label, strlen(label));
    if (ret != 0) {
        printf("FATAL: ctr_drbg_seed failed: -0x%04x\n", (unsigned) -ret);
        exit(2);
    }
}

static void test_rng_free(test_rng *r)
{
    mbedtls_ctr_drbg_free(&r->drbg);
}

static int test_rng_fn(void *ctx, unsigned char *out, size_t len)
{
    return mbedtls_ctr_drbg_random(&((test_rng *) ctx)->drbg, out, len);
}

static int failing_rng(void *ctx, unsigned char *out, size_t len)
{
    (void) ctx;
    (void) out;
    (void) len;
    return -1;
}

/* ---- helpers -------------------------------------------------------------------- */

static double ms_since(clock_t start)
{
    return 1000.0 * (double) (clock() - start) / (double) CLOCKS_PER_SEC;
}

/* Decodes a hex value into exactly len bytes, left-padding with zeros. */
static int hex_fixed(const char *hex, uint8_t *out, size_t len)
{
    uint8_t tmp[1024];
    int n;
    if (hex == NULL) {
        return -1;
    }
    n = hex_decode(hex, tmp, sizeof(tmp));
    if (n < 0 || (size_t) n > len) {
        return -1;
    }
    memset(out, 0, len - (size_t) n);
    memcpy(out + (len - (size_t) n), tmp, (size_t) n);
    return 0;
}

static void to_hex(const uint8_t *b, size_t n, char *out)
{
    size_t i;
    for (i = 0; i < n; i++) {
        sprintf(out + 2 * i, "%02X", b[i]);
    }
    out[2 * n] = '\0';
}

static int curve_from_name(const char *name)
{
    if (name == NULL) {
        return 0;
    }
    if (strcmp(name, "P-256") == 0) {
        return NCC_P256;
    }
    if (strcmp(name, "P-384") == 0) {
        return NCC_P384;
    }
    return 0;
}

/* The hash the vectors pair with each curve: SHA-256 for P-256, SHA-384 for P-384. */
static size_t curve_hash(int curve, const uint8_t *msg, size_t len, uint8_t *out)
{
    if (curve == NCC_P256) {
        return ncc_sha256(msg, len, out) == NCC_OK ? NCC_SHA256_LEN : 0;
    }
    return ncc_sha384(msg, len, out) == NCC_OK ? NCC_SHA384_LEN : 0;
}

/* x(kG) mod n, computed with mbedTLS directly, to check a vector's K against its R
 * (FIPS 186-4 §6.4.1 step: r = x1 mod n). */
static int r_from_k(int curve, const uint8_t *k, uint8_t *r_out)
{
    size_t len = ncc_ec_field_len(curve);
    mbedtls_ecp_group grp;
    mbedtls_ecp_point pt;
    mbedtls_mpi km, x;
    test_rng rng;
    uint8_t buf[1 + 2 * NCC_EC_MAX_LEN];
    size_t olen = 0;
    int ret;

    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&pt);
    mbedtls_mpi_init(&km);
    mbedtls_mpi_init(&x);
    test_rng_init(&rng, "r-from-k");
    ret = mbedtls_ecp_group_load(&grp, curve == NCC_P256 ? MBEDTLS_ECP_DP_SECP256R1
                                                         : MBEDTLS_ECP_DP_SECP384R1);
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&km, k, len);
    }
    if (ret == 0) {
        ret = mbedtls_ecp_mul(&grp, &pt, &km, &grp.G, test_rng_fn, &rng);
    }
    if (ret == 0) {
        ret = mbedtls_ecp_point_write_binary(&grp, &pt, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen,
                                             buf, sizeof(buf));
    }
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(&x, buf + 1, len);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_mod_mpi(&x, &x, &grp.N);
    }
    if (ret == 0) {
        ret = mbedtls_mpi_write_binary(&x, r_out, len);
    }
    test_rng_free(&rng);
    mbedtls_mpi_free(&x);
    mbedtls_mpi_free(&km);
    mbedtls_ecp_point_free(&pt);
    mbedtls_ecp_group_free(&grp);
    return ret;
}

/* Runs one vector file; a missing/malformed file or one with no records fails. */
static void run_vectors(const char *dir, const char *file, rsp_record_fn fn, void *ctx)
{
    int failures = 0;
    int n = rsp_for_each(dir, file, fn, ctx, &failures);
    g_checks++;
    if (n < 0) {
        g_failures++;
        printf("FAIL: %s could not be read\n", file);
    } else if (n == 0) {
        g_failures++;
        printf("FAIL: %s has no records\n", file);
    } else {
        printf("%-20s %3d records, %d failed\n", file, n, failures);
    }
}

/* ---- SHA-256 / SHA-384 (FIPS 180-4) ---------------------------------------------- */

static int sha_record(const rsp_record *rec, void *ctx)
{
    size_t md_len = *(const size_t *) ctx;
    const char *len_s = rsp_get(rec, "Len");
    const char *msg_s = rsp_get(rec, "Msg");
    const char *md_s = rsp_get(rec, "MD");
    static uint8_t msg[RSP_MAX_VALUE / 2];
    uint8_t md[64], expect[64];
    long bits;
    int n, rec_failed = 0;

    EXPECT(len_s != NULL && msg_s != NULL && md_s != NULL, "line %d: Len/Msg/MD missing",
           rec->line);
    if (rec_failed) {
        return 1;
    }
    bits = strtol(len_s, NULL, 10);
    n = hex_decode(msg_s, msg, sizeof(msg));
    /* CAVP convention: Len is in bits; Len = 0 comes with Msg = 00. */
    EXPECT(bits >= 0 && bits % 8 == 0 && n >= bits / 8, "line %d: bad Len/Msg", rec->line);
    EXPECT(hex_decode(md_s, expect, sizeof(expect)) == (int) md_len, "line %d: bad MD",
           rec->line);
    if (rec_failed) {
        return 1;
    }
    if (md_len == NCC_SHA256_LEN) {
        EXPECT(ncc_sha256(bits == 0 ? NULL : msg, (size_t) (bits / 8), md) == NCC_OK,
               "line %d", rec->line);
    } else {
        EXPECT(ncc_sha384(bits == 0 ? NULL : msg, (size_t) (bits / 8), md) == NCC_OK,
               "line %d", rec->line);
    }
    EXPECT(memcmp(md, expect, md_len) == 0, "line %d: digest differs", rec->line);
    return rec_failed;
}

/* ---- ECDSA (RFC 6979 A.2.5 / A.2.6) --------------------------------------------- */

static int ecdsa_record(const rsp_record *rec, void *ctx)
{
    test_rng *rng = (test_rng *) ctx;
    int curve = curve_from_name(rsp_get(rec, "Curve"));
    size_t len = ncc_ec_field_len(curve);
    const char *msg = rsp_get(rec, "Message");
    uint8_t d[NCC_EC_MAX_LEN], k[NCC_EC_MAX_LEN], r_from[NCC_EC_MAX_LEN];
    uint8_t q_expect[1 + 2 * NCC_EC_MAX_LEN], q[1 + 2 * NCC_EC_MAX_LEN];
    uint8_t rs_expect[2 * NCC_EC_MAX_LEN], rs[2 * NCC_EC_MAX_LEN];
    uint8_t hash[NCC_SHA384_LEN];
    char hex[2 * 2 * NCC_EC_MAX_LEN + 1];
    char msgbuf[RSP_MAX_VALUE];
    size_t msg_len, hash_len;
    int rec_failed = 0;

    EXPECT(len != 0, "line %d: unknown Curve", rec->line);
    EXPECT(msg != NULL, "line %d: no Message", rec->line);
    if (rec_failed) {
        return 1;
    }
    /* Message is ASCII; tolerate surrounding double quotes. */
    msg_len = strlen(msg);
    if (msg_len >= 2 && msg[0] == '"' && msg[msg_len - 1] == '"') {
        memcpy(msgbuf, msg + 1, msg_len - 2);
        msg_len -= 2;
    } else {
        memcpy(msgbuf, msg, msg_len);
    }
    msgbuf[msg_len] = '\0';

    q_expect[0] = 0x04;
    EXPECT(hex_fixed(rsp_get(rec, "D"), d, len) == 0, "line %d: bad D", rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "Qx"), q_expect + 1, len) == 0, "line %d: bad Qx",
           rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "Qy"), q_expect + 1 + len, len) == 0, "line %d: bad Qy",
           rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "K"), k, len) == 0, "line %d: bad K", rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "R"), rs_expect, len) == 0, "line %d: bad R", rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "S"), rs_expect + len, len) == 0, "line %d: bad S",
           rec->line);
    if (rec_failed) {
        return 1;
    }
    hash_len = curve_hash(curve, (const uint8_t *) msgbuf, msg_len, hash);
    EXPECT(hash_len != 0, "line %d: hash failed", rec->line);

    EXPECT(ncc_ecdsa_public_from_private(curve, d, q) == NCC_OK, "line %d", rec->line);
    EXPECT(memcmp(q, q_expect, 1 + 2 * len) == 0, "line %d: Q differs", rec->line);

    /* The vector's K must be the nonce behind R (r = x(kG) mod n). */
    EXPECT(r_from_k(curve, k, r_from) == 0 && memcmp(r_from, rs_expect, len) == 0,
           "line %d: x(KG) mod n != R", rec->line);

    /* Deterministic: same signature without and with a blinding RNG. */
    EXPECT(ncc_ecdsa_sign(curve, d, hash, hash_len, rs, NULL, NULL) == NCC_OK, "line %d",
           rec->line);
    to_hex(rs, 2 * len, hex);
    EXPECT(memcmp(rs, rs_expect, 2 * len) == 0, "line %d: R||S differs, got %s", rec->line,
           hex);
    memset(rs, 0, sizeof(rs));
    EXPECT(ncc_ecdsa_sign(curve, d, hash, hash_len, rs, test_rng_fn, rng) == NCC_OK,
           "line %d", rec->line);
    EXPECT(memcmp(rs, rs_expect, 2 * len) == 0, "line %d: R||S differs with RNG",
           rec->line);

    EXPECT(ncc_ecdsa_verify(curve, q_expect, 1 + 2 * len, hash, hash_len, rs_expect,
                            2 * len) == NCC_OK, "line %d: vector signature rejected",
           rec->line);
    rs[2 * len - 1] ^= 0x01;
    EXPECT(ncc_ecdsa_verify(curve, q_expect, 1 + 2 * len, hash, hash_len, rs, 2 * len) ==
           NCC_ERR_VERIFY_FAILED, "line %d: modified S accepted", rec->line);
    rs[2 * len - 1] ^= 0x01;
    rs[0] ^= 0x80;
    EXPECT(ncc_ecdsa_verify(curve, q_expect, 1 + 2 * len, hash, hash_len, rs, 2 * len) ==
           NCC_ERR_VERIFY_FAILED, "line %d: modified R accepted", rec->line);
    hash[0] ^= 0x01;
    EXPECT(ncc_ecdsa_verify(curve, q_expect, 1 + 2 * len, hash, hash_len, rs_expect,
                            2 * len) == NCC_ERR_VERIFY_FAILED,
           "line %d: modified hash accepted", rec->line);
    return rec_failed;
}

/* ---- RSA PKCS #1 v1.5 ----------------------------------------------------------- */

static int rsa_record(const rsp_record *rec, void *ctx)
{
    test_rng *rng = (test_rng *) ctx;
    uint8_t p[NCC_RSA_PRIME_LEN], q[NCC_RSA_PRIME_LEN];
    uint8_t dp[NCC_RSA_PRIME_LEN], dq[NCC_RSA_PRIME_LEN], qinv[NCC_RSA_PRIME_LEN];
    uint8_t n_expect[NCC_RSA_MODULUS_LEN], n[NCC_RSA_MODULUS_LEN];
    uint8_t s_expect[NCC_RSA_MODULUS_LEN], sig[NCC_RSA_MODULUS_LEN];
    uint8_t block[NCC_RSA_MODULUS_LEN], eb[4];
    uint32_t e;
    int block_len, rec_failed = 0;

    EXPECT(hex_fixed(rsp_get(rec, "P"), p, sizeof(p)) == 0, "line %d: bad P", rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "Q"), q, sizeof(q)) == 0, "line %d: bad Q", rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "E"), eb, sizeof(eb)) == 0, "line %d: bad E", rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "N"), n_expect, sizeof(n_expect)) == 0, "line %d: bad N",
           rec->line);
    EXPECT(hex_fixed(rsp_get(rec, "S"), s_expect, sizeof(s_expect)) == 0, "line %d: bad S",
           rec->line);
    block_len = rsp_get(rec, "Block") == NULL
                    ? -1 : hex_decode(rsp_get(rec, "Block"), block, sizeof(block));
    EXPECT(block_len > 0, "line %d: bad Block", rec->line);
    if (rec_failed) {
        return 1;
    }
    e = ((uint32_t) eb[0] << 24) | ((uint32_t) eb[1] << 16) | ((uint32_t) eb[2] << 8) | eb[3];

    EXPECT(ncc_rsa_import(p, q, e, n, dp, dq, qinv) == NCC_OK, "line %d: import", rec->line);
    EXPECT(memcmp(n, n_expect, sizeof(n)) == 0, "line %d: N differs", rec->line);
    EXPECT(ncc_rsa_sign_pkcs1(n, e, p, q, dp, dq, qinv, block, (size_t) block_len, sig,
                              test_rng_fn, rng) == NCC_OK, "line %d: sign", rec->line);
    EXPECT(memcmp(sig, s_expect, sizeof(sig)) == 0, "line %d: S differs", rec->line);
    EXPECT(ncc_rsa_verify_pkcs1(n_expect, sizeof(n_expect), e, block, (size_t) block_len,
                                s_expect, sizeof(s_expect)) == NCC_OK,
           "line %d: vector S rejected", rec->line);
    s_expect[100] ^= 0x04;
    EXPECT(ncc_rsa_verify_pkcs1(n_expect, sizeof(n_expect), e, block, (size_t) block_len,
                                s_expect, sizeof(s_expect)) == NCC_ERR_VERIFY_FAILED,
           "line %d: modified S accepted", rec->line);
    s_expect[100] ^= 0x04;
    block[block_len - 1] ^= 0x01;
    EXPECT(ncc_rsa_verify_pkcs1(n_expect, sizeof(n_expect), e, block, (size_t) block_len,
                                s_expect, sizeof(s_expect)) == NCC_ERR_VERIFY_FAILED,
           "line %d: modified Block accepted", rec->line);
    return rec_failed;
}

/* ---- fresh-key round trips and invalid inputs ----------------------------------- */

static void test_sha_misc(void)
{
    uint8_t out[NCC_SHA384_LEN];
    CHECK(ncc_sha256(NULL, 1, out) == NCC_ERR_BAD_INPUT, "NULL input with length");
    CHECK(ncc_sha384((const uint8_t *) "a", 1, NULL) == NCC_ERR_BAD_INPUT, "NULL output");
}

static void test_ec_curve(int curve, test_rng *rng)
{
    size_t len = ncc_ec_field_len(curve);
    size_t qlen = 1 + 2 * len;
    uint8_t d[NCC_EC_MAX_LEN], d2[NCC_EC_MAX_LEN], bad_d[NCC_EC_MAX_LEN];
    uint8_t q[1 + 2 * NCC_EC_MAX_LEN], q2[1 + 2 * NCC_EC_MAX_LEN], q3[1 + 2 * NCC_EC_MAX_LEN];
    uint8_t bad_q[1 + 2 * NCC_EC_MAX_LEN];
    uint8_t rs[2 * NCC_EC_MAX_LEN], rs2[2 * NCC_EC_MAX_LEN], bad_rs[2 * NCC_EC_MAX_LEN];
    uint8_t long_hash[NCC_EC_MAX_HASH_LEN];
    uint8_t hash[NCC_SHA384_LEN];
    uint8_t order[NCC_EC_MAX_LEN];
    size_t hash_len, i;
    clock_t t0;
    int ret, iters = 20;
    const char *name = curve == NCC_P256 ? "P-256" : "P-384";
    /* Group orders n (FIPS 186-4 D.1.2.3 / D.1.2.4). */
    static const char *n256 =
        "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
    static const char *n384 =
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973";

    CHECK(hex_fixed(curve == NCC_P256 ? n256 : n384, order, len) == 0, "order");

    /* Key generation round trip. */
    ret = ncc_ecdsa_keygen(curve, test_rng_fn, rng, d, q);
    CHECK(ret == NCC_OK, "%s keygen: %d", name, ret);
    CHECK(q[0] == 0x04, "%s keygen point form", name);
    CHECK(ncc_ecdsa_public_from_private(curve, d, q2) == NCC_OK && memcmp(q, q2, qlen) == 0,
          "%s public_from_private(keygen d) != keygen Q", name);
    CHECK(ncc_ecdsa_keygen(curve, test_rng_fn, rng, d2, q3) == NCC_OK &&
          memcmp(d, d2, len) != 0, "%s two keygens gave the same key", name);

    hash_len = curve_hash(curve, (const uint8_t *) "round trip", 10, hash);
    CHECK(ncc_ecdsa_sign(curve, d, hash, hash_len, rs, test_rng_fn, rng) == NCC_OK,
          "%s sign fresh key", name);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, rs, 2 * len) == NCC_OK,
          "%s verify fresh key", name);
    CHECK(ncc_ecdsa_sign(curve, d, hash, hash_len, rs2, NULL, NULL) == NCC_OK &&
          memcmp(rs, rs2, 2 * len) == 0, "%s signature depends on the blinding RNG", name);
    CHECK(ncc_ecdsa_verify(curve, q3, qlen, hash, hash_len, rs, 2 * len) ==
          NCC_ERR_VERIFY_FAILED, "%s signature verified under another key", name);

    /* FIPS 186-4 §6.4 truncation: a hash longer than n equals its leftmost len bytes
     * (both orders are a whole number of bytes). Shorter hashes are accepted as is. */
    for (i = 0; i < sizeof(long_hash); i++) {
        long_hash[i] = (uint8_t) (0xC3 ^ (i * 7));
    }
    CHECK(ncc_ecdsa_sign(curve, d, long_hash, sizeof(long_hash), rs, NULL, NULL) == NCC_OK,
          "%s sign 64-byte hash", name);
    CHECK(ncc_ecdsa_sign(curve, d, long_hash, len, rs2, NULL, NULL) == NCC_OK &&
          memcmp(rs, rs2, 2 * len) == 0, "%s long hash not truncated to %u bytes", name,
          (unsigned) len);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, long_hash, sizeof(long_hash), rs, 2 * len) ==
          NCC_OK, "%s verify 64-byte hash", name);
    CHECK(ncc_ecdsa_sign(curve, d, long_hash, 20, rs, NULL, NULL) == NCC_OK &&
          ncc_ecdsa_verify(curve, q, qlen, long_hash, 20, rs, 2 * len) == NCC_OK,
          "%s 20-byte hash round trip", name);

    /* Timing (desktop figures, for orientation only). */
    t0 = clock();
    for (i = 0; i < (size_t) iters; i++) {
        ncc_ecdsa_sign(curve, d, hash, hash_len, rs, test_rng_fn, rng);
    }
    printf("%s sign:   %.2f ms/op\n", name, ms_since(t0) / iters);
    t0 = clock();
    for (i = 0; i < (size_t) iters; i++) {
        ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, rs, 2 * len);
    }
    printf("%s verify: %.2f ms/op\n", name, ms_since(t0) / iters);

    /* Invalid private scalars: 0, n, all-ones (SEC 1 §3.2.1: d in [1, n-1]). */
    memset(bad_d, 0, len);
    CHECK(ncc_ecdsa_public_from_private(curve, bad_d, q2) == NCC_ERR_BAD_KEY, "%s d = 0", name);
    CHECK(ncc_ecdsa_sign(curve, bad_d, hash, hash_len, rs, NULL, NULL) == NCC_ERR_BAD_KEY,
          "%s sign with d = 0", name);
    CHECK(ncc_ecdsa_public_from_private(curve, order, q2) == NCC_ERR_BAD_KEY, "%s d = n",
          name);
    memset(bad_d, 0xFF, len);
    CHECK(ncc_ecdsa_public_from_private(curve, bad_d, q2) == NCC_ERR_BAD_KEY, "%s d = FF..",
          name);
    CHECK(ncc_ecdsa_sign(curve, bad_d, hash, hash_len, rs, NULL, NULL) == NCC_ERR_BAD_KEY,
          "%s sign with d > n", name);

    /* Valid signature for the checks below. */
    CHECK(ncc_ecdsa_sign(curve, d, hash, hash_len, rs, test_rng_fn, rng) == NCC_OK, "%s", name);

    /* Off-curve point, wrong form, infinity. */
    memcpy(bad_q, q, qlen);
    bad_q[qlen - 1] ^= 0x01;
    CHECK(ncc_ecdsa_verify(curve, bad_q, qlen, hash, hash_len, rs, 2 * len) ==
          NCC_ERR_BAD_KEY, "%s off-curve point accepted", name);
    memcpy(bad_q, q, qlen);
    bad_q[0] = 0x02;
    CHECK(ncc_ecdsa_verify(curve, bad_q, qlen, hash, hash_len, rs, 2 * len) ==
          NCC_ERR_BAD_KEY, "%s non-uncompressed point accepted", name);
    memset(bad_q, 0, qlen);
    bad_q[0] = 0x04;
    CHECK(ncc_ecdsa_verify(curve, bad_q, qlen, hash, hash_len, rs, 2 * len) ==
          NCC_ERR_BAD_KEY, "%s (0,0) accepted", name);
    /* Coordinate >= p: X = p wraps to 0 mod p; must be rejected, not reduced. */
    memset(bad_q + 1, 0xFF, 2 * len);
    CHECK(ncc_ecdsa_verify(curve, bad_q, qlen, hash, hash_len, rs, 2 * len) ==
          NCC_ERR_BAD_KEY, "%s coordinates FF.. accepted", name);

    /* r, s out of [1, n-1] (FIPS 186-4 §6.4.2 step 1). */
    memcpy(bad_rs, rs, 2 * len);
    memset(bad_rs, 0, len);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, bad_rs, 2 * len) ==
          NCC_ERR_VERIFY_FAILED, "%s r = 0 accepted", name);
    memcpy(bad_rs, rs, 2 * len);
    memset(bad_rs + len, 0, len);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, bad_rs, 2 * len) ==
          NCC_ERR_VERIFY_FAILED, "%s s = 0 accepted", name);
    memcpy(bad_rs, rs, 2 * len);
    memcpy(bad_rs + len, order, len);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, bad_rs, 2 * len) ==
          NCC_ERR_VERIFY_FAILED, "%s s = n accepted", name);
    memcpy(bad_rs, order, len);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, bad_rs, 2 * len) ==
          NCC_ERR_VERIFY_FAILED, "%s r = n accepted", name);
    memcpy(bad_rs, rs, 2 * len);
    memset(bad_rs + len, 0xFF, len);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, bad_rs, 2 * len) ==
          NCC_ERR_VERIFY_FAILED, "%s s > n accepted", name);
    /* (r, n - s) is also a valid ECDSA signature (FIPS 186-4 does not require low s);
     * this pins down that the verifier accepts it rather than enforcing a low-s rule. */
    {
        mbedtls_mpi sm, nm;
        mbedtls_mpi_init(&sm);
        mbedtls_mpi_init(&nm);
        CHECK(mbedtls_mpi_read_binary(&sm, rs + len, len) == 0 &&
              mbedtls_mpi_read_binary(&nm, order, len) == 0 &&
              mbedtls_mpi_sub_mpi(&sm, &nm, &sm) == 0 &&
              mbedtls_mpi_write_binary(&sm, bad_rs + len, len) == 0, "n - s");
        memcpy(bad_rs, rs, len);
        CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, bad_rs, 2 * len) == NCC_OK,
              "%s (r, n-s) is a valid ECDSA signature", name);
        mbedtls_mpi_free(&sm);
        mbedtls_mpi_free(&nm);
    }

    /* Wrong lengths and NULLs. */
    CHECK(ncc_ecdsa_verify(curve, q, qlen - 1, hash, hash_len, rs, 2 * len) ==
          NCC_ERR_BAD_INPUT, "%s short point", name);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, rs, 2 * len - 1) ==
          NCC_ERR_BAD_INPUT, "%s short signature", name);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, hash_len, rs, 2 * len + 1) ==
          NCC_ERR_BAD_INPUT, "%s long signature", name);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, hash, 0, rs, 2 * len) == NCC_ERR_BAD_INPUT,
          "%s empty hash", name);
    CHECK(ncc_ecdsa_verify(curve, q, qlen, long_hash, NCC_EC_MAX_HASH_LEN + 1, rs,
                           2 * len) == NCC_ERR_BAD_INPUT, "%s hash too long", name);
    CHECK(ncc_ecdsa_sign(curve, d, hash, 0, rs, NULL, NULL) == NCC_ERR_BAD_INPUT,
          "%s sign empty hash", name);
    CHECK(ncc_ecdsa_sign(curve, NULL, hash, hash_len, rs, NULL, NULL) == NCC_ERR_BAD_INPUT,
          "%s sign NULL d", name);
    CHECK(ncc_ecdsa_keygen(curve, NULL, NULL, d2, q2) == NCC_ERR_BAD_INPUT,
          "%s keygen without RNG", name);
    CHECK(ncc_ecdsa_keygen(curve, failing_rng, NULL, d2, q2) == NCC_ERR_RNG,
          "%s keygen with failing RNG", name);
    CHECK(ncc_ecdsa_sign(curve, d, hash, hash_len, rs, failing_rng, NULL) == NCC_ERR_RNG,
          "%s sign with failing RNG", name);
}

static void test_ec_misc(void)
{
    uint8_t buf[2 * NCC_EC_MAX_LEN + 1] = {0};
    CHECK(ncc_ec_field_len(0) == 0 && ncc_ec_field_len(3) == 0, "unknown curve length");
    CHECK(ncc_ecdsa_public_from_private(3, buf, buf) == NCC_ERR_BAD_INPUT, "curve 3");
    CHECK(ncc_ecdsa_sign(0, buf, buf, 32, buf, NULL, NULL) == NCC_ERR_BAD_INPUT, "curve 0");
    CHECK(ncc_ecdsa_verify(0, buf, 65, buf, 32, buf, 64) == NCC_ERR_BAD_INPUT, "curve 0");
}

static void test_rsa_fresh(test_rng *rng)
{
    uint8_t n[NCC_RSA_MODULUS_LEN], p[NCC_RSA_PRIME_LEN], q[NCC_RSA_PRIME_LEN];
    uint8_t dp[NCC_RSA_PRIME_LEN], dq[NCC_RSA_PRIME_LEN], qinv[NCC_RSA_PRIME_LEN];
    uint8_t n2[NCC_RSA_MODULUS_LEN], dp2[NCC_RSA_PRIME_LEN], dq2[NCC_RSA_PRIME_LEN];
    uint8_t qinv2[NCC_RSA_PRIME_LEN], bad[NCC_RSA_PRIME_LEN], bad2[NCC_RSA_PRIME_LEN];
    uint8_t bad_n[NCC_RSA_MODULUS_LEN];
    uint8_t sig[NCC_RSA_MODULUS_LEN], sig2[NCC_RSA_MODULUS_LEN];
    uint8_t block[NCC_RSA_MODULUS_LEN];
    /* DigestInfo for SHA-256 (RFC 8017 §9.2 note 1) followed by a digest. */
    static const uint8_t di_prefix[19] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86,
                                          0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
                                          0x00, 0x04, 0x20};
    size_t block_len = sizeof(di_prefix) + NCC_SHA256_LEN;
    clock_t t0;
    int ret, i, iters = 10;

    memcpy(block, di_prefix, sizeof(di_prefix));
    ncc_sha256((const uint8_t *) "rsa round trip", 14, block + sizeof(di_prefix));

    t0 = clock();
    ret = ncc_rsa_keygen(test_rng_fn, rng, n, p, q, dp, dq, qinv);
    printf("RSA-2048 keygen: %.1f ms\n", ms_since(t0));
    CHECK(ret == NCC_OK, "rsa keygen: %d", ret);
    CHECK(n[0] & 0x80, "modulus is not 2048 bits");
    CHECK(memcmp(p, q, sizeof(p)) > 0, "keygen p <= q");

    /* Import of the generated primes reproduces n and the CRT values. */
    CHECK(ncc_rsa_import(p, q, 65537, n2, dp2, dq2, qinv2) == NCC_OK, "import generated");
    CHECK(memcmp(n, n2, sizeof(n)) == 0 && memcmp(dp, dp2, sizeof(dp)) == 0 &&
          memcmp(dq, dq2, sizeof(dq)) == 0 && memcmp(qinv, qinv2, sizeof(qinv)) == 0,
          "import(p, q) differs from keygen");

    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, qinv, block, block_len, sig,
                             test_rng_fn, rng) == NCC_OK, "rsa sign");
    CHECK(ncc_rsa_verify_pkcs1(n, sizeof(n), 65537, block, block_len, sig, sizeof(sig)) ==
          NCC_OK, "rsa verify fresh key");
    /* PKCS #1 v1.5 is deterministic: blinding must not change the signature. */
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, qinv, block, block_len, sig2,
                             test_rng_fn, rng) == NCC_OK && memcmp(sig, sig2, sizeof(sig)) == 0,
          "rsa signature depends on blinding");
    /* Longest block: 256 - 11 bytes. */
    memset(block + block_len, 0x5A, sizeof(block) - block_len);
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, qinv, block, 245, sig2, test_rng_fn,
                             rng) == NCC_OK &&
          ncc_rsa_verify_pkcs1(n, sizeof(n), 65537, block, 245, sig2, sizeof(sig2)) == NCC_OK,
          "245-byte block");

    t0 = clock();
    for (i = 0; i < iters; i++) {
        ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, qinv, block, block_len, sig2, test_rng_fn,
                           rng);
    }
    printf("RSA-2048 sign:   %.2f ms/op\n", ms_since(t0) / iters);
    t0 = clock();
    for (i = 0; i < iters; i++) {
        ncc_rsa_verify_pkcs1(n, sizeof(n), 65537, block, block_len, sig, sizeof(sig));
    }
    printf("RSA-2048 verify: %.2f ms/op\n", ms_since(t0) / iters);

    /* Verification failures. */
    memcpy(sig2, sig, sizeof(sig));
    sig2[0] ^= 0x01;
    CHECK(ncc_rsa_verify_pkcs1(n, sizeof(n), 65537, block, block_len, sig2, sizeof(sig2)) ==
          NCC_ERR_VERIFY_FAILED, "modified signature accepted");
    memset(sig2, 0xFF, sizeof(sig2));
    CHECK(ncc_rsa_verify_pkcs1(n, sizeof(n), 65537, block, block_len, sig2, sizeof(sig2)) ==
          NCC_ERR_VERIFY_FAILED, "signature >= n accepted");
    CHECK(ncc_rsa_verify_pkcs1(n, sizeof(n), 3, block, block_len, sig, sizeof(sig)) ==
          NCC_ERR_VERIFY_FAILED, "wrong e accepted");
    CHECK(ncc_rsa_verify_pkcs1(n, sizeof(n), 65537, block, block_len - 1, sig, sizeof(sig)) ==
          NCC_ERR_VERIFY_FAILED, "truncated block accepted");

    /* Invalid arguments. */
    CHECK(ncc_rsa_verify_pkcs1(n, sizeof(n), 65537, block, block_len, sig, 255) ==
          NCC_ERR_BAD_INPUT, "short signature");
    CHECK(ncc_rsa_verify_pkcs1(n, sizeof(n), 65536, block, block_len, sig, sizeof(sig)) ==
          NCC_ERR_BAD_INPUT, "even e");
    CHECK(ncc_rsa_verify_pkcs1(n, sizeof(n), 65537, block, 246, sig, sizeof(sig)) ==
          NCC_ERR_BAD_INPUT, "block too long for verify");
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, qinv, block, 246, sig2, test_rng_fn,
                             rng) == NCC_ERR_BAD_INPUT, "block 246 bytes signed");
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, qinv, block, 0, sig2, test_rng_fn,
                             rng) == NCC_ERR_BAD_INPUT, "empty block signed");
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, qinv, block, block_len, sig2, NULL,
                             NULL) == NCC_ERR_BAD_INPUT, "sign without RNG");
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, qinv, block, block_len, sig2,
                             failing_rng, NULL) == NCC_ERR_RNG, "sign with failing RNG");
    CHECK(ncc_rsa_keygen(failing_rng, NULL, n2, bad, bad2, dp2, dq2, qinv2) == NCC_ERR_RNG,
          "keygen with failing RNG");

    /* Inconsistent private key: mbedTLS's check of the result must catch it and no
     * signature may be released. */
    memcpy(bad, dp, sizeof(dp));
    bad[64] ^= 0x10;
    memset(sig2, 0xAA, sizeof(sig2));
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, bad, dq, qinv, block, block_len, sig2,
                             test_rng_fn, rng) == NCC_ERR_BAD_KEY, "corrupted dP accepted");
    memset(bad, 0, sizeof(bad));
    CHECK(memcmp(sig2, bad, 128) == 0 && memcmp(sig2 + 128, bad, 128) == 0,
          "signature buffer not cleared on failure");
    memcpy(bad, qinv, sizeof(qinv));
    bad[0] ^= 0x01;
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, dp, dq, bad, block, block_len, sig2,
                             test_rng_fn, rng) == NCC_ERR_BAD_KEY, "corrupted qInv accepted");
    memcpy(bad_n, n, sizeof(n));
    bad_n[200] ^= 0x01;
    CHECK(ncc_rsa_sign_pkcs1(bad_n, 65537, p, q, dp, dq, qinv, block, block_len, sig2,
                             test_rng_fn, rng) == NCC_ERR_BAD_KEY, "wrong n accepted");
    memset(bad, 0, sizeof(bad));
    CHECK(ncc_rsa_sign_pkcs1(n, 65537, p, q, bad, dq, qinv, block, block_len, sig2,
                             test_rng_fn, rng) == NCC_ERR_BAD_KEY, "dP = 0 accepted");

    /* Import rejects: bad e, p == q, zero prime, too-small modulus. */
    CHECK(ncc_rsa_import(p, q, 65536, n2, dp2, dq2, qinv2) == NCC_ERR_BAD_INPUT, "even e");
    CHECK(ncc_rsa_import(p, q, 1, n2, dp2, dq2, qinv2) == NCC_ERR_BAD_INPUT, "e = 1");
    CHECK(ncc_rsa_import(p, p, 65537, n2, dp2, dq2, qinv2) == NCC_ERR_BAD_KEY, "p == q");
    memset(bad, 0, sizeof(bad));
    CHECK(ncc_rsa_import(bad, q, 65537, n2, dp2, dq2, qinv2) == NCC_ERR_BAD_KEY, "p = 0");
    memset(bad2, 0, sizeof(bad2));
    bad[127] = 11;
    bad2[127] = 13;
    CHECK(ncc_rsa_import(bad, bad2, 65537, n2, dp2, dq2, qinv2) == NCC_ERR_BAD_KEY,
          "8-bit modulus accepted");
}

/* ---- main ----------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    test_rng rng;
    size_t len256 = NCC_SHA256_LEN, len384 = NCC_SHA384_LEN;

    if (argc != 2) {
        printf("usage: %s <vector directory>\n", argv[0]);
        return 2;
    }
    printf("vectors: %s\n", argv[1]);
    test_rng_init(&rng, "nanocard-ncc-tests");

    run_vectors(argv[1], "sha256.rsp", sha_record, &len256);
    run_vectors(argv[1], "sha384.rsp", sha_record, &len384);
    run_vectors(argv[1], "ecdsa-rfc6979.rsp", ecdsa_record, &rng);
    run_vectors(argv[1], "rsa-pkcs1v15.rsp", rsa_record, &rng);

    test_sha_misc();
    test_ec_misc();
    test_ec_curve(NCC_P256, &rng);
    test_ec_curve(NCC_P384, &rng);
    test_rsa_fresh(&rng);

    test_rng_free(&rng);
    printf("%d checks, %d failed\n", g_checks, g_failures);
    return g_failures == 0 ? 0 : 1;
}
