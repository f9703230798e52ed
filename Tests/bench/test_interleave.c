/*
 * test_interleave.c — the harness's order and arithmetic, with no timing
 * asserted (make test-bench-harness): every contender runs once per round,
 * the first one rotates and the direction turns every `count` rounds, medians,
 * percentiles and per-round ratios come out as computed by hand, and bad
 * arguments are refused.
 */
#include <math.h>
#include <stdio.h>

#include "interleave.h"

#define ROUNDS 12
#define COUNT 3
#define LOG_SIZE 4096

static int failures, passes;

#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (cond) {                                                             \
            passes++;                                                           \
        } else {                                                                \
            failures++;                                                         \
            fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                     \
            fprintf(stderr, __VA_ARGS__);                                       \
            fputc('\n', stderr);                                                \
        }                                                                       \
    } while (0)

/* Every block run, calibration first: the rounds are the last ROUNDS * COUNT entries. */
static int calls[LOG_SIZE];
static size_t logged;
static volatile double sink;

static void run_id(int id, size_t reps)
{
    size_t k;
    for (k = 0; k < reps; k++) {
        sink = sink + 1.0;
    }
    if (logged < LOG_SIZE) {
        calls[logged++] = id;
    }
}

static void run_a(void *ctx, size_t reps) { (void)ctx; run_id(0, reps); }
static void run_b(void *ctx, size_t reps) { (void)ctx; run_id(1, reps); }
static void run_c(void *ctx, size_t reps) { (void)ctx; run_id(2, reps); }

static const ilv_contender contenders[COUNT] = {{"a", run_a, NULL}, {"b", run_b, NULL}, {"c", run_c, NULL}};

static void test_order(void)
{
    static ilv_run run;
    ilv_options o = ilv_default_options();
    const int *rounds;
    size_t r, k;
    o.block_ns = 2000.0;
    o.rounds = ROUNDS;
    logged = 0;
    CHECK(ilv_measure(contenders, COUNT, &o, &run) == 0, "a valid measure was refused");
    CHECK(run.rounds == ROUNDS, "ran %zu rounds, asked for %d", run.rounds, ROUNDS);
    CHECK(logged >= ROUNDS * COUNT && logged < LOG_SIZE, "%zu blocks logged", logged);
    rounds = calls + (logged - ROUNDS * COUNT);
    /* Rounds 0-2 rotate forwards (abc, bca, cab), rounds 3-5 backwards (acb, bac, cba), and so on. */
    for (r = 0; r < ROUNDS; r++) {
        for (k = 0; k < COUNT; k++) {
            const size_t step = (r / COUNT) % 2 == 0 ? k : COUNT - 1 - k;
            const int expected = (int)((r + step) % COUNT);
            CHECK(rounds[r * COUNT + k] == expected, "round %zu, place %zu: contender %d ran, expected %d", r,
                  k, rounds[r * COUNT + k], expected);
        }
    }
    for (k = 0; k < COUNT; k++) {
        CHECK(run.reps[k] >= 1, "contender %zu: %zu calls per block", k, run.reps[k]);
        for (r = 0; r < ROUNDS; r++) {
            CHECK(run.ns[r][k] >= 0.0, "round %zu, contender %zu: %g ns", r, k, run.ns[r][k]);
        }
    }
}

static void test_statistics(void)
{
    static ilv_run run;
    size_t r;
    ilv_ratio q;
    /* Eleven rounds: contender 0 takes 100 ns, contender 1 takes 10, 20, ..., 110 ns in a shuffled order. */
    static const double shuffled[11] = {60, 10, 110, 30, 90, 20, 100, 50, 40, 80, 70};
    run.count = 2;
    run.rounds = 11;
    for (r = 0; r < 11; r++) {
        run.ns[r][0] = 100.0;
        run.ns[r][1] = shuffled[r];
    }
    CHECK(ilv_median_ns(&run, 0) == 100.0, "median %g, expected 100", ilv_median_ns(&run, 0));
    CHECK(ilv_median_ns(&run, 1) == 60.0, "median %g, expected 60", ilv_median_ns(&run, 1));
    /* Ratios 100/x for x = 10..110: sorted 0.909, 1, 1.11, 1.25, 1.43, 1.67, 2, 2.5, 3.33, 5, 10. */
    q = ilv_ratio_of(&run, 0, 1);
    CHECK(fabs(q.median - 100.0 / 60.0) < 1e-12, "median ratio %.17g, expected 5/3", q.median);
    CHECK(fabs(q.min - 100.0 / 110.0) < 1e-12, "min ratio %.17g, expected 10/11", q.min);
    CHECK(q.max == 10.0, "max ratio %g, expected 10", q.max);
    CHECK(q.p10 == 1.0, "p10 %.17g, expected 1 (the second of eleven)", q.p10);
    CHECK(q.p90 == 5.0, "p90 %.17g, expected 5 (the tenth of eleven)", q.p90);
    q = ilv_ratio_of(&run, 1, 0);
    CHECK(fabs(q.median - 0.6) < 1e-12, "inverse median %.17g, expected 0.6", q.median);
    /* Between two samples, the quantile interpolates: four rounds, p10 at 0.3 of the way from the 1st to the 2nd. */
    run.rounds = 4;
    run.ns[0][1] = 10, run.ns[1][1] = 20, run.ns[2][1] = 40, run.ns[3][1] = 80;
    q = ilv_ratio_of(&run, 1, 0);
    CHECK(fabs(q.p10 - 0.13) < 1e-12, "interpolated p10 %.17g, expected 0.13", q.p10);
    CHECK(fabs(q.median - 0.3) < 1e-12, "even-count median %.17g, expected 0.3", q.median);
}

static void test_refusals(void)
{
    static ilv_run run;
    ilv_options o = ilv_default_options();
    CHECK(ilv_measure(contenders, 0, &o, &run) == -1, "no contenders accepted");
    CHECK(ilv_measure(contenders, ILV_MAX_CONTENDERS + 1, &o, &run) == -1, "too many contenders accepted");
    CHECK(ilv_measure(NULL, 1, &o, &run) == -1, "NULL contenders accepted");
    CHECK(ilv_measure(contenders, 1, NULL, &run) == -1, "NULL options accepted");
    CHECK(ilv_measure(contenders, 1, &o, NULL) == -1, "NULL run accepted");
    o.rounds = 0;
    CHECK(ilv_measure(contenders, 1, &o, &run) == -1, "zero rounds accepted");
    o.rounds = ILV_MAX_ROUNDS + 1;
    CHECK(ilv_measure(contenders, 1, &o, &run) == -1, "%d rounds accepted", ILV_MAX_ROUNDS + 1);
}

int main(void)
{
    test_order();
    test_statistics();
    test_refusals();
    printf("interleave: order, statistics, refusals (%d passed, %d failed)\n", passes, failures);
    return failures != 0;
}
