/*
 * soma_dense_small.c — the small-code dense kernel: one fmaf chain per
 * output, in the spec's order, and nothing else. A few dozen instructions
 * where soma_kernel_dense's register tiles (shaped for x86-64's vector
 * registers) take tens of kilobytes, so it is the one microcontroller builds
 * use (SOMA_SMALL_CODE, soma_kernels.h). Same order, same bits: compiled in
 * every build, so the x86-64 tests compare it with the tiles
 * (Tests/c/test_small_code.c).
 */
#include "soma_contract.h" /* first: no contraction in this file */

#include "soma_kernels.h"
#include "soma_math.h"

void soma_kernel_dense_chain(const float *weights_t, const float *bias, size_t inputs,
                             size_t outputs, size_t rows, const float *x, float *z)
{
    size_t r, o, i;
    for (r = 0; r < rows; r++, x += inputs, z += outputs) {
        for (o = 0; o < outputs; o++) {
            /* w[o][i] is weights_t[i * outputs + o]: a stride of `outputs`. */
            const float *w = weights_t + o;
            float acc = bias[o];
            for (i = 0; i < inputs; i++, w += outputs) {
                acc = SOMA_FMAF(*w, x[i], acc);
            }
            z[o] = acc;
        }
    }
}
