/* soma_expf, soma_expm1f, soma_tanhf and soma_fmaf for Swift (see soma_math_unit.c). */
#include "../../../CRuntime/core/soma_math.h"
