/* math_calls.c — the per-call table of math_calls.h. */
#include "math_calls.h"

#include <math.h>
#include <stdio.h>

#include "soma_math.h"

#define CALLS 1024

static float inputs[CALLS];
static float results[CALLS];
/* Read once per pass, and a result written out per pass: otherwise the compiler
 * hoists a pure function's calls out of the loop, or drops them. */
static volatile float zero = 0.0f;
static volatile float sink;

#define CALL_LOOP(name, f)                          \
    static void name(void *ctx, size_t reps)        \
    {                                               \
        size_t k, i;                                \
        (void)ctx;                                  \
        for (k = 0; k < reps; k++) {                \
            const float z = zero;                   \
            for (i = 0; i < CALLS; i++) {           \
                results[i] = f(inputs[i] + z);      \
            }                                       \
            sink = results[k % CALLS];              \
        }                                           \
    }

CALL_LOOP(run_soma_expf, soma_expf)
CALL_LOOP(run_libm_expf, expf)
CALL_LOOP(run_soma_expm1f, soma_expm1f)
CALL_LOOP(run_libm_expm1f, expm1f)
CALL_LOOP(run_soma_tanhf, soma_tanhf)
CALL_LOOP(run_libm_tanhf, tanhf)

void math_calls_print_table(const ilv_options *options)
{
    static ilv_run run;
    const ilv_contender c[] = {
        {"exp", run_soma_expf, NULL},     {"expf", run_libm_expf, NULL},
        {"expm1", run_soma_expm1f, NULL}, {"expm1f", run_libm_expm1f, NULL},
        {"tanh", run_soma_tanhf, NULL},   {"tanhf", run_libm_tanhf, NULL},
    };
    size_t i;
    for (i = 0; i < CALLS; i++) {
        inputs[i] = -8.0f + 16.0f * ((float)i + 0.5f) / (float)CALLS;
    }
    if (ilv_measure(c, sizeof c / sizeof c[0], options, &run) != 0) {
        return;
    }
    printf("| function | Soma's, ns per call | glibc's, ns per call | Soma's ÷ glibc's (p10–p90) |\n");
    printf("|---|---:|---:|---:|\n");
    for (i = 0; i < sizeof c / sizeof c[0]; i += 2) {
        char ratio[48];
        ilv_format_ratio(ratio, sizeof ratio, ilv_ratio_of(&run, i, i + 1));
        printf("| `soma_%sf` / `%s` | %.1f | %.1f | %s |\n", c[i].name, c[i + 1].name,
               ilv_median_ns(&run, i) / CALLS, ilv_median_ns(&run, i + 1) / CALLS, ratio);
    }
    printf("\nRounds: %zu.\n", run.rounds);
}
