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

#include "soma_exp_fast.h"
#include "soma_math.h"

#include "soma_exp_constants.h"

/* 2^(j/32) = soma_exp_t_hi[j] + soma_exp_t_lo[j], from Tests/math/gen_exp_table.py (mpmath, 200 bits). */
const double soma_exp_t_hi[32] = {
    0x1.0000000000000p+0, 0x1.059c000000000p+0, 0x1.0b54000000000p+0, 0x1.1130000000000p+0,
    0x1.172c000000000p+0, 0x1.1d48000000000p+0, 0x1.2388000000000p+0, 0x1.29e8000000000p+0,
    0x1.3070000000000p+0, 0x1.371c000000000p+0, 0x1.3dec000000000p+0, 0x1.44e0000000000p+0,
    0x1.4bfc000000000p+0, 0x1.5344000000000p+0, 0x1.5ab0000000000p+0, 0x1.6248000000000p+0,
    0x1.6a08000000000p+0, 0x1.71f8000000000p+0, 0x1.7a10000000000p+0, 0x1.8258000000000p+0,
    0x1.8ad0000000000p+0, 0x1.9374000000000p+0, 0x1.9c48000000000p+0, 0x1.a550000000000p+0,
    0x1.ae88000000000p+0, 0x1.b7f8000000000p+0, 0x1.c198000000000p+0, 0x1.cb74000000000p+0,
    0x1.d580000000000p+0, 0x1.dfc8000000000p+0, 0x1.ea4c000000000p+0, 0x1.f508000000000p+0,
};
const double soma_exp_t_lo[32] = {
    0.0, -0x1.e59d4f5178a30p-17,
    0x1.86cf9890f6299p-16, 0x1.d0125b50a4ebcp-20,
    -0x1.f0e0aba148c82p-18, 0x1.cc5a2e6a9e017p-18,
    -0x1.6462a771e64f8p-18, 0x1.df51fdee12c26p-16,
    -0x1.f5ce48ead2173p-20, -0x1.8c8c5563558ecp-16,
    -0x1.9b3edcbddca4cp-16, 0x1.0c0c3125a0627p-17,
    0x1.ad5362a271d44p-16, -0x1.4a962b07e20f5p-16,
    0x1.f752150a56325p-18, -0x1.4fc5aa7b4e0f0p-20,
    0x1.e667f3bcc908bp-16, -0x1.42e27411845b9p-17,
    0x1.473eb0186d7d5p-16, 0x1.332999c25159fp-17,
    -0x1.abdd55f24a458p-16, -0x1.09e6474361760p-17,
    0x1.182a3f0901c7cp-16, 0x1.d91f12ae45a12p-19,
    0x1.f995ad3ad5e87p-16, -0x1.21a0943722ab1p-17,
    0x1.bdd85529c2221p-16, -0x1.f23106f96eafcp-16,
    0x1.8dcfba48725dap-16, 0x1.7337b9b5eb969p-16,
    -0x1.05d5b6f267a71p-16, -0x1.34923757f3161p-17,
};

/* A value as an unevaluated sum hi + lo. */
typedef struct {
    double hi, lo;
} soma_dd;

static uint64_t double_bits(double d)
{
    return soma_double_bits(d);
}

static double bits_double(uint64_t b)
{
    return soma_bits_double(b);
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
    const double t = z * SOMA_EXP_INV_LN2_32;
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
 * The bits of RN(soma_exp_t_hi[j] + soma_exp_t_lo[j]), the sum soma_exp_fast
 * scales (Tests/math/gen_exp_table.py prints them as T_BITS): one integer
 * load on exp's critical path instead of two loads, an add and a move
 * between register files. Tests/c/test_runtime.c checks each against the sum.
 */
const uint64_t soma_exp_t_bits[32] = {
    0x3ff0000000000000u, 0x3ff059b0d3158574u, 0x3ff0b5586cf9890fu, 0x3ff11301d0125b51u,
    0x3ff172b83c7d517bu, 0x3ff1d4873168b9aau, 0x3ff2387a6e756238u, 0x3ff29e9df51fdee1u,
    0x3ff306fe0a31b715u, 0x3ff371a7373aa9cbu, 0x3ff3dea64c123422u, 0x3ff44e086061892du,
    0x3ff4bfdad5362a27u, 0x3ff5342b569d4f82u, 0x3ff5ab07dd485429u, 0x3ff6247eb03a5585u,
    0x3ff6a09e667f3bcdu, 0x3ff71f75e8ec5f74u, 0x3ff7a11473eb0187u, 0x3ff82589994cce13u,
    0x3ff8ace5422aa0dbu, 0x3ff93737b0cdc5e5u, 0x3ff9c49182a3f090u, 0x3ffa5503b23e255du,
    0x3ffae89f995ad3adu, 0x3ffb7f76f2fb5e47u, 0x3ffc199bdd85529cu, 0x3ffcb720dcef9069u,
    0x3ffd5818dcfba487u, 0x3ffdfc97337b9b5fu, 0x3ffea4afa2a490dau, 0x3fff50765b6e4540u,
};

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
 * margin away from 2^28: SOMA_EXP_FAST_MARGIN = 2^16 ulps for exp, FAST_MARGIN =
 * 2^10 for expm1 and tanh (5 and 16 times the bounds); a midpoint of a
 * neighbouring binade is at least 2^28 ulps away. Otherwise (one input in
 * 2^12 for exp, 2^18 for the others), and for subnormal, overflowing and
 * special results, the exact pair decides. exp's fast path is in
 * soma_exp_fast.h, where the activations inline it.
 */

static int rounds_safely(double y)
{
    return soma_rounds_safely_within(y, FAST_MARGIN);
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
    const double kd = (z * SOMA_EXP_INV_LN2_32 + shifter) - shifter;
    const int k = (int)kd;
    *j = (int)((unsigned)k & 31u);
    *m = (k - *j) / 32; /* exact */
    return (z - kd * LN2_32_HI) - kd * LN2_32_LO;
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
    t = soma_exp_t_hi[j] + soma_exp_t_lo[j];
    q = r + exp_tail(r);
    return (soma_exp_t_hi[j] * scale - 1.0) + (soma_exp_t_lo[j] + t * q) * scale;
}

/* e^z as a pair, relative error below 2^-62, for -110 <= z <= 110. */
static soma_dd exp_pair(double z)
{
    double r_hi, r_lo, r, q, p1, rest;
    const int k = reduce(z, &r_hi, &r_lo);
    const int biased = k + 32 * 256; /* non-negative, so / and % floor */
    const int j = biased % 32, m = biased / 32 - 256;
    const double t_hi = soma_exp_t_hi[j], t_lo = soma_exp_t_lo[j];
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
    return soma_expf_inline(x);
}

float soma_expf_rest(float x)
{
    if (x >= -87.0f && x <= 88.0f) {
        return round_pair(exp_pair((double)x)); /* the fast result was too near a boundary */
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
