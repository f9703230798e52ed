/*
 * test_models.c — runs every model file it is given through the forward pass
 * and proves the runtime's promises about it:
 *
 *   build/test_models DIR_OR_FILE...      (every *.json in each directory)
 *
 * For each model: load it (or verify it, when it has self-test vectors, which
 * must pass), then run soma_run, soma_run_batch, soma_run_layers and
 * soma_run_with_scratch (given exactly soma_scratch_floats, and checked not
 * to write past them) on pseudo-random inputs and require that the four
 * agree bit for bit.
 *
 * Built with -DSOMA_COUNT_ALLOCS, this file interposes malloc, calloc, realloc
 * and free for the whole process (libc, libm and json-c included) and requires
 * that the forward pass makes zero calls to them: the counters are reset after
 * each load. Built with clang's -fsanitize=realtime, the forward pass (marked
 * SOMA_NONBLOCKING in soma.h) aborts the run if it allocates, locks or makes a
 * system call. Exits non-zero on any failure, and if no model was found.
 */
#define _POSIX_C_SOURCE 200809L /* opendir */

#include <dirent.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma.h"

#ifdef SOMA_COUNT_ALLOCS
/* glibc's own entry points, which its malloc and free call too. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);

static volatile unsigned long heap_calls;

void *malloc(size_t size)
{
    heap_calls++;
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    heap_calls++;
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size)
{
    heap_calls++;
    return __libc_realloc(pointer, size);
}

void free(void *pointer)
{
    if (pointer != NULL) {
        heap_calls++;
    }
    __libc_free(pointer);
}
#endif

#define ROWS 37 /* not a multiple of SOMA_BATCH_TILE: the last tile is partial */

/* Static storage for any model here (4 MiB): the "static array" way of loading. */
#define STORAGE_FLOATS (1u << 20)

static soma_model model;
static float storage[STORAGE_FLOATS];
static float inputs[ROWS * SOMA_MAX_WIDTH];
static float batch_out[ROWS * SOMA_MAX_WIDTH];
static float one_out[SOMA_MAX_WIDTH];
static float own_out[SOMA_MAX_WIDTH];
#define GUARD 16 /* floats after the scratch that must stay untouched */
static float scratch[2 * SOMA_MAX_WIDTH + GUARD];
static float layers_out[SOMA_MAX_LAYERS * SOMA_MAX_WIDTH];
static int failures;
static int models;
static unsigned long runs;

static void fail(const char *path, const char *what)
{
    fprintf(stderr, "FAILED: %s: %s\n", path, what);
    failures++;
}

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state;
}

static int same_bits(float a, float b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void run_model(const char *path)
{
    soma_error error;
    soma_verify_report report;
    soma_status status;
    size_t n_in, n_out, capacity = 0, last, r, k, scratch_floats;
    uint32_t seed = 12345u;
    int bad = 0;
#ifdef SOMA_COUNT_ALLOCS
    unsigned long calls;
#endif

#ifdef SOMA_COUNT_ALLOCS
    heap_calls = 0;
#endif
    status = soma_verify_file(&model, storage, STORAGE_FLOATS, path, &report, &error);
    if (status != SOMA_OK) {
        fail(path, error.message);
        return;
    }
#ifdef SOMA_COUNT_ALLOCS
    /* The load allocates (json-c): proof that the counters see the heap. */
    if (heap_calls == 0) {
        fail(path, "the interposed malloc saw no call during the load");
    }
#endif
    models++;
    n_in = soma_input_count(&model);
    n_out = soma_output_count(&model);
    for (k = 0; k < soma_layer_count(&model); k++) {
        capacity += soma_layer_outputs(&model, k);
    }
    last = capacity - n_out;
    scratch_floats = soma_scratch_floats(&model);
    if (scratch_floats == 0 || scratch_floats > 2 * SOMA_MAX_WIDTH) {
        fail(path, "soma_scratch_floats is 0 or more than 2 * SOMA_MAX_WIDTH");
        return;
    }
    for (k = 0; k < GUARD; k++) {
        scratch[scratch_floats + k] = -3.5f;
    }
    for (k = 0; k < ROWS * n_in; k++) {
        inputs[k] = (float)(next_random(&seed) >> 8) / 16777216.0f * 8.0f - 4.0f;
    }

#ifdef SOMA_COUNT_ALLOCS
    heap_calls = 0;
#endif
    if (soma_run_batch(&model, inputs, ROWS, n_in, batch_out, n_out, &error) != SOMA_OK) {
        bad = 1;
    }
    for (r = 0; r < ROWS && !bad; r++) {
        if (soma_run(&model, inputs + r * n_in, n_in, one_out, n_out, &error) != SOMA_OK ||
            soma_run_layers(&model, inputs + r * n_in, n_in, layers_out, capacity, &error) !=
                SOMA_OK ||
            soma_run_with_scratch(&model, inputs + r * n_in, n_in, own_out, n_out, scratch,
                                  scratch_floats, &error) != SOMA_OK) {
            bad = 1;
            break;
        }
        for (k = 0; k < n_out; k++) {
            /* The last layer's own output, then the output scaling as the spec writes it. */
            float expected = layers_out[last + k];
            if (model.has_output_scaling) {
                expected = fmaf(expected, model.params[model.out_std + k], model.params[model.out_mean + k]);
            }
            bad |= !same_bits(one_out[k], batch_out[r * n_out + k]);
            bad |= !same_bits(one_out[k], expected);
            bad |= !same_bits(one_out[k], own_out[k]);
        }
        for (k = 0; k < GUARD; k++) {
            bad |= !same_bits(scratch[scratch_floats + k], -3.5f);
        }
        runs += 4;
    }
#ifdef SOMA_COUNT_ALLOCS
    calls = heap_calls;
#endif
    if (bad) {
        fail(path, "soma_run, soma_run_batch, soma_run_layers and soma_run_with_scratch disagree, "
                   "failed, or wrote past the scratch");
    }
#ifdef SOMA_COUNT_ALLOCS
    if (calls != 0) {
        char what[96];
        snprintf(what, sizeof what, "the forward pass made %lu heap calls", calls);
        fail(path, what);
    }
#endif
    printf("%-48s %3zu -> %-3zu %s\n", path, n_in, n_out, report.message);
}

static int has_json_suffix(const char *name)
{
    const size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

int main(int argc, char **argv)
{
    int a;
    for (a = 1; a < argc; a++) {
        DIR *dir = opendir(argv[a]);
        struct dirent *entry;
        if (dir == NULL) {
            run_model(argv[a]);
            continue;
        }
        while ((entry = readdir(dir)) != NULL) {
            char path[1024];
            if (!has_json_suffix(entry->d_name)) {
                continue;
            }
            snprintf(path, sizeof path, "%s/%s", argv[a], entry->d_name);
            run_model(path);
        }
        closedir(dir);
    }
    printf("%d models, %lu runs, %d failed%s\n", models, runs, failures,
#ifdef SOMA_COUNT_ALLOCS
           ", zero heap calls required in the forward pass"
#else
           ""
#endif
    );
    return failures == 0 && models > 0 ? 0 : 1;
}
