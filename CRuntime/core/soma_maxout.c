/*
 * soma_maxout.c — the maxout layer: each piece is one fmaf chain over the
 * inputs in order (the spec's dense chain, so the dense kernel's bits), and
 * each output the maximum of its pieces in order with the format's tie rule.
 * Piece by piece, with no scratch of its own: a run through
 * soma_run_with_scratch keeps its small stack with maxout layers too.
 */
#include "soma_contract.h" /* first: no contraction in this file */
#include "soma_maxout.h"

#include "soma_math.h"

/* Piece `row` of the layer (all outputs * pieces rows; weights input-major) on input x. */
static float piece_value(const float *weights_t, const float *bias, size_t inputs,
                         size_t stride, size_t row, const float *x)
{
    float v = bias[row];
    size_t i;
    for (i = 0; i < inputs; i++) {
        v = SOMA_FMAF(weights_t[i * stride + row], x[i], v);
    }
    return v;
}

void soma_kernel_maxout(const float *weights_t, const float *bias, size_t inputs, size_t outputs,
                        size_t pieces, size_t rows, const float *x, float *y)
{
    const size_t stride = outputs * pieces;
    size_t r, o, p;
    for (r = 0; r < rows; r++) {
        const float *xr = x + r * inputs;
        for (o = 0; o < outputs; o++) {
            float best = piece_value(weights_t, bias, inputs, stride, o * pieces, xr);
            for (p = 1; p < pieces; p++) {
                const float z = piece_value(weights_t, bias, inputs, stride, o * pieces + p, xr);
                if (z > best) {
                    best = z;
                }
            }
            y[r * outputs + o] = best;
        }
    }
}
