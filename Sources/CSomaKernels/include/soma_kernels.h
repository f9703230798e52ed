/* Training kernels for the Soma Swift library (not the runtime).
 *
 * Every result is the same bits whichever instruction set the CPU has: each
 * output element is one chain of fused multiply-adds in a fixed order
 * (vectorised across independent outputs, never across the sum), and the
 * element-wise optimizer steps use only correctly rounded operations with no
 * contraction (a pragma in the source turns it off; no flag is needed). The
 * functions are compiled for x86-64-v4, x86-64-v3 and baseline x86-64 and
 * picked at load time. */
#ifndef SOMA_KERNELS_H
#define SOMA_KERNELS_H

#include <stddef.h>

/* c[r][j] = init; then for p = 0 .. depth-1 in order:
 *   c[r][j] = fma(a[r][p], m[p][j], c[r][j]).
 * init is row_init[r] if row_init is given, else col_init[j] if given, else 0.
 * a is rows x depth (row stride lda), m is depth x cols (stride ldm), c is
 * rows x cols (stride ldc). */
void soma_gemm(int rows, int cols, int depth, const float *a, int lda, const float *m, int ldm,
               const float *row_init, const float *col_init, float *c, int ldc);

/* As soma_gemm, but each step is c[r][j] = c[r][j] + a[r][p] * m[p][j] with two
 * roundings (a product, then a sum): the training library's backward pass. */
void soma_gemm_unfused(int rows, int cols, int depth, const float *a, int lda, const float *m, int ldm,
                       const float *row_init, const float *col_init, float *c, int ldc);

/* dst[j][i] = src[i][j] for a rows x cols source. */
void soma_transpose(int rows, int cols, const float *src, int ld_src, float *dst, int ld_dst);

/* out[r] = ((x[r][0] + x[r][1]) + x[r][2]) + ... (in order). */
void soma_row_sums(int rows, int cols, const float *x, int ldx, float *out);

/* Element-wise optimizer steps; g' = g + wd * p (L2 added to the gradient). */
void soma_sgd(size_t n, float *p, const float *g, float lr, float wd);
void soma_momentum(size_t n, float *p, const float *g, float *v, float lr, float mu, float wd, int nesterov);
void soma_rmsprop(size_t n, float *p, const float *g, float *s, float lr, float rho, float eps, float wd);
void soma_adam(size_t n, float *p, const float *g, float *m, float *v, float lr, float beta1, float beta2,
               float eps, float wd, float c1, float c2);

#endif
