/* fann_net.c — the FANN contender (fann_net.h). */
#include "fann_net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void fann_activation_of(soma_activation a, enum fann_activationfunc_enum *f, fann_type *steepness)
{
    switch (a) {
    case SOMA_ACT_SIGMOID: /* FANN: 1 / (1 + exp(-2 s z)) */
        *f = FANN_SIGMOID;
        *steepness = 0.5f;
        break;
    case SOMA_ACT_TANH: /* FANN: 2 / (1 + exp(-2 s z)) - 1 = tanh(s z) */
        *f = FANN_SIGMOID_SYMMETRIC;
        *steepness = 1.0f;
        break;
    case SOMA_ACT_RELU:
        *f = FANN_LINEAR_PIECE;
        *steepness = 1.0f;
        break;
    default:
        *f = FANN_LINEAR;
        *steepness = 1.0f;
        break;
    }
}

struct fann *fann_net_make(const bench_net *n)
{
    const bench_shape *s = n->shape;
    unsigned int widths[BENCH_MAX_LAYERS + 1];
    struct fann *ann;
    struct fann_connection *c;
    unsigned int total, k;
    size_t l;
    for (l = 0; l <= s->layers; l++) {
        widths[l] = (unsigned int)s->width[l];
    }
    ann = fann_create_standard_array((unsigned int)s->layers + 1, widths);
    if (ann == NULL) {
        return NULL;
    }
    for (l = 0; l < s->layers; l++) {
        enum fann_activationfunc_enum f;
        fann_type steepness;
        fann_activation_of(s->act[l], &f, &steepness);
        fann_set_activation_function_layer(ann, f, (int)l + 1);
        fann_set_activation_steepness_layer(ann, steepness, (int)l + 1);
    }
    /* Neurons are numbered layer after layer, each layer followed by its bias neuron. */
    total = fann_get_total_connections(ann);
    c = malloc(total * sizeof *c);
    if (c == NULL) {
        fann_destroy(ann);
        return NULL;
    }
    fann_get_connection_array(ann, c);
    for (k = 0; k < total; k++) {
        const size_t from = c[k].from_neuron, to = c[k].to_neuron;
        size_t start = 0, layer = 0, base_in, in;
        for (l = 0; l <= s->layers; l++) {
            if (to < start + s->width[l] + 1) {
                layer = l;
                break;
            }
            start += s->width[l] + 1;
        }
        in = s->width[layer - 1];
        base_in = start - (in + 1);
        c[k].weight = from - base_in == in ? n->b[layer - 1][to - start]
                                           : n->w[layer - 1][(to - start) * in + (from - base_in)];
    }
    fann_set_weight_array(ann, c, total);
    free(c);
    return ann;
}

void fann_net_run(struct fann *ann, const bench_net *n, const float *x, float *y)
{
    const bench_shape *s = n->shape;
    const size_t out = bench_outputs(s);
    /* fann_run takes a non-const input it only reads. */
    const fann_type *f = fann_run(ann, (fann_type *)x);
    size_t o;
    memcpy(y, f, out * sizeof *y);
    if (s->act[s->layers - 1] == SOMA_ACT_SOFTMAX) {
        float m = y[0], sum = 0.0f;
        for (o = 1; o < out; o++) {
            m = y[o] > m ? y[o] : m;
        }
        for (o = 0; o < out; o++) {
            y[o] = expf(y[o] - m);
            sum += y[o];
        }
        for (o = 0; o < out; o++) {
            y[o] /= sum;
        }
    }
}
