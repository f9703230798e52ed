/* soma_checksum.h — private to CRuntime/: FNV-1a 64 over binary32 values (docs/model-format.md). */
#ifndef SOMA_CHECKSUM_H
#define SOMA_CHECKSUM_H

#include <stdint.h>

#define SOMA_FNV1A64_BASIS UINT64_C(0xcbf29ce484222325)

/* Folds the 4 little-endian bytes of `value` (as binary32) into `hash`. */
uint64_t soma_fnv1a64_float(uint64_t hash, float value);

#endif /* SOMA_CHECKSUM_H */
