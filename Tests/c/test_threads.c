/*
 * test_threads.c — one loaded model, many threads: THREADS pthreads run the
 * same `const soma_model` on INPUTS input vectors at once (soma_run,
 * soma_run_batch and soma_run_layers, in turns) and every output must equal,
 * bit for bit, what a single thread computed first. `make test-tsan` builds
 * it and the runtime with gcc's ThreadSanitizer.
 *
 *   build/test_threads [MODEL.json]   (default: a generated 24-64-32-10 model)
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma.h"

#define THREADS 6
#define INPUTS 600
#define MAX_IO 64

#define STORAGE_FLOATS (1u << 18)

static soma_model model;
static float storage[STORAGE_FLOATS];
static size_t n_in, n_out, n_layers_total;
static float inputs[INPUTS][MAX_IO];
static float reference[INPUTS][MAX_IO];

typedef struct worker {
    int id;
    long mismatches;
    long errors;
} worker;

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state;
}

static float uniform(uint32_t *state, float scale)
{
    return ((float)(next_random(state) >> 8) / 16777216.0f * 2.0f - 1.0f) * scale;
}

/* Appends `count` random numbers as a JSON array to `out` at *at. */
static void put_numbers(char *out, size_t *at, size_t cap, uint32_t *seed, size_t count, float scale)
{
    size_t k;
    *at += (size_t)snprintf(out + *at, cap - *at, "[");
    for (k = 0; k < count; k++) {
        *at += (size_t)snprintf(out + *at, cap - *at, k == 0 ? "%.9g" : ",%.9g",
                                (double)uniform(seed, scale));
    }
    *at += (size_t)snprintf(out + *at, cap - *at, "]");
}

/* A 24-64-32-10 model: scaling, dense+tanh, batchnorm+prelu, dense+swish, dense+softmax. */
static char *generated_model(void)
{
    const size_t cap = 1 << 20;
    char *out = malloc(cap);
    size_t at = 0, o;
    uint32_t seed = 7u;
    static const size_t w[] = {24, 64, 32, 10};
    if (out == NULL) {
        return NULL;
    }
    at += (size_t)snprintf(out + at, cap - at,
                           "{\"format\":\"soma-model\",\"version\":1,\"name\":\"threads\","
                           "\"inputs\":24,\"outputs\":10,\"input_scaling\":{\"mean\":");
    put_numbers(out, &at, cap, &seed, 24, 1.0f);
    at += (size_t)snprintf(out + at, cap - at, ",\"std\":[");
    for (o = 0; o < 24; o++) {
        at += (size_t)snprintf(out + at, cap - at, o == 0 ? "%.9g" : ",%.9g",
                               (double)(1.5f + uniform(&seed, 1.0f)));
    }
    at += (size_t)snprintf(out + at, cap - at, "]},\"layers\":[");
    {
        static const char *const acts[] = {"{\"name\":\"tanh\"}", "{\"name\":\"swish\",\"beta\":1.5}",
                                           "{\"name\":\"softmax\"}"};
        size_t l;
        for (l = 0; l < 3; l++) {
            at += (size_t)snprintf(out + at, cap - at,
                                   "%s{\"type\":\"dense\",\"inputs\":%zu,\"outputs\":%zu,"
                                   "\"layout\":\"output-major\",\"weights\":[",
                                   l == 0 ? "" : ",", w[l], w[l + 1]);
            for (o = 0; o < w[l + 1]; o++) {
                if (o > 0) {
                    out[at++] = ',';
                }
                put_numbers(out, &at, cap, &seed, w[l], 0.5f);
            }
            at += (size_t)snprintf(out + at, cap - at, "],\"bias\":");
            put_numbers(out, &at, cap, &seed, w[l + 1], 0.1f);
            at += (size_t)snprintf(out + at, cap - at, ",\"activation\":%s}", acts[l]);
            if (l == 0) {
                at += (size_t)snprintf(out + at, cap - at,
                                       ",{\"type\":\"batchnorm\",\"size\":64,\"epsilon\":0.001,"
                                       "\"gamma\":");
                put_numbers(out, &at, cap, &seed, 64, 1.0f);
                at += (size_t)snprintf(out + at, cap - at, ",\"beta\":");
                put_numbers(out, &at, cap, &seed, 64, 0.2f);
                at += (size_t)snprintf(out + at, cap - at, ",\"mean\":");
                put_numbers(out, &at, cap, &seed, 64, 0.2f);
                at += (size_t)snprintf(out + at, cap - at, ",\"variance\":[");
                for (o = 0; o < 64; o++) {
                    at += (size_t)snprintf(out + at, cap - at, o == 0 ? "%.9g" : ",%.9g",
                                           (double)(1.0f + uniform(&seed, 0.5f)));
                }
                at += (size_t)snprintf(out + at, cap - at, "],\"activation\":{\"name\":\"prelu\",\"alpha\":");
                put_numbers(out, &at, cap, &seed, 64, 0.3f);
                at += (size_t)snprintf(out + at, cap - at, "}}");
            }
        }
    }
    (void)snprintf(out + at, cap - at, "]}");
    return out;
}

static void *work(void *arg)
{
    worker *self = arg;
    float out[MAX_IO * 8];
    float layers[4 * SOMA_MAX_WIDTH];
    int round;
    size_t k, j;
    for (round = 0; round < 3; round++) {
        for (k = 0; k < INPUTS; k++) {
            /* Each thread starts at its own place, so they overlap in every way. */
            const size_t at = (k + (size_t)self->id * 97) % INPUTS;
            const int how = (int)((at + (size_t)round + (size_t)self->id) % 3);
            const float *want = reference[at];
            const float *got = out;
            soma_status status;
            if (how == 0) {
                status = soma_run(&model, inputs[at], n_in, out, n_out, NULL);
            } else if (how == 1 || n_layers_total > sizeof layers / sizeof layers[0]) {
                /* One row of a batch: rows are independent, so run it alone. */
                status = soma_run_batch(&model, inputs[at], 1, n_in, out, n_out, NULL);
            } else {
                status = soma_run_layers(&model, inputs[at], n_in, layers, n_layers_total, NULL);
                got = layers + n_layers_total - n_out;
            }
            if (status != SOMA_OK) {
                self->errors++;
                continue;
            }
            for (j = 0; j < n_out; j++) {
                if (memcmp(&got[j], &want[j], sizeof(float)) != 0) {
                    self->mismatches++;
                }
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t threads[THREADS];
    worker workers[THREADS];
    soma_error error;
    soma_status status;
    uint32_t seed = 99u;
    long mismatches = 0, errors = 0;
    size_t k, j;
    int t;

    if (argc > 1) {
        status = soma_load_file(&model, storage, STORAGE_FLOATS, argv[1], &error);
    } else {
        char *text = generated_model();
        if (text == NULL) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        status = soma_load_string(&model, storage, STORAGE_FLOATS, text, strlen(text), &error);
        free(text);
    }
    if (status != SOMA_OK) {
        fprintf(stderr, "cannot load: %s\n", error.message);
        return 1;
    }
    n_in = soma_input_count(&model);
    n_out = soma_output_count(&model);
    if (n_in > MAX_IO || n_out > MAX_IO) {
        fprintf(stderr, "model too wide for this test (%zu -> %zu)\n", n_in, n_out);
        return 1;
    }
    for (k = 0; k < soma_layer_count(&model); k++) {
        n_layers_total += soma_layer_outputs(&model, k);
    }
    for (k = 0; k < INPUTS; k++) {
        for (j = 0; j < n_in; j++) {
            inputs[k][j] = uniform(&seed, 3.0f);
        }
        if (soma_run(&model, inputs[k], n_in, reference[k], n_out, &error) != SOMA_OK) {
            fprintf(stderr, "reference run: %s\n", error.message);
            return 1;
        }
    }
    for (t = 0; t < THREADS; t++) {
        workers[t].id = t;
        workers[t].mismatches = 0;
        workers[t].errors = 0;
        if (pthread_create(&threads[t], NULL, work, &workers[t]) != 0) {
            fprintf(stderr, "cannot start thread %d\n", t);
            return 1;
        }
    }
    for (t = 0; t < THREADS; t++) {
        (void)pthread_join(threads[t], NULL);
        mismatches += workers[t].mismatches;
        errors += workers[t].errors;
    }
    printf("%d threads x %d inputs x 3 rounds on one model (%zu -> %zu): "
           "%ld mismatched values, %ld errors\n",
           THREADS, INPUTS, n_in, n_out, mismatches, errors);
    return mismatches == 0 && errors == 0 ? 0 : 1;
}
