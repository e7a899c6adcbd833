#include "rsp.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trim(char *s)
{
    char *end;
    while (*s != '\0' && isspace((unsigned char) *s)) {
        s++;
    }
    end = s + strlen(s);
    while (end > s && isspace((unsigned char) end[-1])) {
        *--end = '\0';
    }
    return s;
}

const char *rsp_get(const rsp_record *rec, const char *name)
{
    int i;
    for (i = 0; i < rec->count; i++) {
        if (strcmp(rec->names[i], name) == 0) {
            return rec->values[i];
        }
    }
    return NULL;
}

static int hex_nibble(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

int hex_decode(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *hex != '\0'; hex++) {
        int v;
        if (isspace((unsigned char) *hex)) {
            continue;
        }
        v = hex_nibble((unsigned char) *hex);
        if (v < 0) {
            return -1;
        }
        if (hi < 0) {
            hi = v;
        } else {
            if (n >= cap) {
                return -1;
            }
            out[n++] = (uint8_t) ((hi << 4) | v);
            hi = -1;
        }
    }
    return hi < 0 ? (int) n : -1;
}

int rsp_for_each(const char *dir, const char *file, rsp_record_fn fn, void *ctx,
                 int *failures)
{
    char path[1024];
    char line[RSP_MAX_VALUE + RSP_MAX_NAME + 16];
    FILE *f;
    rsp_record *rec;
    int records = 0;
    int lineno = 0;
    int bad = 0;

    snprintf(path, sizeof(path), "%s/%s", dir, file);
    f = fopen(path, "r");
    if (f == NULL) {
        printf("FAIL: cannot open vector file %s\n", path);
        return -1;
    }
    rec = (rsp_record *) calloc(1, sizeof(*rec));
    if (rec == NULL) {
        fclose(f);
        return -1;
    }
    for (;;) {
        char *got = fgets(line, sizeof(line), f);
        char *s;
        char *eq;
        if (got != NULL) {
            lineno++;
            if (strchr(line, '\n') == NULL && !feof(f)) {
                printf("FAIL: %s:%d: line too long\n", path, lineno);
                bad = 1;
                break;
            }
            s = trim(line);
            if (s[0] == '#' || s[0] == '[') {
                continue;
            }
        } else {
            s = NULL;
        }
        if (s == NULL || s[0] == '\0') {
            /* blank line or end of file closes a record */
            if (rec->count > 0) {
                records++;
                if (fn(rec, ctx) != 0) {
                    (*failures)++;
                }
                memset(rec, 0, sizeof(*rec));
            }
            if (s == NULL) {
                break;
            }
            continue;
        }
        eq = strchr(s, '=');
        if (eq == NULL) {
            printf("FAIL: %s:%d: expected 'Name = value'\n", path, lineno);
            bad = 1;
            break;
        }
        *eq = '\0';
        if (rec->count >= RSP_MAX_FIELDS) {
            printf("FAIL: %s:%d: too many fields in one record\n", path, lineno);
            bad = 1;
            break;
        }
        if (rec->count == 0) {
            rec->line = lineno;
        }
        snprintf(rec->names[rec->count], RSP_MAX_NAME, "%s", trim(s));
        snprintf(rec->values[rec->count], RSP_MAX_VALUE, "%s", trim(eq + 1));
        rec->count++;
    }
    fclose(f);
    free(rec);
    return bad ? -1 : records;
}
