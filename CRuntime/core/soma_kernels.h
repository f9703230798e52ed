/*
 * soma_kernels.h — private to CRuntime/: the arithmetic of one layer, as plain
 * loops in exactly the order docs/model-format.md fixes. The loader has
 * checked every size and value, so the kernels only compute.
 *
 * Vectors of several rows are stored row after row: row r of an n-wide block
 * starts at r * n.
 */
#ifndef SOMA_KERNELS_H
#define SOMA_KERNELS_H

#include <stddef.h>

#include "soma.h"

/*
 * SOMA_SMALL_CODE=1 builds the forward pass for flash rather than speed: dense
 * layers run soma_kernel_dense_chain (a few dozen instructions) instead of
 * soma_kernel_dense's register tiles (tens of kilobytes), with the same bits.
 * On by default for microcontrollers (Arm M-profile, AVR, MSP430, 32-bit
 * RISC-V), off elsewhere; -DSOMA_SMALL_CODE=1 or =0 chooses. Only the core's
 * own files read it, so it need not agree across a program.
 */
#ifndef SOMA_SMALL_CODE
#if (defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M') || defined(__AVR__) || \
    defined(__MSP430__) || (defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 32)
#define SOMA_SMALL_CODE 1
#else
#define SOMA_SMALL_CODE 0
#endif
#endif

/* SELU's constants (docs/model-format.md): binary32 0x3FD62D7D and 0x3F867D5F. */
#define SOMA_SELU_ALPHA 0x1.ac5afap+0f
#define SOMA_SELU_LAMBDA 0x1.0cfabep+0f

/*
 * Dense layer over `rows` rows: z[r][o] = bias[o], then for i = 0 .. inputs-1
 * in order z[r][o] = fmaf(w[o][i], x[r][i], z[r][o]). The weights are stored
 * input-major: w[o][i] is weights_t[i * outputs + o].
 */
void soma_kernel_dense(const float *weights_t, const float *bias, size_t inputs,
                       size_t outputs, size_t rows, const float *x, float *z);

/*
 * The same dense layer as one fmaf chain per output (soma_dense_small.c): the
 * same bits in far less code. Built in every configuration; the forward pass
 * uses it when SOMA_SMALL_CODE is 1, and soma_kernel_dense is then left out.
 */
void soma_kernel_dense_chain(const float *weights_t, const float *bias, size_t inputs,
                             size_t outputs, size_t rows, const float *x, float *z);

/*
 * The dense kernel this build uses for a bare dense product (maxout's pieces):
 * the register tiles, or, built for size, the one-chain kernel. Same bits.
 */
#if SOMA_SMALL_CODE
#define SOMA_DENSE_KERNEL soma_kernel_dense_chain
#else
#define SOMA_DENSE_KERNEL soma_kernel_dense
#endif

/*
 * A dense `layer` (offsets into `params`, soma_layout.h) over `rows` rows, then
 * its activation: soma_kernel_dense then soma_kernel_activate, the same bits.
 * ReLU and identity are applied in the tile's last step, while the sums are
 * still in registers; the other activations run as a pass afterwards
 * (soma_kernel_activate's, in the same clone).
 */
void soma_kernel_dense_activate(const soma_layer_desc *layer, const float *params, size_t rows,
                                const float *x, float *z);

/* 1 if all `n` values of x are finite (neither infinite nor NaN), else 0. */
int soma_kernel_all_finite(const float *x, size_t n);

/*
 * The kernel clone in use: "v4" (x86-64-v4, AVX-512), "v3" (x86-64-v3, AVX2 +
 * FMA), "baseline" (x86-64) or, off x86-64 or without clones, "portable". On
 * x86-64 the clone is chosen once at start-up: the best the CPU runs, or the
 * one the environment variable SOMA_ISA names (v4, v3 or baseline) if the CPU
 * runs it (docs/embedding.md). The string lives as long as the program.
 */
const char *soma_kernel_isa(void);

/*
 * `count` >= 1 consecutive dense `layers` (offsets into `params`,
 * soma_layout.h), each with at most SOMA_DENSE_SMALL outputs, on one row: per
 * layer soma_kernel_dense then soma_kernel_activate, the same bits, in one
 * call and without the tile kernel's set-up; the vectors between the layers
 * stay inside. z may overlap x when count > 1 (x is read first). Not built
 * when SOMA_SMALL_CODE is 1.
 */
#define SOMA_DENSE_SMALL 4
void soma_kernel_dense_small(const soma_layer_desc *layers, size_t count, const float *params,
                             const float *x, float *z);

/* Batch norm over `rows` rows: z[r][k] = fmaf(x[r][k] - mean[k], scale[k], beta[k]). */
void soma_kernel_batchnorm(const float *mean, const float *scale, const float *beta,
                           size_t size, size_t rows, const float *x, float *z);

/* Input scaling over `rows` rows: y[r][i] = (x[r][i] - mean[i]) / std[i]. */
void soma_kernel_scale(const float *mean, const float *std_dev, size_t size, size_t rows,
                       const float *x, float *y);

/* Output scaling in place over `rows` rows: y[r][k] = fmaf(y[r][k], std[k], mean[k]). */
void soma_kernel_unscale(const float *mean, const float *std_dev, size_t size, size_t rows,
                         float *y);

/*
 * Applies `activation` in place to `rows` rows of `size` values. `param` is the
 * leaky_relu/elu alpha or the swish beta; `alpha` the prelu alphas (else unused).
 * In the v3 and v4 clones, the activations that call exp, expm1 or tanh run
 * four lanes at a time (soma_activate_avx2.c), with the same bits.
 */
void soma_kernel_activate(soma_activation activation, float param, const float *alpha,
                          size_t size, size_t rows, float *z);

#endif /* SOMA_KERNELS_H */
