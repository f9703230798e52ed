/*
 * soma_format.c — the runtime's messages, formatted without the C library's
 * printf family. On a microcontroller, newlib's vsnprintf costs about 3.6 KB
 * of flash and pulls malloc into the link; the messages need only a few
 * conversions, and these give the same text as printf for them.
 */
#include "soma_contract.h" /* first: no contraction in this file */

#include "soma_internal.h"

/* Where the text goes: `at` moves on to `end`, the place kept for the NUL. */
typedef struct {
    char *at;
    char *end;
} soma_sink;

static void put_char(soma_sink *sink, char c)
{
    if (sink->at < sink->end) {
        *sink->at++ = c;
    }
}

/* At most `limit` bytes of `text` (printf's precision on %s). */
static void put_text(soma_sink *sink, const char *text, size_t limit)
{
    if (text == NULL) {
        text = "(null)"; /* as glibc prints it; printf leaves it undefined */
    }
    for (; limit > 0 && *text != '\0'; limit--) {
        put_char(sink, *text++);
    }
}

/*
 * n / 10, the remainder in *digit, by binary long division: on a 32-bit core a
 * 64-bit `/` calls libgcc's __udivmoddi4 (700 bytes on a Cortex-M4) for what
 * is a few words of error message.
 */
static unsigned long long divide_by_ten(unsigned long long n, unsigned *digit)
{
    unsigned long long quotient = 0;
    unsigned rest = 0;
    int bit;
    for (bit = 63; bit >= 0; bit--) {
        rest = (rest << 1) | (unsigned)((n >> bit) & 1u);
        quotient <<= 1;
        if (rest >= 10u) {
            rest -= 10u;
            quotient |= 1u;
        }
    }
    *digit = rest;
    return quotient;
}

static void put_number(soma_sink *sink, unsigned long long magnitude, int negative)
{
    char digits[20]; /* 2^64 - 1 has 20 */
    int n = 0;
    do {
        unsigned digit;
        magnitude = divide_by_ten(magnitude, &digit);
        digits[n++] = (char)('0' + (int)digit);
    } while (magnitude != 0u);
    if (negative) {
        put_char(sink, '-');
    }
    while (n > 0) {
        put_char(sink, digits[--n]);
    }
}

static void put_signed(soma_sink *sink, long long value)
{
    /* 0 - (unsigned) is the magnitude of every value, LLONG_MIN's too. */
    put_number(sink, value < 0 ? 0u - (unsigned long long)value : (unsigned long long)value,
               value < 0);
}

void soma_format(char *out, size_t size, const char *format, va_list args)
{
    soma_sink sink;
    if (size == 0) {
        return;
    }
    sink.at = out;
    sink.end = out + size - 1;
    while (*format != '\0') {
        const char *spec = format;
        size_t precision = (size_t)-1;
        char length = ' '; /* ' ' int, 'l' long, 'L' long long, 'z' size_t */
        if (*format != '%') {
            put_char(&sink, *format++);
            continue;
        }
        format++;
        if (*format == '.') {
            precision = 0;
            if (format[1] == '*') {
                /* The precision from the arguments, an int; a negative one means none (C99 7.19.6.1). */
                const int given = va_arg(args, int);
                precision = given < 0 ? (size_t)-1 : (size_t)given;
                format += 2;
            } else {
                for (format++; *format >= '0' && *format <= '9'; format++) {
                    precision = precision * 10u + (size_t)(*format - '0');
                }
            }
        }
        if (*format == 'z') {
            length = 'z';
            format++;
        } else if (*format == 'l') {
            length = 'l';
            if (*++format == 'l') {
                length = 'L';
                format++;
            }
        }
        switch (*format) {
        case '%':
            put_char(&sink, '%');
            break;
        case 's':
            put_text(&sink, va_arg(args, const char *), precision);
            break;
        case 'd':
        case 'i':
            put_signed(&sink, length == 'L'   ? va_arg(args, long long)
                              : length == 'l' ? va_arg(args, long)
                              : length == 'z' ? (long long)va_arg(args, size_t)
                                              : va_arg(args, int));
            break;
        case 'u':
            put_number(&sink, length == 'L'   ? va_arg(args, unsigned long long)
                              : length == 'l' ? va_arg(args, unsigned long)
                              : length == 'z' ? va_arg(args, size_t)
                                              : va_arg(args, unsigned int),
                       0);
            break;
        default:
            /* Not one of ours: shown as written, so a test sees it (and no argument is read). */
            for (; spec <= format && *spec != '\0'; spec++) {
                put_char(&sink, *spec);
            }
            if (*format == '\0') {
                format--; /* a lone '%' at the end: stop at the NUL below */
            }
            break;
        }
        format++;
    }
    *sink.at = '\0';
}
