/*
 * soma_math.c — correctly rounded binary32 exp, expm1, tanh and fma.
 *
 * Method (docs/model-format.md, "Correctly rounded functions", has the proof).
 * Each function computes its exact result v as an unevaluated pair of doubles
 * hi + lo, |lo| <= ulp(hi)/2, with relative error below 2^-55, then rounds the
 * pair to binary32 by round-to-odd: hi is replaced by its odd neighbour in the
 * direction of lo when lo != 0 and hi's last bit is even; converting that
 * double to float rounds exactly as v would, because binary64 carries at least
 * two bits more than binary32 (and than its subnormals). What remains — an
 * input whose exact result lies within 2^-55 (relative) of a binary32
 * rounding boundary — is excluded by checking all 2^32 inputs against MPFR.
 * A plain-double fast path (below) returns first wherever it can prove that
 * rounding its result gives the same bits; the pair decides the rest.
 *
 * e^z = 2^m * 2^(j/32) * e^r with k = round(z * 32/ln2) = 32m + j and
 * r = z - k*ln2/32, |r| <= ln2/64. ln2/32 = LN2_32_HI + LN2_32_LO with
 * LN2_32_HI on 38 bits, so k*LN2_32_HI and r_hi = z - k*LN2_32_HI are exact;
 * r_hi has at most 38 significant bits and 2^(j/32) = T_HI + T_LO with T_HI on
 * 15, so T_HI * r_hi is exact too. e^r - 1 = r + r^2(1/2 + ... + r^5/5040), a
 * Taylor polynomial whose truncation is below 2^-67 on |r| <= ln2/64.
 */
#include "soma_contract.h" /* first: a fused a * b + c would break the pair arithmetic */

#include <stdint.h>
#include <string.h>

#include "soma_math.h"

#include "soma_exp_constants.h"

/* A value as an unevaluated sum hi + lo. */
typedef struct {
    double hi, lo;
} soma_dd;

static uint64_t double_bits(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static double bits_double(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/* hi + lo = a + b exactly, when |a| >= |b| (Dekker). */
static soma_dd fast_two_sum(double a, double b)
{
    soma_dd s;
    s.hi = a + b;
    s.lo = b - (s.hi - a);
    return s;
}

/* hi + lo = a + b exactly, any order (Knuth). */
static soma_dd two_sum(double a, double b)
{
    soma_dd s;
    double bb;
    s.hi = a + b;
    bb = s.hi - a;
    s.lo = (a - (s.hi - bb)) + (b - bb);
    return s;
}

/* hi + lo = a * b exactly (Veltkamp split, Dekker product: no fma needed). */
static soma_dd two_prod(double a, double b)
{
    const double split = 134217729.0; /* 2^27 + 1 */
    double ca = split * a, cb = split * b;
    double ah = ca - (ca - a), bh = cb - (cb - b);
    double al = a - ah, bl = b - bh;
    soma_dd p;
    p.hi = a * b;
    p.lo = ((ah * bh - p.hi) + ah * bl + al * bh) + al * bl;
    return p;
}

/* 2^m for -1022 <= m <= 1023. */
static double power_of_two(int m)
{
    return bits_double((uint64_t)(m + 1023) << 52);
}

/*
 * v.hi + v.lo (v.hi = RN(v.hi + v.lo)) rounded to binary32: round to odd in
 * binary64, then to nearest in binary32.
 */
static float round_pair(soma_dd v)
{
    uint64_t b = double_bits(v.hi);
    if (v.lo != 0.0 && (b & 1u) == 0) {
        /* Away from zero when lo has hi's sign, else towards it. */
        b = ((v.lo > 0.0) == (v.hi > 0.0)) ? b + 1u : b - 1u;
    }
    return (float)bits_double(b);
}

/* k = round(z * 32/ln2) and r = z - k*ln2/32 = r_hi + r_lo, r_hi exact. */
static int reduce(double z, double *r_hi, double *r_lo)
{
    const double t = z * INV_LN2_32;
    const int k = (int)(t < 0.0 ? t - 0.5 : t + 0.5);
    const double kd = (double)k;
    *r_hi = z - kd * LN2_32_HI;
    *r_lo = -(kd * LN2_32_LO);
    return k;
}

/* e^r - 1 - r, for |r| <= ln2/64 (within 2^-67). */
static double exp_tail(double r)
{
    const double c2 = 1.0 / 2.0, c3 = 1.0 / 6.0, c4 = 1.0 / 24.0, c5 = 1.0 / 120.0,
                 c6 = 1.0 / 720.0, c7 = 1.0 / 5040.0;
    return (r * r) * (c2 + r * (c3 + r * (c4 + r * (c5 + r * (c6 + r * c7)))));
}

/*
 * Fast paths. Each function first evaluates its result y in plain binary64
 * with a proven relative error bound eps: |y - v| <= eps |v| for the exact
 * value v (eps = 2^-39.4 for exp, 2^-49 for expm1, 2^-47 for tanh; the
 * arguments are below). Converting y to binary32 rounds v correctly unless a
 * rounding boundary (a midpoint between adjacent binary32 numbers) lies
 * between them. For y in binary32's normal range, y in [2^e, 2^(e+1)), a
 * midpoint is where the 29 low bits of y's significand read 2^28; one binary64
 * ulp there is 2^(e-52), so the error is below eps 2^53 ulps (2^13.6 for exp,
 * 2^6 for tanh). The fast result is kept when those bits are more than a
 * margin away from 2^28: EXP_FAST_MARGIN = 2^16 ulps for exp, FAST_MARGIN =
 * 2^10 for expm1 and tanh (5 and 16 times the bounds); a midpoint of a
 * neighbouring binade is at least 2^28 ulps away. Otherwise (one input in
 * 2^12 for exp, 2^18 for the others), and for subnormal, overflowing and
 * special results, the exact pair decides.
 */

/*
 * Rounding y to binary32 is certainly correct: y's error is below margin
 * binary64 ulps and y's binary32 image is normal.
 */
static int rounds_safely_within(double y, uint64_t margin)
{
    const uint64_t low = double_bits(y) & 0x1FFFFFFFu;
    return low + margin - 0x10000000u > 2u * margin; /* wraps below */
}

static int rounds_safely(double y)
{
    return rounds_safely_within(y, FAST_MARGIN);
}

/*
 * k = round(z * 32/ln2) (by the 1.5 * 2^52 shifter, no branch), j = k mod 32,
 * m = (k - j)/32, and r = z - k*LN2_32_HI - k*LN2_32_LO in one double.
 * |r| <= ln2/64 (1 + 2^-40) < 0.01084, and the error of r is below
 * 2^-53 |r| + 2^-84 < 2^-59.5 (r_hi is exact as in the pair path).
 */
static double reduce_fast(double z, int *j, int *m)
{
    const double shifter = 0x1.8p52;
    const double kd = (z * INV_LN2_32 + shifter) - shifter;
    const int k = (int)kd;
    *j = (int)((unsigned)k & 31u);
    *m = (k - *j) / 32; /* exact */
    return (z - kd * LN2_32_HI) - kd * LN2_32_LO;
}

/*
 * e^z for -87 <= z <= 88, relative error below 2^-39.4: y = 2^m (T + T p)
 * with T = RN(T_HI + T_LO) (error 2^-53), p = e^r - 1 by a degree-4 Taylor
 * polynomial (truncation |r|^5/120 (1 + |r|) < 2^-39.5; rounding and r's
 * error below 2^-58 absolute), T*p and the sum each rounded once (2^-59.5
 * and 2^-53). Degree 4, not 5: one multiply-add less on the sigmoid's and
 * softmax's path, for a margin that sends 1 input in 2^12 to the pair.
 */
static double exp_fast(double z)
{
    int j, m;
    const double r = reduce_fast(z, &j, &m);
    const double t = T_HI[j] + T_LO[j];
    const double p = r + (r * r) * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0)));
    return (t + t * p) * power_of_two(m);
}

/*
 * e^z - 1 for -18 <= z <= 88, relative error below 2^-49. For k = 0
 * (|z| <= ln2/64): z + exp_tail(z), truncation 2^-61 and rounding 2^-52
 * relative. Otherwise (|z| >= ln2/64 (1 - 2^-40)): (2^m T_HI - 1) + 2^m (T_LO +
 * T q), q = e^r - 1 = r + exp_tail(r) (truncation 2^-67). 2^m T_HI - 1 is
 * exact for -26 <= m <= 38 (2^m T_HI has 15 bits, the difference at most 53);
 * for larger m it rounds once, by 2^-53 of a term within 2^-38 of the result.
 * The second term's rounding errors (T's, q's with r's, the product's and the
 * sum's) add up to below 2^-56.5 e^z, and e^z / |e^z - 1| < 93 < 2^6.6 for
 * |z| >= 0.01083; the last sum rounds once: 2^-49.9 + 2^-53 + 2^-53 < 2^-49.
 */
static double expm1_fast(double z)
{
    int j, m;
    const double r = reduce_fast(z, &j, &m);
    double scale, t, q;
    if (j == 0 && m == 0) {
        return z + exp_tail(z);
    }
    scale = power_of_two(m);
    t = T_HI[j] + T_LO[j];
    q = r + exp_tail(r);
    return (T_HI[j] * scale - 1.0) + (T_LO[j] + t * q) * scale;
}

/* e^z as a pair, relative error below 2^-62, for -110 <= z <= 110. */
static soma_dd exp_pair(double z)
{
    double r_hi, r_lo, r, q, p1, rest;
    const int k = reduce(z, &r_hi, &r_lo);
    const int biased = k + 32 * 256; /* non-negative, so / and % floor */
    const int j = biased % 32, m = biased / 32 - 256;
    const double t_hi = T_HI[j], t_lo = T_LO[j];
    soma_dd s;
    r = r_hi + r_lo;
    q = exp_tail(r);
    p1 = t_hi * r_hi; /* exact: 15 bits times 38 bits */
    /* e^z / 2^m = t_hi + p1 + rest, rest = t_hi*(r_lo + q) + t_lo*(1 + r + q). */
    rest = t_hi * (r_lo + q) + t_lo * (1.0 + (r + q));
    s = fast_two_sum(t_hi, p1);
    s = fast_two_sum(s.hi, s.lo + rest);
    s.hi *= power_of_two(m);
    s.lo *= power_of_two(m);
    return s;
}

/* e^z - 1 as a pair, relative error below 2^-56, for -110 <= z <= 110. */
static soma_dd expm1_pair(double z)
{
    double r_hi, r_lo;
    soma_dd e, d;
    if (reduce(z, &r_hi, &r_lo) == 0) {
        /* |z| <= ln2/64: z + (e^z - 1 - z), the tail far smaller than z. */
        return fast_two_sum(z, exp_tail(z));
    }
    e = exp_pair(z);
    d = two_sum(e.hi, -1.0);
    return fast_two_sum(d.hi, d.lo + e.lo);
}

float soma_expf(float x)
{
    if (x >= -87.0f && x <= 88.0f) { /* e^x normal: 2^-126 < e^-87, e^88 < 2^127 */
        const double y = exp_fast((double)x);
        if (rounds_safely_within(y, EXP_FAST_MARGIN)) {
            return (float)y;
        }
        return round_pair(exp_pair((double)x));
    }
    if (x != x) {
        return x + x;
    }
    if (x > 89.0f) {
        return FLT_MAX * 2.0f; /* e^89 > FLT_MAX: +Inf */
    }
    if (x < -104.0f) {
        return 0.0f; /* e^-104 < 2^-150, half the least subnormal */
    }
    return round_pair(exp_pair((double)x));
}

float soma_expm1f(float x)
{
    if (x != x || x == 0.0f) {
        return x + x; /* NaN quieted; -0 stays -0 */
    }
    if (x > 89.0f) {
        return FLT_MAX * 2.0f;
    }
    if (x < -18.0f) {
        return -1.0f; /* e^x < 2^-25: -1 + e^x rounds to -1 */
    }
    if ((x >= 0x1p-125f || x <= -0x1p-125f) && x <= 88.0f) { /* normal result */
        const double y = expm1_fast((double)x);
        if (rounds_safely(y)) {
            return (float)y;
        }
    }
    return round_pair(expm1_pair((double)x));
}

float soma_tanhf(float x)
{
    const float a = x < 0.0f ? -x : x;
    soma_dd n, d, q, p;
    double rem;
    float t;
    if (x != x || x == 0.0f) {
        return x + x;
    }
    if (a > 9.5f) {
        /* 1 - tanh(a) = 2/(e^2a + 1) < 2^-25 for a > 9.02: rounds to 1. */
        return x < 0.0f ? -1.0f : 1.0f;
    }
    if (a >= 0x1p-125f) { /* tanh(a) > a/2: normal */
        /*
         * n = expm1(2a) within 2^-49, d = RN(n + 2) within 2^-49 + 2^-53 of
         * the exact n + 2, n/d rounded once: relative error below 2^-47.
         */
        const double n_fast = expm1_fast(2.0 * (double)a);
        const double y = n_fast / (n_fast + 2.0);
        if (rounds_safely(y)) {
            return x < 0.0f ? -(float)y : (float)y;
        }
    }
    /* tanh(a) = n/d with n = e^2a - 1, d = n + 2, divided as pairs. */
    n = expm1_pair(2.0 * (double)a);
    d = two_sum(n.hi, 2.0);
    d = fast_two_sum(d.hi, d.lo + n.lo);
    q.hi = n.hi / d.hi;
    p = two_prod(q.hi, d.hi);
    rem = (((n.hi - p.hi) - p.lo) + n.lo) - q.hi * d.lo;
    q = fast_two_sum(q.hi, rem / d.hi);
    t = round_pair(q);
    return x < 0.0f ? -t : t;
}

float soma_fmaf(float x, float y, float z)
{
    /* A binary32 product has at most 48 bits: exact in binary64. */
    const double p = (double)x * (double)y;
    const soma_dd s = two_sum(p, (double)z);
    if (s.hi - s.hi != 0.0) {
        return (float)s.hi; /* Inf or NaN: the IEEE result of x*y + z */
    }
    return round_pair(s);
}
