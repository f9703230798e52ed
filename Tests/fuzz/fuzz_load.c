/*
 * fuzz_load.c — libFuzzer target for the loader (`make fuzz SECONDS=N`).
 *
 * Every input is handed to soma_load_string; when it loads, the model runs on
 * a fixed input (soma_run, soma_run_batch, soma_run_layers), and the same text
 * goes through soma_verify_string and soma_requirements_string, whose results
 * must agree with the load (loading into exactly req.params floats must never
 * run out of storage). Any crash, sanitizer report, leak or failed
 * agreement (abort) is a finding.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "soma.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define STORAGE_FLOATS (1u << 20)

static soma_model model;
static soma_model other;
static float storage[STORAGE_FLOATS];
static float other_storage[STORAGE_FLOATS];
static float input[3 * SOMA_MAX_WIDTH];
static float output[3 * SOMA_MAX_WIDTH];
static float layers[SOMA_MAX_LAYERS * SOMA_MAX_WIDTH];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    soma_error error;
    soma_verify_report report;
    soma_requirements req;
    soma_status loaded, verified, measured;
    size_t k, n_in, n_out, total = 0;

    measured = soma_requirements_string(text, size, &req, NULL);
    /* Storage of exactly the measured size: a load never needs more than req.params. */
    loaded = soma_load_string(&model, storage,
                              measured == SOMA_OK && req.params <= STORAGE_FLOATS ? req.params
                                                                                  : STORAGE_FLOATS,
                              text, size, &error);
    if (loaded == SOMA_E_CAPACITY && measured == SOMA_OK && req.fits &&
        req.params <= STORAGE_FLOATS) {
        abort();
    }
    verified = soma_verify_string(&other, other_storage, STORAGE_FLOATS, text, size, &report, NULL);
    /* Verification loads exactly what a load loads; a loadable model has requirements that fit. */
    if ((loaded == SOMA_OK) != (verified == SOMA_OK || verified == SOMA_E_SELFTEST ||
                                (soma_input_count(&other) == 0 && verified != loaded))) {
        abort();
    }
    if (loaded != SOMA_OK) {
        return 0;
    }
    if (measured != SOMA_OK || !req.fits || req.params != soma_param_count(&model) ||
        req.bytes != soma_storage_bytes(&model)) {
        abort();
    }
    n_in = soma_input_count(&model);
    n_out = soma_output_count(&model);
    for (k = 0; k < 3 * n_in; k++) {
        input[k] = (float)(k % 7) * 0.5f - 1.5f;
    }
    for (k = 0; k < soma_layer_count(&model); k++) {
        total += soma_layer_outputs(&model, k);
    }
    if (soma_run(&model, input, n_in, output, n_out, NULL) != SOMA_OK ||
        soma_run_batch(&model, input, 3, n_in, output, n_out, NULL) != SOMA_OK ||
        soma_run_layers(&model, input, n_in, layers, total, NULL) != SOMA_OK) {
        abort();
    }
    /* soma_run_layers' last layer is soma_run's output before the output scaling
     * (format 2: y = fma(y, std, mean)); compared in bits, so NaN compares too. */
    for (k = 0; k < n_out; k++) {
        const float last = layers[total - n_out + k];
        const float expected = model.has_output_scaling
            ? fmaf(last, model.params[model.out_std + k], model.params[model.out_mean + k])
            : last;
        if (memcmp(&expected, &output[k], sizeof expected) != 0) {
            abort();
        }
    }
    return 0;
}
