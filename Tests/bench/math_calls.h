/*
 * math_calls.h — issue 8's cost per call: Soma's correctly rounded soma_expf,
 * soma_expm1f and soma_tanhf against glibc's expf, expm1f and tanhf, each pair
 * interleaved over the same 1,024 inputs spread over [-8, 8] (independent
 * calls, as an activation loop makes them). Explains the per-shape ratios.
 */
#ifndef SOMA_BENCH_MATH_CALLS_H
#define SOMA_BENCH_MATH_CALLS_H

#include "interleave.h"

/* Prints a markdown table: function, ns per call for Soma and libm, the ratio. */
void math_calls_print_table(const ilv_options *options);

#endif
