/* kernel_clone.c — the dense kernel's clones (kernel_clone.h). */
#include "kernel_clone.h"

#include <string.h>

#include "soma_kernels.h" /* soma_kernel_isa(): internal to the runtime, in its static library */

static int has_v4(void)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl");
#else
    return 0;
#endif
}

static int has_v3(void)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("bmi2");
#else
    return 0;
#endif
}

size_t kernel_clones_runnable(const char *names[3])
{
    size_t n = 0;
    if (has_v4()) {
        names[n++] = "v4";
    }
    if (has_v3()) {
        names[n++] = "v3";
    }
    names[n++] = "baseline";
    return n;
}

/* The runtime chooses once, at start-up, from SOMA_ISA and the CPU (docs/embedding.md). */
const char *kernel_clone_in_use(void)
{
    return soma_kernel_isa();
}

/* Off x86-64 (or built without clones) there is one "portable" kernel. */
int kernel_clone_can_force(void)
{
    return strcmp(soma_kernel_isa(), "portable") != 0;
}
