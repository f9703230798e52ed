/*
 * bench_load.c — loading a 784-128-64-10 model: Soma's array and packed forms
 * against FANN 2.2 reading its own text file of the same net, and against the
 * loader as it was before issue 13 when that is linked in (`make bench-load`;
 * results in docs/benchmarks.md, "Loading").
 *
 *   build/bench_load [OUT_DIR]         (default: build; writes the model files there)
 *
 * The net's weights come from a fixed seed. It is written three ways: Soma's
 * array form (numbers as "%.9g", which reads back exactly, with its checksum),
 * Soma's packed form (base64-f32le) and FANN's own file (fann_save). Before
 * any timing, every loader's parameters are checked against the weights.
 *
 * Time: the contenders run in one process pinned to one core, interleaved
 * round by round (Tests/bench/interleave.h); each ratio is the median of the
 * per-round ratios, with the 10th-90th percentile range.
 *
 * Memory: each contender loads once in a fresh process (this program run
 * again with --memory), which reports its peak resident set (getrusage's
 * ru_maxrss, and VmHWM) and its resident set before the load and after it
 * returned (/proc/self/statm). The parent does nothing heavy before it
 * starts them, so the peak is the child's own.
 */
#define _GNU_SOURCE /* sched_getcpu in the harness; readlink, fork */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fann.h>
#include <json-c/json_c_version.h>

#include "interleave.h"
#include "soma.h"

#define LAYERS 3
static const unsigned widths[LAYERS + 1] = {784, 128, 64, 10};
static const soma_activation acts[LAYERS] = {SOMA_ACT_RELU, SOMA_ACT_RELU, SOMA_ACT_SOFTMAX};

#define STORAGE_FLOATS (1u << 18) /* more than the net's 109,386 parameters */

#ifdef BENCH_OLD_LOADER
/* The runtime as it was at BENCH_OLD_LOADER (Tests/bench/old_loader.sh renamed its symbols). */
soma_status old_soma_load_file(soma_model *model, float *storage, size_t storage_floats,
                               const char *path, soma_error *error);
#endif

static soma_model model;
static float storage[STORAGE_FLOATS];

/* ---- The net and its three files ---- */

typedef struct net {
    float *w[LAYERS]; /* output-major: w[l][o * in + i] */
    float *b[LAYERS];
} net;

static uint64_t rng = 0x9e3779b97f4a7c15u;

static float uniform(float scale)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return ((float)(rng >> 40) / 16777216.0f * 2.0f - 1.0f) * scale;
}

static int make_net(net *n)
{
    size_t l, k;
    for (l = 0; l < LAYERS; l++) {
        const size_t in = widths[l], out = widths[l + 1];
        const float scale = sqrtf(6.0f / (float)(in + out));
        n->w[l] = malloc(in * out * sizeof(float));
        n->b[l] = malloc(out * sizeof(float));
        if (n->w[l] == NULL || n->b[l] == NULL) {
            return -1;
        }
        for (k = 0; k < in * out; k++) {
            n->w[l][k] = uniform(scale);
        }
        for (k = 0; k < out; k++) {
            n->b[l][k] = uniform(0.1f);
        }
    }
    return 0;
}

/* FNV-1a 64 over each value's little-endian bytes, in file order: the format's checksum. */
static uint64_t fnv_floats(uint64_t h, const float *v, size_t count)
{
    size_t k;
    int b;
    for (k = 0; k < count; k++) {
        uint32_t u;
        memcpy(&u, &v[k], sizeof u);
        for (b = 0; b < 4; b++) {
            h ^= (u >> (8 * b)) & 0xffu;
            h *= 0x100000001b3u;
        }
    }
    return h;
}

static void put_base64(FILE *f, const float *v, size_t count)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char bytes[3];
    size_t total = 4 * count, k, filled = 0;
    for (k = 0; k < total; k++) {
        uint32_t u;
        memcpy(&u, &v[k / 4], sizeof u);
        bytes[filled++] = (unsigned char)(u >> (8 * (k % 4)));
        if (filled == 3 || k + 1 == total) {
            const uint32_t g = (uint32_t)bytes[0] << 16 | (filled > 1 ? (uint32_t)bytes[1] << 8 : 0) |
                               (filled > 2 ? bytes[2] : 0);
            fputc(digits[(g >> 18) & 63], f);
            fputc(digits[(g >> 12) & 63], f);
            fputc(filled > 1 ? digits[(g >> 6) & 63] : '=', f);
            fputc(filled > 2 ? digits[g & 63] : '=', f);
            filled = 0;
        }
    }
}

static void put_floats(FILE *f, const float *v, size_t count, int packed)
{
    size_t k;
    if (packed) {
        fprintf(f, "{\"encoding\":\"base64-f32le\",\"count\":%zu,\"data\":\"", count);
        put_base64(f, v, count);
        fputs("\"}", f);
        return;
    }
    fputc('[', f);
    for (k = 0; k < count; k++) {
        fprintf(f, k == 0 ? "%.9g" : ", %.9g", (double)v[k]);
    }
    fputc(']', f);
}

static int write_soma(const net *n, const char *path, int packed)
{
    FILE *f = fopen(path, "w");
    uint64_t h = 0xcbf29ce484222325u;
    size_t l, o;
    if (f == NULL) {
        return -1;
    }
    fprintf(f, "{\n  \"format\": \"soma-model\",\n  \"version\": 2,\n  \"name\": \"bench-784\",\n"
               "  \"inputs\": %u,\n  \"outputs\": %u,\n  \"layers\": [",
            widths[0], widths[LAYERS]);
    for (l = 0; l < LAYERS; l++) {
        const size_t in = widths[l], out = widths[l + 1];
        fprintf(f, "%s\n    {\n      \"type\": \"dense\",\n      \"inputs\": %zu,\n      \"outputs\": %zu,\n"
                   "      \"layout\": \"output-major\",\n      \"weights\": ",
                l == 0 ? "" : ",", in, out);
        if (packed) {
            put_floats(f, n->w[l], in * out, 1);
        } else {
            fputs("[\n", f);
            for (o = 0; o < out; o++) {
                fputs("        ", f);
                put_floats(f, n->w[l] + o * in, in, 0);
                fputs(o + 1 < out ? ",\n" : "\n", f);
            }
            fputs("      ]", f);
        }
        fputs(",\n      \"bias\": ", f);
        put_floats(f, n->b[l], out, packed);
        fprintf(f, ",\n      \"activation\": {\"name\": \"%s\"}\n    }", soma_activation_name(acts[l]));
        h = fnv_floats(h, n->w[l], in * out);
        h = fnv_floats(h, n->b[l], out);
    }
    fprintf(f, "\n  ],\n  \"checksum\": \"fnv1a64:%016llx\"\n}\n", (unsigned long long)h);
    return fclose(f);
}

/* FANN's net of the same shape and weights (FANN has no ReLU: the load does not care). */
static struct fann *fann_of(const net *n)
{
    struct fann *ann = fann_create_standard_array(LAYERS + 1, widths);
    struct fann_connection *c;
    unsigned total, k;
    size_t l;
    if (ann == NULL) {
        return NULL;
    }
    total = fann_get_total_connections(ann);
    c = malloc(total * sizeof *c);
    if (c == NULL) {
        fann_destroy(ann);
        return NULL;
    }
    fann_get_connection_array(ann, c);
    /* Neurons are numbered layer after layer, each layer followed by its bias neuron. */
    for (k = 0; k < total; k++) {
        size_t from = c[k].from_neuron, to = c[k].to_neuron, start = 0, layer = 0, base_in;
        for (l = 0; l <= LAYERS; l++) {
            if (to < start + widths[l] + 1) {
                layer = l;
                break;
            }
            start += widths[l] + 1;
        }
        base_in = start - (widths[layer - 1] + 1);
        {
            const size_t in = widths[layer - 1], o = to - start, i = from - base_in;
            c[k].weight = i == in ? n->b[layer - 1][o] : n->w[layer - 1][o * in + i];
        }
    }
    fann_set_weight_array(ann, c, total);
    free(c);
    return ann;
}

/* ---- The contenders ---- */

typedef enum loader_kind { SOMA_ARRAY, SOMA_PACKED, FANN_FILE, OLD_ARRAY, OLD_PACKED, KINDS } loader_kind;

static const char *const kind_names[KINDS] = {
    "Soma, array form", "Soma, packed form", "FANN 2.2, its own file",
    "Soma before (main), array form", "Soma before (main), packed form"};

static char paths[KINDS][512];

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_load: %s: %s\n", what, detail);
    exit(1);
}

/* One load of `kind`; exits on failure (a benchmark of a failing load means nothing). */
static void load_once(loader_kind kind)
{
    soma_error error;
    struct fann *ann;
    switch (kind) {
    case SOMA_ARRAY:
    case SOMA_PACKED:
        if (soma_load_file(&model, storage, STORAGE_FLOATS, paths[kind], &error) != SOMA_OK) {
            die(paths[kind], error.message);
        }
        break;
    case FANN_FILE:
        ann = fann_create_from_file(paths[kind]);
        if (ann == NULL) {
            die(paths[kind], "fann_create_from_file failed");
        }
        fann_destroy(ann);
        break;
    case OLD_ARRAY:
    case OLD_PACKED:
#ifdef BENCH_OLD_LOADER
        if (old_soma_load_file(&model, storage, STORAGE_FLOATS, paths[kind], &error) != SOMA_OK) {
            die(paths[kind], error.message);
        }
#endif
        break;
    case KINDS:
        break;
    }
}

/*
 * Bytes of the request that settles the heap after each timed load: a "large"
 * one in glibc's terms (above its 1 KB small-bin limit) yet below the 128 KB
 * mmap threshold.
 */
#define SETTLE_BYTES 65536

/*
 * `reps` timed loads, each followed by a malloc of SETTLE_BYTES and its free:
 * a loader that frees many small blocks (the loader before, ~200,000 json-c
 * objects) leaves them in glibc's fastbins, and the next large request merges
 * them, for milliseconds. Without this the next contender paid for it (the old
 * packed form, loading after the old array form, took twice as long as on its
 * own: 11.2 against 5.5 ms, with 0 page faults either way; 5.9 against 5.8 ms
 * with fastbins off). For a loader that leaves none the request costs
 * microseconds. The memory runs call load_once alone, without it.
 */
static void run_loads(void *ctx, size_t reps)
{
    const loader_kind kind = *(const loader_kind *)ctx;
    size_t r;
    for (r = 0; r < reps; r++) {
        void *volatile settle; /* volatile: the pair must not be optimised away */
        load_once(kind);
        settle = malloc(SETTLE_BYTES);
        free(settle);
    }
}

/* The loaded parameters are the net's, in the runtime's input-major layout. */
static void check_params(const net *n, const char *who)
{
    size_t l, o, i, at = 0;
    for (l = 0; l < LAYERS; l++) {
        const size_t in = widths[l], out = widths[l + 1];
        for (o = 0; o < out; o++) {
            for (i = 0; i < in; i++) {
                if (memcmp(&storage[at + i * out + o], &n->w[l][o * in + i], sizeof(float)) != 0) {
                    die(who, "a loaded weight differs from the net's");
                }
            }
        }
        at += in * out;
        if (memcmp(storage + at, n->b[l], out * sizeof(float)) != 0) {
            die(who, "a loaded bias differs from the net's");
        }
        at += out;
    }
    if (at != soma_param_count(&model)) {
        die(who, "the parameter count is not the net's");
    }
}

static void check_fann(const net *n)
{
    struct fann *ann = fann_create_from_file(paths[FANN_FILE]), *ref = fann_of(n);
    struct fann_connection *a, *b;
    unsigned total, k;
    if (ann == NULL || ref == NULL) {
        die(paths[FANN_FILE], "cannot load it back");
    }
    total = fann_get_total_connections(ann);
    a = malloc(total * sizeof *a);
    b = malloc(total * sizeof *b);
    if (a == NULL || b == NULL || total != fann_get_total_connections(ref)) {
        die(paths[FANN_FILE], "a different net");
    }
    fann_get_connection_array(ann, a);
    fann_get_connection_array(ref, b);
    for (k = 0; k < total; k++) {
        if (memcmp(&a[k].weight, &b[k].weight, sizeof a[k].weight) != 0) {
            die(paths[FANN_FILE], "FANN read back other weights than it saved");
        }
    }
    free(a);
    free(b);
    fann_destroy(ann);
    fann_destroy(ref);
}

/* ---- Memory, in a fresh process ---- */

static long statm_resident_kb(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL) {
        return -1;
    }
    if (fscanf(f, "%ld %ld", &size, &resident) != 2) {
        resident = -1;
    }
    fclose(f);
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The child: one load, then "maxrss_kb resident_before_kb resident_after_kb" on stdout. */
static int memory_child(loader_kind kind, const char *path)
{
    struct rusage usage;
    long before, after;
    snprintf(paths[kind], sizeof paths[kind], "%s", path);
    before = statm_resident_kb();
    load_once(kind);
    after = statm_resident_kb();
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return 1;
    }
    printf("%ld %ld %ld\n", usage.ru_maxrss, before, after);
    return 0;
}

typedef struct memory {
    long peak_kb, before_kb, after_kb;
} memory;

/* Runs this program again with --memory KIND PATH and reads its figures. */
static int measure_memory(const char *self, loader_kind kind, memory *m)
{
    int fds[2], status;
    pid_t pid;
    FILE *f;
    char kind_text[8];
    if (pipe(fds) != 0) {
        return -1;
    }
    snprintf(kind_text, sizeof kind_text, "%d", (int)kind);
    pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(self, self, "--memory", kind_text, paths[kind], (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    f = fdopen(fds[0], "r");
    if (f == NULL || fscanf(f, "%ld %ld %ld", &m->peak_kb, &m->before_kb, &m->after_kb) != 3) {
        m->peak_kb = m->before_kb = m->after_kb = -1;
    }
    if (f != NULL) {
        fclose(f);
    }
    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                   m->peak_kb >= 0
               ? 0
               : -1;
}

/* ---- CPU time ---- */

#define CPU_SAMPLES 15

static double thread_cpu_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long minor_faults(void)
{
    struct rusage usage;
    return getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_minflt : 0;
}

/* One load's CPU time (ns) and minor page faults. */
typedef struct load_cost {
    double ns, faults;
} load_cost;

static load_cost one_load(const ilv_contender *c)
{
    load_cost cost;
    const long f0 = minor_faults();
    const double t0 = thread_cpu_ns();
    c->run(c->ctx, 1);
    cost.ns = thread_cpu_ns() - t0;
    cost.faults = (double)(minor_faults() - f0);
    return cost;
}

static double median_of(double *values, size_t count)
{
    qsort(values, count, sizeof values[0], compare_doubles);
    return values[count / 2];
}

/*
 * Medians of one load per contender, two ways, after the interleaved rounds.
 * Taking turns: each load follows another contender's (the CPU clock leaves
 * out waiting for the core on a shared machine). Second of two: the contender
 * loads twice in a row and the second load is measured, as in the rounds'
 * blocks of repeated loads. With each load's minor page faults: first-touch
 * faults were the suspected reason the taking-turns figure came out above the
 * rounds' median; they are 0 per load either way for every loader but the old
 * array form (whose 22 MB of json-c objects fault the same both ways). What
 * did differ was one loader paying for another's frees (run_loads now settles
 * them), and the machine changing between the rounds and these samples.
 */
typedef struct cpu_figures {
    double turns_ns, turns_faults, repeat_ns, repeat_faults;
} cpu_figures;

static void measure_cpu(const ilv_contender *contenders, size_t count, cpu_figures *out)
{
    static double turns_ns[KINDS][CPU_SAMPLES], turns_faults[KINDS][CPU_SAMPLES];
    static double repeat_ns[KINDS][CPU_SAMPLES], repeat_faults[KINDS][CPU_SAMPLES];
    size_t s, c;
    /* Both ways in one loop, sample after sample, so the two see the same machine. */
    for (s = 0; s < CPU_SAMPLES; s++) {
        for (c = 0; c < count; c++) {
            const load_cost cost = one_load(&contenders[c]);
            turns_ns[c][s] = cost.ns;
            turns_faults[c][s] = cost.faults;
        }
        for (c = 0; c < count; c++) {
            load_cost cost;
            (void)one_load(&contenders[c]);
            cost = one_load(&contenders[c]);
            repeat_ns[c][s] = cost.ns;
            repeat_faults[c][s] = cost.faults;
        }
    }
    for (c = 0; c < count; c++) {
        out[c].turns_ns = median_of(turns_ns[c], CPU_SAMPLES);
        out[c].turns_faults = median_of(turns_faults[c], CPU_SAMPLES);
        out[c].repeat_ns = median_of(repeat_ns[c], CPU_SAMPLES);
        out[c].repeat_faults = median_of(repeat_faults[c], CPU_SAMPLES);
    }
}

/* ---- The report ---- */

static void print_machine(int core)
{
    struct utsname u;
    char line[256], cpu[256] = "unknown";
    double load[3] = {0, 0, 0};
    time_t now = time(NULL);
    char date[64];
    FILE *f = fopen("/proc/cpuinfo", "r");
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "model name", 10) == 0 && strchr(line, ':') != NULL) {
            snprintf(cpu, sizeof cpu, "%s", strchr(line, ':') + 2);
            cpu[strcspn(cpu, "\n")] = '\0';
            break;
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    (void)getloadavg(load, 3);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", gmtime(&now));
    (void)uname(&u);
    printf("Machine: %s %s, %s, %ld cores online; pinned to core %d.  \n", u.sysname, u.machine, cpu,
           sysconf(_SC_NPROCESSORS_ONLN), core);
    printf("Compiler: %s; FANN 2.2 (libfann); json-c %s.  \n",
#ifdef __clang__
           "clang " __clang_version__,
#else
           "gcc " __VERSION__,
#endif
           json_c_version());
    printf("Date: %s; load average %.2f %.2f %.2f.\n\n", date, load[0], load[1], load[2]);
}

int main(int argc, char **argv)
{
    static ilv_run run;
    const char *dir = argc > 1 ? argv[1] : "build";
    loader_kind ids[KINDS] = {SOMA_ARRAY, SOMA_PACKED, FANN_FILE, OLD_ARRAY, OLD_PACKED};
    ilv_contender contenders[KINDS];
    memory mem[KINDS];
    cpu_figures cpu[KINDS];
    size_t count = 0, k;
    ilv_options options;
    char self[1024];
    ssize_t self_length;
    int core;
    pid_t writer;
    int status;
#ifdef BENCH_OLD_LOADER
    const int have_old = 1;
#else
    const int have_old = 0;
#endif

    if (argc == 4 && strcmp(argv[1], "--memory") == 0) {
        return memory_child((loader_kind)atoi(argv[2]), argv[3]);
    }
    snprintf(paths[SOMA_ARRAY], sizeof paths[0], "%s/bench_load_784.json", dir);
    snprintf(paths[SOMA_PACKED], sizeof paths[0], "%s/bench_load_784_packed.json", dir);
    snprintf(paths[FANN_FILE], sizeof paths[0], "%s/bench_load_784.net", dir);
    snprintf(paths[OLD_ARRAY], sizeof paths[0], "%s", paths[SOMA_ARRAY]);
    snprintf(paths[OLD_PACKED], sizeof paths[0], "%s", paths[SOMA_PACKED]);
    self_length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (self_length < 0) {
        die("/proc/self/exe", "cannot find this program");
    }
    self[self_length] = '\0';

    /* The files, and the checks, in a child: this process stays small for the memory runs. */
    writer = fork();
    if (writer == 0) {
        net n;
        struct fann *ann;
        static const loader_kind soma_kinds[] = {SOMA_ARRAY, SOMA_PACKED, OLD_ARRAY, OLD_PACKED};
        if (make_net(&n) != 0 || write_soma(&n, paths[SOMA_ARRAY], 0) != 0 ||
            write_soma(&n, paths[SOMA_PACKED], 1) != 0) {
            die(dir, "cannot write the model files");
        }
        ann = fann_of(&n);
        if (ann == NULL || fann_save(ann, paths[FANN_FILE]) != 0) {
            die(paths[FANN_FILE], "cannot write FANN's file");
        }
        fann_destroy(ann);
        for (k = 0; k < sizeof soma_kinds / sizeof soma_kinds[0]; k++) {
            if (soma_kinds[k] >= OLD_ARRAY && !have_old) {
                continue;
            }
            memset(storage, 0, sizeof storage);
            load_once(soma_kinds[k]);
            check_params(&n, kind_names[soma_kinds[k]]);
        }
        check_fann(&n);
        _exit(0);
    }
    if (writer < 0 || waitpid(writer, &status, 0) != writer || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        die(dir, "writing or checking the model files failed");
    }

    for (k = 0; k < KINDS; k++) {
        if (ids[k] >= OLD_ARRAY && !have_old) {
            continue;
        }
        if (measure_memory(self, ids[k], &mem[k]) != 0) {
            die(kind_names[k], "the memory run failed");
        }
        contenders[count].name = kind_names[k];
        contenders[count].run = run_loads;
        contenders[count].ctx = &ids[k];
        count++;
    }

    core = ilv_pin_to_one_core();
    options = ilv_default_options();
    options.rounds = 41;
    options.max_seconds = 120.0;
    if (ilv_measure(contenders, count, &options, &run) != 0) {
        die("ilv_measure", "bad arguments");
    }
    measure_cpu(contenders, count, cpu);

    print_machine(core);
    printf("Loading the 784-128-64-10 model (109,386 parameters) from a file: %zu rounds, "
           "contenders interleaved. Ratio = the row's time / FANN's (below 1: faster), median of the "
           "per-round ratios (10th-90th percentile).\n\n",
           run.rounds);
    printf("| loader | file | median time | ratio to FANN | CPU time, taking turns | CPU time, second of two | "
           "page faults, taking turns / second of two | peak RSS | resident before → after the load |\n");
    printf("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (k = 0; k < count; k++) {
        const loader_kind kind = *(const loader_kind *)contenders[k].ctx;
        char ratio[64];
        long bytes = 0;
        FILE *f = fopen(paths[kind], "rb");
        if (f != NULL && fseek(f, 0, SEEK_END) == 0) {
            bytes = ftell(f);
        }
        if (f != NULL) {
            fclose(f);
        }
        ilv_format_ratio(ratio, sizeof ratio, ilv_ratio_of(&run, k, 2));
        printf("| %s | %.2f MB | %.2f ms | %s | %.2f ms | %.2f ms | %.0f / %.0f | %.1f MB | %.1f → %.1f MB |\n",
               kind_names[kind], (double)bytes / 1e6, ilv_median_ns(&run, k) / 1e6,
               kind == FANN_FILE ? "1" : ratio, cpu[k].turns_ns / 1e6, cpu[k].repeat_ns / 1e6,
               cpu[k].turns_faults, cpu[k].repeat_faults, (double)mem[kind].peak_kb / 1024.0,
               (double)mem[kind].before_kb / 1024.0, (double)mem[kind].after_kb / 1024.0);
    }
    if (have_old) {
        char ratio[64];
        ilv_format_ratio(ratio, sizeof ratio, ilv_ratio_of(&run, 0, 3));
        printf("\nArray form, today's loader / the loader before: %s.  \n", ratio);
        ilv_format_ratio(ratio, sizeof ratio, ilv_ratio_of(&run, 1, 4));
        printf("Packed form, today's loader / the loader before: %s.\n", ratio);
    } else {
        printf("\n(The loader before issue 13 was not linked: Tests/bench/old_loader.sh needs the git history.)\n");
    }
    printf("\nCPU time: median of %d loads per contender by CLOCK_THREAD_CPUTIME_ID (leaves out "
           "waiting for the core on a shared machine), measured after the rounds, two ways in "
           "alternation: taking turns (each load after another contender's) and the second of two "
           "loads in a row; page faults: getrusage's ru_minflt over each load (median). The CPU "
           "times are taken after the rounds, not among them, on whatever the machine does then: "
           "compare them with each other, and read the ratios from the interleaved column.  \n",
           CPU_SAMPLES);
    printf("Peak RSS: getrusage's ru_maxrss of a fresh process that loads once; resident: "
           "/proc/self/statm just before the load and after it returned (the after figure includes "
           "the caller's %zu KB of parameter storage that the load fills).\n",
           (size_t)109386 * sizeof(float) / 1024);
    return 0;
}
