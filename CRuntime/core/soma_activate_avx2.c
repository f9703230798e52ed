/*
 * soma_activate_avx2.c — the activations that call exp, expm1 or tanh, four
 * lanes at a time, for the x86-64-v3 clone (AVX2; the v4 clone runs them too).
 * soma_kernels.c's activation pass calls these in those clones.
 *
 * Each lane computes exactly what soma_math.c's fast path computes: the same
 * binary64 operations in the same order (a _mm256_mul_pd and a _mm256_add_pd
 * where the scalar code multiplies and adds, never a fused multiply-add), the
 * same constants (soma_exp_constants.h, soma_exp_fast.h), then the same rounding-boundary test.
 * So a lane that passes the test holds the fast path's result, which its
 * proof shows is correctly rounded; a lane that fails it, or whose input is
 * outside the fast path's range (NaN, infinities, zeros, subnormal or
 * overflowing results), is finished by the scalar function itself. Correct
 * rounding has one answer, so every lane equals the scalar function:
 * `make check-math-vector` compares them on all 2^32 inputs, and
 * check-kernels the activation passes against the spec's scalar formulas.
 *
 * The float arithmetic around the functions (sigmoid's 1 / (1 + e), ELU's
 * alpha * e, ...) is the spec's, one IEEE operation per lane, in the order
 * soma_kernels.c's act_* functions write it.
 */
#include "soma_contract.h" /* first: a fused multiply-add would change the fast paths' results */

#include "soma_kernel_clones.h"

#if defined(SOMA_X86_CLONES) && !defined(SOMA_SCALAR_ACTIVATIONS)
#include <immintrin.h>
#include <stdint.h>

#include "soma_exp_constants.h"
#include "soma_kernels.h"
#include "soma_math.h"

#define V3_INLINE static inline __attribute__((always_inline)) SOMA_TARGET_V3

/* Four doubles, each the same constant. */
#define SPLAT(c) _mm256_set1_pd(c)

/*
 * reduce_fast (expm1's and tanh's reduction) on four lanes: k = round(z * 32/ln2) by the 1.5 * 2^52
 * shifter, whose binary64 sum holds k in its low bits (bits = shifter's bits
 * + k), so j = k mod 32 is the low five bits and 2^m (k = 32m + j) has the
 * exponent field (k + 32 * 1023) / 32. r = (z - k*LN2_32_HI) - k*LN2_32_LO.
 * Lanes whose z is out of the fast path's range get garbage, unused.
 */
V3_INLINE __m256d reduce4(__m256d z, __m256d *kd_out, __m256i *j, __m256d *scale)
{
    const __m256d shifter = SPLAT(0x1.8p52);
    const __m256d shifted = _mm256_add_pd(_mm256_mul_pd(z, SPLAT(SOMA_EXP_INV_LN2_32)), shifter);
    const __m256d kd = _mm256_sub_pd(shifted, shifter);
    const __m256i bits = _mm256_castpd_si256(shifted);
    /* (bits - shifter's bits) + 32 * 1023 = k + 32 * 1023, positive for |k| < 32736. */
    const __m256i biased = _mm256_add_epi64(
        bits, _mm256_set1_epi64x((long long)(32 * 1023) - 0x4338000000000000LL));
    *kd_out = kd;
    *j = _mm256_and_si256(bits, _mm256_set1_epi64x(31));
    *scale = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_srli_epi64(biased, 5), 52));
    return _mm256_sub_pd(_mm256_sub_pd(z, _mm256_mul_pd(kd, SPLAT(LN2_32_HI))),
                         _mm256_mul_pd(kd, SPLAT(LN2_32_LO)));
}

/* exp_tail: (r * r) * (c2 + r * (c3 + r * (c4 + r * (c5 + r * (c6 + r * c7))))). */
V3_INLINE __m256d exp_tail4(__m256d r)
{
    __m256d s = _mm256_mul_pd(r, SPLAT(1.0 / 5040.0));
    s = _mm256_mul_pd(r, _mm256_add_pd(SPLAT(1.0 / 720.0), s));
    s = _mm256_mul_pd(r, _mm256_add_pd(SPLAT(1.0 / 120.0), s));
    s = _mm256_mul_pd(r, _mm256_add_pd(SPLAT(1.0 / 24.0), s));
    s = _mm256_mul_pd(r, _mm256_add_pd(SPLAT(1.0 / 6.0), s));
    return _mm256_mul_pd(_mm256_mul_pd(r, r), _mm256_add_pd(SPLAT(1.0 / 2.0), s));
}

/*
 * soma_exp_fast (soma_exp_fast.h) on four lanes: t = z * 32/ln2, k = round(t)
 * by the 1.5 * 2^52 shifter, r = t - k, s = RN(T_HI[j] + T_LO[j]) (one
 * gather of soma_exp_t_bits, not two and an add) with m
 * (k = 32m + j) added to its exponent field as (k_bits - j) << 47, q = 1 +
 * C1 r + ... + C4 r^4 in the same Estrin order, y = s * q.
 */
V3_INLINE __m256d exp_fast4(__m256d z)
{
    const __m256d shifter = SPLAT(0x1.8p52);
    const __m256d t = _mm256_mul_pd(z, SPLAT(SOMA_EXP_INV_LN2_32));
    const __m256d shifted = _mm256_add_pd(t, shifter);
    const __m256i k_bits = _mm256_castpd_si256(shifted);
    const __m256d r = _mm256_sub_pd(t, _mm256_sub_pd(shifted, shifter));
    const __m256i j = _mm256_and_si256(k_bits, _mm256_set1_epi64x(31));
    const __m256i table = _mm256_i64gather_epi64((const long long *)soma_exp_t_bits, j, 8);
    const __m256d s = _mm256_castsi256_pd(
        _mm256_add_epi64(table, _mm256_slli_epi64(_mm256_sub_epi64(k_bits, j), 47)));
    const __m256d r2 = _mm256_mul_pd(r, r);
    const __m256d low = _mm256_add_pd(SPLAT(1.0), _mm256_mul_pd(SPLAT(SOMA_EXP_C1), r));
    const __m256d high = _mm256_add_pd(
        _mm256_add_pd(SPLAT(SOMA_EXP_C2), _mm256_mul_pd(SPLAT(SOMA_EXP_C3), r)),
        _mm256_mul_pd(r2, SPLAT(SOMA_EXP_C4)));
    return _mm256_mul_pd(s, _mm256_add_pd(low, _mm256_mul_pd(r2, high)));
}

/*
 * expm1_fast: for k = 0, z + exp_tail(z); else (T_HI[j] * 2^m - 1) +
 * (T_LO[j] + t * q) * 2^m with t = T_HI[j] + T_LO[j], q = r + exp_tail(r).
 * Each lane takes its own; the k = 0 form only when a lane needs it.
 */
V3_INLINE __m256d expm1_fast4(__m256d z)
{
    __m256i j;
    __m256d kd, scale, k_zero;
    const __m256d r = reduce4(z, &kd, &j, &scale);
    const __m256d t_hi = _mm256_i64gather_pd(soma_exp_t_hi, j, 8), t_lo = _mm256_i64gather_pd(soma_exp_t_lo, j, 8);
    const __m256d t = _mm256_add_pd(t_hi, t_lo);
    const __m256d q = _mm256_add_pd(r, exp_tail4(r));
    const __m256d far = _mm256_add_pd(_mm256_sub_pd(_mm256_mul_pd(t_hi, scale), SPLAT(1.0)),
                                      _mm256_mul_pd(_mm256_add_pd(t_lo, _mm256_mul_pd(t, q)), scale));
    k_zero = _mm256_cmp_pd(kd, _mm256_setzero_pd(), _CMP_EQ_OQ); /* k = 0: j = 0 and m = 0 */
    if (_mm256_movemask_pd(k_zero) == 0) {
        return far;
    }
    return _mm256_blendv_pd(far, _mm256_add_pd(z, exp_tail4(z)), k_zero);
}

/*
 * rounds_safely_within: the 29 bits of y below binary32's last are more than
 * `margin` binary64 ulps from the midpoint 2^28. As signed differences: not
 * -margin <= low - 2^28 <= margin. All lanes' bits in one mask (bit l: lane l).
 */
V3_INLINE int rounds_safely4(__m256d y, long long margin)
{
    const __m256i low = _mm256_and_si256(_mm256_castpd_si256(y), _mm256_set1_epi64x(0x1FFFFFFF));
    const __m256i d = _mm256_sub_epi64(low, _mm256_set1_epi64x(0x10000000));
    const __m256i safe = _mm256_or_si256(_mm256_cmpgt_epi64(d, _mm256_set1_epi64x(margin)),
                                         _mm256_cmpgt_epi64(_mm256_set1_epi64x(-margin), d));
    return _mm256_movemask_pd(_mm256_castsi256_pd(safe));
}

/* Lanes (bit l) where a <= x <= b, on floats (false for NaN). */
V3_INLINE int within4(__m128 x, float a, float b)
{
    return _mm_movemask_ps(_mm_and_ps(_mm_cmp_ps(x, _mm_set1_ps(a), _CMP_GE_OQ),
                                      _mm_cmp_ps(x, _mm_set1_ps(b), _CMP_LE_OQ)));
}

/*
 * The lanes below `count` that are not in `settled` (bit l: lane l), computed
 * again by the scalar function; the others keep y.
 */
V3_INLINE __m128 finish4(__m128 x, __m128 y, int settled, int count, float (*scalar)(float))
{
    const int wanted = (1 << count) - 1;
    float in[4], out[4];
    int l;
    if ((settled & wanted) == wanted) {
        return y;
    }
    _mm_storeu_ps(in, x);
    _mm_storeu_ps(out, y);
    for (l = 0; l < count; l++) {
        if (!(settled >> l & 1)) {
            out[l] = scalar(in[l]);
        }
    }
    return _mm_loadu_ps(out);
}

/* soma_expf on the first `count` lanes: fast path for -87 <= x <= 88 (normal results). */
V3_INLINE __m128 expf4(__m128 x, int count)
{
    const __m256d y = exp_fast4(_mm256_cvtps_pd(x));
    const int settled = within4(x, -87.0f, 88.0f) & rounds_safely4(y, SOMA_EXP_FAST_MARGIN);
    return finish4(x, _mm256_cvtpd_ps(y), settled, count, soma_expf);
}

/* soma_expm1f: fast path for -18 <= x <= 88 with |x| >= 2^-125 (normal results). */
V3_INLINE __m128 expm1f4(__m128 x, int count)
{
    const __m256d y = expm1_fast4(_mm256_cvtps_pd(x));
    const __m128 a = _mm_andnot_ps(_mm_set1_ps(-0.0f), x);
    /* |x| >= 2^-125 (the upper end, 128, is no bound: x <= 88 already). */
    const int settled = within4(x, -18.0f, 88.0f) & within4(a, 0x1p-125f, 128.0f) &
                        rounds_safely4(y, FAST_MARGIN);
    return finish4(x, _mm256_cvtpd_ps(y), settled, count, soma_expm1f);
}

/* soma_tanhf: for 2^-125 <= |x| <= 9.5, y = n / (n + 2) with n = expm1_fast(2|x|), x's sign. */
V3_INLINE __m128 tanhf4(__m128 x, int count)
{
    const __m128 sign = _mm_set1_ps(-0.0f);
    const __m128 a = _mm_andnot_ps(sign, x);
    const __m256d n = expm1_fast4(_mm256_mul_pd(SPLAT(2.0), _mm256_cvtps_pd(a)));
    const __m256d y = _mm256_div_pd(n, _mm256_add_pd(n, SPLAT(2.0)));
    const int settled = within4(a, 0x1p-125f, 9.5f) & rounds_safely4(y, FAST_MARGIN);
    /* x < 0 gives -(float)y: y's sign bit set from x's (x is not -0 in a settled lane). */
    const __m128 t = _mm_or_ps(_mm256_cvtpd_ps(y), _mm_and_ps(sign, x));
    return finish4(x, t, settled, count, soma_tanhf);
}

/* 1 / (1 + soma_expf(-v)), as act_sigmoid in soma_kernels.c writes it. */
V3_INLINE __m128 sigmoid4(__m128 v, int count)
{
    const __m128 one = _mm_set1_ps(1.0f);
    const __m128 e = expf4(_mm_xor_ps(v, _mm_set1_ps(-0.0f)), count); /* soma_expf(-v) */
    return _mm_div_ps(one, _mm_add_ps(one, e));
}

/* v > 0 ? v : (negative: the value for v <= 0 or NaN). */
V3_INLINE __m128 positive_or(__m128 v, __m128 negative)
{
    return _mm_blendv_ps(negative, v, _mm_cmp_ps(v, _mm_setzero_ps(), _CMP_GT_OQ));
}

/*
 * NAME(param, x, y, n): y[k] = OP(x[k]) for k < n, four lanes at a time
 * (OP(v, count, p): count lanes in use, p the parameter as a vector). The
 * last 1 to 3 values are copied into a vector padded with zeros, and only
 * their lanes may call a scalar function. x and y may be the same array.
 */
#define V3_EACH(NAME, OP)                                                                      \
    static void SOMA_TARGET_V3 NAME(float param, const float *x, float *y, size_t n)          \
    {                                                                                          \
        const __m128 p = _mm_set1_ps(param);                                                   \
        size_t k = 0;                                                                          \
        (void)p;                                                                               \
        for (; k + 4 <= n; k += 4) {                                                           \
            _mm_storeu_ps(y + k, OP(_mm_loadu_ps(x + k), 4, p));                               \
        }                                                                                      \
        if (k < n) {                                                                           \
            float v[4] = {0.0f, 0.0f, 0.0f, 0.0f};                                             \
            const int count = (int)(n - k);                                                    \
            int l;                                                                             \
            for (l = 0; l < count; l++) {                                                      \
                v[l] = x[k + (size_t)l];                                                       \
            }                                                                                  \
            _mm_storeu_ps(v, OP(_mm_loadu_ps(v), count, p));                                   \
            for (l = 0; l < count; l++) {                                                      \
                y[k + (size_t)l] = v[l];                                                       \
            }                                                                                  \
        }                                                                                      \
    }

/* Each activation's formula, as act_* in soma_kernels.c writes it. */
#define OP_EXP(v, count, p) expf4(v, count)
#define OP_EXPM1(v, count, p) expm1f4(v, count)
#define OP_TANH(v, count, p) tanhf4(v, count)
/* 1 / (1 + soma_expf(-v)) */
#define OP_SIGMOID(v, count, p) sigmoid4(v, count)
/* v > 0 ? v : alpha * soma_expm1f(v) */
#define OP_ELU(v, count, p) positive_or(v, _mm_mul_ps(p, expm1f4(v, count)))
/* v > 0 ? lambda * v : lambda * (alpha * soma_expm1f(v)) */
#define OP_SELU(v, count, p)                                                                   \
    selu_of(v, expm1f4(v, count))
/* v * sigmoid(beta * v) */
#define OP_SWISH(v, count, p) swish4(v, p, count)

V3_INLINE __m128 selu_of(__m128 v, __m128 e)
{
    const __m128 lambda = _mm_set1_ps(SOMA_SELU_LAMBDA);
    return positive_or(_mm_mul_ps(lambda, v),
                       _mm_mul_ps(lambda, _mm_mul_ps(_mm_set1_ps(SOMA_SELU_ALPHA), e)));
}

/*
 * A NaN v makes sigmoid(beta * v) a NaN too, of the opposite sign; of two NaN
 * operands x86 returns the first, and which one that is C leaves to the
 * compiler (clang swaps a commutative multiply's operands). The scalar pass
 * returns the sigmoid's NaN: so v is replaced by 1 where it is NaN.
 */
V3_INLINE __m128 swish4(__m128 v, __m128 p, int count)
{
    const __m128 s = sigmoid4(_mm_mul_ps(p, v), count);
    const __m128 v_or_one = _mm_blendv_ps(v, _mm_set1_ps(1.0f), _mm_cmp_ps(v, v, _CMP_UNORD_Q));
    return _mm_mul_ps(v_or_one, s);
}

V3_EACH(each_exp, OP_EXP)
V3_EACH(each_expm1, OP_EXPM1)
V3_EACH(each_tanh, OP_TANH)
V3_EACH(each_sigmoid, OP_SIGMOID)
V3_EACH(each_elu, OP_ELU)
V3_EACH(each_selu, OP_SELU)
V3_EACH(each_swish, OP_SWISH)

int SOMA_TARGET_V3 soma_activate_v3(soma_activation activation, float param, float *z, size_t n)
{
    switch (activation) {
    case SOMA_ACT_SIGMOID: each_sigmoid(param, z, z, n); return 1;
    case SOMA_ACT_TANH: each_tanh(param, z, z, n); return 1;
    case SOMA_ACT_ELU: each_elu(param, z, z, n); return 1;
    case SOMA_ACT_SELU: each_selu(param, z, z, n); return 1;
    case SOMA_ACT_SWISH: each_swish(param, z, z, n); return 1;
    default: return 0;
    }
}

void SOMA_TARGET_V3 soma_expf_v3(const float *x, float *y, size_t n)
{
    each_exp(0.0f, x, y, n);
}

void SOMA_TARGET_V3 soma_expm1f_v3(const float *x, float *y, size_t n)
{
    each_expm1(0.0f, x, y, n);
}

void SOMA_TARGET_V3 soma_tanhf_v3(const float *x, float *y, size_t n)
{
    each_tanh(0.0f, x, y, n);
}

#else
/* ISO C wants a declaration in every translation unit. */
typedef int soma_activate_avx2_unused;
#endif /* SOMA_X86_CLONES && !SOMA_SCALAR_ACTIVATIONS */
