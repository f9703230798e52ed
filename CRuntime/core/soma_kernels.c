/* soma_kernels.c — dense, batch norm, input scaling and the activations. */
#include "soma_contract.h" /* first: no contraction in this file */

#include "soma_kernels.h"
#include "soma_layout.h"
#include "soma_math.h"

/*
 * The dense kernel is built three times, for x86-64-v4 (AVX-512), x86-64-v3
 * (AVX2 + FMA) and the baseline, and the loader picks one at start-up
 * (function multiversioning). Without FMA hardware, fmaf is a libm call about
 * three times slower; the clones let the compiler use the instruction while
 * the library stays one portable build. SOMA_FMAF (core/soma_math.h) is
 * correctly rounded either way, so every clone gives the same bits.
 */
#if defined(__x86_64__) && defined(__has_attribute) && !defined(SOMA_NO_TARGET_CLONES)
#if __has_attribute(target_clones)
#define SOMA_TARGET_CLONES \
    __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
#endif
#ifndef SOMA_TARGET_CLONES
#define SOMA_TARGET_CLONES
#endif

/*
 * Fully unrolled tile loops let the compiler keep every accumulator in a
 * register (it splits the local array into scalars, then packs them into
 * vectors) instead of loading and storing it at each input.
 */
#if defined(__GNUC__) && !defined(__clang__)
#define SOMA_UNROLL _Pragma("GCC unroll 128")
#elif defined(__clang__)
#define SOMA_UNROLL _Pragma("unroll")
#else
#define SOMA_UNROLL
#endif

/* The tiles must be compiled inside each clone, with its instruction set. */
#if defined(__GNUC__) || defined(__clang__)
#define SOMA_INLINE static inline __attribute__((always_inline))
#else
#define SOMA_INLINE static inline
#endif

#if !SOMA_SMALL_CODE /* else soma_dense_small.c's chain serves (soma_kernels.h) */
/*
 * One tile: R rows by N consecutive outputs, held in R*N local accumulators
 * (registers) over the whole input loop. Weight w[o][i] for the tile is
 * wt[i * outputs + j]; each weight loaded is used for all R rows. Per output
 * the order is the spec's: acc = bias, then acc = fmaf(w, x[i], acc) for
 * i = 0, 1, ... in order.
 */
#define SOMA_DENSE_TILE(R, N)                                                                 \
    SOMA_INLINE void dense_tile_##R##x##N(const float *wt, const float *bias, size_t inputs,   \
                                          size_t outputs, const float *x, float *z)            \
    {                                                                                          \
        float acc[R][N];                                                                       \
        size_t i, j, r;                                                                        \
        for (r = 0; r < R; r++) {                                                              \
            for (j = 0; j < N; j++) {                                                          \
                acc[r][j] = bias[j];                                                           \
            }                                                                                  \
        }                                                                                      \
        for (i = 0; i < inputs; i++) {                                                         \
            const float *w = wt + i * outputs;                                                 \
            SOMA_UNROLL                                                                        \
            for (r = 0; r < R; r++) {                                                          \
                const float xi = x[r * inputs + i];                                            \
                SOMA_UNROLL                                                                    \
                for (j = 0; j < N; j++) {                                                      \
                    acc[r][j] = SOMA_FMAF(w[j], xi, acc[r][j]);                                \
                }                                                                              \
            }                                                                                  \
        }                                                                                      \
        for (r = 0; r < R; r++) {                                                              \
            for (j = 0; j < N; j++) {                                                          \
                z[r * outputs + j] = acc[r][j];                                                \
            }                                                                                  \
        }                                                                                      \
    }

SOMA_DENSE_TILE(1, 128)
SOMA_DENSE_TILE(1, 64)
SOMA_DENSE_TILE(1, 16)
SOMA_DENSE_TILE(8, 32)
SOMA_DENSE_TILE(4, 32)
SOMA_DENSE_TILE(4, 16)

/* Fewer than 16 outputs left, one row: n accumulators, n < 16. */
SOMA_INLINE void dense_tail(const float *wt, const float *bias, size_t inputs, size_t outputs,
                            size_t n, const float *x, float *z)
{
    float acc[16];
    size_t i, j;
    if (n <= 4) {
        /* A few outputs (the XOR net's layers): one plain chain each. */
        for (j = 0; j < n; j++) {
            float a = bias[j];
            for (i = 0; i < inputs; i++) {
                a = SOMA_FMAF(wt[i * outputs + j], x[i], a);
            }
            z[j] = a;
        }
        return;
    }
    for (j = 0; j < n; j++) {
        acc[j] = bias[j];
    }
    for (i = 0; i < inputs; i++) {
        const float *w = wt + i * outputs;
        const float xi = x[i];
        for (j = 0; j < n; j++) {
            acc[j] = SOMA_FMAF(w[j], xi, acc[j]);
        }
    }
    for (j = 0; j < n; j++) {
        z[j] = acc[j];
    }
}

/* One row, all outputs: tiles of 64, then 16, then the rest. */
SOMA_INLINE void dense_row(const float *weights_t, const float *bias, size_t inputs,
                             size_t outputs, const float *x, float *z)
{
    size_t o = 0;
    /* 128 accumulators are eight independent AVX-512 chains: enough to hide the FMA latency. */
    for (; o + 128 <= outputs; o += 128) {
        dense_tile_1x128(weights_t + o, bias + o, inputs, outputs, x, z + o);
    }
    for (; o + 64 <= outputs; o += 64) {
        dense_tile_1x64(weights_t + o, bias + o, inputs, outputs, x, z + o);
    }
    for (; o + 16 <= outputs; o += 16) {
        dense_tile_1x16(weights_t + o, bias + o, inputs, outputs, x, z + o);
    }
    if (o < outputs) {
        dense_tail(weights_t + o, bias + o, inputs, outputs, outputs - o, x, z + o);
    }
}

SOMA_TARGET_CLONES
void soma_kernel_dense(const float *weights_t, const float *bias, size_t inputs,
                       size_t outputs, size_t rows, const float *x, float *z)
{
    size_t r = 0, o;
    /* Eight rows at a time share every weight load (a full SOMA_BATCH_TILE). */
    for (; r + 8 <= rows; r += 8) {
        const float *xr = x + r * inputs;
        float *zr = z + r * outputs;
        o = 0;
        for (; o + 32 <= outputs; o += 32) {
            dense_tile_8x32(weights_t + o, bias + o, inputs, outputs, xr, zr + o);
        }
        for (; o + 16 <= outputs; o += 16) {
            dense_tile_4x16(weights_t + o, bias + o, inputs, outputs, xr, zr + o);
            dense_tile_4x16(weights_t + o, bias + o, inputs, outputs, xr + 4 * inputs,
                            zr + 4 * outputs + o);
        }
        if (o < outputs) {
            size_t k;
            for (k = 0; k < 8; k++) {
                dense_tail(weights_t + o, bias + o, inputs, outputs, outputs - o,
                           xr + k * inputs, zr + k * outputs + o);
            }
        }
    }
    /* Then four rows at a time; the rows left go one by one. */
    for (; r + 4 <= rows; r += 4) {
        const float *xr = x + r * inputs;
        float *zr = z + r * outputs;
        o = 0;
        for (; o + 32 <= outputs; o += 32) {
            dense_tile_4x32(weights_t + o, bias + o, inputs, outputs, xr, zr + o);
        }
        for (; o + 16 <= outputs; o += 16) {
            dense_tile_4x16(weights_t + o, bias + o, inputs, outputs, xr, zr + o);
        }
        if (o < outputs) {
            size_t k;
            for (k = 0; k < 4; k++) {
                dense_tail(weights_t + o, bias + o, inputs, outputs, outputs - o,
                           xr + k * inputs, zr + k * outputs + o);
            }
        }
    }
    for (; r < rows; r++) {
        dense_row(weights_t, bias, inputs, outputs, x + r * inputs, z + r * outputs);
    }
}

#endif /* !SOMA_SMALL_CODE */

void soma_kernel_batchnorm(const float *mean, const float *scale, const float *beta,
                           size_t size, size_t rows, const float *x, float *z)
{
    size_t r, k;
    for (r = 0; r < rows; r++) {
        const float *xr = x + r * size;
        float *zr = z + r * size;
        for (k = 0; k < size; k++) {
            zr[k] = SOMA_FMAF(xr[k] - mean[k], scale[k], beta[k]);
        }
    }
}

void soma_kernel_scale(const float *mean, const float *std_dev, size_t size, size_t rows,
                       const float *x, float *y)
{
    size_t r, i;
    for (r = 0; r < rows; r++) {
        const float *xr = x + r * size;
        float *yr = y + r * size;
        for (i = 0; i < size; i++) {
            yr[i] = (xr[i] - mean[i]) / std_dev[i];
        }
    }
}

void soma_kernel_unscale(const float *mean, const float *std_dev, size_t size, size_t rows,
                         float *y)
{
    size_t r, k;
    for (r = 0; r < rows; r++) {
        float *yr = y + r * size;
        for (k = 0; k < size; k++) {
            yr[k] = SOMA_FMAF(yr[k], std_dev[k], mean[k]);
        }
    }
}

SOMA_INLINE void softmax(float *z, size_t n)
{
    float m = z[0];
    float s;
    size_t k;
    /* m = max(m, z[k]) as Swift's max(x, y) reads: y >= x ? y : x. */
    for (k = 1; k < n; k++) {
        m = z[k] >= m ? z[k] : m;
    }
    for (k = 0; k < n; k++) {
        z[k] = soma_expf(z[k] - m);
    }
    s = z[0];
    for (k = 1; k < n; k++) {
        s = s + z[k];
    }
    for (k = 0; k < n; k++) {
        z[k] = z[k] / s;
    }
}

/*
 * Each activation's formula, once, named act_<name> after its row in
 * SOMA_ACTIVATIONS (soma.h): soma_kernel_activate and the small kernel both
 * dispatch through that table. All take (v, param, alpha, o): param is the
 * leaky_relu/elu alpha or the swish beta, alpha[o] prelu's alpha for output o.
 * softmax needs every output: act_softmax passes v on, and the callers
 * normalise the row afterwards.
 */
SOMA_INLINE float act_step(float v, float param, const float *alpha, size_t o)
{
    (void)param, (void)alpha, (void)o;
    return v > 0.0f ? 1.0f : 0.0f;
}
SOMA_INLINE float act_identity(float v, float param, const float *alpha, size_t o)
{
    (void)param, (void)alpha, (void)o;
    return v;
}
SOMA_INLINE float act_sigmoid(float v, float param, const float *alpha, size_t o)
{
    (void)param, (void)alpha, (void)o;
    return 1.0f / (1.0f + soma_expf(-v));
}
SOMA_INLINE float act_tanh(float v, float param, const float *alpha, size_t o)
{
    (void)param, (void)alpha, (void)o;
    return soma_tanhf(v);
}
SOMA_INLINE float act_relu(float v, float param, const float *alpha, size_t o)
{
    (void)param, (void)alpha, (void)o;
    return v > 0.0f ? v : 0.0f;
}
SOMA_INLINE float act_leaky_relu(float v, float param, const float *alpha, size_t o)
{
    (void)alpha, (void)o;
    return v > 0.0f ? v : param * v;
}
SOMA_INLINE float act_prelu(float v, float param, const float *alpha, size_t o)
{
    (void)param;
    return v > 0.0f ? v : alpha[o] * v;
}
SOMA_INLINE float act_elu(float v, float param, const float *alpha, size_t o)
{
    (void)alpha, (void)o;
    return v > 0.0f ? v : param * soma_expm1f(v);
}
SOMA_INLINE float act_selu(float v, float param, const float *alpha, size_t o)
{
    (void)param, (void)alpha, (void)o;
    return v > 0.0f ? SOMA_SELU_LAMBDA * v : SOMA_SELU_LAMBDA * (SOMA_SELU_ALPHA * soma_expm1f(v));
}
SOMA_INLINE float act_swish(float v, float param, const float *alpha, size_t o)
{
    return v * act_sigmoid(param * v, 0.0f, alpha, o);
}
SOMA_INLINE float act_softmax(float v, float param, const float *alpha, size_t o)
{
    (void)param, (void)alpha, (void)o;
    return v;
}

/* soma_kernel_activate's body: one loop per activation, made from the table. */
SOMA_INLINE void activate(soma_activation activation, float param, const float *alpha,
                          size_t size, size_t rows, float *z)
{
    const size_t n = size * rows;
    size_t k;
#define SOMA_ACTIVATE_CASE_(ID, name, number, parameter)   \
    case SOMA_ACT_##ID:                                     \
        for (k = 0; k < n; k++) {                           \
            z[k] = act_##name(z[k], param, alpha, k % size); \
        }                                                   \
        break;
    if (activation == SOMA_ACT_IDENTITY) {
        return; /* nothing to do: skip the pass */
    }
    switch (activation) {
    SOMA_ACTIVATIONS(SOMA_ACTIVATE_CASE_)
    }
#undef SOMA_ACTIVATE_CASE_
    if (activation == SOMA_ACT_SOFTMAX) {
        for (k = 0; k < rows; k++) {
            softmax(z + k * size, size);
        }
    }
}

void soma_kernel_activate(soma_activation activation, float param, const float *alpha,
                          size_t size, size_t rows, float *z)
{
    activate(activation, param, alpha, size, rows, z);
}

#if !SOMA_SMALL_CODE /* small-code builds run dense layers through the chain alone */
/*
 * One row, a few outputs: per output, the plain fmaf chain and then the
 * activation, in one pass and one call (softmax, which needs every output,
 * after the pass). A function apart from soma_kernel_dense, so a tiny layer
 * (the XOR net's) skips the tile kernel's register saves, stack alignment and
 * row dispatch; cloned like it, so fmaf is the instruction. The activations
 * are the formulas soma_kernel_activate uses: the same correctly rounded
 * functions and elementwise arithmetic, so the same bits in every clone.
 */
#define SOMA_SMALL_PASS(EXPR)                                                                  \
    for (o = 0; o < outputs; o++) {                                                            \
        float v = bias[o];                                                                     \
        for (i = 0; i < inputs; i++) {                                                         \
            v = SOMA_FMAF(w[i * outputs + o], x[i], v);                                        \
        }                                                                                      \
        z[o] = (EXPR);                                                                         \
    }

SOMA_TARGET_CLONES
void soma_kernel_dense_small(const soma_layer_desc *layer, const float *params, const float *x,
                             float *z)
{
    const float *w = soma_dense_weights(params, layer);
    const float *bias = soma_dense_bias(params, layer);
    const float *alpha = soma_prelu_alpha(params, layer);
    const float param = layer->act_param;
    const size_t inputs = layer->inputs, outputs = layer->outputs;
    size_t i, o;
#define SOMA_SMALL_CASE_(ID, name, number, parameter) \
    case SOMA_ACT_##ID:                                \
        SOMA_SMALL_PASS(act_##name(v, param, alpha, o)) \
        break;
    switch ((soma_activation)layer->activation) {
    SOMA_ACTIVATIONS(SOMA_SMALL_CASE_)
    }
#undef SOMA_SMALL_CASE_
    if (layer->activation == SOMA_ACT_SOFTMAX) {
        softmax(z, outputs);
    }
}
#endif /* !SOMA_SMALL_CODE */
