/*
 * soma_verify.c — checks a model against its own `self_test` vectors
 * (docs/model-format.md), above the loader: parses the document once, loads
 * the model from it (soma_load_document), reads self_test from the same
 * document, recomputes every layer with the core's soma_run_layers and
 * compares bits (docs/model-format.md, "self_test": -0 and +0 differ), reporting
 * the distance with the core's soma_ulp_distance. Includes json-c (through
 * soma_json.h), allocates while it runs and frees everything before it returns.
 */
#include "soma_contract.h" /* first: no contraction in this file */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soma_internal.h"
#include "soma_json.h"

#define PATH_SIZE 96

/* The members of self_test, once their types and counts are checked. */
typedef struct self_test {
    json_object *inputs;
    json_object *outputs;
    json_object *layer_outputs; /* NULL when absent */
    size_t count;
} self_test;

/*
 * Item k of the array `parent` (at `path`) as `count` numbers into dst. Types,
 * length and every number are checked; messages name "path[k]".
 */
static soma_status read_floats(json_object *parent, size_t k, const char *path, size_t count,
                               float *dst, soma_error *error)
{
    json_object *value = soma_json_item(parent, k);
    if (value == NULL) {
        return soma_fail(error, SOMA_E_FIELD, "%s: expected an array of %zu numbers, found %s",
                         path, count, soma_json_item_phrase(parent, k));
    }
    return soma_json_floats(value, path, count, dst, error);
}

/* self_test.<key> as an array; *out is NULL when an optional member is absent. */
static soma_status member_array(json_object *object, const char *key, int required,
                                json_object **out, soma_error *error)
{
    json_object *value = NULL;
    *out = NULL;
    if (!json_object_object_get_ex(object, key, &value)) {
        return required ? soma_fail(error, SOMA_E_FIELD, "self_test.%s: required member is missing",
                                    key)
                        : SOMA_OK;
    }
    if (!json_object_is_type(value, json_type_array)) {
        return soma_fail(error, SOMA_E_FIELD, "self_test.%s: expected an array, found %s", key,
                         soma_json_type_phrase(value));
    }
    *out = value;
    return SOMA_OK;
}

/*
 * Reads vector k: its input into `input` and, into `layers`, the expected
 * layer outputs (if given) followed by the expected outputs. Checks every
 * type and length on the way.
 */
static soma_status read_vector(const soma_model *model, const self_test *st, size_t k,
                               float *input, float *layers, soma_error *error)
{
    char path[PATH_SIZE];
    const size_t layer_count = soma_layer_count(model);
    size_t l, at = 0;
    soma_status status;

    (void)snprintf(path, sizeof path, "self_test.inputs[%zu]", k);
    status = read_floats(st->inputs, k, path, soma_input_count(model), input, error);
    if (status != SOMA_OK) {
        return status;
    }
    if (st->layer_outputs != NULL) {
        json_object *per_layer = soma_json_item(st->layer_outputs, k);
        (void)snprintf(path, sizeof path, "self_test.layer_outputs[%zu]", k);
        if (per_layer == NULL || !json_object_is_type(per_layer, json_type_array)) {
            return soma_fail(error, SOMA_E_FIELD, "%s: expected an array of %zu layers, found %s",
                             path, layer_count, soma_json_item_phrase(st->layer_outputs, k));
        }
        if (soma_json_length(per_layer) != layer_count) {
            return soma_fail(error, SOMA_E_SHAPE, "%s: expected %zu layers, found %zu", path,
                             layer_count, soma_json_length(per_layer));
        }
        for (l = 0; l < layer_count; l++) {
            (void)snprintf(path, sizeof path, "self_test.layer_outputs[%zu][%zu]", k, l);
            status = read_floats(per_layer, l, path, soma_layer_outputs(model, l), layers + at,
                                 error);
            if (status != SOMA_OK) {
                return status;
            }
            at += soma_layer_outputs(model, l);
        }
    }
    (void)snprintf(path, sizeof path, "self_test.outputs[%zu]", k);
    return read_floats(st->outputs, k, path, soma_output_count(model), layers + at, error);
}

/* Compares n values; records the first difference (at `layer`) and the largest distance. */
static void compare(soma_verify_report *report, size_t vector, long layer, const float *expected,
                    const float *got, size_t n)
{
    size_t e;
    for (e = 0; e < n; e++) {
        const uint32_t ulps = soma_ulp_distance(expected[e], got[e]);
        const int same_bits = memcmp(&expected[e], &got[e], sizeof got[e]) == 0;
        report->values++;
        if (ulps > report->max_ulps) {
            report->max_ulps = ulps;
        }
        if (!same_bits && report->passed) {
            report->passed = 0;
            report->vector = vector;
            report->layer = layer;
            report->element = e;
            report->expected = expected[e];
            report->got = got[e];
            report->ulps = ulps;
            report->difference = fabs((double)got[e] - (double)expected[e]);
            if (layer == SOMA_VERIFY_OUTPUT) {
                (void)snprintf(report->message, sizeof report->message,
                               "self_test.outputs[%zu][%zu]: expected %.9g got %.9g "
                               "(%" PRIu32 " ULP, %.3g)",
                               vector, e, (double)expected[e], (double)got[e], ulps,
                               report->difference);
            } else {
                (void)snprintf(report->message, sizeof report->message,
                               "self_test.layer_outputs[%zu][%ld][%zu]: expected %.9g got %.9g "
                               "(%" PRIu32 " ULP, %.3g)",
                               vector, layer, e, (double)expected[e], (double)got[e], ulps,
                               report->difference);
            }
        }
    }
}

/* Checks the loaded `model` against the self_test of its document `root`. */
static soma_status check_self_test(soma_model *model, json_object *root,
                                   soma_verify_report *report, soma_error *error)
{
    const size_t layer_count = soma_layer_count(model);
    float input[SOMA_MAX_WIDTH];
    float *expected = NULL, *got = NULL;
    size_t total = 0, l, k, pass;
    json_object *object;
    self_test st;
    soma_status status = SOMA_OK;

    if (!json_object_object_get_ex(root, "self_test", &object)) {
        (void)snprintf(report->message, sizeof report->message, "no self-test vectors");
        return soma_succeed(error);
    }
    if (!json_object_is_type(object, json_type_object)) {
        status = soma_fail(error, SOMA_E_FIELD, "self_test: expected an object, found %s",
                           soma_json_type_phrase(object));
        goto done;
    }
    if ((status = member_array(object, "inputs", 1, &st.inputs, error)) != SOMA_OK ||
        (status = member_array(object, "outputs", 1, &st.outputs, error)) != SOMA_OK ||
        (status = member_array(object, "layer_outputs", 0, &st.layer_outputs, error)) != SOMA_OK) {
        goto done;
    }
    st.count = soma_json_length(st.inputs);
    if (soma_json_length(st.outputs) != st.count) {
        status = soma_fail(error, SOMA_E_SHAPE, "self_test.outputs: %zu vectors, but inputs has %zu",
                           soma_json_length(st.outputs), st.count);
        goto done;
    }
    if (st.layer_outputs != NULL && soma_json_length(st.layer_outputs) != st.count) {
        status = soma_fail(error, SOMA_E_SHAPE,
                           "self_test.layer_outputs: %zu vectors, but inputs has %zu",
                           soma_json_length(st.layer_outputs), st.count);
        goto done;
    }
    for (l = 0; l < layer_count; l++) {
        total += soma_layer_outputs(model, l);
    }
    /* Room for every layer's output, then the outputs again for the expected side. */
    expected = malloc((total + soma_output_count(model)) * sizeof(float));
    got = malloc((total + soma_output_count(model)) * sizeof(float));
    if (expected == NULL || got == NULL) {
        status = soma_fail(error, SOMA_E_MEMORY, "out of memory for the self-test (%zu floats)",
                           2 * total + soma_output_count(model));
        goto done;
    }
    /* Pass 0 checks every vector's types and shapes; pass 1 runs and compares. */
    for (pass = 0; pass < 2; pass++) {
        for (k = 0; k < st.count; k++) {
            if ((status = read_vector(model, &st, k, input, expected, error)) != SOMA_OK) {
                goto done;
            }
            if (pass == 0) {
                continue;
            }
            /* The layers' own outputs, then the model's (after any output scaling) at got + total. */
            if ((status = soma_run_layers(model, input, soma_input_count(model), got, total,
                                          error)) != SOMA_OK ||
                (status = soma_run(model, input, soma_input_count(model), got + total,
                                   soma_output_count(model), error)) != SOMA_OK) {
                goto done;
            }
            if (st.layer_outputs != NULL) {
                size_t at = 0;
                for (l = 0; l < layer_count; l++) {
                    compare(report, k, (long)l, expected + at, got + at,
                            soma_layer_outputs(model, l));
                    at += soma_layer_outputs(model, l);
                }
            }
            compare(report, k, SOMA_VERIFY_OUTPUT,
                    expected + (st.layer_outputs != NULL ? total : 0),
                    got + total, soma_output_count(model));
        }
    }
    report->vectors = st.count;
    report->layers = st.layer_outputs != NULL ? layer_count : 0;
    if (!report->passed) {
        status = soma_fail(error, SOMA_E_SELFTEST, "%s", report->message);
    } else if (st.count == 0) {
        (void)snprintf(report->message, sizeof report->message, "no self-test vectors");
        status = soma_succeed(error);
    } else if (report->layers != 0) {
        (void)snprintf(report->message, sizeof report->message,
                       "self-test passed (%zu vector%s, %zu layer%s)", report->vectors,
                       report->vectors == 1 ? "" : "s", report->layers,
                       report->layers == 1 ? "" : "s");
        status = soma_succeed(error);
    } else {
        (void)snprintf(report->message, sizeof report->message,
                       "self-test passed (%zu vector%s, outputs only)", report->vectors,
                       report->vectors == 1 ? "" : "s");
        status = soma_succeed(error);
    }

done:
    free(expected);
    free(got);
    if (status != SOMA_OK && status != SOMA_E_SELFTEST) {
        soma_unload(model);
    }
    return status;
}

static void clear_report(soma_verify_report *report)
{
    memset(report, 0, sizeof *report);
    report->passed = 1;
    report->layer = SOMA_VERIFY_OUTPUT;
}

/* After a failed load or a malformed self_test: the report carries the message too
   (when there is one: a NULL report is itself the failure). */
static soma_status finish(soma_verify_report *report, soma_status status, const soma_error *local,
                          soma_error *error)
{
    if (report != NULL && status != SOMA_OK && status != SOMA_E_SELFTEST) {
        clear_report(report);
        report->passed = 0;
        (void)snprintf(report->message, sizeof report->message, "%s", local->message);
    }
    if (error != NULL) {
        *error = *local;
    }
    return status;
}

/*
 * Loads the parsed document and checks its self-test; `status` is that of
 * parsing it, with its message in `local`. Releases the document.
 */
static soma_status verify_document(soma_model *model, float *storage, size_t storage_floats,
                                   soma_document *doc, soma_status status,
                                   soma_verify_report *report, soma_error *local,
                                   soma_error *error)
{
    if (status == SOMA_OK &&
        (status = soma_load_document(model, storage, storage_floats, doc->root, local)) == SOMA_OK) {
        status = check_self_test(model, doc->root, report, local);
    }
    soma_document_release(doc);
    if (status != SOMA_OK && status != SOMA_E_SELFTEST) {
        soma_unload(model);
    }
    return finish(report, status, local, error);
}

/* The argument checks of both calls, the report's first; SOMA_OK when the load
   may start. Any failure leaves the model unloaded. */
static soma_status start_verify(soma_model *model, const float *storage, const void *source,
                                const char *source_name, soma_verify_report *report,
                                soma_error *local)
{
    if (report == NULL) {
        soma_unload(model);
        return soma_fail(local, SOMA_E_ARGUMENT, "report: NULL pointer");
    }
    if (model == NULL) {
        return soma_fail(local, SOMA_E_ARGUMENT, "model: NULL pointer");
    }
    soma_unload(model);
    if (storage == NULL) {
        return soma_fail(local, SOMA_E_ARGUMENT, "storage: NULL pointer");
    }
    if (source == NULL) {
        return soma_fail(local, SOMA_E_ARGUMENT, "%s: NULL pointer", source_name);
    }
    clear_report(report);
    return SOMA_OK;
}

soma_status soma_verify_string(soma_model *model, float *storage, size_t storage_floats,
                               const char *json, size_t length, soma_verify_report *report,
                               soma_error *error)
{
    soma_document doc;
    soma_error local;
    soma_status status;
    if ((status = start_verify(model, storage, json, "json", report, &local)) != SOMA_OK) {
        return finish(report, status, &local, error);
    }
    status = soma_document_from_text(json, length, &doc, &local);
    return verify_document(model, storage, storage_floats, &doc, status, report, &local, error);
}

soma_status soma_verify_file(soma_model *model, float *storage, size_t storage_floats,
                             const char *path, soma_verify_report *report, soma_error *error)
{
    soma_document doc;
    soma_error local;
    soma_status status;
    if ((status = start_verify(model, storage, path, "path", report, &local)) != SOMA_OK) {
        return finish(report, status, &local, error);
    }
    status = soma_document_from_file(path, &doc, &local);
    return verify_document(model, storage, storage_floats, &doc, status, report, &local, error);
}
