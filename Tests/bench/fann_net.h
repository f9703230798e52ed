/*
 * fann_net.h — the net through FANN 2.2 (libfann, float), same weights.
 * FANN has neither ReLU nor softmax: hidden ReLU layers use
 * FANN_LINEAR_PIECE (ReLU clipped at 1, the same cost; checked against the
 * clipped reference), a softmax output layer FANN_LINEAR followed by a
 * plain softmax loop. sigmoid is FANN_SIGMOID at steepness 0.5, tanh
 * FANN_SIGMOID_SYMMETRIC at 1. FANN has no batch call.
 */
#ifndef SOMA_BENCH_FANN_NET_H
#define SOMA_BENCH_FANN_NET_H

#include <fann.h>

#include "bench_net.h"

/* NULL if FANN cannot build it. Free with fann_destroy. */
struct fann *fann_net_make(const bench_net *n);

/* One input through FANN (and the softmax loop where the net ends in softmax). */
void fann_net_run(struct fann *ann, const bench_net *n, const float *x, float *y);

#endif
