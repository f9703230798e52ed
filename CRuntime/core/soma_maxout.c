/*
 * soma_maxout.c — the maxout layer: every piece by the dense kernel, one input
 * row at a time into scratch on the stack, then the maximum over each output's
 * pieces in order with the format's tie rule.
 */
#include "soma_contract.h" /* first: no contraction in this file */
#include "soma_maxout.h"

#include "soma_kernels.h"

void soma_kernel_maxout(const float *weights_t, const float *bias, size_t inputs, size_t outputs,
                        size_t pieces, size_t rows, const float *x, float *y)
{
    float z[SOMA_MAX_WIDTH];
    size_t r, o, p;
    for (r = 0; r < rows; r++) {
        SOMA_DENSE_KERNEL(weights_t, bias, inputs, outputs * pieces, 1, x + r * inputs, z);
        for (o = 0; o < outputs; o++) {
            const float *piece = z + o * pieces;
            float best = piece[0];
            for (p = 1; p < pieces; p++) {
                if (piece[p] > best) {
                    best = piece[p];
                }
            }
            y[r * outputs + o] = best;
        }
    }
}
