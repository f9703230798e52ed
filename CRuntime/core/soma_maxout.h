/*
 * soma_maxout.h — private to CRuntime/: the maxout layer's arithmetic
 * (docs/model-format.md, "Maxout"), apart from soma_kernels.c: each piece is
 * the spec's dense chain, so it has the dense kernels' bits.
 */
#ifndef SOMA_MAXOUT_H
#define SOMA_MAXOUT_H

#include <stddef.h>

/*
 * Maxout over `rows` rows: the pieces are a dense layer of outputs * pieces
 * rows (row o * pieces + p, weights input-major as soma_kernel_dense takes
 * them), each computed as one fmaf chain, then y[r][o] = the first piece, replaced by each later piece only if
 * that is greater (the first of equal pieces wins, so +0 beats a later -0).
 */
void soma_kernel_maxout(const float *weights_t, const float *bias, size_t inputs, size_t outputs,
                        size_t pieces, size_t rows, const float *x, float *y);

#endif /* SOMA_MAXOUT_H */
