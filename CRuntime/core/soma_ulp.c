/* soma_ulp.c — the distance between two binary32 values in units in the last place. */
#include <math.h>
#include <string.h>

#include "soma.h"

static uint32_t bits_of(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

uint32_t soma_ulp_distance(float a, float b)
{
    int64_t ia, ib, d;
    const uint32_t ua = bits_of(a), ub = bits_of(b);
    if (isnan(a) || isnan(b)) {
        return UINT32_MAX;
    }
    /* Sign-magnitude to a line where adjacent floats are adjacent integers; +0 and -0 meet at 0. */
    ia = (ua & 0x80000000u) != 0 ? -(int64_t)(ua & 0x7fffffffu) : (int64_t)ua;
    ib = (ub & 0x80000000u) != 0 ? -(int64_t)(ub & 0x7fffffffu) : (int64_t)ub;
    d = ia > ib ? ia - ib : ib - ia;
    return d > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}
