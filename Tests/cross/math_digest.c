/*
 * math_digest.c — Soma's correctly rounded functions on another machine: runs
 * soma_expf, soma_expm1f, soma_tanhf, soma_fmaf and SOMA_FMAF (the instruction
 * where the target has one) over a fixed set of inputs and prints one FNV-1a
 * digest per function. Tests/cross/run.sh builds it for x86-64, AArch64 Linux
 * (qemu-aarch64), a Cortex-M4F and a Cortex-M3 (qemu-system-arm, semihosting)
 * and requires every digest to equal x86-64's, which check_math proves correct.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../common/float_bits.h"
#include "../common/splitmix64.h"
#include "../../CRuntime/core/soma_math.h"

#ifndef DIGEST_INPUTS
#define DIGEST_INPUTS 200000u
#endif

static uint64_t fnv(uint64_t h, float f)
{
    uint32_t b = float_bits(f);
    int i;
    if (f != f) {
        b = 0x7FC00000u; /* any NaN */
    }
    for (i = 0; i < 4; i++) {
        h = (h ^ ((b >> (8 * i)) & 0xFFu)) * 0x100000001B3u;
    }
    return h;
}

/* Input i: random bit patterns, then random values in [-128, 128), then subnormals. */
static float input(uint64_t *state, uint32_t i)
{
    const uint64_t r = splitmix64(state);
    switch (i % 4) {
    case 0: return bits_float((uint32_t)r);
    case 1: return bits_float((uint32_t)r & 0x807FFFFFu); /* subnormal or zero */
    default: return (float)((int64_t)(r >> 11) - ((int64_t)1 << 52)) * 0x1p-45f;
    }
}

/*
 * d * c = 2^k +- 1 with both factors below 2^24: x*y a hair beside half an ulp
 * of z, where an fma that rounds twice (newlib's) goes wrong.
 */
static const uint32_t NEAR_POWER_PAIRS[][3] = {
    {30, 1321, 812825},     {32, 641, 6700417},     {33, 683, 12576771},
    {34, 26317, 652805},    {35, 86171, 398739},    {36, 38737, 1774001},
    {38, 525313, 523265},   {40, 185043, 5941925},  {42, 419021, 10496005},
    {44, 1443179, 12189885}, {46, 8384513, 8392705}, {46, 8388609, 8388607},
};

/* 2^e for -126 <= e <= 127, without libm. */
static float power_of_two(int e)
{
    return bits_float((uint32_t)(e + 127) << 23);
}

/* The near-tie fma triples: x*y = 2^(ilogb(z) - 24) * (2^k +- 1) / 2^k. */
static uint64_t near_tie_digest(float (*fma_fn)(float, float, float))
{
    uint64_t h = 0xCBF29CE484222325u, state = 7;
    size_t p;
    int t;
    for (p = 0; p < sizeof NEAR_POWER_PAIRS / sizeof NEAR_POWER_PAIRS[0]; p++) {
        const int k = (int)NEAR_POWER_PAIRS[p][0];
        for (t = 0; t < 256; t++) {
            const uint64_t r = splitmix64(&state);
            const int e = (int)(r % 40) - 20; /* z in [2^e, 2^(e+1)) */
            const float z = bits_float(((uint32_t)(e + 127) << 23) | ((uint32_t)(r >> 20) & 0x7FFFFFu));
            const float x = (float)NEAR_POWER_PAIRS[p][1] * power_of_two(e - 24 - k + k / 2);
            const float y = (float)NEAR_POWER_PAIRS[p][2] * power_of_two(-(k / 2));
            h = fnv(h, fma_fn((r >> 63) ? -x : x, y, (r >> 62) & 1 ? -z : z));
        }
    }
    return h;
}

static float fma_instruction_or_soma(float x, float y, float z)
{
    return SOMA_FMAF(x, y, z);
}

int main(void)
{
    const uint64_t basis = 0xCBF29CE484222325u;
    uint64_t h_exp = basis, h_expm1 = basis, h_tanh = basis, h_fma = basis, h_hw = basis;
    uint64_t state = 2026;
    uint32_t i;
    for (i = 0; i < DIGEST_INPUTS; i++) {
        const float x = input(&state, i);
        const float y = input(&state, i + 2), z = input(&state, i + 3);
        h_exp = fnv(h_exp, soma_expf(x));
        h_expm1 = fnv(h_expm1, soma_expm1f(x));
        h_tanh = fnv(h_tanh, soma_tanhf(x));
        h_fma = fnv(h_fma, soma_fmaf(x, y, z));
        h_hw = fnv(h_hw, SOMA_FMAF(x, y, z));
    }
    printf("exp %016llx\nexpm1 %016llx\ntanh %016llx\nsoma_fmaf %016llx\nSOMA_FMAF %016llx\n",
           (unsigned long long)h_exp, (unsigned long long)h_expm1, (unsigned long long)h_tanh,
           (unsigned long long)h_fma, (unsigned long long)h_hw);
    printf("soma_fmaf-near-ties %016llx\nSOMA_FMAF-near-ties %016llx\n",
           (unsigned long long)near_tie_digest(soma_fmaf),
           (unsigned long long)near_tie_digest(fma_instruction_or_soma));
    return 0;
}
