/*
 * soma_run.c — runs a Soma model over CSV rows: `soma-run MODEL < rows.csv`,
 * or checks it against its own self-test vectors: `soma-run --verify MODEL`.
 *
 * Each non-blank line of standard input holds one input vector as
 * comma-separated numbers; each output vector is printed as comma-separated
 * %.9g values (enough digits to read back the same binary32 value). The
 * model's parameter storage is sized from soma_requirements_file() and
 * allocated once; the model and the row buffers are static: nothing is
 * allocated per row.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma.h"

/* Longest accepted input line, newline included. */
#define LINE_BYTES 65536

static soma_model model;
static float *storage; /* the model's parameters: exactly what the requirements say */
static char line[LINE_BYTES];
static float input[SOMA_MAX_WIDTH];
static float output[SOMA_MAX_WIDTH];

static void usage(FILE *out)
{
    fprintf(out,
            "usage: soma-run MODEL < rows.csv\n"
            "       soma-run --verify MODEL\n"
            "\n"
            "Loads the Soma model file MODEL (docs/model-format.md) and runs it on\n"
            "every line of standard input: comma-separated numbers, one input\n"
            "vector per line (blank lines are skipped). Prints one line of\n"
            "comma-separated outputs per input line. Lines are at most %d bytes.\n"
            "Exits 1 with a message on the first error.\n"
            "\n"
            "--verify recomputes the model's self_test vectors and prints\n"
            "\"MODEL: self-test passed (N vectors, L layers)\" or the first value\n"
            "that differs; exits 1 if one differs or the model cannot be loaded.\n",
            LINE_BYTES - 2);
}

static int is_blank(const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') {
            return 0;
        }
    }
    return 1;
}

/*
 * Parses the comma-separated numbers of `text` into input[]. Returns the
 * count, or -1 after printing what is wrong with line `number`.
 */
static long parse_row(char *text, unsigned long number, size_t expected)
{
    size_t count = 0;
    char *p = text;
    for (;;) {
        char *end;
        float value;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (count == SOMA_MAX_WIDTH) {
            fprintf(stderr, "soma-run: line %lu: more than %d values, expected %zu\n", number,
                    SOMA_MAX_WIDTH, expected);
            return -1;
        }
        errno = 0;
        value = strtof(p, &end);
        if (end == p) {
            fprintf(stderr, "soma-run: line %lu: value %zu is %s\n", number, count + 1,
                    (*p == ',' || *p == '\r' || *p == '\n' || *p == '\0') ? "empty"
                                                                        : "not a number");
            return -1;
        }
        input[count++] = value;
        p = end;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '\r') {
            p++;
        }
        if (*p == '\n') {
            p++;
        }
        if (*p != '\0') {
            fprintf(stderr, "soma-run: line %lu: unexpected text after value %zu\n", number,
                    count);
            return -1;
        }
        return (long)count;
    }
}

/*
 * Measures the model, allocates exactly the storage it needs, then loads it
 * (and checks its self-test when `report` is not NULL). Exits on failure.
 */
static void load(const char *path, soma_verify_report *report)
{
    soma_error error;
    soma_requirements req;
    soma_status status = soma_requirements_file(path, &req, &error);
    if (status == SOMA_OK) {
        /* Over a SOMA_MAX_* limit the load refuses the model with the limit's name:
         * no storage is needed for that. */
        const size_t floats = req.fits ? req.params : 1;
        storage = malloc(floats * sizeof *storage);
        if (storage == NULL) {
            fprintf(stderr, "soma-run: %s: out of memory for %zu parameters\n", path, req.params);
            exit(1);
        }
        status = report != NULL ? soma_verify_file(&model, storage, floats, path, report, &error)
                                : soma_load_file(&model, storage, floats, path, &error);
    }
    if (status != SOMA_OK) {
        if (report != NULL) {
            fprintf(stderr, "soma-run: %s: %s (%s)\n", path, error.message,
                    soma_status_string(status));
        } else {
            fprintf(stderr, "soma-run: %s: %s\n", path, error.message);
        }
        exit(1);
    }
}

int main(int argc, char **argv)
{
    soma_error error;
    unsigned long number = 0;
    size_t inputs, outputs, k;

    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--verify") == 0) {
        soma_verify_report report;
        load(argv[2], &report);
        printf("%s: %s\n", argv[2], report.message);
        free(storage);
        return 0;
    }
    if (argc != 2 || argv[1][0] == '-') {
        usage(stderr);
        return 1;
    }
    load(argv[1], NULL);
    inputs = soma_input_count(&model);
    outputs = soma_output_count(&model);

    while (fgets(line, sizeof line, stdin) != NULL) {
        long count;
        number++;
        if (strchr(line, '\n') == NULL && !feof(stdin)) {
            fprintf(stderr, "soma-run: line %lu: longer than %d bytes\n", number,
                    LINE_BYTES - 2);
            return 1;
        }
        if (is_blank(line)) {
            continue;
        }
        count = parse_row(line, number, inputs);
        if (count < 0) {
            return 1;
        }
        if ((size_t)count != inputs) {
            fprintf(stderr, "soma-run: line %lu: %ld values, expected %zu\n", number, count,
                    inputs);
            return 1;
        }
        if (soma_run(&model, input, inputs, output, outputs, &error) != SOMA_OK) {
            fprintf(stderr, "soma-run: line %lu: %s\n", number, error.message);
            return 1;
        }
        for (k = 0; k < outputs; k++) {
            printf(k == 0 ? "%.9g" : ",%.9g", (double)output[k]);
        }
        putchar('\n');
    }
    if (ferror(stdin)) {
        fprintf(stderr, "soma-run: cannot read standard input: %s\n", strerror(errno));
        return 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "soma-run: cannot write standard output\n");
        return 1;
    }
    return 0;
}
