/*
 * contenders.h — every contender of the runtime benchmark as an
 * interleave.h run function over one net: one input per call (cycling
 * through the batch's rows) or 256 inputs per call. Each writes its outputs
 * at its row's place in bench_outputs, so a check before timing reads
 * exactly what the timed code computes.
 */
#ifndef SOMA_BENCH_CONTENDERS_H
#define SOMA_BENCH_CONTENDERS_H

#include <fann.h>

#include "bench_net.h"

typedef struct bench_job {
    const bench_net *net;
    const soma_model *model; /* the same weights, loaded from the file bench_net_write_model wrote */
    struct fann *ann;
    size_t next;             /* the row the next one-input call takes */
} bench_job;

extern float bench_outputs_buffer[BENCH_BATCH * BENCH_MAX_WIDTH];

/* One input per call. */
void run_soma_one(void *job, size_t reps);
void run_soma_libm_one(void *job, size_t reps);
void run_fann_one(void *job, size_t reps);
void run_naive_o2_one(void *job, size_t reps);
void run_naive_fast_one(void *job, size_t reps);
void run_blas_one(void *job, size_t reps);

/* 256 inputs per call. */
void run_soma_batch(void *job, size_t reps);
void run_soma_libm_batch(void *job, size_t reps);
void run_soma_singles(void *job, size_t reps); /* 256 calls of soma_run */
void run_fann_batch(void *job, size_t reps);
void run_naive_o2_batch(void *job, size_t reps);
void run_naive_fast_batch(void *job, size_t reps);
void run_blas_batch(void *job, size_t reps);

#endif
