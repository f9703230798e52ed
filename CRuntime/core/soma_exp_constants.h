/*
 * soma_exp_constants.h — private to CRuntime/core: the reduction constants,
 * and the expm1/tanh fast paths' margin that soma_math.c's
 * correctly rounded functions use, shared with their four-lane fast paths in
 * soma_activate_avx2.c, which must do exactly the same arithmetic.
 * Included by those two files only (static: each gets its own copy).
 */
#ifndef SOMA_EXP_CONSTANTS_H
#define SOMA_EXP_CONSTANTS_H

/* From Tests/math/gen_exp_table.py (mpmath, 200 bits). */
static const double LN2_32_HI = 0x1.62e42fefa0000p-6;
static const double LN2_32_LO = 0x1.cf79abc9e3b3ap-45;
/* 2^(j/32) = soma_exp_t_hi[j] + soma_exp_t_lo[j] (soma_math.c), RN(32/ln2) and
 * exp's margin: soma_exp_fast.h, where soma_expf's scalar fast path is. */
#include "soma_exp_fast.h"

/* expm1's and tanh's fast-path margin, in binary64 ulps (soma_math.c, "Fast paths"). */
#define FAST_MARGIN 1024u

#endif /* SOMA_EXP_CONSTANTS_H */
