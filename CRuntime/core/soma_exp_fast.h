/*
 * soma_exp_fast.h — private to CRuntime/core: soma_expf's fast path as inline
 * code, so an activation (soma_kernels.c) evaluates e^x without a call: a tiny
 * layer's sigmoid then keeps its values in registers. soma_expf (soma_math.c)
 * is this same function, so both give the same bits, which `make check-math`
 * proves correctly rounded on all 2^32 inputs. The method and its error bound
 * are docs/model-format.md's ("Correctly rounded functions").
 */
#ifndef SOMA_EXP_FAST_H
#define SOMA_EXP_FAST_H

#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define SOMA_EXP_INLINE static inline __attribute__((always_inline))
#else
#define SOMA_EXP_INLINE static inline
#endif

/* 2^(j/32) = soma_exp_t_hi[j] + soma_exp_t_lo[j] (soma_math.c: T_HI on 15 bits). */
extern const double soma_exp_t_hi[32];
extern const double soma_exp_t_lo[32];
/* The bits of RN(soma_exp_t_hi[j] + soma_exp_t_lo[j]) (soma_math.c). */
extern const uint64_t soma_exp_t_bits[32];

#if defined(__GNUC__) || defined(__clang__)
#define SOMA_EXP_COLD __attribute__((cold))
#else
#define SOMA_EXP_COLD
#endif

/*
 * e^x for what the fast path leaves: results near a rounding boundary, and x
 * outside [-87, 88]. Cold: the caller keeps its registers for the fast path.
 */
SOMA_EXP_COLD float soma_expf_rest(float x);

/* From Tests/math/gen_exp_table.py (mpmath, 200 bits): RN(32/ln2), and Ck = RN((ln2/32)^k / k!). */
static const double SOMA_EXP_INV_LN2_32 = 0x1.71547652b82fep+5;
static const double SOMA_EXP_C1 = 0x1.62e42fefa39efp-6;
static const double SOMA_EXP_C2 = 0x1.ebfbdff82c58fp-13;
static const double SOMA_EXP_C3 = 0x1.c6b08d704a0c0p-20;
static const double SOMA_EXP_C4 = 0x1.3b2ab6fba4e77p-27;

/* exp's fast result is below 2^-39.4 relative, 2^13.6 binary64 ulps: 2^16 is 5 times that. */
#define SOMA_EXP_FAST_MARGIN 65536u

SOMA_EXP_INLINE uint64_t soma_double_bits(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

SOMA_EXP_INLINE double soma_bits_double(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/*
 * Rounding y to binary32 is certainly correct: y's error is below `margin`
 * binary64 ulps and y's binary32 image is normal (soma_math.c's fast paths
 * say why: the 29 low bits of y are more than `margin` away from a midpoint).
 */
SOMA_EXP_INLINE int soma_rounds_safely_within(double y, uint64_t margin)
{
    const uint64_t low = soma_double_bits(y) & 0x1FFFFFFFu;
    return low + margin - 0x10000000u > 2u * margin; /* wraps below */
}

/*
 * e^z for -87 <= z <= 88, relative error below 2^-39.4, on a short chain of
 * dependent operations (a sigmoid waits on it). Reduced in units of ln2/32:
 * t = RN(z * 32/ln2), k = round(t) by the 1.5 * 2^52 shifter, r = t - k
 * (exact: Sterbenz), |r| <= 1/2, so r ln2/32 = z - k ln2/32 + d with
 * |d| <= |z| (2^-53 + 2^-53) (t's rounding and the constant's) < 2^-45.4.
 * e^z = 2^m 2^(j/32) e^(r ln2/32), k = 32m + j: s = T 2^m exactly, with T =
 * RN(T_HI + T_LO) (error 2^-53) and m added to T's exponent field (the
 * shifted sum's low bits are k in two's complement; shifted left by 47, k - j
 * gives m << 52 modulo 2^64; T's bits come from soma_exp_t_bits, one integer
 * load where the sum was two loads, an add and a move between register
 * files). q = 1 + C1 r + ... + C4 r^4 in Estrin's order:
 * truncation |u|^5/120 e^|u| < 2^-39.52 relative for u = r ln2/32,
 * |u| <= 0.01084; rounding (1 + C1 r and the last sum, 2^-53 each; the other
 * terms are below 2^-12, and the coefficients' own errors) below 2^-51.9;
 * y = RN(s q), 2^-53. Together below 2^-39.50. Degree 4, not 5: one
 * multiply-add less, for a margin that sends 1 input in 2^12 to the pair.
 *
 * First the reduction, shared with soma_exp_fast_fused: returns s and sets r.
 */
SOMA_EXP_INLINE double soma_exp_reduce(double z, double *r)
{
    const double shifter = 0x1.8p52;
    const double t = z * SOMA_EXP_INV_LN2_32;
    const double shifted = t + shifter;
    const uint64_t k_bits = soma_double_bits(shifted);
    const unsigned j = (unsigned)(k_bits & 31u);
    *r = t - (shifted - shifter);
    return soma_bits_double(soma_exp_t_bits[j] + ((k_bits - j) << 47));
}

/* e^z as above: s = 2^m 2^(j/32) from the reduction, times q. */
SOMA_EXP_INLINE double soma_exp_fast(double z)
{
    double r;
    const double s = soma_exp_reduce(z, &r);
    const double r2 = r * r;
    const double q = (1.0 + SOMA_EXP_C1 * r) +
                     r2 * ((SOMA_EXP_C2 + SOMA_EXP_C3 * r) + r2 * SOMA_EXP_C4);
    return s * q;
}

/* e^x correctly rounded: soma_expf, in line. */
SOMA_EXP_INLINE float soma_expf_inline(float x)
{
    if (x >= -87.0f && x <= 88.0f) { /* e^x normal: 2^-126 < e^-87, e^88 < 2^127 */
        const double y = soma_exp_fast((double)x);
        if (soma_rounds_safely_within(y, SOMA_EXP_FAST_MARGIN)) {
            return (float)y;
        }
    }
    return soma_expf_rest(x);
}

#if defined(__GNUC__) || defined(__clang__)
/*
 * soma_exp_fast with the polynomial's multiply-adds fused, for code compiled
 * with FMA (the v3 clone's small kernel; elsewhere __builtin_fma is a libm
 * call). Same reduction, same table, same Estrin order; each fused step
 * rounds once where the plain one rounds twice, so the rounding terms of the
 * bound above only shrink: 1 + C1 r and the last sum, 2^-53 each, the terms
 * below 2^-12 as before, r2's rounding weighted by r2 (...) < 2^-14. The
 * error stays below 2^-39.50 and the margin is the same; both paths are then
 * correctly rounded, so they give the same bits. check_math proves this one
 * too on all 2^32 inputs (its "exp-fma", in an FMA build).
 */
SOMA_EXP_INLINE double soma_exp_fast_fused(double z)
{
    double r;
    const double s = soma_exp_reduce(z, &r);
    const double r2 = r * r;
    const double q = __builtin_fma(
        r2, __builtin_fma(r2, SOMA_EXP_C4, __builtin_fma(SOMA_EXP_C3, r, SOMA_EXP_C2)),
        __builtin_fma(SOMA_EXP_C1, r, 1.0));
    return s * q;
}

/* e^x correctly rounded: soma_expf_inline with the fused polynomial. */
SOMA_EXP_INLINE float soma_expf_inline_fused(float x)
{
    if (x >= -87.0f && x <= 88.0f) {
        const double y = soma_exp_fast_fused((double)x);
        if (soma_rounds_safely_within(y, SOMA_EXP_FAST_MARGIN)) {
            return (float)y;
        }
    }
    return soma_expf_rest(x);
}
#endif

#endif /* SOMA_EXP_FAST_H */
