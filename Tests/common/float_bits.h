/*
 * float_bits.h — a binary32 value's bit pattern and back, for the C test
 * programs that compare results bit for bit (test_runtime, check_math,
 * the cross-machine math digest). memcpy, not a union or a pointer cast:
 * the one way C99 defines.
 */
#ifndef SOMA_TESTS_FLOAT_BITS_H
#define SOMA_TESTS_FLOAT_BITS_H

#include <stdint.h>
#include <string.h>

static inline uint32_t float_bits(float f)
{
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    return b;
}

static inline float bits_float(uint32_t b)
{
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

#endif
