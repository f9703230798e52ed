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
 * row the output and every layer's output as bit patterns
 * (Tests/common/model_rows.h, shared with Tests/cross/run_rows.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma.h"
#include "../common/model_rows.h"

#ifdef FROM_JSON
static soma_model model;
#define THE_MODEL (&model)
#else
#include MODEL_HEADER
#define THE_MODEL (&MODEL)
#endif

static float input[SOMA_MAX_WIDTH];
static char line[1 << 16];

int main(int argc, char **argv)
{
    const soma_model *m = THE_MODEL;
    size_t row = 0, count, n, k;
    uint64_t state;
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
#ifdef MODEL_SCRATCH_FLOATS
    /* The header's compile-time scratch is what the runtime asks for, no more and no less. */
    if ((size_t)MODEL_SCRATCH_FLOATS != soma_scratch_floats(m)) {
        fprintf(stderr, "generated header: NAME_SCRATCH_FLOATS is %lu, soma_scratch_floats %lu\n",
                (unsigned long)MODEL_SCRATCH_FLOATS, (unsigned long)soma_scratch_floats(m));
        return 1;
    }
#endif
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
        if (model_rows_print(m, input, row++, stderr) != 0) {
            return 1;
        }
    }
    for (; count > 0; count--) {
        model_rows_seeded(&state, input, n, row);
        if (model_rows_print(m, input, row++, stderr) != 0) {
            return 1;
        }
    }
    return 0;
}
