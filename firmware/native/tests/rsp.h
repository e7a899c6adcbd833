/*
 * Reader for the shared known-answer files (tests/vectors/README.md): `#` comment
 * lines, `[...]` section lines ignored, records are groups of `Name = value` lines
 * separated by blank lines. Values are returned as text; hex decoding is separate.
 */
#ifndef NCC_TEST_RSP_H
#define NCC_TEST_RSP_H

#include <stddef.h>
#include <stdint.h>

#define RSP_MAX_FIELDS 16
#define RSP_MAX_NAME 32
#define RSP_MAX_VALUE 4096

typedef struct {
    int count;
    int line; /* line number of the record's first field */
    char names[RSP_MAX_FIELDS][RSP_MAX_NAME];
    char values[RSP_MAX_FIELDS][RSP_MAX_VALUE];
} rsp_record;

/* Called once per record; returns 0 to continue, non-zero to count a failure. */
typedef int (*rsp_record_fn)(const rsp_record *rec, void *ctx);

/*
 * Reads dir/file and calls fn for every record. Returns the number of records, or -1
 * if the file cannot be read or is malformed (message printed). *failures is
 * incremented for every record fn reports as failed.
 */
int rsp_for_each(const char *dir, const char *file, rsp_record_fn fn, void *ctx,
                 int *failures);

/* The value of a field, or NULL if the record has none. */
const char *rsp_get(const rsp_record *rec, const char *name);

/* Decodes hex (whitespace ignored) into out; returns the byte count or -1 if the
 * text is not an even number of hex digits or longer than cap. */
int hex_decode(const char *hex, uint8_t *out, size_t cap);

#endif
