/*
 * soma_internal.h — private to CRuntime/: helpers shared by the runtime's
 * files. Nothing here is part of the public API (include/soma.h).
 */
#ifndef SOMA_INTERNAL_H
#define SOMA_INTERNAL_H

#include "soma.h"

#if defined(__GNUC__) || defined(__clang__)
#define SOMA_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SOMA_PRINTF_LIKE(fmt, args)
#endif

/*
 * Records `status` and a printf-style message in `error` (which may be NULL)
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
