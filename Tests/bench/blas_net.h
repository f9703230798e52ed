/*
 * blas_net.h — the net through OpenBLAS on one thread: cblas_sgemv per layer
 * for one input, cblas_sgemm per layer for a batch, the bias and activations
 * by a plain loop. OpenBLAS may split and reorder sums; it is checked against
 * the double reference, not against the spec's bits.
 */
#ifndef SOMA_BENCH_BLAS_NET_H
#define SOMA_BENCH_BLAS_NET_H

#include "bench_net.h"

/* Asks OpenBLAS for one thread; returns the count it reports afterwards. */
int blas_one_thread(void);

/* OpenBLAS's build description (openblas_get_config), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Zen". */
const char *blas_config(void);
const char *blas_core(void);

void blas_run_one(const bench_net *n, const float *x, float *y);

/* rows <= BENCH_BATCH rows of inputs, one after another, into rows * outputs. */
void blas_run_batch(const bench_net *n, const float *x, size_t rows, float *y);

#endif
