/*
 * bench_net.h — the networks the runtime benchmark runs, with one set of
 * weights shared by every contender, and the two references their outputs
 * are checked against before anything is timed.
 */
#ifndef SOMA_BENCH_NET_H
#define SOMA_BENCH_NET_H

#include <stddef.h>

#include "soma.h"

#define BENCH_MAX_LAYERS 3
#define BENCH_MAX_WIDTH 784
#define BENCH_BATCH 256

typedef struct bench_shape {
    const char *name;                          /* "784-128-64-10" */
    const char *label;                         /* "ReLU/ReLU/softmax" */
    size_t layers;                             /* dense layers */
    size_t width[BENCH_MAX_LAYERS + 1];        /* inputs, then each layer's outputs */
    soma_activation act[BENCH_MAX_LAYERS];     /* per layer */
} bench_shape;

typedef struct bench_net {
    const bench_shape *shape;
    float *w[BENCH_MAX_LAYERS];  /* output-major: w[l][o * in + i] */
    float *wt[BENCH_MAX_LAYERS]; /* the same, input-major: wt[l][i * out + o] */
    float *b[BENCH_MAX_LAYERS];
    float *inputs;               /* BENCH_BATCH rows of width[0] values in [0, 1) */
} bench_net;

/* The shapes, in the order the tables list them. */
#define BENCH_SHAPES 4
extern const bench_shape bench_shapes[BENCH_SHAPES];

size_t bench_inputs(const bench_shape *s);
size_t bench_outputs(const bench_shape *s);
size_t bench_widest(const bench_shape *s);
/* Multiply-adds of one input through the net. */
double bench_macs(const bench_shape *s);

/* Glorot-uniform weights, small biases and the inputs, from a fixed seed. 0, or -1 out of memory. */
int bench_net_make(bench_net *n, const bench_shape *s, unsigned long seed);
void bench_net_free(bench_net *n);

/* Writes the net as a soma-model file (array form, %.9g: every float round-trips). 0 or -1. */
int bench_net_write_model(const bench_net *n, const char *path);

/*
 * The double-precision forward pass of row x. With clip_relu, ReLU is clipped
 * at 1, as FANN's stand-in for it (FANN_LINEAR_PIECE) computes.
 */
void bench_reference(const bench_net *n, const float *x, double *y, int clip_relu);

/*
 * The spec's forward pass in binary32 (docs/model-format.md): per output
 * acc = bias, then fmaf over the inputs in order; the correctly rounded
 * exp and tanh (soma_math, proven against MPFR by make check-math); softmax
 * in the spec's order. Soma must match it bit for bit.
 */
void bench_spec_run(const bench_net *n, const float *x, float *y);

#endif
