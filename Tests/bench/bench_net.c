/* bench_net.c — shapes, weights, the model file and the two references (bench_net.h). */
#include "bench_net.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "soma_math.h"

const bench_shape bench_shapes[BENCH_SHAPES] = {
    {"2-2-1", "sigmoid/sigmoid (XOR)", 2, {2, 2, 1, 0},
     {SOMA_ACT_SIGMOID, SOMA_ACT_SIGMOID, SOMA_ACT_IDENTITY}},
    {"64-32-10", "ReLU/softmax (digits)", 2, {64, 32, 10, 0},
     {SOMA_ACT_RELU, SOMA_ACT_SOFTMAX, SOMA_ACT_IDENTITY}},
    {"784-128-64-10", "ReLU/ReLU/softmax (MNIST)", 3, {784, 128, 64, 10},
     {SOMA_ACT_RELU, SOMA_ACT_RELU, SOMA_ACT_SOFTMAX}},
    /* One activation per 64 multiply-adds: where exp and tanh show. */
    {"32-128-64-8", "tanh/sigmoid/sigmoid", 3, {32, 128, 64, 8},
     {SOMA_ACT_TANH, SOMA_ACT_SIGMOID, SOMA_ACT_SIGMOID}},
};

size_t bench_inputs(const bench_shape *s)
{
    return s->width[0];
}

size_t bench_outputs(const bench_shape *s)
{
    return s->width[s->layers];
}

size_t bench_widest(const bench_shape *s)
{
    size_t l, w = 0;
    for (l = 0; l <= s->layers; l++) {
        w = s->width[l] > w ? s->width[l] : w;
    }
    return w;
}

double bench_macs(const bench_shape *s)
{
    double macs = 0.0;
    size_t l;
    for (l = 0; l < s->layers; l++) {
        macs += (double)s->width[l] * (double)s->width[l + 1];
    }
    return macs;
}

/* xorshift64: the one generator of weights and inputs. */
static float uniform(uint64_t *state, float scale)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return ((float)(*state >> 40) / 16777216.0f * 2.0f - 1.0f) * scale;
}

void bench_net_free(bench_net *n)
{
    size_t l;
    for (l = 0; l < BENCH_MAX_LAYERS; l++) {
        free(n->w[l]);
        free(n->wt[l]);
        free(n->b[l]);
        n->w[l] = n->wt[l] = n->b[l] = NULL;
    }
    free(n->inputs);
    n->inputs = NULL;
}

int bench_net_make(bench_net *n, const bench_shape *s, unsigned long seed)
{
    uint64_t state = 0x9e3779b97f4a7c15u ^ (uint64_t)seed;
    size_t l, i, o, k;
    n->shape = s;
    for (l = 0; l < BENCH_MAX_LAYERS; l++) {
        n->w[l] = n->wt[l] = n->b[l] = NULL;
    }
    n->inputs = malloc(BENCH_BATCH * s->width[0] * sizeof(float));
    if (n->inputs == NULL) {
        return -1;
    }
    for (l = 0; l < s->layers; l++) {
        const size_t in = s->width[l], out = s->width[l + 1];
        const float scale = sqrtf(6.0f / (float)(in + out));
        n->w[l] = malloc(in * out * sizeof(float));
        n->wt[l] = malloc(in * out * sizeof(float));
        n->b[l] = malloc(out * sizeof(float));
        if (n->w[l] == NULL || n->wt[l] == NULL || n->b[l] == NULL) {
            bench_net_free(n);
            return -1;
        }
        for (k = 0; k < in * out; k++) {
            n->w[l][k] = uniform(&state, scale);
        }
        for (o = 0; o < out; o++) {
            for (i = 0; i < in; i++) {
                n->wt[l][i * out + o] = n->w[l][o * in + i];
            }
            n->b[l][o] = uniform(&state, 0.1f);
        }
    }
    for (k = 0; k < BENCH_BATCH * s->width[0]; k++) {
        n->inputs[k] = (uniform(&state, 1.0f) + 1.0f) * 0.5f;
    }
    return 0;
}

static void put_floats(FILE *f, const float *v, size_t count)
{
    size_t k;
    fputc('[', f);
    for (k = 0; k < count; k++) {
        fprintf(f, k == 0 ? "%.9g" : ",%.9g", (double)v[k]);
    }
    fputc(']', f);
}

int bench_net_write_model(const bench_net *n, const char *path)
{
    const bench_shape *s = n->shape;
    FILE *f = fopen(path, "w");
    size_t l, o;
    if (f == NULL) {
        return -1;
    }
    fprintf(f, "{\"format\":\"soma-model\",\"version\":2,\"name\":\"bench-%s\",\"inputs\":%zu,\"outputs\":%zu,"
               "\"layers\":[",
            s->name, bench_inputs(s), bench_outputs(s));
    for (l = 0; l < s->layers; l++) {
        const size_t in = s->width[l], out = s->width[l + 1];
        fprintf(f, "%s\n{\"type\":\"dense\",\"inputs\":%zu,\"outputs\":%zu,\"layout\":\"output-major\",\"weights\":[",
                l == 0 ? "" : ",", in, out);
        for (o = 0; o < out; o++) {
            if (o > 0) {
                fputc(',', f);
            }
            put_floats(f, n->w[l] + o * in, in);
        }
        fputs("],\"bias\":", f);
        put_floats(f, n->b[l], out);
        fprintf(f, ",\"activation\":{\"name\":\"%s\"}}", soma_activation_name(s->act[l]));
    }
    fputs("]}\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

static double reference_act(soma_activation a, double z, int clip_relu)
{
    switch (a) {
    case SOMA_ACT_SIGMOID: return 1.0 / (1.0 + exp(-z));
    case SOMA_ACT_TANH: return tanh(z);
    case SOMA_ACT_RELU: return z > 0.0 ? (clip_relu && z > 1.0 ? 1.0 : z) : 0.0;
    default: return z;
    }
}

void bench_reference(const bench_net *n, const float *x, double *y, int clip_relu)
{
    const bench_shape *s = n->shape;
    double a[BENCH_MAX_WIDTH], b[BENCH_MAX_WIDTH];
    double *cur = a;
    size_t l, o, i;
    for (i = 0; i < s->width[0]; i++) {
        a[i] = (double)x[i];
    }
    for (l = 0; l < s->layers; l++) {
        const size_t in = s->width[l], out = s->width[l + 1];
        double *dst = l + 1 == s->layers ? y : (cur == a ? b : a);
        for (o = 0; o < out; o++) {
            double acc = (double)n->b[l][o];
            for (i = 0; i < in; i++) {
                acc += (double)n->w[l][o * in + i] * cur[i];
            }
            dst[o] = reference_act(s->act[l], acc, clip_relu);
        }
        if (s->act[l] == SOMA_ACT_SOFTMAX) {
            double m = dst[0], sum = 0.0;
            for (o = 1; o < out; o++) {
                m = dst[o] > m ? dst[o] : m;
            }
            for (o = 0; o < out; o++) {
                dst[o] = exp(dst[o] - m);
                sum += dst[o];
            }
            for (o = 0; o < out; o++) {
                dst[o] /= sum;
            }
        }
        cur = dst;
    }
}

static float spec_act(soma_activation a, float z)
{
    switch (a) {
    case SOMA_ACT_SIGMOID: return 1.0f / (1.0f + soma_expf(-z));
    case SOMA_ACT_TANH: return soma_tanhf(z);
    case SOMA_ACT_RELU: return z > 0.0f ? z : 0.0f;
    default: return z;
    }
}

void bench_spec_run(const bench_net *n, const float *x, float *y)
{
    const bench_shape *s = n->shape;
    float a[BENCH_MAX_WIDTH], b[BENCH_MAX_WIDTH];
    const float *cur = x;
    size_t l, o, i;
    for (l = 0; l < s->layers; l++) {
        const size_t in = s->width[l], out = s->width[l + 1];
        float *dst = l + 1 == s->layers ? y : (cur == a ? b : a);
        for (o = 0; o < out; o++) {
            float acc = n->b[l][o];
            for (i = 0; i < in; i++) {
                acc = fmaf(n->w[l][o * in + i], cur[i], acc); /* glibc's fmaf: fused, correctly rounded */
            }
            dst[o] = spec_act(s->act[l], acc);
        }
        if (s->act[l] == SOMA_ACT_SOFTMAX) {
            float m = dst[0], sum;
            for (o = 1; o < out; o++) {
                m = dst[o] >= m ? dst[o] : m;
            }
            for (o = 0; o < out; o++) {
                dst[o] = soma_expf(dst[o] - m);
            }
            sum = dst[0];
            for (o = 1; o < out; o++) {
                sum = sum + dst[o];
            }
            for (o = 0; o < out; o++) {
                dst[o] = dst[o] / sum;
            }
        }
        cur = dst;
    }
}
