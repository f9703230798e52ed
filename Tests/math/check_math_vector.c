/*
 * check_math_vector.c — the four-lane soma_expf, soma_expm1f and soma_tanhf
 * of the x86-64-v3 clone (CRuntime/core/soma_activate_avx2.c) against the
 * scalar functions (CRuntime/core/soma_math.c), bit for bit, NaNs included.
 * The scalar ones are proven correctly rounded on every input (check_math.c),
 * so equality here proves the vector ones correctly rounded too.
 *
 *   check_math_vector              all 2^32 inputs per function (make check-math-vector)
 *   check_math_vector --sample N   N seeded random inputs, every input around the
 *                                  fast paths' thresholds, and inputs the plain-double
 *                                  result rounds the wrong way, in every lane and at
 *                                  every array length up to 9 (make test-c)
 *   ... exp|expm1|tanh             one function only
 *
 * Exit status 1 on any mismatch; 0, saying so, on a CPU without x86-64-v3.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/float_bits.h"
#include "soma_kernel_clones.h"
#include "soma_math.h"

#if defined(SOMA_VECTOR_ACTIVATIONS)

typedef struct {
    const char *name;
    float (*scalar)(float);
    void (*vector)(const float *, float *, size_t);
} function;

static const function FUNCTIONS[] = {
    {"exp", soma_expf, soma_expf_v3},
    {"expm1", soma_expm1f, soma_expm1f_v3},
    {"tanh", soma_tanhf, soma_tanhf_v3},
};

/*
 * Inputs whose plain-double fast-path exp lies on the wrong side of a
 * binary32 rounding boundary, so that only the boundary test sends them to
 * the exact path: with that test removed from the vector code (every lane
 * taken as settled), the full check finds 591 such inputs for exp; these are
 * six of them, both signs, across binades. expm1's and tanh's fast paths
 * have none (0 mismatches on all 2^32 with the test removed): their margins
 * are there for the proof, and no input needs them.
 */
static const uint32_t HARD[] = {
    0x3b8c972eu, 0x3c0afe64u, 0x418e59eeu, 0xbbbdc7abu, 0xbe21a7b0u, 0xc0883d2au,
};

static uint64_t mismatches, compared;
/* Mismatches printed for the function being checked (main resets it). */
static int printed;

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The vector function on x[0 .. n-1], each result against the scalar function's bits. */
static void check(const function *f, const float *x, size_t n)
{
    float y[4096];
    size_t k;
    f->vector(x, y, n);
    for (k = 0; k < n; k++) {
        const float want = f->scalar(x[k]);
        compared++;
        if (float_bits(y[k]) != float_bits(want)) {
            if (printed++ < 20) {
                printf("  MISMATCH %s(%a = 0x%08" PRIx32 ") at %zu of %zu: vector 0x%08" PRIx32
                       ", scalar 0x%08" PRIx32 "\n",
                       f->name, (double)x[k], float_bits(x[k]), k, n, float_bits(y[k]),
                       float_bits(want));
            }
            mismatches++;
        }
    }
}

/* Every binary32 bit pattern, 4,096 at a time. */
static void check_all(const function *f)
{
    static float x[4096];
    uint64_t b = 0;
    size_t k;
    while (b < ((uint64_t)1 << 32)) {
        for (k = 0; k < 4096; k++, b++) {
            x[k] = bits_float((uint32_t)b);
        }
        check(f, x, 4096);
    }
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Where a function's path changes: the fast paths' range ends, zero, the subnormals. */
static const float THRESHOLDS[] = {
    88.0f, -87.0f, 89.0f, -104.0f, -18.0f, 9.5f, 0x1p-125f, -0x1p-125f, 0x1p-124f,
    0.0054152127f, -0.0054152127f, 0.010830425f, -0.010830425f, 88.72283935546875f,
};

/* `v` in lane position p of arrays of every length from p + 1 to 9, between ordinary values. */
static void check_in_every_lane(const function *f, float v)
{
    float x[9];
    size_t n, p, k;
    for (n = 1; n <= 9; n++) {
        for (p = 0; p < n; p++) {
            for (k = 0; k < n; k++) {
                x[k] = k == p ? v : 0.25f * (float)k - 1.0f;
            }
            check(f, x, n);
        }
    }
}

static void check_sample(const function *f, uint64_t sample)
{
    static const uint32_t special[] = {0x00000000u, 0x80000000u, 0x7F800000u, 0xFF800000u,
                                       0x7FC00000u, 0xFFC00000u, 0x7FA00001u, 0xFFBFFFFFu,
                                       0x00000001u, 0x80000001u, 0x007FFFFFu, 0x807FFFFFu};
    static float x[4096];
    uint64_t state = 7, done = 0;
    size_t i, k;
    int d;
    for (i = 0; i < sizeof special / sizeof special[0]; i++) {
        check_in_every_lane(f, bits_float(special[i]));
    }
    for (i = 0; i < sizeof HARD / sizeof HARD[0]; i++) {
        check_in_every_lane(f, bits_float(HARD[i]));
    }
    for (i = 0; i < sizeof THRESHOLDS / sizeof THRESHOLDS[0]; i++) {
        for (d = -2048; d < 2048; d++) {
            x[d + 2048] = bits_float(float_bits(THRESHOLDS[i]) + (uint32_t)d);
        }
        check(f, x, 4096);
    }
    while (done < sample) {
        const size_t n = sample - done < 4096 ? (size_t)(sample - done) : 4096;
        for (k = 0; k < n; k++) {
            /* Half any bit pattern, half within the functions' working range [-32, 32). */
            const uint64_t r = splitmix64(&state);
            x[k] = (r & 1) ? bits_float((uint32_t)(r >> 32))
                           : (float)((double)(r >> 40) * 0x1p-24 * 64.0 - 32.0);
        }
        check(f, x, n);
        done += n;
    }
}

int main(int argc, char **argv)
{
    uint64_t sample = 0;
    const char *only = NULL;
    size_t i;
    int a = 1;
    if (a + 1 < argc && strcmp(argv[a], "--sample") == 0) {
        sample = strtoull(argv[a + 1], NULL, 10);
        a += 2;
    }
    if (a < argc) {
        only = argv[a++];
    }
    if (a != argc) {
        fprintf(stderr, "usage: check_math_vector [--sample N] [exp|expm1|tanh]\n");
        return 2;
    }
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("x86-64-v3")) {
        printf("check_math_vector: this CPU has no x86-64-v3 (AVX2): skipped (0 passed, 0 failed)\n");
        return 0;
    }
    for (i = 0; i < sizeof FUNCTIONS / sizeof FUNCTIONS[0]; i++) {
        const uint64_t before_mismatches = mismatches, before_compared = compared;
        const double start = seconds();
        if (only != NULL && strcmp(only, FUNCTIONS[i].name) != 0) {
            continue;
        }
        printed = 0;
        if (sample > 0) {
            check_sample(&FUNCTIONS[i], sample);
        } else {
            check_all(&FUNCTIONS[i]);
        }
        printf("%s: four lanes against the scalar function on %" PRIu64 " inputs%s: %" PRIu64
               " mismatches (%.1f s)\n",
               FUNCTIONS[i].name, compared - before_compared, sample > 0 ? " (sampled)" : " (all 2^32)",
               mismatches - before_mismatches, seconds() - start);
        fflush(stdout);
    }
    printf("check_math_vector: %s (%" PRIu64 " compared, %" PRIu64 " mismatches)\n",
           mismatches == 0 ? "equal" : "DIFFERENT", compared, mismatches);
    return mismatches != 0;
}

#else
int main(void)
{
    printf("check_math_vector: no four-lane functions in this build (not x86-64 with "
           "gcc or clang): skipped (0 passed, 0 failed)\n");
    return 0;
}
#endif
