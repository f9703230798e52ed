/*
 * soma_internal.h — private to CRuntime/: helpers shared by the runtime's
 * files. Nothing here is part of the public API (include/soma.h).
 */
#ifndef SOMA_INTERNAL_H
#define SOMA_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "soma.h"

#if defined(__GNUC__) || defined(__clang__)
#define SOMA_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SOMA_PRINTF_LIKE(fmt, args)
#endif

/*
 * Writes `format` with `args` into `out` (`size` bytes), as vsnprintf would for
 * the conversions the runtime's messages use — %s, %.Ns, %d, %i, %u with no
 * length, l, ll or z, and %% — cutting what does not fit and always
 * NUL-terminating (when size > 0). Any other conversion is copied as written.
 * The core's own (soma_format.c): no printf family, so none on a microcontroller.
 */
void soma_format(char *out, size_t size, const char *format, va_list args);

/*
 * Records `status` and a printf-style message (soma_format's conversions;
 * the loader turns floats into text first) in `error` (which may be NULL)
 * and returns `status`. Messages longer than the buffer are cut, NUL-terminated.
 */
soma_status soma_fail(soma_error *error, soma_status status, const char *format, ...)
    SOMA_PRINTF_LIKE(3, 4);

/*
 * Records SOMA_OK and an empty message in `error` (which may be NULL). Inline:
 * the forward pass ends with it on every call.
 */
static inline soma_status soma_succeed(soma_error *error)
{
    if (error != NULL) {
        error->status = SOMA_OK;
        error->message[0] = '\0';
    }
    return SOMA_OK;
}

#endif /* SOMA_INTERNAL_H */
