/*
 * machine.h — what a benchmark table must say about where it ran: the CPU
 * model and its vector extensions, the compiler, the date, the load average.
 */
#ifndef SOMA_BENCH_MACHINE_H
#define SOMA_BENCH_MACHINE_H

#include <stddef.h>

typedef struct machine_info {
    char cpu[128];    /* /proc/cpuinfo's "model name", or "unknown" */
    int cores;        /* online cores */
    int avx2, fma, avx512f;
    char date[32];    /* UTC, ISO 8601 */
    char compiler[64];
} machine_info;

void machine_describe(machine_info *m);

/* "0.14 0.60 1.01" from /proc/loadavg (the 1, 5 and 15 minute averages), or "unknown". */
void machine_load_average(char *out, size_t size);

#endif
