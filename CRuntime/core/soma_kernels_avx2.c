/*
 * soma_kernels_avx2.c — the dense kernel for x86-64-v3 (AVX2 + FMA), in
 * intrinsics, and its finite-input check. soma_kernels.c runs it when the CPU
 * has AVX2 and FMA (or SOMA_ISA=v3 asks for it).
 *
 * Register blocking for 16 ymm registers. A batch tile is 4 rows by 3 vectors
 * of 8 outputs: 12 accumulators, 3 weight vectors, 1 broadcast input. One row
 * holds up to 12 vectors (96 outputs) at once, weights read straight from
 * memory by the FMA: every output's chain runs in the same pass, so a layer
 * costs one pass over the inputs per 96 outputs (each chain is serial, the
 * FMA's latency is what one row waits on). Outputs that do not fill a vector
 * go in a masked last vector, in the same pass.
 *
 * The order per output is the spec's: acc = bias, then acc = fma(w[o][i],
 * x[i], acc) for i = 0, 1, ... in order; a lane of _mm256_fmadd_ps is fmaf.
 * Splitting the inputs into blocks (cache blocking, below) stores a sum and
 * loads it back unchanged, so the order and the bits stay the same.
 */
#include "soma_contract.h" /* first: no contraction in this file */

#include "soma_kernel_clones.h"

#ifdef SOMA_X86_CLONES
#include <immintrin.h>
#include <stdint.h>
#include <string.h>

#if defined(__clang__)
#define V3_UNROLL _Pragma("unroll")
#else
#define V3_UNROLL _Pragma("GCC unroll 16")
#endif

#define V3_INLINE static inline __attribute__((always_inline)) SOMA_TARGET_V3

/*
 * Cache blocking for a batch. The inputs are split in two levels: an L2
 * block holds the weights of V3_L2_FLOATS / outputs inputs for every output
 * (256 KB: half a Zen 3 L2, all of a Skylake client's), read from memory once
 * per call, and prefetched while the block before it runs: its weights are
 * contiguous, while the kernel walks them across rows (8 KB apart at 2048
 * outputs) where the hardware prefetcher does not follow. Inside it, for each 3-vector output block, an L1 block of 64
 * inputs (64 x 96 bytes) is read by every 4-row block of the call.
 */
#ifndef V3_INPUT_BLOCK
#define V3_INPUT_BLOCK 64
#endif
#ifndef V3_L2_FLOATS
#define V3_L2_FLOATS 65536
#endif

/*
 * R rows by V vectors of outputs; with M = 1 the last vector holds only the
 * lanes in `mask`. The sums start from `init` (the bias with init_stride 0,
 * or partial sums stored by the previous input block with init_stride =
 * outputs), take inputs i0 .. i1-1 in order, and are stored to z, after ReLU
 * (max(v, 0): v > 0 ? v : +0, NaN gives +0) if `relu`.
 */
#define V3_TILE(R, V, M)                                                                       \
    V3_INLINE void tile_##R##x##V##_##M(const float *wt, const float *init, size_t init_stride, \
                                        size_t i0, size_t i1, size_t inputs, size_t outputs,   \
                                        const float *x, float *z, __m256i mask, int relu)      \
    {                                                                                          \
        __m256 acc[R][V];                                                                      \
        size_t i;                                                                              \
        int r, v;                                                                              \
        V3_UNROLL                                                                              \
        for (r = 0; r < R; r++) {                                                              \
            V3_UNROLL                                                                          \
            for (v = 0; v < V; v++) {                                                          \
                const float *p = init + (size_t)r * init_stride + 8 * v;                      \
                acc[r][v] = M && v == V - 1 ? _mm256_maskload_ps(p, mask) : _mm256_loadu_ps(p); \
            }                                                                                  \
        }                                                                                      \
        for (i = i0; i < i1; i++) {                                                            \
            const float *w = wt + i * outputs;                                                 \
            __m256 wv[V];                                                                      \
            V3_UNROLL                                                                          \
            for (v = 0; v < V; v++) {                                                          \
                wv[v] = M && v == V - 1 ? _mm256_maskload_ps(w + 8 * v, mask)                  \
                                        : _mm256_loadu_ps(w + 8 * v);                          \
            }                                                                                  \
            V3_UNROLL                                                                          \
            for (r = 0; r < R; r++) {                                                          \
                const __m256 xr = _mm256_broadcast_ss(x + (size_t)r * inputs + i);             \
                V3_UNROLL                                                                      \
                for (v = 0; v < V; v++) {                                                      \
                    acc[r][v] = _mm256_fmadd_ps(wv[v], xr, acc[r][v]);                         \
                }                                                                              \
            }                                                                                  \
        }                                                                                      \
        V3_UNROLL                                                                              \
        for (r = 0; r < R; r++) {                                                              \
            V3_UNROLL                                                                          \
            for (v = 0; v < V; v++) {                                                          \
                float *p = z + (size_t)r * outputs + 8 * v;                                    \
                const __m256 s = relu ? _mm256_max_ps(acc[r][v], _mm256_setzero_ps()) : acc[r][v]; \
                if (M && v == V - 1) {                                                         \
                    _mm256_maskstore_ps(p, mask, s);                                           \
                } else {                                                                       \
                    _mm256_storeu_ps(p, s);                                                    \
                }                                                                              \
            }                                                                                  \
        }                                                                                      \
    }

#define V3_TILE_PAIR(R, V) V3_TILE(R, V, 0) V3_TILE(R, V, 1)
V3_TILE_PAIR(4, 1)
V3_TILE_PAIR(4, 2)
V3_TILE_PAIR(4, 3)
V3_TILE_PAIR(1, 1)
V3_TILE_PAIR(1, 2)
V3_TILE_PAIR(1, 3)
V3_TILE_PAIR(1, 4)
V3_TILE_PAIR(1, 5)
V3_TILE_PAIR(1, 6)
V3_TILE_PAIR(1, 7)
V3_TILE_PAIR(1, 8)
V3_TILE_PAIR(1, 9)
V3_TILE_PAIR(1, 10)
V3_TILE_PAIR(1, 11)
V3_TILE_PAIR(1, 12)

/* The lanes below n (0 < n <= 8) of a mask. */
V3_INLINE __m256i lanes_below(size_t n)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/* The row tiles by vector count, plain and masked: 1x1_0 .. 1x12_1. */
#define V3_ROW_CASE(V)                                                                          \
    case V:                                                                                    \
        if (masked) {                                                                          \
            tile_1x##V##_1(wt, init, 0, i0, i1, inputs, outputs, x, z, mask, relu);            \
        } else {                                                                               \
            tile_1x##V##_0(wt, init, 0, i0, i1, inputs, outputs, x, z, mask, relu);            \
        }                                                                                      \
        break;

/*
 * One row, `vectors` vectors (1 .. 12) starting at output 0 of wt and z, from
 * `init` (the bias, or the sums so far in z) over inputs i0 .. i1-1.
 */
V3_INLINE void row_pass(const float *wt, const float *init, size_t i0, size_t i1, size_t inputs,
                        size_t outputs, size_t vectors, int masked, __m256i mask, const float *x,
                        float *z, int relu)
{
    switch (vectors) {
    V3_ROW_CASE(1) V3_ROW_CASE(2) V3_ROW_CASE(3) V3_ROW_CASE(4) V3_ROW_CASE(5) V3_ROW_CASE(6)
    V3_ROW_CASE(7) V3_ROW_CASE(8) V3_ROW_CASE(9) V3_ROW_CASE(10) V3_ROW_CASE(11) V3_ROW_CASE(12)
    default:
        break;
    }
}

/*
 * One row: as few passes over the inputs as 12 accumulators allow, the
 * vectors shared out evenly (16 vectors: two passes of 8, not 12 and 4).
 * With more than one pass, the inputs go in blocks of V3_INPUT_BLOCK and
 * every pass runs on a block before the next: the weights are then read in
 * the order they are stored, which the prefetchers follow.
 */
V3_INLINE void dense_row(const float *wt, const float *bias, size_t inputs, size_t outputs,
                         const float *x, float *z, int relu)
{
    const size_t vectors = (outputs + 7) / 8;
    const size_t passes = (vectors + 11) / 12;
    const size_t tail = outputs % 8;
    const __m256i mask = lanes_below(tail == 0 ? 8 : tail);
    const size_t block = passes == 1 ? inputs : V3_INPUT_BLOCK;
    size_t i0, p;
    for (i0 = 0; i0 < inputs; i0 += block) {
        const size_t i1 = inputs - i0 > block ? i0 + block : inputs;
        size_t done = 0;
        for (p = 0; p < passes; p++) {
            const size_t n = (vectors - done) / (passes - p);
            const int last = done + n == vectors;
            row_pass(wt + 8 * done, i0 == 0 ? bias + 8 * done : z + 8 * done, i0, i1, inputs,
                     outputs, n, last && tail != 0, mask, x, z + 8 * done, relu && i1 == inputs);
            done += n;
        }
    }
}

/* A 4-row tile of `vectors` vectors (1 .. 3) over inputs i0 .. i1-1. */
#define V3_BATCH_CASE(V)                                                                        \
    case V:                                                                                    \
        if (masked) {                                                                          \
            tile_4x##V##_1(wt, init, init_stride, i0, i1, inputs, outputs, x, z, mask, relu);  \
        } else {                                                                               \
            tile_4x##V##_0(wt, init, init_stride, i0, i1, inputs, outputs, x, z, mask, relu);  \
        }                                                                                      \
        break;

V3_INLINE void batch_tile(const float *wt, const float *init, size_t init_stride, size_t i0,
                          size_t i1, size_t inputs, size_t outputs, size_t vectors, int masked,
                          __m256i mask, const float *x, float *z, int relu)
{
    switch (vectors) {
    V3_BATCH_CASE(1) V3_BATCH_CASE(2) V3_BATCH_CASE(3)
    default:
        break;
    }
}

/*
 * Rows in blocks of 4, outputs in blocks of 3 vectors, inputs in the cache
 * blocks above: for each L2 block, each output block and each L1 block,
 * every 4-row block runs. The sums of a block of inputs are stored in z and
 * carried on by the next. The 1 to 3 rows left over go row by row.
 */
void SOMA_TARGET_V3 soma_dense_v3(const float *weights_t, const float *bias, size_t inputs,
                                  size_t outputs, size_t rows, const float *x, float *z, int relu)
{
    const size_t vectors = (outputs + 7) / 8;
    const size_t tail = outputs % 8;
    const __m256i mask = lanes_below(tail == 0 ? 8 : tail);
    const size_t row_blocks = rows / 4;
    size_t l2_block = V3_L2_FLOATS / outputs;
    size_t v, j0, i0, b, r;
    /* At least 32 inputs; a multiple of the L1 block when larger than it. */
    l2_block = l2_block < 32 ? 32 : l2_block > V3_INPUT_BLOCK ? l2_block - l2_block % V3_INPUT_BLOCK : l2_block;
    for (j0 = 0; row_blocks > 0 && j0 < inputs; j0 += l2_block) {
        const size_t j1 = inputs - j0 > l2_block ? j0 + l2_block : inputs;
        /* The next L2 block's weights are contiguous: fetched a slice per output block. */
        const char *next = (const char *)(weights_t + j1 * outputs);
        const size_t next_bytes = (inputs - j1 < l2_block ? inputs - j1 : l2_block) * outputs * sizeof(float);
        const size_t slice = (next_bytes / ((vectors + 2) / 3) + 63) & ~(size_t)63;
        size_t fetched = 0;
        for (v = 0; v < vectors; v += 3) {
            const size_t n = vectors - v < 3 ? vectors - v : 3;
            size_t f;
            for (f = 0; f < slice && fetched < next_bytes; f += 64, fetched += 64) {
                _mm_prefetch(next + fetched, _MM_HINT_T1);
            }
            const int masked = v + n == vectors && tail != 0;
            const float *wt = weights_t + 8 * v;
            for (i0 = j0; i0 < j1; i0 += V3_INPUT_BLOCK) {
                const size_t i1 = j1 - i0 > V3_INPUT_BLOCK ? i0 + V3_INPUT_BLOCK : j1;
                for (b = 0; b < row_blocks; b++) {
                    float *zb = z + 4 * b * outputs + 8 * v;
                    const float *init = i0 == 0 ? bias + 8 * v : zb;
                    batch_tile(wt, init, i0 == 0 ? 0 : outputs, i0, i1, inputs, outputs, n,
                               masked, mask, x + 4 * b * inputs, zb, relu && i1 == inputs);
                }
            }
        }
    }
    for (r = 4 * row_blocks; r < rows; r++) {
        dense_row(weights_t, bias, inputs, outputs, x + r * inputs, z + r * outputs, relu);
    }
}

int SOMA_TARGET_V3 soma_all_finite_v3(const float *x, size_t n)
{
    const __m256i exponent = _mm256_set1_epi32(0x7f800000);
    __m256i bad = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256i e = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(const void *)(x + i)), exponent);
        bad = _mm256_or_si256(bad, _mm256_cmpeq_epi32(e, exponent));
    }
    if (!_mm256_testz_si256(bad, bad)) {
        return 0;
    }
    for (; i < n; i++) {
        uint32_t u;
        memcpy(&u, x + i, sizeof u);
        if ((u & 0x7f800000u) == 0x7f800000u) {
            return 0;
        }
    }
    return 1;
}

#else
/* ISO C wants a declaration in every translation unit. */
typedef int soma_kernels_avx2_unused;
#endif /* SOMA_X86_CLONES */
