/*
 * load_cycles.c — loads and unloads model files many times, for valgrind
 * (`make test-valgrind`): every load, good or bad, must free all it allocated.
 *
 *   build/load_cycles CYCLES FILE...
 *
 * Each cycle loads every file (soma_load_file; a good file also through
 * soma_load_string, soma_verify_file and soma_requirements_file) and unloads
 * it. Bad files are loaded CYCLES / 10 times: they fail early, and the loop
 * over them is there to catch a leak on an error path, which one cycle shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma.h"

#define STORAGE_FLOATS (1u << 20)

static soma_model model;
static float storage[STORAGE_FLOATS];

int main(int argc, char **argv)
{
    long cycles, c;
    int a, good = 0, bad = 0;
    if (argc < 3 || (cycles = strtol(argv[1], NULL, 10)) < 1) {
        fprintf(stderr, "usage: load_cycles CYCLES FILE...\n");
        return 2;
    }
    for (a = 2; a < argc; a++) {
        soma_error error;
        soma_verify_report report;
        soma_requirements req;
        const int ok = soma_load_file(&model, storage, STORAGE_FLOATS, argv[a], &error) == SOMA_OK;
        const long n = ok ? cycles : (cycles + 9) / 10;
        FILE *file = fopen(argv[a], "rb");
        char *text = NULL;
        long length = 0;
        if (file != NULL && fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) > 0 &&
            fseek(file, 0, SEEK_SET) == 0 && (text = malloc((size_t)length)) != NULL &&
            fread(text, 1, (size_t)length, file) != (size_t)length) {
            free(text);
            text = NULL;
        }
        if (file != NULL) {
            fclose(file);
        }
        for (c = 0; c < n; c++) {
            (void)soma_load_file(&model, storage, STORAGE_FLOATS, argv[a], &error);
            soma_unload(&model);
            (void)soma_verify_file(&model, storage, STORAGE_FLOATS, argv[a], &report, &error);
            soma_unload(&model);
            (void)soma_requirements_file(argv[a], &req, &error);
            if (text != NULL) {
                (void)soma_load_string(&model, storage, STORAGE_FLOATS, text, (size_t)length,
                                       &error);
                soma_unload(&model);
            }
        }
        free(text);
        good += ok;
        bad += !ok;
    }
    printf("%d good and %d bad files, %ld cycles (bad: %ld)\n", good, bad, cycles,
           (cycles + 9) / 10);
    return 0;
}
