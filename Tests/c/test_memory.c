/*
 * test_memory.c — running out of memory during a load is SOMA_E_MEMORY, not
 * a JSON, I/O or format error, and leaves nothing loaded or leaked.
 *
 *   build/test_memory FILE...
 *
 * malloc, calloc and realloc are interposed for the whole process. The ones
 * the runtime itself calls (the caller's address lies in this executable,
 * which links libsoma.a statically) are counted and may be made to fail; those
 * json-c makes internally are left alone, because json-c 0.16 does not survive
 * them (a failed key copy in json_object_object_add_ex reaches strlen(NULL)).
 * For each file, a first load counts the runtime's allocations N; then, for
 * every k in 1..N, a load and a verify run with the k-th failing (errno
 * ENOMEM, as malloc sets it). Each must end in
 * SOMA_OK (the failure was survivable) or SOMA_E_MEMORY with "memory" in the
 * message, with the model unloaded; at least one must be SOMA_E_MEMORY.
 * Ends with "N passed, N failed".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

/* Linker-provided bounds of this executable's code. */
extern char __executable_start[];
extern char etext[];

static unsigned long calls;   /* the runtime's allocations so far */
static unsigned long fail_at; /* the allocation that fails (1-based); 0: none */

static int should_fail(const void *caller)
{
    if ((const char *)caller < __executable_start || (const char *)caller >= etext) {
        return 0;
    }
    calls++;
    if (fail_at != 0 && calls == fail_at) {
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *malloc(size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size)
{
    return should_fail(__builtin_return_address(0)) ? NULL : __libc_realloc(pointer, size);
}

#define STORAGE_FLOATS 4096

static soma_model model;
static float storage[STORAGE_FLOATS];
static int passed, failed;

static void check(int ok, const char *path, unsigned long k, const char *what,
                  const soma_error *error)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL: %s, allocation %lu failing: %s (status %d: %s)\n", path, k, what,
                (int)error->status, error->message);
    }
}

/*
 * An integer whose json-c text differs from the file's ("-0"): the loader keeps
 * a heap copy of the original, one more allocation of its own.
 */
static const char negative_zero[] =
    "{\"format\":\"soma-model\",\"version\":1,\"name\":\"z\",\"inputs\":1,\"outputs\":1,"
    "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
    "\"weights\":[[1]],\"bias\":[-0],\"activation\":{\"name\":\"identity\"}}]}";

/*
 * One load (verify = 0) or verification (1) of the file at `path` (or of the
 * text above when path is NULL) with allocation k failing; returns its status.
 */
static soma_status attempt(const char *path, int verify, unsigned long k)
{
    soma_error error;
    soma_verify_report report;
    soma_status status;
    const size_t length = sizeof negative_zero - 1;
    calls = 0;
    fail_at = k;
    if (path == NULL) {
        status = verify ? soma_verify_string(&model, storage, STORAGE_FLOATS, negative_zero,
                                             length, &report, &error)
                        : soma_load_string(&model, storage, STORAGE_FLOATS, negative_zero, length,
                                           &error);
        path = "a model with -0";
    } else {
        status = verify ? soma_verify_file(&model, storage, STORAGE_FLOATS, path, &report, &error)
                        : soma_load_file(&model, storage, STORAGE_FLOATS, path, &error);
    }
    fail_at = 0;
    if (k == 0) {
        check(status == SOMA_OK, path, k, "loads with no failure", &error);
        return status;
    }
    check(status == SOMA_OK || status == SOMA_E_MEMORY, path, k, "SOMA_OK or SOMA_E_MEMORY",
          &error);
    if (status == SOMA_E_MEMORY) {
        check(strstr(error.message, "memory") != NULL, path, k, "the message says memory",
              &error);
        check(soma_input_count(&model) == 0 && model.params == NULL, path, k,
              "the model is left unloaded", &error);
    }
    return status;
}

int main(int argc, char **argv)
{
    int a, verify;
    for (a = 0; a < argc; a++) { /* argv[0]'s turn is the -0 text */
        const char *path = a == 0 ? NULL : argv[a];
        const char *name = a == 0 ? "a model with -0" : argv[a];
        for (verify = 0; verify < 2; verify++) {
            unsigned long total, k, memory = 0;
            soma_error none;
            attempt(path, verify, 0);
            total = calls;
            for (k = 1; k <= total; k++) {
                memory += attempt(path, verify, k) == SOMA_E_MEMORY;
            }
            none.status = SOMA_OK;
            none.message[0] = '\0';
            check(memory > 0, name, total, "some failing allocation gave SOMA_E_MEMORY", &none);
            printf("%s (%s): %lu allocations, %lu failures reported as SOMA_E_MEMORY\n", name,
                   verify ? "verify" : "load", total, memory);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && argc > 1 ? 0 : 1;
}
