/*
 * libm_core.h — the runtime's core built a second time for issue 8's speed
 * check, with the activations' soma_expf, soma_expm1f and soma_tanhf mapped
 * to the C library's expf, expm1f and tanhf (as the runtime was before it had
 * its own correctly rounded functions), every symbol renamed with a libm_
 * prefix so both builds live in one process (Makefile: the bench's libm core).
 * Same kernels, same clones, same model struct: only the math differs.
 */
#ifndef SOMA_BENCH_LIBM_CORE_H
#define SOMA_BENCH_LIBM_CORE_H

#include "soma.h"

soma_status libm_soma_run(const soma_model *model, const float *input, size_t input_count, float *output,
                          size_t output_count, soma_error *error);
soma_status libm_soma_run_batch(const soma_model *model, const float *inputs, size_t rows, size_t input_count,
                                float *outputs, size_t output_count, soma_error *error);

#endif
