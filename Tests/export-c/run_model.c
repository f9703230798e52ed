/*
 * run_model.c — prints the bits a model computes, for check_export_c.sh to
 * compare between the two ways of getting a model:
 *
 *   built with -DFROM_JSON: run_model MODEL.json SEED COUNT  (libsoma.a: the loader)
 *   built with -DMODEL_HEADER='"name.h"' -DMODEL=name_model:
 *                           run_model SEED COUNT             (libsoma_core.a alone)
 *
 * Runs every row of standard input (comma-separated numbers, read with strtof),
 * then COUNT rows drawn from a generator seeded with SEED, and prints for each
 * row every layer's output (soma_run_layers) and the output (soma_run) as
 * 8-digit hexadecimal bit patterns.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma.h"

#ifdef FROM_JSON
static soma_model model;
#define THE_MODEL (&model)
#else
#include MODEL_HEADER
#define THE_MODEL (&MODEL)
#endif

static float input[SOMA_MAX_WIDTH];
static float output[SOMA_MAX_WIDTH];
static float layers[SOMA_MAX_WIDTH * SOMA_MAX_LAYERS];
static char line[1 << 16];

static void print_bits(const float *values, size_t count)
{
    size_t k;
    for (k = 0; k < count; k++) {
        uint32_t bits;
        memcpy(&bits, &values[k], sizeof bits);
        printf("%s%08lx", k == 0 ? "" : " ", (unsigned long)bits);
    }
}

static int run_row(size_t row)
{
    const soma_model *m = THE_MODEL;
    size_t total = 0, k;
    soma_error error;
    for (k = 0; k < soma_layer_count(m); k++) {
        total += soma_layer_outputs(m, k);
    }
    if (soma_run(m, input, soma_input_count(m), output, soma_output_count(m), &error) != SOMA_OK ||
        soma_run_layers(m, input, soma_input_count(m), layers, total, &error) != SOMA_OK) {
        fprintf(stderr, "row %lu: %s\n", (unsigned long)row, error.message);
        return 1;
    }
    print_bits(output, soma_output_count(m));
    printf(" |");
    print_bits(layers, total);
    printf("\n");
    return 0;
}

/* A 64-bit LCG: the same rows in both builds. Values in [-scale, scale), the
 * scale cycling 1, 4, 16 by row so that saturating units are reached too. */
static uint64_t state;
static float next_uniform(void)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (float)(state >> 40) / 16777216.0f * 2.0f - 1.0f;
}

int main(int argc, char **argv)
{
    const soma_model *m = THE_MODEL;
    size_t row = 0, count, n, k;
    soma_error error;
    int arg = 1;
#ifdef FROM_JSON
    soma_requirements req;
    float *storage;
    if (argc != 4) {
        fprintf(stderr, "usage: run_model MODEL.json SEED COUNT < rows\n");
        return 2;
    }
    if (soma_requirements_file(argv[1], &req, &error) != SOMA_OK ||
        (storage = malloc(req.params * sizeof(float))) == NULL ||
        soma_load_file(&model, storage, req.params, argv[1], &error) != SOMA_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], error.message);
        return 1;
    }
    arg = 2;
#else
    if (argc != 3) {
        fprintf(stderr, "usage: run_model SEED COUNT < rows\n");
        return 2;
    }
    if (soma_model_check(m, &error) != SOMA_OK) {
        fprintf(stderr, "generated model: %s\n", error.message);
        return 1;
    }
#endif
    state = strtoull(argv[arg], NULL, 10);
    count = strtoul(argv[arg + 1], NULL, 10);
    n = soma_input_count(m);
    while (fgets(line, sizeof line, stdin) != NULL) {
        char *p = line;
        for (k = 0; k < n; k++) {
            char *end;
            input[k] = strtof(p, &end);
            if (end == p) {
                fprintf(stderr, "stdin row %lu: %lu numbers, expected %lu\n", (unsigned long)row,
                        (unsigned long)k, (unsigned long)n);
                return 1;
            }
            p = *end == ',' ? end + 1 : end;
        }
        if (run_row(row++) != 0) {
            return 1;
        }
    }
    for (; count > 0; count--) {
        const float scale = row % 3 == 0 ? 1.0f : row % 3 == 1 ? 4.0f : 16.0f;
        for (k = 0; k < n; k++) {
            input[k] = next_uniform() * scale;
        }
        if (run_row(row++) != 0) {
            return 1;
        }
    }
    return 0;
}
