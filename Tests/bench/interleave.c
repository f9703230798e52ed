/* interleave.c — the round-by-round harness of interleave.h. */
#define _GNU_SOURCE /* sched_setaffinity, sched_getcpu */

#include "interleave.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __linux__
#include <sched.h>
#endif

ilv_options ilv_default_options(void)
{
    ilv_options o;
    o.block_ns = 300e3;
    o.rounds = 31;
    o.max_seconds = 0.0;
    o.clock = ILV_CLOCK_THREAD_CPU;
    return o;
}

static double clock_ns(ilv_clock which)
{
    struct timespec t;
    clock_gettime(which == ILV_CLOCK_WALL ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static double now_ns(void)
{
    return clock_ns(ILV_CLOCK_WALL);
}

int ilv_pin_to_one_core(void)
{
#ifdef __linux__
    cpu_set_t set;
    const int cpu = sched_getcpu();
    if (cpu < 0) {
        return -1;
    }
    CPU_ZERO(&set);
    CPU_SET((size_t)cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? cpu : -1;
#else
    return -1;
#endif
}

/* Doubles the calls per block until one block takes block_ns; the first blocks warm caches up. */
static size_t calibrate(const ilv_contender *c, const ilv_options *o)
{
    size_t reps = 1;
    for (;;) {
        const double t0 = clock_ns(o->clock);
        c->run(c->ctx, reps);
        if (clock_ns(o->clock) - t0 >= o->block_ns || reps >= ((size_t)1 << 30)) {
            return reps;
        }
        reps *= 2;
    }
}

int ilv_measure(const ilv_contender *contenders, size_t count, const ilv_options *options, ilv_run *run)
{
    const double start = now_ns();
    size_t c, r, k;
    if (contenders == NULL || options == NULL || run == NULL || count == 0 ||
        count > ILV_MAX_CONTENDERS || options->rounds == 0 || options->rounds > ILV_MAX_ROUNDS) {
        return -1;
    }
    memset(run, 0, sizeof *run);
    run->count = count;
    for (c = 0; c < count; c++) {
        run->reps[c] = calibrate(&contenders[c], options);
    }
    for (r = 0; r < options->rounds; r++) {
        /* Rotate the starting contender every round and reverse the direction
         * every other round, so no contender always follows the same one. */
        for (k = 0; k < count; k++) {
            const size_t step = (r / count) % 2 == 0 ? k : count - 1 - k;
            const size_t i = (r + step) % count;
            const double t0 = clock_ns(options->clock);
            contenders[i].run(contenders[i].ctx, run->reps[i]);
            run->ns[r][i] = (clock_ns(options->clock) - t0) / (double)run->reps[i];
        }
        run->rounds = r + 1;
        if (options->max_seconds > 0.0 && run->rounds >= ILV_MIN_ROUNDS &&
            now_ns() - start > options->max_seconds * 1e9) {
            break;
        }
    }
    return 0;
}

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile of sorted v[0..n), interpolated between neighbours. */
static double quantile(const double *v, size_t n, double q)
{
    const double at = q * (double)(n - 1);
    const size_t lo = (size_t)at;
    const double frac = at - (double)lo;
    return lo + 1 < n ? v[lo] + (v[lo + 1] - v[lo]) * frac : v[lo];
}

double ilv_median_ns(const ilv_run *run, size_t c)
{
    double v[ILV_MAX_ROUNDS];
    size_t r;
    if (run->rounds == 0 || c >= run->count) {
        return 0.0;
    }
    for (r = 0; r < run->rounds; r++) {
        v[r] = run->ns[r][c];
    }
    qsort(v, run->rounds, sizeof v[0], compare_doubles);
    return quantile(v, run->rounds, 0.5);
}

ilv_ratio ilv_ratio_of(const ilv_run *run, size_t num, size_t den)
{
    double v[ILV_MAX_ROUNDS];
    ilv_ratio q = {0.0, 0.0, 0.0, 0.0, 0.0};
    size_t r, n = 0;
    if (num >= run->count || den >= run->count) {
        return q;
    }
    for (r = 0; r < run->rounds; r++) {
        if (run->ns[r][den] > 0.0) {
            v[n++] = run->ns[r][num] / run->ns[r][den];
        }
    }
    if (n == 0) {
        return q;
    }
    qsort(v, n, sizeof v[0], compare_doubles);
    q.median = quantile(v, n, 0.5);
    q.p10 = quantile(v, n, 0.1);
    q.p90 = quantile(v, n, 0.9);
    q.min = v[0];
    q.max = v[n - 1];
    return q;
}

void ilv_format_ratio(char *out, size_t size, ilv_ratio r)
{
    snprintf(out, size, "%.2f× (%.2f–%.2f)", r.median, r.p10, r.p90);
}
