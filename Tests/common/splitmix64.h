/*
 * splitmix64.h — Vigna's SplitMix64, the seeded generator of the C programs
 * that sample binary32 inputs (check_math on x86-64, the cross-machine math
 * digest). One copy: the digests and the accuracy check draw the same way.
 * check_math checks it against the published outputs for seed 0.
 */
#ifndef SOMA_TESTS_SPLITMIX64_H
#define SOMA_TESTS_SPLITMIX64_H

#include <stdint.h>

static inline uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

#endif
