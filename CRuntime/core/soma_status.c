/* soma_status.c — status and activation names, and the error-recording helpers. */
#include <stdarg.h>
#include <stdio.h>

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
    }
    return "unknown status";
}

const char *soma_activation_name(soma_activation activation)
{
    switch (activation) {
    case SOMA_ACT_STEP: return "step";
    case SOMA_ACT_IDENTITY: return "identity";
    case SOMA_ACT_SIGMOID: return "sigmoid";
    case SOMA_ACT_TANH: return "tanh";
    case SOMA_ACT_RELU: return "relu";
    case SOMA_ACT_LEAKY_RELU: return "leaky_relu";
    case SOMA_ACT_PRELU: return "prelu";
    case SOMA_ACT_ELU: return "elu";
    case SOMA_ACT_SELU: return "selu";
    case SOMA_ACT_SWISH: return "swish";
    case SOMA_ACT_SOFTMAX: return "softmax";
    }
    return "unknown";
}

soma_status soma_fail(soma_error *error, soma_status status, const char *format, ...)
{
    if (error != NULL) {
        va_list args;
        error->status = status;
        va_start(args, format);
        /* vsnprintf always NUL-terminates and cuts what does not fit. */
        (void)vsnprintf(error->message, sizeof error->message, format, args);
        va_end(args);
    }
    return status;
}
