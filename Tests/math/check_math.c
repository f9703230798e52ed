/*
 * check_math.c — proves soma_expf, soma_expm1f and soma_tanhf correctly
 * rounded on every binary32 input (or a sample), and soma_fmaf on hundreds of
 * millions of hard and random triples.
 *
 *   check_math                 all 2^32 inputs per function, 400M fma triples
 *   check_math --sample N      N random inputs per function, plus every
 *                              subnormal and the special inputs (CI)
 *   check_math --part K/N      the K-th of N equal slices of the inputs (and of
 *                              the fma triples), to run N processes at once
 *
 * Reference: the double-precision libm function y (glibc: within 2 ulps of
 * binary64, i.e. 2^-51 relative) decides the binary32 result when every value
 * within 2^-40 of y rounds to the same float (rounding is monotonic, and the
 * exact result is in that interval); otherwise MPFR decides, at binary32
 * precision with binary32's exponent range and subnormals (exp(x) for
 * x <= -200, where the double underflows, is +0 by e^-200 < 2^-288; exp and
 * expm1 for x >= 200, where it overflows, +Inf by e^200 - 1 > 2^288).
 * One input in 1,024 is also checked against MPFR directly, so the libm bound
 * is tested, not trusted.
 * fma: the hardware instruction (x86 FMA3) or, without it, MPFR.
 * Exit status 1 on any mismatch.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <mpfr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/float_bits.h"
#include "../common/splitmix64.h"
#include "../../CRuntime/core/soma_exp_fast.h"
#include "../../CRuntime/core/soma_math.h"

/* FN_EXP_FMA: exp's fused fast path (soma_exp_fast.h), as the v3 clone's small kernel runs it. */
typedef enum { FN_EXP, FN_EXPM1, FN_TANH, FN_EXP_FMA } function_id;

static const char *const NAMES[] = {"exp", "expm1", "tanh", "exp-fma"};

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_EXP_FMA 1
/* Compiled as the v3 clone compiles it: the polynomial's fma are instructions. */
__attribute__((target("arch=x86-64-v3"))) static float expf_fma(float x)
{
    return soma_expf_inline_fused(x);
}

static int cpu_has_fma(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("x86-64-v3");
}
#else
#define HAVE_EXP_FMA 0
static float expf_fma(float x)
{
    return soma_expf(x);
}

static int cpu_has_fma(void)
{
    return 0;
}
#endif

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static float soma_fn(function_id fn, float x)
{
    switch (fn) {
    case FN_EXP: return soma_expf(x);
    case FN_EXPM1: return soma_expm1f(x);
    case FN_TANH: return soma_tanhf(x);
    case FN_EXP_FMA: return expf_fma(x);
    }
    return 0.0f;
}

/* The correctly rounded binary32 result, from MPFR. */
static float mpfr_fn(function_id fn, float x)
{
    static mpfr_t mx, my;
    static int ready;
    int t;
    if (!ready) {
        /* binary32: 24 bits, subnormals down to 2^-149 = 0.5 * 2^-148. */
        mpfr_set_emin(-148);
        mpfr_set_emax(128);
        mpfr_init2(mx, 24);
        mpfr_init2(my, 24);
        ready = 1;
    }
    mpfr_set_flt(mx, x, MPFR_RNDN);
    switch (fn) {
    case FN_EXP:
    case FN_EXP_FMA: t = mpfr_exp(my, mx, MPFR_RNDN); break;
    case FN_EXPM1: t = mpfr_expm1(my, mx, MPFR_RNDN); break;
    default: t = mpfr_tanh(my, mx, MPFR_RNDN); break;
    }
    t = mpfr_check_range(my, t, MPFR_RNDN);
    mpfr_subnormalize(my, t, MPFR_RNDN);
    return mpfr_get_flt(my, MPFR_RNDN);
}

static double libm_fn(function_id fn, double x)
{
    switch (fn) {
    case FN_EXP:
    case FN_EXP_FMA: return exp(x);
    case FN_EXPM1: return expm1(x);
    case FN_TANH: return tanh(x);
    }
    return 0.0;
}

typedef struct {
    uint64_t inputs, mismatches, by_mpfr, cross_checked, reference_errors;
} tally;

/* The correctly rounded result: libm's double when it decides, else MPFR. */
static float reference(function_id fn, float x, tally *t)
{
    const double y = libm_fn(fn, (double)x);
    const double margin = fabs(y) * 0x1p-40;
    const float lo = (float)(y - margin), hi = (float)(y + margin);
    if (x != x || isinf(x)) {
        return (float)y; /* NaN, or the exact limits e^±inf, tanh(±inf) */
    }
    if ((fn == FN_EXP || fn == FN_EXP_FMA) && x <= -200.0f) {
        return 0.0f; /* e^x < 2^-288, far below 2^-150 (half the least subnormal) */
    }
    if (fn != FN_TANH && x >= 200.0f) {
        return INFINITY; /* e^x - 1 > 2^288, far above FLT_MAX (libm's double overflows) */
    }
    if (y != 0.0 && !isnan(y) && float_bits(lo) == float_bits(hi)) {
        return lo;
    }
    t->by_mpfr++;
    return mpfr_fn(fn, x);
}

static int same(float a, float b)
{
    return (a != a && b != b) || float_bits(a) == float_bits(b);
}

static int report_limit = 20;

/* The slice of the 2^32 inputs this process checks (--part K/N). */
static uint64_t part_first = 0, part_end = (uint64_t)1 << 32;

static void check_one(function_id fn, float x, uint64_t index, tally *t)
{
    const float got = soma_fn(fn, x);
    const float want = reference(fn, x, t);
    t->inputs++;
    if ((index & 1023u) == 0 && !(x != x)) {
        const float exact = mpfr_fn(fn, x);
        t->cross_checked++;
        if (!same(exact, want)) {
            t->reference_errors++;
            if (report_limit-- > 0) {
                printf("  reference wrong: %s(%a) libm-decided %a, MPFR %a\n", NAMES[fn],
                       (double)x, (double)want, (double)exact);
            }
        }
    }
    if (!same(got, want)) {
        t->mismatches++;
        if (report_limit-- > 0) {
            printf("  MISMATCH %s(%a = 0x%08" PRIx32 "): soma %a (0x%08" PRIx32 "), correct %a\n",
                   NAMES[fn], (double)x, float_bits(x), (double)got, float_bits(got),
                   (double)want);
        }
    }
}

/* Floats near each threshold where a function's rounding or code path changes. */
static const float THRESHOLDS[] = {
    88.72283935546875f, -87.33654022216797f, -103.27892303466797f, -103.97207641601562f,
    89.0f, -104.0f, -18.0f, -17.328679f, -16.635532f, 9.010913f, 9.5f, 0.010830425f,
    -0.010830425f, 0.0054152127f, -0.0054152127f, 0x1p-24f, -0x1p-24f, 0x1p-25f, -0x1p-25f,
    0x1p-12f, -0x1p-12f, 0x1p-11f, 0x1p-13f, 1.0f, -1.0f, 0.5f, 0.34657359f,
};

/* Special inputs: signed zeros, infinities, NaNs, extremes, neighbourhoods of thresholds. */
static size_t special_inputs(float *out)
{
    static const uint32_t fixed[] = {
        0x00000000u, 0x80000000u, 0x7F800000u, 0xFF800000u, 0x7FC00000u, 0xFFC00000u,
        0x7F800001u, 0xFFBFFFFFu, 0x00000001u, 0x80000001u, 0x007FFFFFu, 0x807FFFFFu,
        0x00800000u, 0x80800000u, 0x7F7FFFFFu, 0xFF7FFFFFu,
    };
    size_t n = 0, i;
    int d;
    for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        out[n++] = bits_float(fixed[i]);
    }
    for (i = 0; i < sizeof THRESHOLDS / sizeof THRESHOLDS[0]; i++) {
        const uint32_t b = float_bits(THRESHOLDS[i]);
        for (d = -2000; d <= 2000; d++) {
            out[n++] = bits_float(b + (uint32_t)d);
        }
    }
    return n;
}

static int check_function(function_id fn, uint64_t sample, uint64_t seed)
{
    static float specials[16 + 27 * 4001];
    tally t = {0, 0, 0, 0, 0};
    double start, soma_time, check_time;
    uint64_t i, state = seed, count, sink = 0;
    const size_t n_special = special_inputs(specials);

    /* The timed pass: the Soma function alone over the same inputs. */
    start = seconds();
    if (sample == 0) {
        for (i = part_first; i < part_end; i++) {
            sink += float_bits(soma_fn(fn, bits_float((uint32_t)i)));
        }
        count = part_end - part_first;
    } else {
        for (i = 0; i < sample; i++) {
            sink += float_bits(soma_fn(fn, bits_float((uint32_t)splitmix64(&state))));
        }
        count = sample;
    }
    soma_time = seconds() - start;

    start = seconds();
    state = seed;
    if (sample == 0) {
        for (i = part_first; i < part_end; i++) {
            check_one(fn, bits_float((uint32_t)i), i, &t);
        }
    } else {
        for (i = 0; i < sample; i++) {
            check_one(fn, bits_float((uint32_t)splitmix64(&state)), i, &t);
        }
        /* Every subnormal, both signs, and the special inputs. */
        for (i = 1; i < 0x00800000u; i++) {
            check_one(fn, bits_float((uint32_t)i), i, &t);
            check_one(fn, bits_float((uint32_t)i | 0x80000000u), i, &t);
        }
        for (i = 0; i < n_special; i++) {
            check_one(fn, specials[i], 0, &t);
        }
    }
    check_time = seconds() - start;
    printf("%-6s %11" PRIu64 " inputs: %" PRIu64 " mismatches; %" PRIu64 " settled by MPFR; "
           "reference cross-checked against MPFR on %" PRIu64 ", %" PRIu64 " wrong; "
           "C %.1f s for %" PRIu64 " calls, check %.1f s (checksum %" PRIx64 ")\n",
           NAMES[fn], t.inputs, t.mismatches, t.by_mpfr, t.cross_checked, t.reference_errors,
           soma_time, count, check_time, sink);
    fflush(stdout);
    return t.mismatches == 0 && t.reference_errors == 0;
}

/* ---- fma ---- */

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("fma"))) static float hardware_fmaf(float x, float y, float z)
{
    return __builtin_fmaf(x, y, z);
}
static int have_hardware_fma(void)
{
    return __builtin_cpu_supports("fma");
}
#else
static float hardware_fmaf(float x, float y, float z)
{
    return fmaf(x, y, z);
}
static int have_hardware_fma(void)
{
    return 0;
}
#endif

static float mpfr_fmaf(float x, float y, float z)
{
    static mpfr_t a, b, c, r;
    static int ready;
    int t;
    if (!ready) {
        mpfr_set_emin(-148);
        mpfr_set_emax(128);
        mpfr_inits2(24, a, b, c, r, (mpfr_ptr)0);
        ready = 1;
    }
    mpfr_set_flt(a, x, MPFR_RNDN);
    mpfr_set_flt(b, y, MPFR_RNDN);
    mpfr_set_flt(c, z, MPFR_RNDN);
    t = mpfr_fma(r, a, b, c, MPFR_RNDN);
    t = mpfr_check_range(r, t, MPFR_RNDN);
    mpfr_subnormalize(r, t, MPFR_RNDN);
    return mpfr_get_flt(r, MPFR_RNDN);
}

/* A float with a random sign, exponent in [lo, hi] and `bits` random significand bits. */
static float random_float(uint64_t *state, int lo, int hi, int bits)
{
    const uint64_t r = splitmix64(state);
    const int e = lo + (int)((r >> 40) % (uint64_t)(hi - lo + 1));
    const uint32_t mant = (uint32_t)r & 0x7FFFFFu & ~((1u << (23 - bits)) - 1u);
    const float m = bits_float(0x3F800000u | mant); /* [1, 2) */
    const float v = ldexpf(m, e);
    return (r >> 63) ? -v : v;
}

/*
 * Factor pairs d * c = 2^k +- 1 (k >= 30), both below 2^24: x*y then lies a
 * hair (2^-k relative) beside a power of two, too little for binary64 to keep
 * once z is added: the trap where rounding twice (to double, then to float)
 * lands on a binary32 tie and goes the wrong way.
 */
static const uint32_t NEAR_POWER_PAIRS[][3] = {
    {30, 1321, 812825},     {30, 151, 7110873},     {32, 641, 6700417},
    {32, 257, 16711935},    {33, 683, 12576771},    {33, 599479, 14329},
    {34, 26317, 652805},    {34, 43691, 393213},    {35, 86171, 398739},
    {35, 122921, 279527},   {36, 38737, 1774001},   {36, 7957, 8636355},
    {38, 525313, 523265},   {38, 174763, 1572861},  {39, 121369, 4529623},
    {40, 185043, 5941925},  {42, 419021, 10496005}, {42, 688213, 6390531},
    {43, 2099863, 4188889}, {44, 1443179, 12189885}, {45, 3519961, 9995671},
    {46, 8384513, 8392705}, {46, 8388609, 8388607}, {47, 13264529, 10610063},
};

/* One triple of the kind `kind` (0..8): random and adversarial. */
static void fma_triple(uint64_t *state, int kind, float *x, float *y, float *z)
{
    float p;
    int d;
    switch (kind) {
    case 0: /* any bit patterns: NaN, Inf, zeros, subnormals */
        *x = bits_float((uint32_t)splitmix64(state));
        *y = bits_float((uint32_t)splitmix64(state));
        *z = bits_float((uint32_t)splitmix64(state));
        return;
    case 1: /* cancellation: z close to -x*y */
        *x = random_float(state, -20, 20, 23);
        *y = random_float(state, -20, 20, 23);
        p = *x * *y;
        d = (int)(splitmix64(state) % 64) - 32;
        *z = -bits_float(float_bits(p) + (uint32_t)d);
        return;
    case 2: /* exact ties: 12-bit significands make x*y exact in 24 bits; z half an ulp */
        *x = random_float(state, -10, 10, 12);
        *y = random_float(state, -10, 10, 12);
        p = *x * *y;
        *z = ldexpf((splitmix64(state) & 1) ? 0.5f : -0.5f,
                    ilogbf(p) - 23 - (int)(splitmix64(state) % 3));
        return;
    case 3: /* near ties: z a tiny amount beside a half ulp */
        *x = random_float(state, -10, 10, 23);
        *y = random_float(state, -10, 10, 23);
        p = *x * *y;
        *z = random_float(state, ilogbf(p) - 60, ilogbf(p) - 20, 23);
        return;
    case 4: /* subnormal and underflowing results */
        *x = random_float(state, -80, -60, 23);
        *y = random_float(state, -80, -60, 23);
        *z = (splitmix64(state) & 1) ? random_float(state, -149, -126, 23) : 0.0f;
        return;
    case 5: /* overflow and its threshold */
        *x = random_float(state, 60, 70, 23);
        *y = random_float(state, 57, 64, 23);
        *z = random_float(state, 100, 127, 23);
        return;
    case 6: /* sticky bits far below: |z| much smaller or larger than |x*y| */
        *x = random_float(state, -30, 30, 23);
        *y = random_float(state, -30, 30, 23);
        *z = random_float(state, -126, 127, 23);
        return;
    case 7: { /* x*y = half an ulp of z, plus or minus 2^-k of it */
        const uint64_t r = splitmix64(state);
        const uint32_t *pair = NEAR_POWER_PAIRS[r % (sizeof NEAR_POWER_PAIRS / sizeof NEAR_POWER_PAIRS[0])];
        const int k = (int)pair[0];
        int e;
        *z = random_float(state, -60, 100, 23);
        e = ilogbf(*z) - 24; /* x*y = 2^e * (2^k +- 1) / 2^k */
        *x = ldexpf((float)pair[1], e - k + k / 2);
        *y = ldexpf((float)pair[2], -(k / 2));
        if ((r >> 32) & 1) {
            *x = -*x;
        }
        return;
    }
    default: /* ordinary weights times activations plus an accumulator */
        *x = random_float(state, -8, 2, 23);
        *y = random_float(state, -8, 2, 23);
        *z = random_float(state, -10, 4, 23);
        return;
    }
}

static int check_fma(uint64_t triples, uint64_t seed)
{
    const int hardware = have_hardware_fma();
    uint64_t i, state = seed, mismatches = 0, libm_mismatches = 0, sink = 0;
    double start, soma_time, check_time;
    float x, y, z;

    start = seconds();
    for (i = 0; i < triples; i++) {
        fma_triple(&state, (int)(i % 9), &x, &y, &z);
        sink += float_bits(soma_fmaf(x, y, z));
    }
    soma_time = seconds() - start;

    start = seconds();
    state = seed;
    for (i = 0; i < triples; i++) {
        float got, want, libm;
        fma_triple(&state, (int)(i % 9), &x, &y, &z);
        got = soma_fmaf(x, y, z);
        want = hardware ? hardware_fmaf(x, y, z) : mpfr_fmaf(x, y, z);
        libm = fmaf(x, y, z);
        if (!same(got, want)) {
            if (mismatches++ < 20) {
                printf("  MISMATCH fma(%a, %a, %a): soma %a, correct %a\n", (double)x, (double)y,
                       (double)z, (double)got, (double)want);
            }
        }
        if (!same(libm, want)) {
            libm_mismatches++;
        }
        if ((i & 1023u) == 0 && !same(mpfr_fmaf(x, y, z), want)) {
            printf("  reference wrong: fma(%a, %a, %a)\n", (double)x, (double)y, (double)z);
            mismatches++;
        }
    }
    check_time = seconds() - start;
    printf("fma    %11" PRIu64 " triples (random and adversarial): %" PRIu64
           " mismatches against %s (the C library's fmaf: %" PRIu64 "); "
           "C %.1f s incl. generation, check %.1f s (checksum %" PRIx64 ")\n",
           triples, mismatches, hardware ? "the FMA instruction" : "MPFR", libm_mismatches,
           soma_time, check_time, sink);
    return mismatches == 0;
}

int main(int argc, char **argv)
{
    uint64_t sample = 0, triples = 400000000u, seed = 8;
    const char *only = NULL;
    int i, ok = 1, f;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--sample") == 0 && i + 1 < argc) {
            sample = strtoull(argv[++i], NULL, 10);
            triples = sample;
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else if (strcmp(argv[i], "--part") == 0 && i + 1 < argc) {
            unsigned k, n;
            if (sscanf(argv[++i], "%u/%u", &k, &n) != 2 || n == 0 || k == 0 || k > n) {
                fprintf(stderr, "--part %s: expected K/N with 1 <= K <= N\n", argv[i]);
                return 2;
            }
            part_first = (((uint64_t)1 << 32) / n) * (k - 1);
            part_end = k == n ? (uint64_t)1 << 32 : (((uint64_t)1 << 32) / n) * k;
            triples /= n;
            seed += k;
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            seed = strtoull(argv[++i], NULL, 10);
        } else {
            fprintf(stderr,
                    "usage: %s [--sample N] [--part K/N] [--seed S] [--only exp|expm1|tanh|exp-fma|fma]\n",
                    argv[0]);
            return 2;
        }
    }
    {
        /* The generator is SplitMix64: its published first outputs for seed 0. */
        uint64_t state0 = 0;
        const uint64_t a = splitmix64(&state0), b = splitmix64(&state0), c = splitmix64(&state0);
        if (a != 0xe220a8397b1dcdafu || b != 0x6e789e6aa1b965f4u || c != 0x06c45d188009454fu) {
            printf("check_math: splitmix64 from seed 0 gives %016" PRIx64 " %016" PRIx64 " %016" PRIx64
                   ", not SplitMix64's e220a8397b1dcdaf 6e789e6aa1b965f4 06c45d188009454f\n",
                   a, b, c);
            return 1;
        }
    }
    if (sample == 0) {
        printf("check_math: binary32 inputs 0x%08" PRIx64 " to 0x%08" PRIx64 "\n", part_first,
               part_end - 1);
    } else {
        printf("check_math: sampled inputs\n");
    }
    for (f = FN_EXP; f <= FN_EXP_FMA; f++) {
        if (only != NULL && strcmp(only, NAMES[f]) != 0) {
            continue;
        }
        if (f == FN_EXP_FMA && !(HAVE_EXP_FMA && cpu_has_fma())) {
            printf("exp-fma: skipped (no x86-64-v3 CPU; only the v3 clone runs it)\n");
            continue;
        }
        ok &= check_function((function_id)f, sample, seed);
    }
    if (only == NULL || strcmp(only, "fma") == 0) {
        ok &= check_fma(triples, seed);
    }
    printf("check_math: %s\n", ok ? "0 mismatches" : "FAILED");
    return ok ? 0 : 1;
}
