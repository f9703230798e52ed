/* Shared by the training kernels' sources (private to CSomaKernels): which
 * instruction sets a function is built for, and an errno-free square root.
 *
 * SOMA_CLONES builds a function for x86-64-v4, x86-64-v3 and baseline x86-64
 * and picks one at load time (target_clones); elsewhere it builds one version.
 * Each source turns contraction off itself (#pragma STDC FP_CONTRACT OFF), so
 * every clone computes the same bits. */
#ifndef SOMA_KERNEL_CLONES_H
#define SOMA_KERNEL_CLONES_H

#if defined(__x86_64__) && defined(__linux__) && !defined(SOMA_NO_CLONES)
#define SOMA_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#define SOMA_DISPATCH 1
#define SOMA_TARGET_V4 __attribute__((target("arch=x86-64-v4")))
#define SOMA_TARGET_V3 __attribute__((target("arch=x86-64-v3")))
#else
#define SOMA_CLONES
#define SOMA_DISPATCH 0
#endif

/* sqrtf without errno: a call that may set errno keeps a loop scalar unless
 * built with -fno-math-errno, which is a flag SwiftPM would refuse. The square
 * root is correctly rounded either way: same bits. */
#define SQRT(x) __builtin_elementwise_sqrt(x)

#endif /* SOMA_KERNEL_CLONES_H */
