/*
 * naive_loop.c — one output at a time, acc += w * x over output-major weights,
 * then the activation (naive_loop.h). NAIVE_RUN names the build: the Makefile
 * compiles this file once as naive_run_o2 and once as naive_run_fast.
 */
#include "naive_loop.h"

#include <math.h>

#ifndef NAIVE_RUN
#define NAIVE_RUN naive_run_o2
#endif

static float act_one(soma_activation a, float z)
{
    switch (a) {
    case SOMA_ACT_SIGMOID: return 1.0f / (1.0f + expf(-z));
    case SOMA_ACT_TANH: return tanhf(z);
    case SOMA_ACT_RELU: return z > 0.0f ? z : 0.0f;
    default: return z;
    }
}

void NAIVE_RUN(const bench_net *n, const float *x, float *y)
{
    const bench_shape *s = n->shape;
    float a[BENCH_MAX_WIDTH], b[BENCH_MAX_WIDTH];
    const float *cur = x;
    size_t l, o, i;
    for (l = 0; l < s->layers; l++) {
        const size_t in = s->width[l], out = s->width[l + 1];
        float *dst = l + 1 == s->layers ? y : (cur == a ? b : a);
        for (o = 0; o < out; o++) {
            const float *w = n->w[l] + o * in;
            float acc = n->b[l][o];
            for (i = 0; i < in; i++) {
                acc += w[i] * cur[i];
            }
            dst[o] = act_one(s->act[l], acc);
        }
        if (s->act[l] == SOMA_ACT_SOFTMAX) {
            float m = dst[0], sum = 0.0f;
            for (o = 1; o < out; o++) {
                m = dst[o] > m ? dst[o] : m;
            }
            for (o = 0; o < out; o++) {
                dst[o] = expf(dst[o] - m);
                sum += dst[o];
            }
            for (o = 0; o < out; o++) {
                dst[o] /= sum;
            }
        }
        cur = dst;
    }
}
