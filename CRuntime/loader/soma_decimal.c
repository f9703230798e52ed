/* soma_decimal.c — JSON number text to binary32 (soma_decimal.h). */
#include "soma_contract.h" /* first: no contraction in this file */
#include <float.h>
#include <stdint.h>
#include <string.h>

#include "soma_decimal.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

#define TWO_TO_53 UINT64_C(9007199254740992)

/*
 * One pass over the grammar: the prefix's length, and the significand w
 * (with *fits cleared once it reaches 2^53), the decimal exponent, the sign.
 */
typedef struct decimal {
    uint64_t w;
    long exponent; /* of the last digit; huge exponents are capped, not wrapped */
    int negative;
    int fits;
} decimal;

static size_t scan(const char *s, size_t n, decimal *x)
{
    size_t k = 0, end;
    long written = 0;
    int exponent_negative = 0;
    x->w = 0;
    x->exponent = 0;
    x->negative = 0;
    x->fits = 1;
    if (k < n && s[k] == '-') {
        x->negative = 1;
        k++;
    }
    if (k < n && s[k] == '0') {
        k++;
    } else if (k < n && s[k] >= '1' && s[k] <= '9') {
        for (; k < n && is_digit(s[k]); k++) {
            x->w = 10 * x->w + (uint64_t)(s[k] - '0');
            if (x->w >= TWO_TO_53) {
                x->fits = 0;
                x->w = 0;
            }
        }
    } else {
        return 0;
    }
    end = k;
    if (k + 1 < n && s[k] == '.' && is_digit(s[k + 1])) {
        for (k++; k < n && is_digit(s[k]); k++) {
            x->w = 10 * x->w + (uint64_t)(s[k] - '0');
            x->exponent--;
            if (x->w >= TWO_TO_53) {
                x->fits = 0;
                x->w = 0;
            }
        }
        end = k;
    }
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < n && (s[k] == '+' || s[k] == '-')) {
            exponent_negative = s[k] == '-';
            k++;
        }
        if (k < n && is_digit(s[k])) {
            for (; k < n && is_digit(s[k]); k++) {
                if (written < 100000) {
                    written = 10 * written + (s[k] - '0');
                }
            }
            end = k;
            x->exponent += exponent_negative ? -written : written;
        }
    }
    return end;
}

size_t soma_json_number_prefix(const char *s, size_t n)
{
    decimal x;
    return scan(s, n, &x);
}

size_t soma_decimal_read(const char *s, size_t n, float *out, int *converted)
{
    decimal x;
    const size_t length = scan(s, n, &x);
    *converted = 0;
#if FLT_EVAL_METHOD == 0
    if (length > 0 && x.fits && x.exponent >= -22 && x.exponent <= 22) {
        static const double powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        const double d = x.exponent >= 0 ? (double)x.w * powers[x.exponent]
                                         : (double)x.w / powers[-x.exponent];
        uint64_t bits;
        /* A binary32 halfway point: d's 29 bits below binary32's precision are 1 then zeros. */
        memcpy(&bits, &d, sizeof bits);
        if ((bits & UINT64_C(0x1fffffff)) != UINT64_C(0x10000000)) {
            const float f = (float)d;
            *out = x.negative ? -f : f;
            *converted = 1;
        }
    }
#else
    (void)out;
#endif
    return length;
}
