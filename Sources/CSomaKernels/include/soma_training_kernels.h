/* soma_training_kernels.h — training kernels for the Soma Swift library (not the
 * runtime, whose private kernels are CRuntime/core/soma_kernels.h).
 *
 * Every result is the same bits whichever instruction set the CPU has: each
 * output element is one chain of fused multiply-adds in a fixed order
 * (vectorised across independent outputs, never across the sum), and the
 * element-wise optimizer steps use only correctly rounded operations with no
 * contraction (a pragma in the source turns it off; no flag is needed). The
 * functions are compiled for x86-64-v4, x86-64-v3 and baseline x86-64 and
 * picked at load time. */
#ifndef SOMA_TRAINING_KERNELS_H
#define SOMA_TRAINING_KERNELS_H

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
void soma_momentum(size_t n, float *p, const float *g, float *v, float lr, float mu, float wd, int nesterov);
void soma_rmsprop(size_t n, float *p, const float *g, float *s, float lr, float rho, float eps, float wd);
void soma_adam(size_t n, float *p, const float *g, float *m, float *v, float lr, float beta1, float beta2,
               float eps, float wd, float c1, float c2);

/* Batch normalisation, row-major rows x size. Each feature k's sums run over
 * the rows in order (vectorised across features only); every operation is
 * one rounding, in the order written (soma_batchnorm_kernels.c).
 *
 * Training forward: mean[k] = (sum_b x[b][k]) / rows; squares = sum_b (x - mean)^2;
 * inv_std[k] = 1 / sqrt(squares / rows + epsilon); xhat = (x - mean) * inv_std;
 * z = gamma * xhat + beta; running = (1 - momentum) * running + momentum * batch
 * (the running variance takes squares / (rows - 1), or squares / rows when rows == 1). */
void soma_batchnorm_forward_training(int rows, int size, const float *x, const float *gamma, const float *beta,
                                     float epsilon, float momentum, float *running_mean, float *running_variance,
                                     float *mean, float *inv_std, float *xhat, float *z);

/* Training backward from dz: dgamma = sum_b dz * xhat; dbeta = sum_b dz; with
 * dxhat = dz * gamma, s1 = sum_b dxhat, s2 = sum_b dxhat * xhat:
 * dx = inv_std / rows * (rows * dxhat - s1 - xhat * s2). work: 2 * size floats. */
void soma_batchnorm_backward_training(int rows, int size, const float *dz, const float *xhat, const float *inv_std,
                                      const float *gamma, float *dgamma, float *dbeta, float *work, float *dx);

/* Inference forward with fixed statistics, the model format's arithmetic:
 * z = fma(x - mean, gamma / sqrt(variance + epsilon), beta). work: size floats. */
void soma_batchnorm_forward_inference(int rows, int size, const float *x, const float *gamma, const float *beta,
                                      const float *mean, const float *variance, float epsilon, float *work, float *z);

/* Inference backward (fixed statistics), inv = 1 / sqrt(variance + epsilon):
 * dgamma = sum_b dz * (x - mean) * inv; dbeta = sum_b dz; dx = dz * gamma * inv.
 * work: size floats. */
void soma_batchnorm_backward_inference(int rows, int size, const float *dz, const float *x, const float *gamma,
                                       const float *mean, const float *variance, float epsilon, float *dgamma,
                                       float *dbeta, float *work, float *dx);

#endif /* SOMA_TRAINING_KERNELS_H */
