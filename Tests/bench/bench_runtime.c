/*
 * bench_runtime.c — the C runtime against FANN and a naive loop, side by side
 * (`make bench`; results in docs/benchmarks.md, "C runtime").
 *
 *   build/bench_runtime [OUT_DIR]     (default: build; writes the model files there)
 *
 * Three shapes with random weights from a fixed seed: 2-2-1 sigmoid (XOR),
 * 64-32-10 ReLU/softmax (digits), 784-128-64-10 ReLU/softmax. For each:
 * single-input latency (median ns per input over many repeats) and batch-256
 * throughput (inputs/s, median) for
 *   - Soma: soma_run, and soma_run_batch on 256 rows;
 *   - FANN 2.2 (libfann, float): the same shape and weights through
 *     fann_create_standard and fann_set_weight_array. FANN has neither ReLU
 *     nor softmax: hidden ReLU layers use FANN_LINEAR_PIECE (a ReLU clipped
 *     at 1, the same cost) and the softmax output FANN_LINEAR; FANN has no
 *     batch call, so its batch is 256 fann_run calls;
 *   - naive: plain nested loops over output-major weights, acc += w * x
 *     (no fma), the same activations.
 * Then the load time of the 784-128-64-10 model from a file, in array form and
 * packed (base64-f32le) form. Prints a markdown table. Outputs are checked
 * against each other before timing (Soma vs naive within 1e-4; XOR vs FANN).
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fann.h>

#include "soma.h"

#define BATCH 256
#define SAMPLES 51
#define MAX_LAYERS 3
#define MAX_WIDTH 784

typedef struct shape {
    const char *name;
    size_t layers;                   /* dense layers */
    size_t width[MAX_LAYERS + 1];    /* inputs, then each layer's outputs */
    soma_activation act[MAX_LAYERS]; /* per layer */
} shape;

typedef struct net {
    const shape *s;
    float *w[MAX_LAYERS]; /* output-major: w[l][o * in + i] */
    float *b[MAX_LAYERS];
} net;

/* Static parameter storage, larger than any benchmark shape needs. */
#define STORAGE_FLOATS (1u << 21)

static soma_model model;
static float storage[STORAGE_FLOATS];
static float inputs[BATCH * MAX_WIDTH];
static float outputs[BATCH * MAX_WIDTH];
static volatile float sink;

static uint64_t rng = 0x9e3779b97f4a7c15u;

static float uniform(float scale)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return ((float)(rng >> 40) / 16777216.0f * 2.0f - 1.0f) * scale;
}

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* ---- The naive loop ---- */

static float act_one(soma_activation a, float z)
{
    switch (a) {
    case SOMA_ACT_SIGMOID: return 1.0f / (1.0f + expf(-z));
    case SOMA_ACT_RELU: return z > 0.0f ? z : 0.0f;
    default: return z;
    }
}

static void naive_run(const net *n, const float *x, float *y)
{
    float a[MAX_WIDTH], b[MAX_WIDTH];
    const float *cur = x;
    size_t l, o, i;
    for (l = 0; l < n->s->layers; l++) {
        const size_t in = n->s->width[l], out = n->s->width[l + 1];
        float *dst = (l + 1 == n->s->layers) ? y : (cur == a ? b : a);
        for (o = 0; o < out; o++) {
            const float *w = n->w[l] + o * in;
            float acc = n->b[l][o];
            for (i = 0; i < in; i++) {
                acc += w[i] * cur[i];
            }
            dst[o] = act_one(n->s->act[l], acc);
        }
        if (n->s->act[l] == SOMA_ACT_SOFTMAX) {
            float m = dst[0], s = 0.0f;
            for (o = 1; o < out; o++) {
                m = dst[o] > m ? dst[o] : m;
            }
            for (o = 0; o < out; o++) {
                dst[o] = expf(dst[o] - m);
                s += dst[o];
            }
            for (o = 0; o < out; o++) {
                dst[o] /= s;
            }
        }
        cur = dst;
    }
}

/* ---- Model files ---- */

static void put_base64(FILE *f, const float *v, size_t count)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char bytes[3];
    size_t total = 4 * count, k, filled = 0;
    for (k = 0; k < total; k++) {
        uint32_t u;
        memcpy(&u, &v[k / 4], sizeof u);
        bytes[filled++] = (unsigned char)(u >> (8 * (k % 4)));
        if (filled == 3 || k + 1 == total) {
            const uint32_t g = (uint32_t)bytes[0] << 16 | (filled > 1 ? (uint32_t)bytes[1] << 8 : 0) |
                               (filled > 2 ? bytes[2] : 0);
            fputc(digits[(g >> 18) & 63], f);
            fputc(digits[(g >> 12) & 63], f);
            fputc(filled > 1 ? digits[(g >> 6) & 63] : '=', f);
            fputc(filled > 2 ? digits[g & 63] : '=', f);
            filled = 0;
        }
    }
}

static void put_floats(FILE *f, const float *v, size_t count, int packed)
{
    size_t k;
    if (packed) {
        fprintf(f, "{\"encoding\":\"base64-f32le\",\"count\":%zu,\"data\":\"", count);
        put_base64(f, v, count);
        fputs("\"}", f);
        return;
    }
    fputc('[', f);
    for (k = 0; k < count; k++) {
        fprintf(f, k == 0 ? "%.9g" : ",%.9g", (double)v[k]);
    }
    fputc(']', f);
}

static int write_model(const net *n, const char *path, int packed)
{
    FILE *f = fopen(path, "w");
    size_t l, o;
    if (f == NULL) {
        return -1;
    }
    fprintf(f, "{\"format\":\"soma-model\",\"version\":1,\"name\":\"%s\",\"inputs\":%zu,\"outputs\":%zu,"
               "\"layers\":[",
            n->s->name, n->s->width[0], n->s->width[n->s->layers]);
    for (l = 0; l < n->s->layers; l++) {
        const size_t in = n->s->width[l], out = n->s->width[l + 1];
        fprintf(f, "%s\n{\"type\":\"dense\",\"inputs\":%zu,\"outputs\":%zu,\"layout\":\"output-major\",\"weights\":",
                l == 0 ? "" : ",", in, out);
        if (packed) {
            put_floats(f, n->w[l], in * out, 1);
        } else {
            fputc('[', f);
            for (o = 0; o < out; o++) {
                if (o > 0) {
                    fputc(',', f);
                }
                put_floats(f, n->w[l] + o * in, in, 0);
            }
            fputc(']', f);
        }
        fputs(",\"bias\":", f);
        put_floats(f, n->b[l], out, packed);
        fprintf(f, ",\"activation\":{\"name\":\"%s\"}}", soma_activation_name(n->s->act[l]));
    }
    fputs("]}\n", f);
    return fclose(f);
}

/* ---- FANN ---- */

static struct fann *fann_of(const net *n)
{
    unsigned int widths[MAX_LAYERS + 1];
    struct fann *ann;
    struct fann_connection *c;
    unsigned int total, k;
    size_t l, base_in = 0;
    for (l = 0; l <= n->s->layers; l++) {
        widths[l] = (unsigned int)n->s->width[l];
    }
    ann = fann_create_standard_array((unsigned int)n->s->layers + 1, widths);
    if (ann == NULL) {
        return NULL;
    }
    for (l = 0; l < n->s->layers; l++) {
        const soma_activation a = n->s->act[l];
        const enum fann_activationfunc_enum f =
            a == SOMA_ACT_SIGMOID ? FANN_SIGMOID : a == SOMA_ACT_RELU ? FANN_LINEAR_PIECE : FANN_LINEAR;
        fann_set_activation_function_layer(ann, f, (int)l + 1);
        fann_set_activation_steepness_layer(ann, 0.5f, (int)l + 1); /* sigmoid(2 * 0.5 * z) */
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
        size_t from = c[k].from_neuron, to = c[k].to_neuron, start = 0, layer = 0;
        /* Find the layer of `to`: layer l's neurons start after all earlier layers (+1 bias each). */
        for (l = 0; l <= n->s->layers; l++) {
            if (to < start + n->s->width[l] + 1) {
                layer = l;
                break;
            }
            start += n->s->width[l] + 1;
        }
        base_in = start - (n->s->width[layer - 1] + 1);
        {
            const size_t in = n->s->width[layer - 1], o = to - start, i = from - base_in;
            c[k].weight = i == in ? n->b[layer - 1][o] : n->w[layer - 1][o * in + i];
        }
    }
    fann_set_weight_array(ann, c, total);
    free(c);
    return ann;
}

/* ---- Timing ---- */

typedef enum runner { SOMA_ONE, SOMA_BATCH, FANN_ONE, FANN_BATCH, NAIVE_ONE, NAIVE_BATCH } runner;

typedef struct context {
    const net *n;
    struct fann *ann;
} context;

static void run_once(runner r, const context *c, size_t k)
{
    const size_t in = c->n->s->width[0], out = c->n->s->width[c->n->s->layers];
    size_t j;
    switch (r) {
    case SOMA_ONE:
        (void)soma_run(&model, inputs + (k % BATCH) * in, in, outputs, out, NULL);
        break;
    case SOMA_BATCH:
        (void)soma_run_batch(&model, inputs, BATCH, in, outputs, out, NULL);
        break;
    case FANN_ONE:
        sink = fann_run(c->ann, inputs + (k % BATCH) * in)[0];
        break;
    case FANN_BATCH:
        for (j = 0; j < BATCH; j++) {
            sink = fann_run(c->ann, inputs + j * in)[0];
        }
        break;
    case NAIVE_ONE:
        naive_run(c->n, inputs + (k % BATCH) * in, outputs);
        break;
    case NAIVE_BATCH:
        for (j = 0; j < BATCH; j++) {
            naive_run(c->n, inputs + j * in, outputs + j * out);
        }
        break;
    }
    sink = outputs[0];
}

/* Median ns per call: SAMPLES samples of `reps` calls, reps sized to ~100 us a sample. */
static double median_ns(runner r, const context *c)
{
    double samples[SAMPLES], t0;
    size_t reps = 1, k, s;
    for (;;) {
        t0 = now_ns();
        for (k = 0; k < reps; k++) {
            run_once(r, c, k);
        }
        if (now_ns() - t0 > 1e5 || reps > 1000000) {
            break;
        }
        reps *= 2;
    }
    for (s = 0; s < SAMPLES; s++) {
        t0 = now_ns();
        for (k = 0; k < reps; k++) {
            run_once(r, c, k);
        }
        samples[s] = (now_ns() - t0) / (double)reps;
    }
    qsort(samples, SAMPLES, sizeof samples[0], compare_doubles);
    return samples[SAMPLES / 2];
}

static double median_load_ms(const char *path)
{
    double samples[15];
    size_t s;
    soma_error error;
    for (s = 0; s < 15; s++) {
        const double t0 = now_ns();
        if (soma_load_file(&model, storage, STORAGE_FLOATS, path, &error) != SOMA_OK) {
            fprintf(stderr, "%s: %s\n", path, error.message);
            return -1.0;
        }
        samples[s] = (now_ns() - t0) / 1e6;
    }
    qsort(samples, 15, sizeof samples[0], compare_doubles);
    return samples[7];
}

static void format_ns(char *out, size_t size, double ns)
{
    if (ns < 1000.0) {
        snprintf(out, size, "%.0f ns", ns);
    } else {
        snprintf(out, size, "%.2f µs", ns / 1000.0);
    }
}

int main(int argc, char **argv)
{
    static const shape shapes[] = {
        {"xor-2-2-1", 2, {2, 2, 1, 0}, {SOMA_ACT_SIGMOID, SOMA_ACT_SIGMOID, SOMA_ACT_IDENTITY}},
        {"digits-64-32-10", 2, {64, 32, 10, 0}, {SOMA_ACT_RELU, SOMA_ACT_SOFTMAX, SOMA_ACT_IDENTITY}},
        {"mnist-784-128-64-10", 3, {784, 128, 64, 10}, {SOMA_ACT_RELU, SOMA_ACT_RELU, SOMA_ACT_SOFTMAX}},
    };
    const char *dir = argc > 1 ? argv[1] : "build";
    char path[512], packed_path[512];
    double load_array = 0.0, load_packed = 0.0;
    size_t si, l, k;
    int failed = 0;

    printf("| shape | runtime | single input (median) | batch of 256 (inputs/s) |\n");
    printf("|---|---|---:|---:|\n");
    for (si = 0; si < sizeof shapes / sizeof shapes[0]; si++) {
        const shape *s = &shapes[si];
        net n;
        context c;
        soma_error error;
        float ref[MAX_WIDTH];
        double ns[6];
        int r;
        n.s = s;
        for (l = 0; l < s->layers; l++) {
            const size_t in = s->width[l], out = s->width[l + 1];
            const float scale = sqrtf(6.0f / (float)(in + out));
            n.w[l] = malloc(in * out * sizeof(float));
            n.b[l] = malloc(out * sizeof(float));
            if (n.w[l] == NULL || n.b[l] == NULL) {
                return 1;
            }
            for (k = 0; k < in * out; k++) {
                n.w[l][k] = uniform(scale);
            }
            for (k = 0; k < out; k++) {
                n.b[l][k] = uniform(0.1f);
            }
        }
        for (k = 0; k < BATCH * s->width[0]; k++) {
            inputs[k] = (uniform(1.0f) + 1.0f) * 0.5f;
        }
        snprintf(path, sizeof path, "%s/bench_%s.json", dir, s->name);
        snprintf(packed_path, sizeof packed_path, "%s/bench_%s_packed.json", dir, s->name);
        if (write_model(&n, path, 0) != 0 || write_model(&n, packed_path, 1) != 0) {
            fprintf(stderr, "cannot write %s\n", path);
            return 1;
        }
        if (soma_load_file(&model, storage, STORAGE_FLOATS, packed_path, &error) != SOMA_OK ||
            soma_load_file(&model, storage, STORAGE_FLOATS, path, &error) != SOMA_OK) {
            fprintf(stderr, "%s: %s\n", path, error.message);
            return 1;
        }
        c.n = &n;
        c.ann = fann_of(&n);
        if (c.ann == NULL) {
            fprintf(stderr, "cannot build the FANN network\n");
            return 1;
        }
        /* The three agree before they are timed. */
        for (k = 0; k < 16; k++) {
            const size_t in = s->width[0], out = s->width[s->layers];
            fann_type *fy = fann_run(c.ann, inputs + k * in);
            naive_run(&n, inputs + k * in, ref);
            (void)soma_run(&model, inputs + k * in, in, outputs, out, NULL);
            for (l = 0; l < out; l++) {
                if (fabsf(outputs[l] - ref[l]) > 1e-4f) {
                    fprintf(stderr, "%s: Soma and naive disagree: %g vs %g\n", s->name,
                            (double)outputs[l], (double)ref[l]);
                    failed = 1;
                }
                if (si == 0 && fabsf(fy[l] - ref[l]) > 1e-4f) {
                    fprintf(stderr, "%s: FANN and naive disagree: %g vs %g\n", s->name,
                            (double)fy[l], (double)ref[l]);
                    failed = 1;
                }
            }
        }
        for (r = 0; r < 6; r++) {
            ns[r] = median_ns((runner)r, &c);
        }
        {
            static const char *const names[] = {"Soma", "FANN 2.2", "naive loop"};
            for (r = 0; r < 3; r++) {
                char one[32];
                format_ns(one, sizeof one, ns[2 * r]);
                printf("| %s | %s | %s | %.0f |\n", s->name, names[r], one,
                       (double)BATCH / ns[2 * r + 1] * 1e9);
            }
        }
        if (si == 2) {
            load_array = median_load_ms(path);
            load_packed = median_load_ms(packed_path);
            printf("\n| load %s (%zu parameters) | median |\n|---|---:|\n", s->name,
                   soma_param_count(&model));
            printf("| array form (%s) | %.2f ms |\n", path, load_array);
            printf("| packed base64-f32le (%s) | %.2f ms |\n", packed_path, load_packed);
        }
        fann_destroy(c.ann);
        for (l = 0; l < s->layers; l++) {
            free(n.w[l]);
            free(n.b[l]);
        }
    }
    return failed;
}
