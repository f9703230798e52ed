/*
 * model_rows.h — the lines the two bit-comparing harnesses print for one input
 * row of a model: the output, " |", then every layer's output (soma_run_layers),
 * each value as its 8-digit hexadecimal bit pattern. And the seeded rows both
 * draw. Tests/export-c/run_model.c compares the JSON path with generated C on
 * one machine; Tests/cross/run_rows.c compares machines. One copy here keeps
 * their lines, and their seeded inputs, the same. No heap, no file: it runs
 * bare metal too.
 */
#ifndef SOMA_TESTS_MODEL_ROWS_H
#define SOMA_TESTS_MODEL_ROWS_H

#include <stdint.h>
#include <stdio.h>

#include "soma.h"
#include "float_bits.h"

static inline void model_rows_print_bits(const float *values, size_t count)
{
    size_t k;
    for (k = 0; k < count; k++) {
        printf("%s%08lx", k == 0 ? "" : " ", (unsigned long)float_bits(values[k]));
    }
}

/* Runs `input` through `m` and prints its line; a refusal goes to `errors`
   (stdout where there is no stderr worth reading) and returns 1. */
static inline int model_rows_print(const soma_model *m, const float *input, size_t row, FILE *errors)
{
    static float output[SOMA_MAX_WIDTH];
    static float layers[SOMA_MAX_WIDTH * SOMA_MAX_LAYERS];
    size_t total = 0, k;
    soma_error error;
    for (k = 0; k < soma_layer_count(m); k++) {
        total += soma_layer_outputs(m, k);
    }
    if (soma_run(m, input, soma_input_count(m), output, soma_output_count(m), &error) != SOMA_OK ||
        soma_run_layers(m, input, soma_input_count(m), layers, total, &error) != SOMA_OK) {
        fprintf(errors, "row %lu: %s\n", (unsigned long)row, error.message);
        return 1;
    }
    model_rows_print_bits(output, soma_output_count(m));
    printf(" |");
    model_rows_print_bits(layers, total);
    printf("\n");
    return 0;
}

/* Fills `input` (n values) with seeded row `row` from a 64-bit LCG: values in
   [-scale, scale), the scale cycling 1, 4, 16 by row so that saturating units
   are reached too. */
static inline void model_rows_seeded(uint64_t *state, float *input, size_t n, size_t row)
{
    const float scale = row % 3 == 0 ? 1.0f : row % 3 == 1 ? 4.0f : 16.0f;
    size_t k;
    for (k = 0; k < n; k++) {
        *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
        input[k] = ((float)(*state >> 40) / 16777216.0f * 2.0f - 1.0f) * scale;
    }
}

#endif
