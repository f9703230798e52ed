/*
 * soma_maxout.h — private to CRuntime/: the maxout layer's arithmetic
 * (docs/model-format.md, "Maxout"), apart from soma_kernels.c: the pieces are
 * a dense product computed by soma_kernel_dense, so they get its bits.
 */
#ifndef SOMA_MAXOUT_H
#define SOMA_MAXOUT_H

#include <stddef.h>

/*
 * Maxout over `rows` rows: the pieces are a dense layer of outputs * pieces
 * rows (row o * pieces + p, weights input-major as soma_kernel_dense takes
 * them), then y[r][o] = the first piece, replaced by each later piece only if
 * that is greater (the first of equal pieces wins, so +0 beats a later -0).
 * outputs * pieces <= SOMA_MAX_WIDTH (the loader and soma_model_check see to it).
 */
void soma_kernel_maxout(const float *weights_t, const float *bias, size_t inputs, size_t outputs,
                        size_t pieces, size_t rows, const float *x, float *y);

#endif /* SOMA_MAXOUT_H */
