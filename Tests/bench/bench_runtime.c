/*
 * bench_runtime.c — `make bench`: Soma's forward pass against its peers, the
 * way issue 13 measures (results in docs/benchmarks.md, "Inference").
 *
 *   build/bench_runtime [--check] [OUT_DIR]   (default: build; the model files go there)
 *
 * --check runs only the output checks (no timing) and exits 1 on any failure.
 *
 * For each shape (bench_net.c) and one set of weights: one input per call
 * (soma_run; FANN; the naive loop at -O2 and at -O3 -march=native
 * -ffast-math; OpenBLAS sgemv per layer) and a batch of 256 (soma_run_batch;
 * 256 calls of soma_run; FANN, the two naive loops, 256 calls each; OpenBLAS
 * sgemm per layer). Every contender's outputs are checked before timing
 * against a double-precision forward pass, and Soma's against the spec's bits.
 * Then the contenders of a group run interleaved round by round on one pinned
 * core (interleave.h), and the tables give medians and per-round ratios with
 * their 10th-90th percentile spread, plus the machine's measured FMA peak.
 * Last, issue 8's check: the same kernels with libm's exp, expm1 and tanh
 * (libm_core.h) against Soma's correctly rounded ones.
 *
 * Runs itself once per kernel clone the machine can run (SOMA_ISA, see
 * kernel_clone.h) where the runtime can be told which to use.
 * Prints markdown. Exit status 1 if any output check fails.
 */
#define _POSIX_C_SOURCE 200112L /* setenv */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_net.h"
#include "blas_net.h"
#include "contenders.h"
#include "fann_net.h"
#include "fma_peak.h"
#include "interleave.h"
#include "kernel_clone.h"
#include "libm_core.h"
#include "machine.h"
#include "math_calls.h"

#ifndef BENCH_CFLAGS
#define BENCH_CFLAGS "unknown"
#endif

/* Outputs are in [0, 1] (every shape ends in sigmoid or softmax). */
#define TOLERANCE 1e-4
#define STORAGE_FLOATS (1u << 21)
#define CHILD_ENV "SOMA_BENCH_CLONE_RUN"
#define PEAK_ENV "SOMA_BENCH_FMA_PEAK"

static soma_model model;
static float storage[STORAGE_FLOATS];
static double reference[BENCH_BATCH * BENCH_MAX_WIDTH];
static float spec[BENCH_BATCH * BENCH_MAX_WIDTH];
static int failed;

/* The check a contender's outputs get before it is timed. */
typedef enum check {
    CHECK_SPEC,      /* the spec's bits, and the double reference within TOLERANCE */
    CHECK_REFERENCE, /* the double reference within TOLERANCE */
    CHECK_CLIPPED    /* FANN: the double reference with ReLU clipped at 1, within TOLERANCE */
} check;

typedef struct contender {
    ilv_contender run;
    size_t rows; /* inputs per call: 1 or BENCH_BATCH */
    check check;
} contender;

/* Contenders timed against each other; the first `soma` of them are Soma's. */
typedef struct group {
    size_t count, soma;
    contender c[ILV_MAX_CONTENDERS];
} group;

static const group one_input = {
    5, 1,
    {{{"Soma `soma_run`", run_soma_one, NULL}, 1, CHECK_SPEC},
     {{"FANN 2.2 `fann_run`", run_fann_one, NULL}, 1, CHECK_CLIPPED},
     {{"naive loop, `-O2`", run_naive_o2_one, NULL}, 1, CHECK_REFERENCE},
     {{"naive loop, `-O3 -march=native -ffast-math`", run_naive_fast_one, NULL}, 1, CHECK_REFERENCE},
     {{"OpenBLAS, sgemv per layer", run_blas_one, NULL}, 1, CHECK_REFERENCE}},
};

static const group batch = {
    6, 2,
    {{{"Soma `soma_run_batch`", run_soma_batch, NULL}, BENCH_BATCH, CHECK_SPEC},
     {{"Soma, 256 calls of `soma_run`", run_soma_singles, NULL}, BENCH_BATCH, CHECK_SPEC},
     {{"FANN 2.2, 256 calls", run_fann_batch, NULL}, BENCH_BATCH, CHECK_CLIPPED},
     {{"naive loop `-O2`, 256 calls", run_naive_o2_batch, NULL}, BENCH_BATCH, CHECK_REFERENCE},
     {{"naive loop `-O3 -march=native -ffast-math`, 256 calls", run_naive_fast_batch, NULL}, BENCH_BATCH,
      CHECK_REFERENCE},
     {{"OpenBLAS, sgemm per layer", run_blas_batch, NULL}, BENCH_BATCH, CHECK_REFERENCE}},
};

/* Issue 8: each pair is the same kernels with Soma's correctly rounded functions, then libm's. */
static const group math_cost = {
    4, 4,
    {{{"one input, Soma's functions", run_soma_one, NULL}, 1, CHECK_SPEC},
     {{"one input, libm's", run_soma_libm_one, NULL}, 1, CHECK_REFERENCE},
     {{"batch, Soma's functions", run_soma_batch, NULL}, BENCH_BATCH, CHECK_SPEC},
     {{"batch, libm's", run_soma_libm_batch, NULL}, BENCH_BATCH, CHECK_REFERENCE}},
};

typedef struct shape_result {
    ilv_run one, batch, math;
} shape_result;

static shape_result results[BENCH_SHAPES];

static ilv_options options(void)
{
    ilv_options o = ilv_default_options();
    o.rounds = 101;
    o.max_seconds = 8.0;
    return o;
}

/* Runs contender c over the whole batch once and checks its outputs. */
static void check_contender(const contender *c, bench_job *job)
{
    const bench_shape *s = job->net->shape;
    const size_t out = bench_outputs(s), n = BENCH_BATCH * out;
    double worst = 0.0;
    size_t k, row, bits_differ = 0;
    job->next = 0;
    memset(bench_outputs_buffer, 0, sizeof bench_outputs_buffer);
    c->run.run(job, BENCH_BATCH / c->rows);
    for (row = 0; row < BENCH_BATCH; row++) {
        bench_reference(job->net, job->net->inputs + row * bench_inputs(s), reference + row * out,
                        c->check == CHECK_CLIPPED);
    }
    for (k = 0; k < n; k++) {
        const double e = fabs((double)bench_outputs_buffer[k] - reference[k]);
        worst = e > worst || e != e ? e : worst;
        if (c->check == CHECK_SPEC && memcmp(&bench_outputs_buffer[k], &spec[k], sizeof(float)) != 0) {
            bits_differ++;
        }
    }
    if (!(worst <= TOLERANCE) || bits_differ > 0) {
        fprintf(stderr, "%s, %s: wrong outputs: %.3g from the double reference (tolerance %g), "
                        "%zu of %zu values not the spec's bits\n",
                s->name, c->run.name, worst, TOLERANCE, bits_differ, n);
        failed = 1;
    }
}

static int check_only;

static void measure(const group *g, bench_job *job, ilv_run *run)
{
    ilv_contender c[ILV_MAX_CONTENDERS];
    const ilv_options o = options();
    size_t k;
    for (k = 0; k < g->count; k++) {
        check_contender(&g->c[k], job);
        c[k] = g->c[k].run;
        c[k].ctx = job;
    }
    if (check_only) {
        return;
    }
    if (ilv_measure(c, g->count, &o, run) != 0) {
        fprintf(stderr, "bench: the harness refused the group\n");
        exit(2);
    }
}

/* The net, its model file loaded into Soma, FANN's copy; the spec's outputs for every row. */
static int prepare(const bench_shape *s, const char *dir, bench_net *net, bench_job *job)
{
    char path[512];
    soma_error error;
    size_t row;
    if (bench_net_make(net, s, 1) != 0) {
        fprintf(stderr, "bench: out of memory\n");
        return -1;
    }
    snprintf(path, sizeof path, "%s/bench_%s.json", dir, s->name);
    if (bench_net_write_model(net, path) != 0) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        return -1;
    }
    if (soma_load_file(&model, storage, STORAGE_FLOATS, path, &error) != SOMA_OK) {
        fprintf(stderr, "%s: %s\n", path, error.message);
        return -1;
    }
    job->net = net;
    job->model = &model;
    job->next = 0;
    job->ann = fann_net_make(net);
    if (job->ann == NULL) {
        fprintf(stderr, "bench: FANN cannot build %s\n", s->name);
        return -1;
    }
    for (row = 0; row < BENCH_BATCH; row++) {
        bench_spec_run(net, net->inputs + row * bench_inputs(s), spec + row * bench_outputs(s));
    }
    return 0;
}

static void format_time(char *out, size_t size, double ns)
{
    if (ns < 1e3) {
        snprintf(out, size, "%.0f ns", ns);
    } else if (ns < 1e6) {
        snprintf(out, size, "%.2f µs", ns / 1e3);
    } else {
        snprintf(out, size, "%.2f ms", ns / 1e6);
    }
}

static void format_rate(char *out, size_t size, double per_second)
{
    if (per_second >= 1e6) {
        snprintf(out, size, "%.2fM", per_second / 1e6);
    } else {
        snprintf(out, size, "%.0fk", per_second / 1e3);
    }
}

/* The peer (not Soma) with the lowest median time. */
static size_t best_peer(const group *g, const ilv_run *run)
{
    size_t k, best = g->soma;
    for (k = g->soma; k < g->count; k++) {
        best = ilv_median_ns(run, k) < ilv_median_ns(run, best) ? k : best;
    }
    return best;
}

static void print_group_table(const group *g, size_t which, const char *heading, double peak)
{
    size_t si, k;
    printf("| shape | contender | time per call | inputs/s | GFLOP/s | of peak | %s ÷ contender (p10–p90) |\n",
           heading);
    printf("|---|---|---:|---:|---:|---:|---:|\n");
    for (si = 0; si < BENCH_SHAPES; si++) {
        const bench_shape *s = &bench_shapes[si];
        const ilv_run *run = which == 0 ? &results[si].one : &results[si].batch;
        for (k = 0; k < g->count; k++) {
            const double ns = ilv_median_ns(run, k), per_s = (double)g->c[k].rows / ns * 1e9;
            const double gflops = 2.0 * bench_macs(s) * (double)g->c[k].rows / ns;
            char t[32], rate[32], ratio[48];
            format_time(t, sizeof t, ns);
            format_rate(rate, sizeof rate, per_s);
            if (k == 0) {
                snprintf(ratio, sizeof ratio, "—");
            } else {
                ilv_format_ratio(ratio, sizeof ratio, ilv_ratio_of(run, 0, k));
            }
            printf("| %s %s | %s | %s | %s | %.2f | %.1f %% | %s |\n", s->name, s->label, g->c[k].run.name, t,
                   rate, gflops, peak > 0.0 ? 100.0 * gflops / peak : 0.0, ratio);
        }
    }
}

/*
 * A ratio against its target: "met" when even the slow end of the bracket
 * (p90) is within it, "missed" when even the fast end (p10) is beyond it,
 * else "undecided": this run cannot tell.
 */
static void format_target(char *out, size_t size, ilv_ratio r, double target)
{
    snprintf(out, size, "≤ %.2f, %s", target,
             r.p90 <= target ? "met" : r.p10 > target ? "missed" : "undecided (bracket spans it)");
}

/* Issue 13's targets: ahead of the best peer, in batch and on one input; a batch call 1.5× the singles' throughput. */
static void print_summary(double peak)
{
    size_t si;
    printf("| workload | Soma | Soma's time ÷ the best peer's (p10–p90) | the best peer | target (issue 13) |\n");
    printf("|---|---:|---:|---|---|\n");
    for (si = 0; si < BENCH_SHAPES; si++) {
        const bench_shape *s = &bench_shapes[si];
        const group *groups[2] = {&batch, &one_input};
        const ilv_run *runs[2] = {&results[si].batch, &results[si].one};
        size_t gi;
        for (gi = 0; gi < 2; gi++) {
            const size_t best = best_peer(groups[gi], runs[gi]);
            const double soma_ns = ilv_median_ns(runs[gi], 0), best_ns = ilv_median_ns(runs[gi], best);
            const ilv_ratio r = ilv_ratio_of(runs[gi], 0, best);
            char ratio[48], soma_t[48], best_t[32], target[64];
            ilv_format_ratio(ratio, sizeof ratio, r);
            format_target(target, sizeof target, r, 1.0);
            if (gi == 0) {
                const double gflops = 2.0 * bench_macs(s) * BENCH_BATCH / soma_ns;
                const ilv_ratio singles = ilv_ratio_of(runs[gi], 0, 1);
                format_rate(soma_t, sizeof soma_t, (double)BENCH_BATCH / soma_ns * 1e9);
                format_rate(best_t, sizeof best_t, (double)BENCH_BATCH / best_ns * 1e9);
                printf("| %s, batch of 256 | %s inputs/s, %.1f GFLOP/s (%.0f %% of peak) | %s | %s, %s inputs/s | "
                       "%s |\n",
                       s->name, soma_t, gflops, peak > 0.0 ? 100.0 * gflops / peak : 0.0, ratio,
                       groups[gi]->c[best].run.name, best_t, target);
                ilv_format_ratio(ratio, sizeof ratio, singles);
                format_target(target, sizeof target, singles, 1.0 / 1.5);
                printf("| %s, `soma_run_batch` ÷ 256 calls of `soma_run` | — | %s | — | %s |\n", s->name, ratio,
                       target);
            } else {
                format_time(soma_t, sizeof soma_t, soma_ns);
                format_time(best_t, sizeof best_t, best_ns);
                printf("| %s, one input | %s | %s | %s, %s | %s |\n", s->name, soma_t, ratio,
                       groups[gi]->c[best].run.name, best_t, target);
            }
        }
    }
    for (si = 0; si < BENCH_SHAPES; si++) {
        if (strcmp(bench_shapes[si].name, "784-128-64-10") == 0 && peak > 0.0) {
            const double gflops = 2.0 * bench_macs(&bench_shapes[si]) * BENCH_BATCH /
                                  ilv_median_ns(&results[si].batch, 0);
            printf("\nThe 784-128-64-10 batch's target is also ≥ 50 %% of the FMA peak: %.0f %% here, %s.\n",
                   100.0 * gflops / peak, gflops >= 0.5 * peak ? "met" : "missed");
        }
    }
}

static void print_math_cost(void)
{
    size_t si;
    printf("| shape | one input: Soma's ÷ libm's (p10–p90) | batch of 256: Soma's ÷ libm's (p10–p90) | "
           "one input, Soma's / libm's | target (issue 8) |\n");
    printf("|---|---:|---:|---:|---|\n");
    for (si = 0; si < BENCH_SHAPES; si++) {
        const bench_shape *s = &bench_shapes[si];
        const ilv_run *run = &results[si].math;
        const ilv_ratio r_one = ilv_ratio_of(run, 0, 1), r_many = ilv_ratio_of(run, 2, 3);
        const ilv_ratio worse = r_one.median > r_many.median ? r_one : r_many;
        char one[48], many[48], a[32], b[32], target[64];
        ilv_format_ratio(one, sizeof one, r_one);
        ilv_format_ratio(many, sizeof many, r_many);
        format_time(a, sizeof a, ilv_median_ns(run, 0));
        format_time(b, sizeof b, ilv_median_ns(run, 1));
        format_target(target, sizeof target, worse, 1.25);
        printf("| %s %s | %s | %s | %s / %s | %s |\n", s->name, s->label, one, many, a, b, target);
    }
}

/* Measures every shape on this process's clone: the inference groups and/or issue 8's. */
static int measure_all(const char *dir, int inference, int with_math)
{
    size_t si;
    for (si = 0; si < BENCH_SHAPES; si++) {
        bench_net net;
        bench_job job;
        if (prepare(&bench_shapes[si], dir, &net, &job) != 0) {
            return -1;
        }
        if (inference) {
            measure(&one_input, &job, &results[si].one);
            measure(&batch, &job, &results[si].batch);
        }
        if (with_math) {
            measure(&math_cost, &job, &results[si].math);
        }
        fann_destroy(job.ann);
        bench_net_free(&net);
    }
    return 0;
}

/* The fewest rounds any measured group ran. */
static size_t min_rounds(int inference, int with_math)
{
    size_t si, m = ILV_MAX_ROUNDS;
    for (si = 0; si < BENCH_SHAPES; si++) {
        if (inference) {
            m = results[si].one.rounds < m ? results[si].one.rounds : m;
            m = results[si].batch.rounds < m ? results[si].batch.rounds : m;
        }
        if (with_math) {
            m = results[si].math.rounds < m ? results[si].math.rounds : m;
        }
    }
    return m;
}

static void print_clone_tables(double peak)
{
    const char *requested = getenv(KERNEL_CLONE_ENV);
    char clone[64];
    if (requested != NULL) {
        snprintf(clone, sizeof clone, "%s (%s=%s)", kernel_clone_in_use(), KERNEL_CLONE_ENV, requested);
    } else {
        snprintf(clone, sizeof clone, "%s", kernel_clone_in_use());
    }
    printf("\n### Clone %s: one input\n\n", clone);
    print_group_table(&one_input, 0, "Soma's", peak);
    printf("\n### Clone %s: batch of 256\n\n", clone);
    print_group_table(&batch, 1, "`soma_run_batch`'s", peak);
    printf("\n### Clone %s: summary\n\n", clone);
    print_summary(peak);
    printf("\nRounds per comparison: at least %zu.\n", min_rounds(1, 0));
    fflush(stdout);
}

/* Runs this program again with SOMA_ISA=clone; its tables go to our stdout. */
static int run_clone(const char *self, const char *dir, const char *clone, double peak)
{
    char peak_text[32];
    pid_t pid;
    int status;
    fflush(stdout);
    snprintf(peak_text, sizeof peak_text, "%.3f", peak);
    pid = fork();
    if (pid < 0) {
        perror("bench: fork");
        return -1;
    }
    if (pid == 0) {
        setenv(KERNEL_CLONE_ENV, clone, 1);
        setenv(CHILD_ENV, "1", 1);
        setenv(PEAK_ENV, peak_text, 1);
        execl(self, self, dir, (char *)NULL);
        perror("bench: exec");
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status)) {
        return -1;
    }
    return WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    const int check_arg = argc > 1 && strcmp(argv[1], "--check") == 0;
    const char *dir = argc > 1 + check_arg ? argv[1 + check_arg] : "build";
    const int child = getenv(CHILD_ENV) != NULL;
    const char *clones[3];
    const size_t clone_count = kernel_clones_runnable(clones);
    machine_info m;
    char load_start[64], load_end[64];
    const int cpu = ilv_pin_to_one_core();
    fma_peak peak = {"none", 0.0, 0.0};
    size_t k;

    if (blas_one_thread() != 1) {
        fprintf(stderr, "bench: OpenBLAS would not run on one thread\n");
        return 1;
    }
    if (check_arg) {
        check_only = 1;
        if (measure_all(dir, 1, 1) != 0) {
            return 1;
        }
        printf("bench: every contender's outputs checked on %d shapes%s\n", BENCH_SHAPES,
               failed ? ": FAILED" : "");
        return failed;
    }
    if (child) {
        peak.gflops = atof(getenv(PEAK_ENV) != NULL ? getenv(PEAK_ENV) : "0");
        if (measure_all(dir, 1, 0) != 0) {
            return 1;
        }
        print_clone_tables(peak.gflops);
        return failed;
    }

    machine_load_average(load_start, sizeof load_start);
    machine_describe(&m);
    peak = fma_peak_measure();
    printf("## Inference, measured %s\n\n", m.date);
    printf("- Machine: %s, %d cores online; AVX2 %s, FMA %s, AVX-512 %s. Pinned to core %d.\n", m.cpu, m.cores,
           m.avx2 ? "yes" : "no", m.fma ? "yes" : "no", m.avx512f ? "yes" : "no", cpu);
    printf("- FMA peak, one core, %s: %.1f GFLOP/s (median of 21 blocks; fastest %.1f).\n", peak.isa, peak.gflops,
           peak.gflops_max);
    printf("- Kernel clones this CPU can run:");
    for (k = 0; k < clone_count; k++) {
        printf(" %s", clones[k]);
    }
    printf(". Unless `%s` names one, the runtime runs %s.\n", KERNEL_CLONE_ENV, kernel_clone_in_use());
    printf("- Compiler: %s, runtime and benchmark `%s`; the fast naive loop `-O3 -march=native -ffast-math`.\n",
           m.compiler, BENCH_CFLAGS);
    printf("- Peers: FANN 2.2 (float); %s, 1 thread (core %s).\n", blas_config(), blas_core());
    printf("- Method: one process, one pinned core; each round runs every contender once for a block of "
           "~%.0f µs of the thread's CPU time (or one call, if longer), in a rotated order; up to %zu rounds or %.0f s per group. "
           "Times are medians over rounds; ratios are medians of per-round ratios, with the 10th–90th "
           "percentile in brackets (below 1: Soma is faster). GFLOP/s counts 2 per multiply-add.\n",
           options().block_ns / 1e3, options().rounds, options().max_seconds);
    printf("- Checked before timing, on all 256 rows: every contender within %g of a double-precision forward "
           "pass (FANN against the same pass with ReLU clipped at 1, its stand-in for ReLU); Soma's "
           "outputs bit for bit the spec's (fmaf chains in order, correctly rounded exp and tanh).\n",
           TOLERANCE);
    printf("- Load average (1, 5, 15 min) at the start: %s.\n", load_start);
    fflush(stdout);

    if (kernel_clone_can_force()) {
        for (k = 0; k < clone_count; k++) {
            if (run_clone(argv[0], dir, clones[k], peak.gflops) != 0) {
                failed = 1;
            }
        }
        if (measure_all(dir, 0, 1) != 0) {
            return 1;
        }
    } else {
        if (measure_all(dir, 1, 1) != 0) {
            return 1;
        }
        print_clone_tables(peak.gflops);
        printf("\nThis runtime has one kernel, %s: there is no other clone to measure.\n", kernel_clone_in_use());
    }

    printf("\n### Issue 8: the cost of correctly rounded exp and tanh (clone %s)\n\n", kernel_clone_in_use());
    printf("The same kernels built twice, once with Soma's correctly rounded `soma_expf`/`soma_expm1f`/"
           "`soma_tanhf` and once with glibc's `expf`/`expm1f`/`tanhf`, interleaved; ratio above 1: Soma's "
           "functions are slower. Target: within 1.25×.\n\n");
    print_math_cost();
    printf("\nRounds per comparison: at least %zu. Per call, over 1,024 inputs spread over [-8, 8]:\n\n",
           min_rounds(0, 1));
    {
        const ilv_options o = options();
        math_calls_print_table(&o);
    }
    machine_load_average(load_end, sizeof load_end);
    printf("\nLoad average at the end: %s.\n", load_end);
    return failed;
}
