/*
 * soma_exp_constants.h — private to CRuntime/core: the reduction constants,
 * the table of 2^(j/32) and the fast paths' margins that soma_math.c's
 * correctly rounded functions use, shared with their four-lane fast paths in
 * soma_activate_avx2.c, which must do exactly the same arithmetic.
 * Included by those two files only (static: each gets its own copy).
 */
#ifndef SOMA_EXP_CONSTANTS_H
#define SOMA_EXP_CONSTANTS_H

/* From Tests/math/gen_exp_table.py (mpmath, 200 bits). */
static const double LN2_32_HI = 0x1.62e42fefa0000p-6;
static const double LN2_32_LO = 0x1.cf79abc9e3b3ap-45;
static const double INV_LN2_32 = 0x1.71547652b82fep+5;
static const double T_HI[32] = {
    0x1.0000000000000p+0, 0x1.059c000000000p+0, 0x1.0b54000000000p+0, 0x1.1130000000000p+0,
    0x1.172c000000000p+0, 0x1.1d48000000000p+0, 0x1.2388000000000p+0, 0x1.29e8000000000p+0,
    0x1.3070000000000p+0, 0x1.371c000000000p+0, 0x1.3dec000000000p+0, 0x1.44e0000000000p+0,
    0x1.4bfc000000000p+0, 0x1.5344000000000p+0, 0x1.5ab0000000000p+0, 0x1.6248000000000p+0,
    0x1.6a08000000000p+0, 0x1.71f8000000000p+0, 0x1.7a10000000000p+0, 0x1.8258000000000p+0,
    0x1.8ad0000000000p+0, 0x1.9374000000000p+0, 0x1.9c48000000000p+0, 0x1.a550000000000p+0,
    0x1.ae88000000000p+0, 0x1.b7f8000000000p+0, 0x1.c198000000000p+0, 0x1.cb74000000000p+0,
    0x1.d580000000000p+0, 0x1.dfc8000000000p+0, 0x1.ea4c000000000p+0, 0x1.f508000000000p+0,
};
static const double T_LO[32] = {
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

/* The fast paths' margins, in binary64 ulps (soma_math.c, "Fast paths"). */
#define FAST_MARGIN 1024u
/* exp's error is below 2^-39.4 relative, 2^13.6 ulps: 2^16 is 5 times that. */
#define EXP_FAST_MARGIN 65536u

#endif /* SOMA_EXP_CONSTANTS_H */
