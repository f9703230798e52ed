/* contenders.c — the run functions of contenders.h. */
#include "contenders.h"

#include "blas_net.h"
#include "fann_net.h"
#include "libm_core.h"
#include "naive_loop.h"

float bench_outputs_buffer[BENCH_BATCH * BENCH_MAX_WIDTH];

/* One input through `run`, `reps` times, row after row. */
#define ONE_INPUT(call)                                                                \
    do {                                                                               \
        bench_job *j = job;                                                            \
        const size_t in = bench_inputs(j->net->shape), out = bench_outputs(j->net->shape); \
        size_t k;                                                                      \
        for (k = 0; k < reps; k++) {                                                   \
            const size_t row = j->next++ % BENCH_BATCH;                                \
            const float *x = j->net->inputs + row * in;                                \
            float *y = bench_outputs_buffer + row * out;                               \
            (void)in, (void)out;                                                       \
            call;                                                                      \
        }                                                                              \
    } while (0)

/* The whole batch through `call`, `reps` times. */
#define WHOLE_BATCH(call)                                                              \
    do {                                                                               \
        bench_job *j = job;                                                            \
        const size_t in = bench_inputs(j->net->shape), out = bench_outputs(j->net->shape); \
        const float *x = j->net->inputs;                                               \
        float *y = bench_outputs_buffer;                                               \
        size_t k;                                                                      \
        (void)in, (void)out, (void)x, (void)y;                                         \
        for (k = 0; k < reps; k++) {                                                   \
            call;                                                                      \
        }                                                                              \
    } while (0)

/* 256 single calls of `call` over the batch's rows, `reps` times. */
#define EACH_ROW(call)                                                                 \
    do {                                                                               \
        bench_job *j = job;                                                            \
        const size_t in = bench_inputs(j->net->shape), out = bench_outputs(j->net->shape); \
        size_t k, row;                                                                 \
        for (k = 0; k < reps; k++) {                                                   \
            for (row = 0; row < BENCH_BATCH; row++) {                                  \
                const float *x = j->net->inputs + row * in;                            \
                float *y = bench_outputs_buffer + row * out;                           \
                call;                                                                  \
            }                                                                          \
        }                                                                              \
    } while (0)

void run_soma_one(void *job, size_t reps)
{
    ONE_INPUT((void)soma_run(j->model, x, in, y, out, NULL));
}

void run_soma_libm_one(void *job, size_t reps)
{
    ONE_INPUT((void)libm_soma_run(j->model, x, in, y, out, NULL));
}

void run_fann_one(void *job, size_t reps)
{
    ONE_INPUT(fann_net_run(j->ann, j->net, x, y));
}

void run_naive_o2_one(void *job, size_t reps)
{
    ONE_INPUT(naive_run_o2(j->net, x, y));
}

void run_naive_fast_one(void *job, size_t reps)
{
    ONE_INPUT(naive_run_fast(j->net, x, y));
}

void run_blas_one(void *job, size_t reps)
{
    ONE_INPUT(blas_run_one(j->net, x, y));
}

void run_soma_batch(void *job, size_t reps)
{
    WHOLE_BATCH((void)soma_run_batch(j->model, x, BENCH_BATCH, in, y, out, NULL));
}

void run_soma_libm_batch(void *job, size_t reps)
{
    WHOLE_BATCH((void)libm_soma_run_batch(j->model, x, BENCH_BATCH, in, y, out, NULL));
}

void run_soma_singles(void *job, size_t reps)
{
    EACH_ROW((void)soma_run(j->model, x, in, y, out, NULL));
}

void run_fann_batch(void *job, size_t reps)
{
    EACH_ROW(fann_net_run(j->ann, j->net, x, y));
}

void run_naive_o2_batch(void *job, size_t reps)
{
    EACH_ROW(naive_run_o2(j->net, x, y));
}

void run_naive_fast_batch(void *job, size_t reps)
{
    EACH_ROW(naive_run_fast(j->net, x, y));
}

void run_blas_batch(void *job, size_t reps)
{
    WHOLE_BATCH(blas_run_batch(j->net, x, BENCH_BATCH, y));
}
