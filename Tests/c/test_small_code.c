/*
 * test_small_code.c — the two pieces a microcontroller build swaps in, each
 * against what it replaces, on x86-64:
 *
 *   1. soma_kernel_dense_chain (soma_dense_small.c, SOMA_SMALL_CODE) against
 *      the register-tiled soma_kernel_dense, bit for bit, on shapes that
 *      exercise every tile and tail (odd inputs, outputs and rows), with
 *      weights whose sums cancel, so any other order changes bits;
 *   2. soma_format (the core's message formatter) against the C library's
 *      snprintf, for every conversion the messages use, at their extreme
 *      values, and cut at every buffer size.
 *
 * Whole models with SOMA_SMALL_CODE=1 are tested by test_models against a
 * core built that way (make test-small-code). Prints "N passed, N failed".
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "soma_internal.h"
#include "soma_kernels.h"

static int passed, failed;

static void report(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL: %s\n", what);
    }
}

/* ---- 1. The chain kernel against the tiles ---- */

#define MAX_IN 130
#define MAX_OUT 260
#define MAX_ROWS 17

static float weights[MAX_IN * MAX_OUT], bias[MAX_OUT], x[MAX_ROWS * MAX_IN];
static float z_tiles[MAX_ROWS * MAX_OUT], z_chain[MAX_ROWS * MAX_OUT];

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state;
}

/* Uniform in [-1, 1) times 2^e, e in -8 .. 7: terms of many sizes, which cancel. */
static float random_value(uint32_t *state)
{
    const float unit = (float)(next_random(state) >> 8) / 8388608.0f - 1.0f;
    const int e = (int)(next_random(state) >> 28) - 8;
    return e < 0 ? unit / (float)(1 << -e) : unit * (float)(1 << e);
}

static void test_kernels(void)
{
    static const size_t ins[] = {1, 2, 3, 7, 16, 17, 64, 129};
    static const size_t outs[] = {1, 2, 3, 4, 5, 15, 16, 17, 31, 32, 33, 63, 65, 127, 128, 129, 259};
    static const size_t rows_of[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17};
    uint32_t seed = 2024u;
    size_t a, b, c, k, shapes = 0, differing = 0, values = 0;
    char what[160];
    for (a = 0; a < sizeof ins / sizeof ins[0]; a++) {
        for (b = 0; b < sizeof outs / sizeof outs[0]; b++) {
            for (c = 0; c < sizeof rows_of / sizeof rows_of[0]; c++) {
                const size_t n_in = ins[a], n_out = outs[b], rows = rows_of[c];
                for (k = 0; k < n_in * n_out; k++) {
                    weights[k] = random_value(&seed);
                }
                for (k = 0; k < n_out; k++) {
                    bias[k] = random_value(&seed);
                }
                for (k = 0; k < rows * n_in; k++) {
                    x[k] = random_value(&seed);
                }
                soma_kernel_dense(weights, bias, n_in, n_out, rows, x, z_tiles);
                soma_kernel_dense_chain(weights, bias, n_in, n_out, rows, x, z_chain);
                shapes++;
                values += rows * n_out;
                if (memcmp(z_tiles, z_chain, rows * n_out * sizeof(float)) != 0) {
                    for (k = 0; k < rows * n_out && z_tiles[k] == z_chain[k]; k++) {
                    }
                    differing++;
                    snprintf(what, sizeof what,
                             "chain vs tiles, %zu inputs, %zu outputs, %zu rows: value %zu is "
                             "%a, the tiles give %a",
                             n_in, n_out, rows, k, (double)z_chain[k], (double)z_tiles[k]);
                    report(0, what);
                }
            }
        }
    }
    snprintf(what, sizeof what, "chain kernel: %zu shapes, %zu values, %zu differ", shapes, values,
             differing);
    report(differing == 0, what);
    printf("test_small_code: chain kernel = tiles on %zu shapes (%zu values)\n", shapes, values);
}

/* ---- 2. The formatter against snprintf ---- */

/* soma_format into `out` (size bytes). */
static void format_into(char *out, size_t size, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    soma_format(out, size, format, args);
    va_end(args);
}

/* soma_format and snprintf agree on FORMAT with ARGS at every size from 1 to the whole + 2. */
#define SAME_AS_SNPRINTF(format, ...)                                                        \
    do {                                                                                      \
        char want_[300], got_[300], what_[700];                                               \
        const int whole_ = snprintf(want_, sizeof want_, format, __VA_ARGS__);                \
        size_t size_;                                                                         \
        int ok_ = whole_ >= 0 && (size_t)whole_ + 2 < sizeof want_;                          \
        for (size_ = 1; ok_ && size_ <= (size_t)whole_ + 2; size_++) {                         \
            memset(got_, 'X', sizeof got_);                                                   \
            snprintf(want_, size_, format, __VA_ARGS__);                                      \
            format_into(got_, size_, format, __VA_ARGS__);                                    \
            ok_ = strcmp(want_, got_) == 0 && got_[size_] == 'X';                             \
        }                                                                                     \
        snprintf(what_, sizeof what_, "soma_format(\"%s\") at size %zu: \"%s\", snprintf \"%s\"", \
                 format, size_ - 1, got_, want_);                                              \
        report(ok_, what_);                                                                   \
    } while (0)

static void test_format(void)
{
    char out[64];
    SAME_AS_SNPRINTF("%s", "plain text");
    SAME_AS_SNPRINTF("layers[%zu].bias[%zu]: expected a number", (size_t)1, (size_t)2);
    SAME_AS_SNPRINTF("%zu %zu %zu", (size_t)0, (size_t)9, SIZE_MAX);
    SAME_AS_SNPRINTF("%d %d %d %d %i", 0, -1, 7, INT_MIN, INT_MAX);
    SAME_AS_SNPRINTF("%u %u %u", 0u, 10u, UINT_MAX);
    SAME_AS_SNPRINTF("%ld %ld %ld", 0L, LONG_MIN, LONG_MAX);
    SAME_AS_SNPRINTF("%lu %lu", 100UL, ULONG_MAX);
    SAME_AS_SNPRINTF("%lld %lld %llu", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
    SAME_AS_SNPRINTF("%" PRIu32 " and %" PRIu64, UINT32_MAX, UINT64_MAX);
    SAME_AS_SNPRINTF("%.32s|%.3s|%.0s|%.40s", "a string longer than thirty-two bytes", "abcdef", "x",
                     "short");
    /* The loader's "%.*s": a number's text, cut where it ends in the file. */
    SAME_AS_SNPRINTF("%s: %.*s is not finite|%.*s|%.*s", "layers[0].bias[0]", 4, "1e39, 2]", 0, "x", -1,
                     "a negative precision is none");
    SAME_AS_SNPRINTF("100%% of %s, %d%%", "it", 5);
    SAME_AS_SNPRINTF("%s: %" PRIu32 " exceeds SOMA_MAX_WIDTH (%d)", "layers[0].outputs",
                     (uint32_t)2000, 1024);
    SAME_AS_SNPRINTF("%s", "");
    /* Not a conversion of ours: shown as written, its argument not read. */
    format_into(out, sizeof out, "%g then %s", "next");
    report(strcmp(out, "%g then next") == 0, "an unknown conversion is copied as written");
    format_into(out, sizeof out, "ends in %");
    report(strcmp(out, "ends in %") == 0, "a lone % at the end is copied");
    format_into(out, sizeof out, "%s", (const char *)NULL);
    report(strcmp(out, "(null)") == 0, "a NULL %s prints (null)");
    memset(out, 'X', sizeof out);
    format_into(out, 0, "%s", "nothing");
    report(out[0] == 'X', "size 0 writes nothing");
}

int main(void)
{
    test_kernels();
    test_format();
    printf("test_small_code: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
