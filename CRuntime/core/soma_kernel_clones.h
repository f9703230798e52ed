/*
 * soma_kernel_clones.h — private to CRuntime/core: the dense kernel built once
 * per x86-64 instruction set, which soma_kernels.c picks between at start-up.
 * Each clone chooses its own register blocking (docs/benchmarks.md); all give
 * the bits of the spec's order, checked by `make check-kernels`.
 */
#ifndef SOMA_KERNEL_CLONES_H
#define SOMA_KERNEL_CLONES_H

#include <stddef.h>

#include "soma.h"

/* Clones need x86-64, GCC or clang (target attributes) and a build that allows them. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    defined(__has_attribute) && !defined(SOMA_NO_TARGET_CLONES)
#if __has_attribute(target)
#define SOMA_X86_CLONES 1
#define SOMA_TARGET_V4 __attribute__((target("arch=x86-64-v4")))
#define SOMA_TARGET_V3 __attribute__((target("arch=x86-64-v3")))
#endif
#endif

#ifdef SOMA_X86_CLONES
/*
 * x86-64-v3 (AVX2 + FMA, 16 ymm registers), written with intrinsics
 * (soma_kernels_avx2.c): soma_kernel_dense's contract, and with `relu` set,
 * ReLU applied to each sum before it is stored.
 */
void soma_dense_v3(const float *weights_t, const float *bias, size_t inputs, size_t outputs,
                   size_t rows, const float *x, float *z, int relu);

/* soma_kernel_all_finite with AVX2. */
int soma_all_finite_v3(const float *x, size_t n);

/*
 * The activations that call soma_expf, soma_expm1f or soma_tanhf, four lanes
 * at a time (soma_activate_avx2.c): the scalar functions' bits on every
 * input. Left out by SOMA_SCALAR_ACTIVATIONS (the benchmark's build whose
 * functions are libm's, which have no four-lane form): every clone then
 * calls the scalar functions.
 */
#ifndef SOMA_SCALAR_ACTIVATIONS
#define SOMA_VECTOR_ACTIVATIONS 1

/*
 * Applies sigmoid, tanh, elu, selu or swish in place to n values (param:
 * elu's alpha, swish's beta) and returns 1; any other activation: returns 0.
 */
int soma_activate_v3(soma_activation activation, float param, float *z, size_t n);

/* y[k] = soma_expf(x[k]) (soma_expm1f, soma_tanhf) for k < n; x may be y. */
void soma_expf_v3(const float *x, float *y, size_t n);
void soma_expm1f_v3(const float *x, float *y, size_t n);
void soma_tanhf_v3(const float *x, float *y, size_t n);
#endif
#endif

#endif /* SOMA_KERNEL_CLONES_H */
