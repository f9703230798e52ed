/*
 * The C runtime's correctly rounded functions alone, for soma-check-math,
 * which compares them with the Swift library's on every binary32 input
 * without linking the rest of the runtime (or json-c).
 */
#include "../../CRuntime/core/soma_math.c"
