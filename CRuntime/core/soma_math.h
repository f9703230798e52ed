/*
 * soma_math.h — Soma's own correctly rounded binary32 exp, expm1, tanh and fma.
 *
 * The model format (docs/model-format.md) defines exp, expm1 and tanh as the
 * exact result rounded to nearest-even, and fma as fused with one rounding, so
 * every conforming platform computes the same bits. These need no libm; they
 * use binary64 arithmetic (on a core without a double-precision FPU, such as a
 * Cortex-M4F or M3, the compiler's software double). Proven on all 2^32
 * inputs against MPFR by `make check-math` (Tests/math/).
 */
#ifndef SOMA_MATH_H
#define SOMA_MATH_H

#include <float.h>

/* The proofs assume every double and float operation rounds once, as written. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0 && FLT_EVAL_METHOD != -1
#error "soma_math needs FLT_EVAL_METHOD == 0 (SSE2 on x86, not the x87 FPU)"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* e^x, correctly rounded. */
float soma_expf(float x);

/* e^x - 1, correctly rounded. */
float soma_expm1f(float x);

/* tanh(x), correctly rounded. */
float soma_tanhf(float x);

/* x * y + z with one rounding, in software (exact binary64 product, round-to-odd sum). */
float soma_fmaf(float x, float y, float z);

#ifdef __cplusplus
}
#endif

/*
 * SOMA_FMAF(x, y, z): the fused multiply-add the forward pass uses. The
 * instruction where the target has one (__FP_FAST_FMAF: AArch64, Cortex-M4F's
 * vfma.f32). On x86-64, __builtin_fmaf is the instruction inside the kernels'
 * x86-64-v3/v4 clones and otherwise the C library's fmaf, which glibc, musl
 * and macOS round correctly. Everywhere else Soma's own soma_fmaf, because
 * some C libraries' fmaf rounds twice (newlib) or not fused at all (picolibc).
 * Define SOMA_SOFT_FMAF to force soma_fmaf.
 */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(SOMA_SOFT_FMAF) && \
    (defined(__FP_FAST_FMAF) || defined(__x86_64__))
#define SOMA_FMAF(x, y, z) __builtin_fmaf((x), (y), (z))
#else
#define SOMA_FMAF(x, y, z) soma_fmaf((x), (y), (z))
#endif

#endif
