/* machine.c — the machine a table was measured on (machine.h). */
#define _POSIX_C_SOURCE 200112L /* sysconf, gmtime_r */

#include "machine.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void cpu_model(char *out, size_t size)
{
    char line[256];
    FILE *f = fopen("/proc/cpuinfo", "r");
    snprintf(out, size, "unknown");
    if (f == NULL) {
        return;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "model name", 10) == 0) {
            const char *colon = strchr(line, ':');
            if (colon != NULL) {
                snprintf(out, size, "%s", colon + 2);
                out[strcspn(out, "\n")] = '\0';
            }
            break;
        }
    }
    fclose(f);
}

void machine_describe(machine_info *m)
{
    const time_t t = time(NULL);
    struct tm utc;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cpu_model(m->cpu, sizeof m->cpu);
    m->cores = cores > 0 ? (int)cores : 0;
    m->avx2 = m->fma = m->avx512f = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    m->avx2 = __builtin_cpu_supports("avx2") != 0;
    m->fma = __builtin_cpu_supports("fma") != 0;
    m->avx512f = __builtin_cpu_supports("avx512f") != 0;
#endif
    if (gmtime_r(&t, &utc) != NULL) {
        strftime(m->date, sizeof m->date, "%Y-%m-%d %H:%M UTC", &utc);
    } else {
        snprintf(m->date, sizeof m->date, "unknown");
    }
#if defined(__clang__)
    snprintf(m->compiler, sizeof m->compiler, "clang %d.%d.%d", __clang_major__, __clang_minor__,
             __clang_patchlevel__);
#elif defined(__GNUC__)
    snprintf(m->compiler, sizeof m->compiler, "gcc %d.%d.%d", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
    snprintf(m->compiler, sizeof m->compiler, "unknown");
#endif
}

void machine_load_average(char *out, size_t size)
{
    double one, five, fifteen;
    FILE *f = fopen("/proc/loadavg", "r");
    snprintf(out, size, "unknown");
    if (f == NULL) {
        return;
    }
    if (fscanf(f, "%lf %lf %lf", &one, &five, &fifteen) == 3) {
        snprintf(out, size, "%.2f %.2f %.2f", one, five, fifteen);
    }
    fclose(f);
}
