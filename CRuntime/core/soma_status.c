/* soma_status.c — status and activation names, and the error-recording helpers. */
#include "soma_contract.h" /* first: no contraction in this file */
#include <stdarg.h>

#include "soma_internal.h"

const char *soma_status_string(soma_status status)
{
    switch (status) {
    case SOMA_OK: return "ok";
    case SOMA_E_ARGUMENT: return "invalid argument";
    case SOMA_E_IO: return "cannot read the model file";
    case SOMA_E_JSON: return "not valid JSON";
    case SOMA_E_FORMAT: return "not a supported Soma model format";
    case SOMA_E_FIELD: return "missing, mistyped or repeated member";
    case SOMA_E_VALUE: return "value out of range";
    case SOMA_E_SHAPE: return "sizes do not agree";
    case SOMA_E_UNSUPPORTED: return "unsupported layer type or activation";
    case SOMA_E_CAPACITY: return "model exceeds a compile-time limit";
    case SOMA_E_CHECKSUM: return "checksum mismatch";
    case SOMA_E_SELFTEST: return "self-test mismatch";
    case SOMA_E_MEMORY: return "out of memory";
    }
    return "unknown status";
}

const char *soma_activation_name(soma_activation activation)
{
#define SOMA_NAME_CASE_(ID, name, number, parameter) \
    case SOMA_ACT_##ID: return #name;
    switch (activation) {
    SOMA_ACTIVATIONS(SOMA_NAME_CASE_)
    }
#undef SOMA_NAME_CASE_
    return "unknown";
}

soma_status soma_fail(soma_error *error, soma_status status, const char *format, ...)
{
    if (error != NULL) {
        va_list args;
        error->status = status;
        va_start(args, format);
        soma_format(error->message, sizeof error->message, format, args);
        va_end(args);
    }
    return status;
}
