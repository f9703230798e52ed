/* soma_checksum.c — FNV-1a 64 over the little-endian bytes of binary32 values. */
#include <string.h>

#include "soma_checksum.h"

#define SOMA_FNV1A64_PRIME UINT64_C(0x100000001b3)

uint64_t soma_fnv1a64_float(uint64_t hash, float value)
{
    uint32_t bits;
    int k;
    memcpy(&bits, &value, sizeof bits);
    for (k = 0; k < 4; k++) {
        hash ^= (uint64_t)((bits >> (8 * k)) & 0xffu);
        hash *= SOMA_FNV1A64_PRIME;
    }
    return hash;
}
