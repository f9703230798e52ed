/*
 * Debian's newlib for arm-none-eabi leaves PRIu64 (and the other 64-bit
 * format macros) undefined in C; the harness prints with it. Forced in
 * (-include) for the bare-metal builds only; uint64_t is unsigned long long there.
 */
#include <inttypes.h>
#ifndef PRIu64
#define PRIu64 "llu"
#endif
