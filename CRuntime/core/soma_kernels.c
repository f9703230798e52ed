/*
 * soma_kernels.c — dense, batch norm, input scaling and the activations, and
 * the choice of the dense kernel's clone (SOMA_ISA).
 */
#include "soma_contract.h" /* first: no contraction in this file */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "soma_exp_fast.h"
#include "soma_kernel_clones.h"
#include "soma_kernels.h"
#include "soma_layout.h"
#include "soma_math.h"

/*
 * e^x in the activations: soma_expf's fast path in line, so a tiny layer's
 * sigmoid makes no call and spills nothing (the same function, the same
 * bits); built for size, the call. The benchmark's libm build defines it.
 */
#ifndef SOMA_ACT_EXPF
#if SOMA_SMALL_CODE
#define SOMA_ACT_EXPF soma_expf
#else
#define SOMA_ACT_EXPF soma_expf_inline
#endif
/* A clone with FMA may take exp's fused fast path (soma_exp_fast.h). */
#define SOMA_ACT_EXPF_FUSED soma_expf_inline_fused
#else
#define SOMA_ACT_EXPF_FUSED SOMA_ACT_EXPF /* the benchmark's libm build: its exp everywhere */
#endif

/*
 * The dense kernel is built once per x86-64 instruction set: x86-64-v4
 * (AVX-512), x86-64-v3 (AVX2 + FMA, soma_kernels_avx2.c) and the baseline,
 * each with tiles that fit its registers, and one is picked at start-up
 * (kernel_clone, at the end of this file). Without FMA hardware, fmaf is a
 * libm call about three times slower; the clones let the compiler use the
 * instruction while the library stays one portable build. SOMA_FMAF
 * (core/soma_math.h) is correctly rounded either way, so every clone gives the
 * same bits. Off x86-64 there is one build, the portable one.
 */

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

/* ReLU as the spec and act_relu write it: v > 0 ? v : +0 (NaN and -0 give +0). */
#define SOMA_RELU(v) ((v) > 0.0f ? (v) : 0.0f)

#if !SOMA_SMALL_CODE /* else soma_dense_small.c's chain serves (soma_kernels.h) */
/*
 * One tile: R rows by N consecutive outputs, held in R*N local accumulators
 * (registers) over the whole input loop. Weight w[o][i] for the tile is
 * wt[i * outputs + j]; each weight loaded is used for all R rows. Per output
 * the order is the spec's: acc = bias, then acc = fmaf(w, x[i], acc) for
 * i = 0, 1, ... in order. With `relu`, ReLU is applied as the sums are stored.
 */
#define SOMA_DENSE_TILE(R, N)                                                                 \
    SOMA_INLINE void dense_tile_##R##x##N(const float *wt, const float *bias, size_t inputs,   \
                                          size_t outputs, const float *x, float *z, int relu)  \
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
                z[r * outputs + j] = relu ? SOMA_RELU(acc[r][j]) : acc[r][j];                  \
            }                                                                                  \
        }                                                                                      \
    }

/* AVX-512's 32 zmm registers (16 floats each): 8x32 and 1x128 hold 16 and 8. */
SOMA_DENSE_TILE(1, 128)
SOMA_DENSE_TILE(1, 64)
SOMA_DENSE_TILE(1, 16)
SOMA_DENSE_TILE(8, 32)
SOMA_DENSE_TILE(4, 32)
SOMA_DENSE_TILE(4, 16)
/* 16 xmm registers (4 floats; AArch64 has 32): 4x8 and 1x32 hold 8 each. */
SOMA_DENSE_TILE(4, 8)
SOMA_DENSE_TILE(1, 32)
SOMA_DENSE_TILE(1, 8)

/* Fewer than 16 outputs left, one row: n accumulators, n < 16. */
SOMA_INLINE void dense_tail(const float *wt, const float *bias, size_t inputs, size_t outputs,
                            size_t n, const float *x, float *z, int relu)
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
            z[j] = relu ? SOMA_RELU(a) : a;
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
        z[j] = relu ? SOMA_RELU(acc[j]) : acc[j];
    }
}

/* The `k` rows of a block whose outputs from o on did not fill a tile, row by row. */
SOMA_INLINE void dense_tail_rows(const float *weights_t, const float *bias, size_t inputs,
                                 size_t outputs, size_t o, size_t k, const float *x, float *z,
                                 int relu)
{
    size_t r;
    for (r = 0; r < k; r++) {
        dense_tail(weights_t + o, bias + o, inputs, outputs, outputs - o, x + r * inputs,
                   z + r * outputs + o, relu);
    }
}

/* Tile sets: the tiles for 32 zmm registers, or for 16 xmm (4-float) ones. */
#define SOMA_TILES_ZMM 1
#define SOMA_TILES_XMM 0

/* One row, all outputs: the widest row tiles first, then the rest. */
SOMA_INLINE void dense_row(const float *weights_t, const float *bias, size_t inputs,
                           size_t outputs, const float *x, float *z, int relu, int zmm)
{
    size_t o = 0;
    if (zmm) {
        /* 128 accumulators are eight independent AVX-512 chains: enough to hide the FMA latency. */
        for (; o + 128 <= outputs; o += 128) {
            dense_tile_1x128(weights_t + o, bias + o, inputs, outputs, x, z + o, relu);
        }
        for (; o + 64 <= outputs; o += 64) {
            dense_tile_1x64(weights_t + o, bias + o, inputs, outputs, x, z + o, relu);
        }
        for (; o + 16 <= outputs; o += 16) {
            dense_tile_1x16(weights_t + o, bias + o, inputs, outputs, x, z + o, relu);
        }
    } else {
        for (; o + 32 <= outputs; o += 32) {
            dense_tile_1x32(weights_t + o, bias + o, inputs, outputs, x, z + o, relu);
        }
        for (; o + 8 <= outputs; o += 8) {
            dense_tile_1x8(weights_t + o, bias + o, inputs, outputs, x, z + o, relu);
        }
    }
    if (o < outputs) {
        dense_tail(weights_t + o, bias + o, inputs, outputs, outputs - o, x, z + o, relu);
    }
}

/* soma_kernel_dense in plain C, with the tiles of one register file (SOMA_TILES_*). */
SOMA_INLINE void dense_portable(const float *weights_t, const float *bias, size_t inputs,
                                size_t outputs, size_t rows, const float *x, float *z, int relu,
                                int zmm)
{
    size_t r = 0, o;
    /* Eight rows at a time share every weight load (a full SOMA_BATCH_TILE). */
    for (; zmm && r + 8 <= rows; r += 8) {
        const float *xr = x + r * inputs;
        float *zr = z + r * outputs;
        for (o = 0; o + 32 <= outputs; o += 32) {
            dense_tile_8x32(weights_t + o, bias + o, inputs, outputs, xr, zr + o, relu);
        }
        for (; o + 16 <= outputs; o += 16) {
            dense_tile_4x16(weights_t + o, bias + o, inputs, outputs, xr, zr + o, relu);
            dense_tile_4x16(weights_t + o, bias + o, inputs, outputs, xr + 4 * inputs,
                            zr + 4 * outputs + o, relu);
        }
        dense_tail_rows(weights_t, bias, inputs, outputs, o, 8, xr, zr, relu);
    }
    /* Then four rows at a time; the rows left go one by one. */
    for (; r + 4 <= rows; r += 4) {
        const float *xr = x + r * inputs;
        float *zr = z + r * outputs;
        o = 0;
        if (zmm) {
            for (; o + 32 <= outputs; o += 32) {
                dense_tile_4x32(weights_t + o, bias + o, inputs, outputs, xr, zr + o, relu);
            }
            for (; o + 16 <= outputs; o += 16) {
                dense_tile_4x16(weights_t + o, bias + o, inputs, outputs, xr, zr + o, relu);
            }
        } else {
            for (; o + 8 <= outputs; o += 8) {
                dense_tile_4x8(weights_t + o, bias + o, inputs, outputs, xr, zr + o, relu);
            }
        }
        dense_tail_rows(weights_t, bias, inputs, outputs, o, 4, xr, zr, relu);
    }
    for (; r < rows; r++) {
        dense_row(weights_t, bias, inputs, outputs, x + r * inputs, z + r * outputs, relu, zmm);
    }
}

#endif /* !SOMA_SMALL_CODE */

/* soma_kernel_all_finite in plain C: blocks of 8 without a branch, which vectorise. */
SOMA_INLINE int all_finite_portable(const float *x, size_t n)
{
    uint32_t bad = 0;
    size_t i = 0, j;
    for (; i + 8 <= n; i += 8) {
        uint32_t block = 0;
        for (j = 0; j < 8; j++) {
            uint32_t u;
            memcpy(&u, x + i + j, sizeof u);
            block |= (u & 0x7f800000u) == 0x7f800000u;
        }
        bad |= block;
    }
    for (; i < n; i++) {
        uint32_t u;
        memcpy(&u, x + i, sizeof u);
        bad |= (u & 0x7f800000u) == 0x7f800000u;
    }
    return bad == 0;
}

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

/* softmax's max: m = max(m, z[k]) as Swift's max(x, y) reads it, y >= x ? y : x. */
SOMA_INLINE float softmax_max(const float *z, size_t n)
{
    float m = z[0];
    size_t k;
    for (k = 1; k < n; k++) {
        m = z[k] >= m ? z[k] : m;
    }
    return m;
}

/* softmax's last step, on the exps: their sum in order, then each divided by it. */
SOMA_INLINE void softmax_normalise(float *z, size_t n)
{
    float s = z[0];
    size_t k;
    for (k = 1; k < n; k++) {
        s = s + z[k];
    }
    for (k = 0; k < n; k++) {
        z[k] = z[k] / s;
    }
}

SOMA_INLINE void softmax(float *z, size_t n)
{
    const float m = softmax_max(z, n);
    size_t k;
    for (k = 0; k < n; k++) {
        z[k] = SOMA_ACT_EXPF(z[k] - m);
    }
    softmax_normalise(z, n);
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
    return 1.0f / (1.0f + SOMA_ACT_EXPF(-v));
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
/*
 * A NaN v makes the sigmoid a NaN of the other sign, and which of two NaN
 * operands a multiply returns is the compiler's choice of operand order: so
 * a NaN v gives the sigmoid's NaN, written out, as the four-lane pass does
 * (soma_activate_avx2.c), and every clone and compiler agrees.
 */
SOMA_INLINE float act_swish(float v, float param, const float *alpha, size_t o)
{
    const float s = act_sigmoid(param * v, 0.0f, alpha, o);
    return v == v ? v * s : s;
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

SOMA_INLINE void dense_small(const soma_layer_desc *layer, const float *params, const float *x,
                             float *z, int fused)
{
    const float *w = soma_dense_weights(params, layer);
    const float *bias = soma_dense_bias(params, layer);
    const float *alpha = soma_prelu_alpha(params, layer);
    const float param = layer->act_param;
    const size_t inputs = layer->inputs, outputs = layer->outputs;
    size_t i, o;
    if (fused && layer->activation == SOMA_ACT_SIGMOID) { /* act_sigmoid, its exp fused */
        SOMA_SMALL_PASS(1.0f / (1.0f + SOMA_ACT_EXPF_FUSED(-v)))
        return;
    }
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

/*
 * `count` small layers one after another on one row, the vectors between
 * them (at most SOMA_DENSE_SMALL floats) on the stack: a tiny model (the XOR
 * net) runs in one call. x is read before z is written unless count is 1.
 * `fused` (a constant, in a clone with FMA): sigmoid's exp takes
 * soma_exp_fast.h's fused polynomial, also correctly rounded, so the same bits.
 */
SOMA_INLINE void dense_small_layers(const soma_layer_desc *layers, size_t count,
                                    const float *params, const float *x, float *z, int fused)
{
    float between[2][SOMA_DENSE_SMALL];
    size_t l;
    for (l = 0; l < count; l++) {
        float *y = l + 1 == count ? z : between[l & 1];
        dense_small(&layers[l], params, x, y, fused);
        x = y;
    }
}

/*
 * Each clone's entry points. The v4 and baseline clones are the portable C
 * above compiled for their instruction set (the compiler vectorises the tiles);
 * v3 has its own kernel in intrinsics, whose tiles fit AVX2's 16 registers.
 */
typedef struct {
    const char *name;
    void (*dense)(const float *weights_t, const float *bias, size_t inputs, size_t outputs,
                  size_t rows, const float *x, float *z, int relu);
    void (*dense_small)(const soma_layer_desc *layers, size_t count, const float *params,
                        const float *x, float *z);
    int (*all_finite)(const float *x, size_t n);
    void (*activate)(soma_activation activation, float param, const float *alpha, size_t size,
                     size_t rows, float *z);
} kernel_clone;

static void dense_baseline(const float *weights_t, const float *bias, size_t inputs,
                           size_t outputs, size_t rows, const float *x, float *z, int relu)
{
    dense_portable(weights_t, bias, inputs, outputs, rows, x, z, relu, SOMA_TILES_XMM);
}
static void dense_small_baseline(const soma_layer_desc *layers, size_t count,
                                 const float *params, const float *x, float *z)
{
    dense_small_layers(layers, count, params, x, z, 0);
}
static int all_finite_baseline(const float *x, size_t n)
{
    return all_finite_portable(x, n);
}
static void activate_baseline(soma_activation activation, float param, const float *alpha,
                              size_t size, size_t rows, float *z)
{
    activate(activation, param, alpha, size, rows, z);
}

#ifdef SOMA_X86_CLONES
static void SOMA_TARGET_V4 dense_v4(const float *weights_t, const float *bias, size_t inputs,
                                    size_t outputs, size_t rows, const float *x, float *z,
                                    int relu)
{
    dense_portable(weights_t, bias, inputs, outputs, rows, x, z, relu, SOMA_TILES_ZMM);
}
static void SOMA_TARGET_V4 dense_small_v4(const soma_layer_desc *layers, size_t count,
                                          const float *params, const float *x, float *z)
{
    dense_small_layers(layers, count, params, x, z, 0);
}
static int SOMA_TARGET_V4 all_finite_v4(const float *x, size_t n)
{
    return all_finite_portable(x, n);
}

/*
 * The activation pass of the v3 and v4 clones: the activations that call
 * exp, expm1 or tanh four lanes at a time (soma_activate_avx2.c; AVX2, which
 * every v4 CPU has), the others as in the baseline.
 */
static void SOMA_TARGET_V3 activate_v3(soma_activation activation, float param,
                                       const float *alpha, size_t size, size_t rows, float *z)
{
#ifdef SOMA_VECTOR_ACTIVATIONS
    size_t r, k;
    if (activation == SOMA_ACT_SOFTMAX) {
        for (r = 0; r < rows; r++) {
            float *row = z + r * size;
            const float m = softmax_max(row, size);
            for (k = 0; k < size; k++) {
                row[k] = row[k] - m;
            }
            soma_expf_v3(row, row, size);
            softmax_normalise(row, size);
        }
        return;
    }
    if (soma_activate_v3(activation, param, z, size * rows)) {
        return;
    }
#endif
    activate(activation, param, alpha, size, rows, z);
}

/*
 * The small kernel's chains run one after another; past a few inputs, v3's
 * row tile runs them side by side in one masked vector instead. Only the
 * first layer can have more inputs than SOMA_DENSE_SMALL: the others read
 * the layer before. Its sigmoid takes exp's fused fast path (FMA is there;
 * check_math proves that path on all 2^32 inputs, "exp-fma").
 */
static void SOMA_TARGET_V3 dense_small_v3(const soma_layer_desc *layers, size_t count,
                                          const float *params, const float *x, float *z)
{
    const soma_layer_desc *layer = &layers[0];
    const soma_activation activation = (soma_activation)layer->activation;
    const int relu = activation == SOMA_ACT_RELU;
    float first[SOMA_DENSE_SMALL];
    float *y = count == 1 ? z : first;
    if (layer->inputs <= 16) {
        dense_small_layers(layers, count, params, x, z, 1);
        return;
    }
    soma_dense_v3(soma_dense_weights(params, layer), soma_dense_bias(params, layer),
                  layer->inputs, layer->outputs, 1, x, y, relu);
    if (!relu) {
        activate_v3(activation, layer->act_param, soma_prelu_alpha(params, layer), layer->outputs,
                    1, y);
    }
    if (count > 1) {
        dense_small_layers(layers + 1, count - 1, params, y, z, 1);
    }
}

static const kernel_clone clone_v4 = {"v4", dense_v4, dense_small_v4, all_finite_v4, activate_v3};
static const kernel_clone clone_v3 = {"v3", soma_dense_v3, dense_small_v3, soma_all_finite_v3,
                                      activate_v3};
static const kernel_clone clone_baseline = {"baseline", dense_baseline, dense_small_baseline,
                                            all_finite_baseline, activate_baseline};

/*
 * The best clone the CPU runs, or the one SOMA_ISA names (v4, v3, baseline)
 * if the CPU runs it; a name it cannot run, or does not know, gets the best.
 */
static const kernel_clone *choose_clone(void)
{
    const char *wanted = getenv("SOMA_ISA");
    const kernel_clone *best;
    __builtin_cpu_init();
    best = __builtin_cpu_supports("x86-64-v4")   ? &clone_v4
           : __builtin_cpu_supports("x86-64-v3") ? &clone_v3
                                                 : &clone_baseline;
    if (wanted == NULL) {
        return best;
    }
    if (strcmp(wanted, "baseline") == 0) {
        return &clone_baseline;
    }
    if (strcmp(wanted, "v3") == 0 && best != &clone_baseline) {
        return &clone_v3;
    }
    return best; /* "v4" runs only where it is the best */
}

/*
 * Chosen once, before main (a constructor), so the forward pass only reads
 * it. Another constructor that runs a model before this one gets the same
 * choice made on the spot.
 */
static const kernel_clone *chosen_clone;

__attribute__((constructor)) static void choose_at_start_up(void)
{
    chosen_clone = choose_clone();
}

static const kernel_clone *clone_in_use(void)
{
    if (chosen_clone == NULL) {
        chosen_clone = choose_clone();
    }
    return chosen_clone;
}
#else
static const kernel_clone clone_portable = {"portable", dense_baseline, dense_small_baseline,
                                            all_finite_baseline, activate_baseline};

static const kernel_clone *clone_in_use(void)
{
    return &clone_portable;
}
#endif /* SOMA_X86_CLONES */

const char *soma_kernel_isa(void)
{
    return clone_in_use()->name;
}

void soma_kernel_dense(const float *weights_t, const float *bias, size_t inputs,
                       size_t outputs, size_t rows, const float *x, float *z)
{
    clone_in_use()->dense(weights_t, bias, inputs, outputs, rows, x, z, 0);
}

void soma_kernel_dense_activate(const soma_layer_desc *layer, const float *params, size_t rows,
                                const float *x, float *z)
{
    const soma_activation activation = (soma_activation)layer->activation;
    const int relu = activation == SOMA_ACT_RELU;
    clone_in_use()->dense(soma_dense_weights(params, layer), soma_dense_bias(params, layer),
                          layer->inputs, layer->outputs, rows, x, z, relu);
    if (!relu) {
        clone_in_use()->activate(activation, layer->act_param, soma_prelu_alpha(params, layer),
                                 layer->outputs, rows, z);
    }
}

void soma_kernel_activate(soma_activation activation, float param, const float *alpha,
                          size_t size, size_t rows, float *z)
{
    clone_in_use()->activate(activation, param, alpha, size, rows, z);
}

void soma_kernel_dense_small(const soma_layer_desc *layers, size_t count, const float *params,
                             const float *x, float *z)
{
    clone_in_use()->dense_small(layers, count, params, x, z);
}

int soma_kernel_all_finite(const float *x, size_t n)
{
    return clone_in_use()->all_finite(x, n);
}

#else /* SOMA_SMALL_CODE: no tiles and no clones, one fmaf chain per output */

const char *soma_kernel_isa(void)
{
    return "chain";
}

void soma_kernel_dense_activate(const soma_layer_desc *layer, const float *params, size_t rows,
                                const float *x, float *z)
{
    soma_kernel_dense_chain(soma_dense_weights(params, layer), soma_dense_bias(params, layer),
                            layer->inputs, layer->outputs, rows, x, z);
    activate((soma_activation)layer->activation, layer->act_param,
             soma_prelu_alpha(params, layer), layer->outputs, rows, z);
}

int soma_kernel_all_finite(const float *x, size_t n)
{
    return all_finite_portable(x, n);
}

void soma_kernel_activate(soma_activation activation, float param, const float *alpha,
                          size_t size, size_t rows, float *z)
{
    activate(activation, param, alpha, size, rows, z);
}
#endif /* !SOMA_SMALL_CODE */
