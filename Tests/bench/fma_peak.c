/* fma_peak.c — the FMA-throughput loop (fma_peak.h). Each loop is built for its
 * instruction set with a target attribute, so this file needs no -march. */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */

#include "fma_peak.h"

#include <stdlib.h>
#include <time.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define FMA_PEAK_X86 1
#endif

#define ACCUMULATORS 12 /* latency 4-5 cycles × 2 FMA ports, with room */

/* The accumulators must live in registers: unroll the loop over them. */
#if defined(__clang__)
#define UNROLL_ALL _Pragma("unroll")
#elif defined(__GNUC__)
#define UNROLL_ALL _Pragma("GCC unroll 12")
#else
#define UNROLL_ALL
#endif
#define BLOCKS 21

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static volatile float sink;

#ifdef FMA_PEAK_X86
/* Returns flops done: iterations × accumulators × 8 lanes × 2. */
__attribute__((target("avx2,fma"))) static double fma_loop_avx2(long iterations)
{
    __m256 acc[ACCUMULATORS];
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    float lanes[8];
    long k;
    int j;
    for (j = 0; j < ACCUMULATORS; j++) {
        acc[j] = _mm256_set1_ps((float)j);
    }
    for (k = 0; k < iterations; k++) {
        UNROLL_ALL
        for (j = 0; j < ACCUMULATORS; j++) {
            acc[j] = _mm256_fmadd_ps(acc[j], a, b);
        }
    }
    for (j = 1; j < ACCUMULATORS; j++) {
        acc[0] = _mm256_add_ps(acc[0], acc[j]);
    }
    _mm256_storeu_ps(lanes, acc[0]);
    sink = lanes[0];
    return (double)iterations * ACCUMULATORS * 8.0 * 2.0;
}

__attribute__((target("avx512f"))) static double fma_loop_avx512(long iterations)
{
    __m512 acc[ACCUMULATORS];
    const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    float lanes[16];
    long k;
    int j;
    for (j = 0; j < ACCUMULATORS; j++) {
        acc[j] = _mm512_set1_ps((float)j);
    }
    for (k = 0; k < iterations; k++) {
        UNROLL_ALL
        for (j = 0; j < ACCUMULATORS; j++) {
            acc[j] = _mm512_fmadd_ps(acc[j], a, b);
        }
    }
    for (j = 1; j < ACCUMULATORS; j++) {
        acc[0] = _mm512_add_ps(acc[0], acc[j]);
    }
    _mm512_storeu_ps(lanes, acc[0]);
    sink = lanes[0];
    return (double)iterations * ACCUMULATORS * 16.0 * 2.0;
}
#endif

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

fma_peak fma_peak_measure(void)
{
    fma_peak p = {"none", 0.0, 0.0};
#ifdef FMA_PEAK_X86
    double (*loop)(long) = NULL;
    double gflops[BLOCKS];
    int s;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        loop = fma_loop_avx512;
        p.isa = "AVX-512 (zmm)";
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        loop = fma_loop_avx2;
        p.isa = "AVX2 (ymm)";
    }
    if (loop == NULL) {
        return p;
    }
    (void)loop(100000); /* wake the vector units up */
    for (s = 0; s < BLOCKS; s++) {
        const double t0 = now_ns();
        const double flops = loop(200000);
        gflops[s] = flops / (now_ns() - t0);
    }
    qsort(gflops, BLOCKS, sizeof gflops[0], compare_doubles);
    p.gflops = gflops[BLOCKS / 2];
    p.gflops_max = gflops[BLOCKS - 1];
#endif
    return p;
}
