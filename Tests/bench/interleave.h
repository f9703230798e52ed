/*
 * interleave.h — compare contenders fairly on a machine whose speed drifts.
 *
 * Shared machines (and some CPUs on their own) switch between a fast and a
 * slower state for long stretches, so timing A, then B, compares the states,
 * not A and B. Here every contender runs once per round, in a rotated order,
 * on one pinned core; each round times one block (~300 µs by default) per
 * contender, and a ratio is taken inside each round, where both saw the same
 * machine. The figure to quote is the median of those per-round ratios,
 * with their spread.
 *
 * Usage:
 *
 *     static void run_soma(void *ctx, size_t reps) { ... reps calls ... }
 *     static void run_fann(void *ctx, size_t reps) { ... reps calls ... }
 *
 *     ilv_contender c[] = {{"Soma", run_soma, &soma_ctx}, {"FANN", run_fann, &fann_ctx}};
 *     static ilv_run run;                      (large: keep it static)
 *     ilv_options o = ilv_default_options();   (300 µs blocks, 31 rounds, CPU clock)
 *     ilv_pin_to_one_core();                   (once, before measuring)
 *     if (ilv_measure(c, 2, &o, &run) != 0) ... (bad arguments)
 *     ilv_median_ns(&run, 0)                   median ns per call of Soma
 *     ilv_ratio_of(&run, 0, 1)                 Soma's time ÷ FANN's, round by round:
 *                                              .median, .p10, .p90, .min, .max
 *
 * Blocks are timed on the thread's CPU clock by default: time the scheduler
 * gives to other processes (seven builds on two cores) is not counted
 * against whoever was running. ILV_CLOCK_WALL times wall-clock instead (for
 * work that waits, such as reading a file that is not cached).
 *
 * A call longer than the block (a 100 ms load) is timed alone: one call per
 * block. `max_seconds` stops early (after at least ILV_MIN_ROUNDS rounds)
 * when a set of slow contenders would take too long.
 */
#ifndef SOMA_BENCH_INTERLEAVE_H
#define SOMA_BENCH_INTERLEAVE_H

#include <stddef.h>

#define ILV_MAX_CONTENDERS 16
#define ILV_MAX_ROUNDS 401
#define ILV_MIN_ROUNDS 7

typedef struct ilv_contender {
    const char *name;
    void (*run)(void *ctx, size_t reps); /* do the work `reps` times */
    void *ctx;
} ilv_contender;

typedef enum ilv_clock {
    ILV_CLOCK_THREAD_CPU, /* CLOCK_THREAD_CPUTIME_ID: this thread's time on a core */
    ILV_CLOCK_WALL        /* CLOCK_MONOTONIC */
} ilv_clock;

typedef struct ilv_options {
    double block_ns;    /* target time of one contender's block in a round */
    size_t rounds;      /* rounds wanted, at most ILV_MAX_ROUNDS */
    double max_seconds; /* stop after this long (0: no limit), never before ILV_MIN_ROUNDS */
    ilv_clock clock;    /* what a block is timed on */
} ilv_options;

typedef struct ilv_run {
    size_t count;                                     /* contenders */
    size_t rounds;                                    /* rounds run */
    size_t reps[ILV_MAX_CONTENDERS];                  /* calls per block, from calibration */
    double ns[ILV_MAX_ROUNDS][ILV_MAX_CONTENDERS];    /* ns per call, per round */
} ilv_run;

typedef struct ilv_ratio {
    double median, p10, p90, min, max;
} ilv_ratio;

/* 300 µs blocks, 31 rounds, no time limit, the thread's CPU clock. */
ilv_options ilv_default_options(void);

/* Pins the process to the core it is running on. Returns that core, or -1 where it cannot. */
int ilv_pin_to_one_core(void);

/* Calibrates each contender's block, then runs the rounds. 0, or -1 on bad arguments. */
int ilv_measure(const ilv_contender *contenders, size_t count, const ilv_options *options, ilv_run *run);

/* Median over the rounds of contender c's ns per call. */
double ilv_median_ns(const ilv_run *run, size_t c);

/* Per-round ratio of contender num's time to contender den's: median and spread. */
ilv_ratio ilv_ratio_of(const ilv_run *run, size_t num, size_t den);

/* "1.23× (1.10–1.40)": the median and the 10th–90th percentile of a ratio. */
void ilv_format_ratio(char *out, size_t size, ilv_ratio r);

#endif
