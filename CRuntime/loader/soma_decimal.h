/*
 * soma_decimal.h — private to CRuntime/loader/: JSON number text to binary32,
 * correctly rounded, fast for the numbers models are written with.
 */
#ifndef SOMA_DECIMAL_H
#define SOMA_DECIMAL_H

#include <stddef.h>

/*
 * The length of the longest prefix of s[0..n) that is a JSON number
 * (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?), 0 if none. The text is a
 * whole number token when the byte after that prefix cannot continue a token.
 */
size_t soma_json_number_prefix(const char *s, size_t n);

/*
 * Reads the JSON number at the start of s[0..n): returns its length (as
 * soma_json_number_prefix) and, when the fast path below applies, sets
 * *converted to 1 with the value, rounded to nearest even exactly as strtof
 * rounds it, in *out; otherwise *converted is 0 and the caller converts the
 * text with strtof.
 *
 * The fast path (Clinger's): a significand w < 2^53 and a power of ten 10^|e|
 * with |e| <= 22 are exact doubles, so one multiplication or division gives
 * d, the double nearest the decimal value x. Rounding d to binary32 rounds x
 * the same way unless d is a binary32 halfway point: x may have been rounded
 * onto it, and rounding twice can differ from rounding once, so the text goes
 * to strtof. Needs double arithmetic without extended precision
 * (FLT_EVAL_METHOD 0); elsewhere every number goes to strtof.
 */
size_t soma_decimal_read(const char *s, size_t n, float *out, int *converted);

#endif /* SOMA_DECIMAL_H */
