/*
 * fma_peak.h — the machine's single-core float FMA peak, measured: a loop of
 * independent vector FMAs (enough accumulators to hide the latency on every
 * current core), in AVX-512 where the CPU has it, else AVX2. The dense
 * kernels' GFLOP/s read against it.
 */
#ifndef SOMA_BENCH_FMA_PEAK_H
#define SOMA_BENCH_FMA_PEAK_H

typedef struct fma_peak {
    const char *isa;     /* "AVX-512 (zmm)", "AVX2 (ymm)", or "none" */
    double gflops;       /* median of the blocks, 2 flops per lane per FMA */
    double gflops_max;   /* the fastest block */
} fma_peak;

/* About a quarter of a second. Call on the pinned core. */
fma_peak fma_peak_measure(void);

#endif
