/*
 * runtime_clones.c — the runtime's dense kernels (CRuntime/core) against the
 * spec's plain loop, bit for bit, in whichever clone SOMA_ISA selects.
 * runtime_clones.sh runs it once per clone the CPU has, with gcc and clang,
 * and requires every run to match the loop and print the same hash.
 *
 * Shapes: one row and batches of 2 to 13 rows (full 4- and 8-row tiles and
 * leftover rows); output counts 1 to 33 and around each tile width (8, 16,
 * 24, 32, 64, 96, 128: full vectors and masked tails, one and two row passes);
 * input counts from 1 up to 1000 (across the L1 and L2 cache blocks); ReLU
 * fused into the tiles, with NaN, -0 and infinite sums; the small kernel for
 * layers of up to 4 outputs; the finite-input scan with one bad value at
 * every position; every activation (the v3 and v4 clones run those that call
 * exp, expm1 or tanh four lanes at a time) against the spec's scalar formulas,
 * on every array length up to 13 with NaN, infinities, signed zeros,
 * saturating values and inputs that take the exact path in every lane, and on
 * 400,000 random values each.
 * Prints "isa <name> hash <16 hex digits> mismatches <n>".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma_kernels.h"
#include "soma_layout.h"
#include "soma_math.h"

#define MAX_FLOATS (13 * 1000 + 1000 * 300 + 300 + 13 * 300)

static uint64_t hash = 1469598103934665603ULL;
static unsigned long mismatches;
static unsigned long compared;

static void mix(const float *x, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        uint32_t b;
        memcpy(&b, x + i, sizeof b);
        hash = (hash ^ b) * 1099511628211ULL;
    }
}

static uint64_t seed = 42;
static float uniform(void) /* in [-1, 1) */
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (float)((seed >> 40) & 0xFFFFFF) / 16777216.0f * 2.0f - 1.0f;
}

static float params[MAX_FLOATS], x[13 * 1000], got[13 * 300], want[13 * 300];

/* The spec's order: acc = bias, then acc = fmaf(w[o][i], x[i], acc) for i in order. */
static void reference(const float *wt, const float *bias, size_t inputs, size_t outputs,
                      size_t rows, const float *in, float *z, int relu)
{
    size_t r, o, i;
    for (r = 0; r < rows; r++) {
        for (o = 0; o < outputs; o++) {
            float a = bias[o];
            for (i = 0; i < inputs; i++) {
                a = fmaf(wt[i * outputs + o], in[r * inputs + i], a);
            }
            z[r * outputs + o] = relu ? (a > 0.0f ? a : 0.0f) : a;
        }
    }
}

/* The spec's activation formulas (docs/model-format.md), one value at a time. */
static float reference_activation(soma_activation activation, float v, float param,
                                  const float *alpha, size_t o)
{
    switch (activation) {
    case SOMA_ACT_STEP: return v > 0.0f ? 1.0f : 0.0f;
    case SOMA_ACT_IDENTITY: return v;
    case SOMA_ACT_SIGMOID: return 1.0f / (1.0f + soma_expf(-v));
    case SOMA_ACT_TANH: return soma_tanhf(v);
    case SOMA_ACT_RELU: return v > 0.0f ? v : 0.0f;
    case SOMA_ACT_LEAKY_RELU: return v > 0.0f ? v : param * v;
    case SOMA_ACT_PRELU: return v > 0.0f ? v : alpha[o] * v;
    case SOMA_ACT_ELU: return v > 0.0f ? v : param * soma_expm1f(v);
    case SOMA_ACT_SELU:
        return v > 0.0f ? SOMA_SELU_LAMBDA * v : SOMA_SELU_LAMBDA * (SOMA_SELU_ALPHA * soma_expm1f(v));
    case SOMA_ACT_SWISH: return v * (1.0f / (1.0f + soma_expf(-(param * v))));
    case SOMA_ACT_SOFTMAX: return v;
    }
    return v;
}

/* The spec's pass over `rows` rows of `size`: softmax is max, exps, sum in order, divide. */
static void reference_activate(soma_activation activation, float param, const float *alpha,
                               size_t size, size_t rows, float *z)
{
    size_t r, k;
    for (r = 0; r < rows; r++) {
        float *row = z + r * size;
        if (activation == SOMA_ACT_SOFTMAX) {
            float m = row[0], sum;
            for (k = 1; k < size; k++) {
                m = row[k] >= m ? row[k] : m;
            }
            for (k = 0; k < size; k++) {
                row[k] = soma_expf(row[k] - m);
            }
            sum = row[0];
            for (k = 1; k < size; k++) {
                sum = sum + row[k];
            }
            for (k = 0; k < size; k++) {
                row[k] = row[k] / sum;
            }
        } else {
            for (k = 0; k < size; k++) {
                row[k] = reference_activation(activation, row[k], param, alpha, k);
            }
        }
    }
}

static void compare(const char *what, size_t inputs, size_t outputs, size_t rows, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++) {
        compared++;
        /* Which NaN a NaN gives is the compiler's choice; the hash, compared across clones, keeps it exact. */
        if (memcmp(&got[k], &want[k], sizeof(float)) != 0 && !(got[k] != got[k] && want[k] != want[k])) {
            if (mismatches < 10) {
                printf("MISMATCH %s %zu-%zu rows %zu at %zu: %a, the loop gives %a\n", what,
                       inputs, outputs, rows, k, (double)got[k], (double)want[k]);
            }
            mismatches++;
        }
    }
    mix(got, n);
}

/*
 * `kind` of values: 0 uniform; 1 some sums overflow to +-inf and some reach
 * inf - inf = NaN; 2 every sum is -0 or +0 (zero weights, bias -0).
 */
static void fill(size_t inputs, size_t outputs, size_t rows, int kind, soma_layer_desc *layer,
                 uint32_t activation)
{
    size_t k;
    memset(layer, 0, sizeof *layer);
    layer->kind = SOMA_LAYER_DENSE;
    layer->activation = activation;
    layer->inputs = (uint32_t)inputs;
    layer->outputs = (uint32_t)outputs;
    layer->act_param = 0.5f;
    soma_layout_place(layer, 0);
    for (k = 0; k < inputs * outputs + 2 * outputs; k++) {
        params[k] = kind == 2 ? 0.0f : uniform();
        if (kind == 1 && k % 3 == 0) {
            params[k] *= 0x1p127f;
        }
    }
    for (k = 0; kind == 2 && k < outputs; k++) {
        params[layer->bias + k] = -0.0f;
    }
    for (k = 0; k < rows * inputs; k++) {
        x[k] = uniform();
        if (kind == 1 && k % 2 == 0) {
            x[k] *= 0x1p100f;
        }
    }
}

static void check_dense(size_t inputs, size_t outputs, size_t rows, int kind)
{
    soma_layer_desc layer;
    const float *wt, *bias;
    size_t n = rows * outputs;
    fill(inputs, outputs, rows, kind, &layer, SOMA_ACT_IDENTITY);
    wt = soma_dense_weights(params, &layer);
    bias = soma_dense_bias(params, &layer);
    reference(wt, bias, inputs, outputs, rows, x, want, 0);
    soma_kernel_dense(wt, bias, inputs, outputs, rows, x, got);
    compare("dense", inputs, outputs, rows, n);
    soma_kernel_dense_activate(&layer, params, rows, x, got);
    compare("dense+identity", inputs, outputs, rows, n);
    layer.activation = SOMA_ACT_RELU;
    reference(wt, bias, inputs, outputs, rows, x, want, 1);
    soma_kernel_dense_activate(&layer, params, rows, x, got);
    compare("dense+relu", inputs, outputs, rows, n);
    /* Other activations run as a pass after the dense kernel: the spec's formulas. */
    {
        static const soma_activation acts[] = {SOMA_ACT_SIGMOID, SOMA_ACT_TANH, SOMA_ACT_SOFTMAX,
                                               SOMA_ACT_SWISH, SOMA_ACT_ELU};
        size_t a;
        for (a = 0; a < sizeof acts / sizeof acts[0]; a++) {
            layer.activation = acts[a];
            reference(wt, bias, inputs, outputs, rows, x, want, 0);
            reference_activate(acts[a], layer.act_param, NULL, outputs, rows, want);
            soma_kernel_dense_activate(&layer, params, rows, x, got);
            compare(soma_activation_name(acts[a]), inputs, outputs, rows, n);
        }
    }
    if (rows == 1 && outputs <= SOMA_DENSE_SMALL) {
        static const uint32_t acts[] = {SOMA_ACT_RELU, SOMA_ACT_IDENTITY, SOMA_ACT_TANH,
                                        SOMA_ACT_SOFTMAX};
        size_t a;
        for (a = 0; a < sizeof acts / sizeof acts[0]; a++) {
            layer.activation = acts[a];
            reference(wt, bias, inputs, outputs, rows, x, want, 0);
            reference_activate((soma_activation)acts[a], 0.0f, NULL, outputs, rows, want);
            soma_kernel_dense_small(&layer, 1, params, x, got);
            compare("dense_small", inputs, outputs, rows, n);
            if (inputs == outputs) {
                /* Two layers in one call (a tiny model's run): the same as one call each. */
                const soma_layer_desc twice[2] = {layer, layer};
                float between[SOMA_DENSE_SMALL];
                soma_kernel_dense_small(&layer, 1, params, x, between);
                soma_kernel_dense_small(&layer, 1, params, between, want);
                soma_kernel_dense_small(twice, 2, params, x, got);
                compare("dense_small, two layers", inputs, outputs, rows, n);
            }
        }
    }
}

/*
 * Values the activations' four-lane paths must get right: specials, both
 * ends of each function's fast range, and inputs whose exp, expm1 or tanh
 * takes the exact path (Tests/math/check_math_vector.c lists how such
 * inputs are found), with their negations for sigmoid's exp(-v).
 */
static const float SPECIAL_VALUES[] = {
    0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, 1e-40f, -1e-40f, 0x1p-126f, 100.0f, -100.0f,
    88.5f, -88.5f, 87.5f, -87.5f, 18.5f, -18.5f, 9.75f, -9.75f,
    /* exp takes the exact path (Tests/math/check_math_vector.c, HARD), at v and -v. */
    0x1.1cb3dcp+4f, -0x1.1cb3dcp+4f, 0x1.192e5cp-8f, -0x1.192e5cp-8f, -0x1.107a54p+2f,
    0x1.107a54p+2f, -0x1.434f6p-3f, 0x1.434f6p-3f,
};

/* A special value one time in four, else uniform in [-12, 12). */
static float activation_value(void)
{
    const size_t n = sizeof SPECIAL_VALUES / sizeof SPECIAL_VALUES[0];
    const float u = uniform();
    if (u < -0.5f) {
        return SPECIAL_VALUES[(size_t)((u + 1.0f) * 2.0f * (float)n) % n];
    }
    return uniform() * 12.0f;
}

static void check_activation(soma_activation activation, size_t size, size_t rows, int specials)
{
    static float alpha[1000];
    static const float params_list[] = {0.5f, 1.75f};
    size_t k, pi;
    for (k = 0; k < size; k++) {
        alpha[k] = uniform();
    }
    for (pi = 0; pi < 2; pi++) {
        const float param = params_list[pi];
        for (k = 0; k < size * rows; k++) {
            want[k] = specials ? activation_value() : uniform() * 12.0f;
        }
        memcpy(got, want, size * rows * sizeof(float));
        reference_activate(activation, param, alpha, size, rows, want);
        soma_kernel_activate(activation, param, alpha, size, rows, got);
        compare(soma_activation_name(activation), size, size, rows, size * rows);
    }
}

static void check_activations(void)
{
    size_t a, size, rows, round;
    for (a = 0; a < SOMA_ACTIVATION_COUNT; a++) {
        const soma_activation activation = (soma_activation)a;
        for (size = 1; size <= 13; size++) {
            for (rows = 1; rows <= 3; rows++) {
                for (round = 0; round < 8; round++) {
                    check_activation(activation, size, rows, 1);
                }
            }
        }
        /* 200,000 random values per parameter. */
        for (round = 0; round < 50; round++) {
            check_activation(activation, 1000, 3, 0);
            check_activation(activation, 100, 10, 0);
        }
    }
}

static void check_all_finite(void)
{
    static const float bad[] = {INFINITY, -INFINITY, NAN};
    float v[70] = {0};
    size_t n, at, b;
    for (n = 0; n <= 70; n++) {
        for (at = 0; at < n; at++) {
            v[at] = uniform();
        }
        compared++;
        if (!soma_kernel_all_finite(v, n)) {
            printf("MISMATCH all_finite: %zu finite values refused\n", n);
            mismatches++;
        }
        for (at = 0; at < n; at++) {
            for (b = 0; b < 3; b++) {
                const float keep = v[at];
                v[at] = bad[b];
                compared++;
                if (soma_kernel_all_finite(v, n)) {
                    printf("MISMATCH all_finite: %g at %zu of %zu accepted\n", (double)bad[b], at, n);
                    mismatches++;
                }
                v[at] = keep;
            }
        }
    }
}

int main(void)
{
    static const size_t rows_list[] = {1, 2, 3, 4, 5, 7, 8, 9, 13};
    static const size_t inputs_list[] = {1, 2, 3, 5, 8, 17, 64, 129, 300};
    static const size_t outputs_list[] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13,
                                          14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                                          27, 28, 29, 30, 31, 32, 33, 40, 47, 48, 49, 63, 64,
                                          65, 95, 96, 97, 100, 127, 128, 129, 130, 200};
    size_t r, i, o;
    int kind;
    for (r = 0; r < sizeof rows_list / sizeof rows_list[0]; r++) {
        for (i = 0; i < sizeof inputs_list / sizeof inputs_list[0]; i++) {
            for (o = 0; o < sizeof outputs_list / sizeof outputs_list[0]; o++) {
                check_dense(inputs_list[i], outputs_list[o], rows_list[r], 0);
            }
        }
    }
    /* Overflow, NaN and signed zeros through the fused ReLU, on tiles and tails. */
    for (kind = 1; kind <= 2; kind++) {
        for (r = 0; r < sizeof rows_list / sizeof rows_list[0]; r++) {
            check_dense(17, 29, rows_list[r], kind);
            check_dense(3, 3, rows_list[r], kind);
        }
    }
    /* Large layers: MNIST's first layer, and one past every cache block. */
    check_dense(784, 128, 1, 0);
    check_dense(784, 128, 8, 0);
    check_dense(1000, 300, 9, 0);
    check_dense(1000, 300, 1, 0);
    check_all_finite();
    check_activations();
    printf("isa %s hash %016llx mismatches %lu of %lu\n", soma_kernel_isa(),
           (unsigned long long)hash, mismatches, compared);
    return mismatches != 0;
}
