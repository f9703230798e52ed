/* kernel_clone.c — the dense kernel's clones (kernel_clone.h). */
#include "kernel_clone.h"

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

const char *kernel_clone_by_features(void)
{
    return has_v4() ? "v4" : has_v3() ? "v3" : "baseline";
}

/* The runtime on main has no way yet to force or report its clone: the
 * resolver picks by the CPU's features, as kernel_clone_by_features does. */
const char *kernel_clone_in_use(void)
{
    return kernel_clone_by_features();
}

int kernel_clone_can_force(void)
{
    return 0;
}
