#!/usr/bin/env python3
"""Prints the constants of Soma's correctly rounded exp (CRuntime/core/soma_math.c
and Sources/Soma/Math/CorrectlyRounded.swift) as hexadecimal floats.

T[j] = 2^(j/32) is split into T_HI (15 significant bits, so that T_HI times the
38-bit reduced argument is exact in binary64) and T_LO (the rest, rounded to
binary64); ln2/32 into LN2_32_HI (38 significant bits, so that k * LN2_32_HI is
exact for |k| < 2^15) and LN2_32_LO; EXP_C1..EXP_C4, the Taylor coefficients
(ln2/32)^n / n! of e^(r ln2/32) in soma_expf's fast path. Computed with mpmath
at 200 bits. T_BITS[j] is the binary64 bit pattern of RN(T_HI + T_LO), the
table soma_expf's fast path reads (soma_exp_t_bits)."""
import struct

import mpmath

mpmath.mp.prec = 200


def round_bits(v, bits):
    """v rounded to nearest with `bits` significant bits (v > 0)."""
    m, e = mpmath.frexp(v)  # v = m * 2^e, 0.5 <= m < 1
    return mpmath.ldexp(mpmath.nint(mpmath.ldexp(m, bits)), e - bits)


def hexf(v):
    return float(v).hex()


ln2_32 = mpmath.log(2) / 32
hi = round_bits(ln2_32, 38)
print("LN2_32_HI", hexf(hi))
print("LN2_32_LO", hexf(ln2_32 - hi))
print("INV_LN2_32", hexf(32 / mpmath.log(2)))
for n in range(1, 5):
    print("EXP_C%d" % n, hexf(ln2_32 ** n / mpmath.factorial(n)))
for j in range(32):
    t = mpmath.power(2, mpmath.mpf(j) / 32)
    t_hi = round_bits(t, 15)
    assert float(t_hi) == t_hi
    print("T", j, hexf(t_hi), hexf(t - t_hi))
    # soma_exp_t_bits: the bits of RN(T_HI + T_LO), the sum exp's fast path scales.
    print("T_BITS", j, "0x%016xu" % struct.unpack("<Q", struct.pack("<d", float(t_hi) + float(t - t_hi)))[0])
