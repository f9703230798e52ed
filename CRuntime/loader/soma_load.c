/*
 * soma_load.c — reads a Soma model file (docs/model-format.md, version 1) into
 * caller-owned storage. The only file that includes json-c.
 *
 * The load runs in three steps: parse the text with json-c and check the text
 * for what json-c lets through (soma_scan.c); check every size, type and
 * shape and count the parameters before writing any; then convert every
 * number from its original text with strtof, in the order the checksum
 * covers, into model->params (layout in soma_model.c). The model is marked
 * loaded only at the very end; on any failure it is left unloaded.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "soma_base64.h"
#include "soma_checksum.h"
#include "soma_internal.h"
#include "soma_json.h"
#include "soma_scan.h"

#define PATH_SIZE 96
#define NO_INDEX ((size_t)-1)

typedef struct loader {
    soma_model *model;          /* NULL when only the requirements are wanted */
    soma_requirements *req;     /* not NULL when only the requirements are wanted */
    float *storage;             /* the caller's, for model->params */
    size_t storage_floats;
    soma_error *error;
    uint64_t hash;  /* FNV-1a 64 of the values read so far, in checksum order */
    size_t used;    /* floats of model->params taken so far */
} loader;

/* A loader that fills `model`, or only `req` when model is NULL, or neither. */
static loader loader_start(soma_model *model, soma_requirements *req, soma_error *error)
{
    loader L;
    L.model = model;
    L.req = req;
    L.storage = NULL;
    L.storage_floats = 0;
    L.error = error;
    L.hash = SOMA_FNV1A64_BASIS;
    L.used = 0;
    return L;
}

/* ---- Paths and JSON types ---- */

/* Marks a path that snprintf had to cut, so a message never shows it as whole. */
static void mark_cut(char *out, int written)
{
    if (written < 0 || written >= PATH_SIZE) {
        memcpy(out + PATH_SIZE - 4, "...", 4);
    }
}

/* "parent.key", or "key" at the top level. */
static void join_key(char *out, const char *parent, const char *key)
{
    if (parent[0] == '\0') {
        mark_cut(out, snprintf(out, PATH_SIZE, "%s", key));
    } else {
        mark_cut(out, snprintf(out, PATH_SIZE, "%s.%s", parent, key));
    }
}

/* "path[index]", or "path" for NO_INDEX. */
static void join_index(char *out, const char *path, size_t index)
{
    if (index == NO_INDEX) {
        mark_cut(out, snprintf(out, PATH_SIZE, "%s", path));
    } else {
        mark_cut(out, snprintf(out, PATH_SIZE, "%s[%zu]", path, index));
    }
}

const char *soma_json_type_phrase(json_object *value)
{
    switch (json_object_get_type(value)) {
    case json_type_null: return "null";
    case json_type_boolean: return "a boolean";
    case json_type_double:
    case json_type_int: return "a number";
    case json_type_object: return "an object";
    case json_type_array: return "an array";
    case json_type_string: return "a string";
    }
    return "an unknown value";
}

#define type_phrase soma_json_type_phrase

static int is_number(json_object *value)
{
    return json_object_is_type(value, json_type_double) || json_object_is_type(value, json_type_int);
}

/* The member `key` of `object` (path `parent`), which must exist and have `type`. */
static soma_status require(loader *L, json_object *object, const char *parent, const char *key,
                           json_type type, const char *expected, json_object **out)
{
    char path[PATH_SIZE];
    json_object *value = NULL;
    join_key(path, parent, key);
    if (!json_object_object_get_ex(object, key, &value)) {
        return soma_fail(L->error, SOMA_E_FIELD, "%s: required member is missing", path);
    }
    if (!json_object_is_type(value, type)) {
        return soma_fail(L->error, SOMA_E_FIELD, "%s: expected %s, found %s", path, expected,
                         type_phrase(value));
    }
    *out = value;
    return SOMA_OK;
}

/* Like require, for an optional member: *out is NULL when it is absent. */
static soma_status optional(loader *L, json_object *object, const char *parent, const char *key,
                            json_type type, const char *expected, json_object **out)
{
    *out = NULL;
    if (!json_object_object_get_ex(object, key, NULL)) {
        return SOMA_OK;
    }
    return require(L, object, parent, key, type, expected, out);
}

/* ---- Numbers and sizes ---- */

/* The number `value` (at path[index]) as binary32, straight from its text. */
static soma_status read_number(loader *L, json_object *value, const char *path, size_t index,
                               float *out)
{
    char where[PATH_SIZE];
    const char *text;
    char *end = NULL;
    float f = 0.0f;
    if (!is_number(value)) {
        join_index(where, path, index);
        return soma_fail(L->error, SOMA_E_FIELD, "%s: expected a number, found %s", where,
                         type_phrase(value));
    }
    /* A parsed double keeps its original text; an integer prints exactly, and
     * the text check in parse_document restored the original where it differs. */
    text = json_object_get_string(value);
    if (text != NULL) {
        f = strtof(text, &end);
    }
    if (text == NULL || end == text || *end != '\0') {
        join_index(where, path, index);
        return soma_fail(L->error, SOMA_E_VALUE, "%s: cannot read the number \"%.32s\"", where,
                         text != NULL ? text : "");
    }
    if (!isfinite(f)) {
        join_index(where, path, index);
        return soma_fail(L->error, SOMA_E_VALUE,
                         "%s: %.32s is not a finite number within binary32 range", where, text);
    }
    L->hash = soma_fnv1a64_float(L->hash, f);
    *out = f;
    return SOMA_OK;
}

soma_status soma_json_float(json_object *value, const char *path, float *out, soma_error *error)
{
    loader L = loader_start(NULL, NULL, error);
    return read_number(&L, value, path, NO_INDEX, out);
}

/* A size: a JSON integer >= 1, at most `limit` (named `limit_name`, or none if NULL). */
static soma_status read_size(loader *L, json_object *object, const char *parent, const char *key,
                             uint32_t limit, const char *limit_name, uint32_t *out)
{
    char path[PATH_SIZE];
    json_object *value;
    int64_t n;
    soma_status status = require(L, object, parent, key, json_type_int, "an integer", &value);
    if (status != SOMA_OK) {
        return status;
    }
    join_key(path, parent, key);
    n = json_object_get_int64(value);
    if (n < 1) {
        return soma_fail(L->error, SOMA_E_VALUE, "%s: %.32s is not a size (an integer >= 1)",
                         path, json_object_get_string(value));
    }
    if ((uint64_t)n > limit) {
        if (limit_name != NULL) {
            return soma_fail(L->error, SOMA_E_CAPACITY, "%s: %.32s exceeds %s (%" PRIu32 ")",
                             path, json_object_get_string(value), limit_name, limit);
        }
        return soma_fail(L->error, SOMA_E_VALUE, "%s: %.32s is too large", path,
                         json_object_get_string(value));
    }
    *out = (uint32_t)n;
    return SOMA_OK;
}

/*
 * Widths are limited by SOMA_MAX_WIDTH when loading; when only the
 * requirements are wanted, any width is measured and compared afterwards.
 */
static uint32_t width_limit(const loader *L)
{
    return L->req != NULL ? UINT32_MAX : SOMA_MAX_WIDTH;
}

static const char *width_name(const loader *L)
{
    return L->req != NULL ? NULL : "SOMA_MAX_WIDTH";
}

/* Requirements mode: remembers the first compile-time limit the model exceeds. */
static void note_exceeds(loader *L, const char *limit)
{
    if (L->req->exceeds[0] == '\0') {
        L->req->exceeds = limit;
    }
    L->req->fits = 0;
}

/* ---- Arrays of numbers, plain and packed ---- */

/* `count` numbers of the JSON array `array` into dst[0], dst[stride], ... */
static soma_status read_array(loader *L, json_object *array, const char *path, size_t count,
                              float *dst, size_t stride)
{
    const size_t found = json_object_array_length(array);
    size_t k;
    if (found != count) {
        return soma_fail(L->error, SOMA_E_SHAPE, "%s: expected %zu numbers, found %zu", path,
                         count, found);
    }
    for (k = 0; k < count; k++) {
        soma_status status = read_number(L, json_object_array_get_idx(array, k), path, k,
                                         &dst[k * stride]);
        if (status != SOMA_OK) {
            return status;
        }
    }
    return SOMA_OK;
}

/*
 * A packed array {"encoding", "count", "data"} of `count` binary32 values.
 * Value k goes to dst[(k % cols) * rows + k / cols] with cols = count / rows:
 * rows = 1 stores in order; rows = outputs transposes output-major weights.
 */
static soma_status read_packed(loader *L, json_object *packed, const char *path, size_t count,
                               size_t rows, float *dst)
{
    char member_path[PATH_SIZE];
    json_object *encoding, *data;
    const char *text, *problem;
    size_t length, bytes, where, k;
    const size_t cols = count / rows;
    uint32_t declared;
    soma_status status;

    if ((status = require(L, packed, path, "encoding", json_type_string, "a string",
                          &encoding)) != SOMA_OK) {
        return status;
    }
    if (strcmp(json_object_get_string(encoding), "base64-f32le") != 0) {
        join_key(member_path, path, "encoding");
        return soma_fail(L->error, SOMA_E_UNSUPPORTED,
                         "%s: \"%.32s\" is not supported (this runtime reads \"base64-f32le\")",
                         member_path, json_object_get_string(encoding));
    }
    if ((status = read_size(L, packed, path, "count", UINT32_MAX, NULL, &declared)) != SOMA_OK) {
        return status;
    }
    if (declared != count) {
        join_key(member_path, path, "count");
        return soma_fail(L->error, SOMA_E_SHAPE, "%s: %" PRIu32 " but the layer needs %zu numbers",
                         member_path, declared, count);
    }
    if ((status = require(L, packed, path, "data", json_type_string, "a string", &data)) != SOMA_OK) {
        return status;
    }
    text = json_object_get_string(data);
    length = (size_t)json_object_get_string_len(data);
    join_key(member_path, path, "data");
    problem = soma_base64_check(text, length, &bytes, &where);
    if (problem != NULL) {
        return soma_fail(L->error, SOMA_E_VALUE, "%s: not base64: %s (at character %zu)",
                         member_path, problem, where);
    }
    if (bytes != 4 * count) {
        return soma_fail(L->error, SOMA_E_VALUE, "%s: decodes to %zu bytes, expected %zu (count %zu)",
                         member_path, bytes, 4 * count, count);
    }
    for (k = 0; k < count; k++) {
        unsigned char group[12]; /* 16 characters decode to 3 values */
        uint32_t bits = 0;
        float f;
        int b;
        if (k % 3 == 0 && k + 3 <= count) {
            soma_base64_decode_quads(text + k / 3 * 16, 4, group);
        }
        if (k / 3 * 3 + 3 <= count) {
            const unsigned char *v = group + 4 * (k % 3);
            bits = (uint32_t)v[0] | (uint32_t)v[1] << 8 | (uint32_t)v[2] << 16 | (uint32_t)v[3] << 24;
        } else {
            for (b = 3; b >= 0; b--) {
                bits = (bits << 8) | soma_base64_byte(text, 4 * k + (size_t)b);
            }
        }
        memcpy(&f, &bits, sizeof f);
        if (!isfinite(f)) {
            return soma_fail(L->error, SOMA_E_VALUE, "%s[%zu]: packed value is not finite",
                             path, k);
        }
        L->hash = soma_fnv1a64_float(L->hash, f);
        dst[(k % cols) * rows + k / cols] = f;
    }
    return SOMA_OK;
}

/* `count` numbers at `value` (an array or a packed array, when `packing` allows) into dst. */
static soma_status read_vector(loader *L, json_object *value, const char *path, size_t count,
                               int packing, float *dst)
{
    if (json_object_is_type(value, json_type_array)) {
        return read_array(L, value, path, count, dst, 1);
    }
    if (packing && json_object_is_type(value, json_type_object)) {
        return read_packed(L, value, path, count, 1, dst);
    }
    return soma_fail(L->error, SOMA_E_FIELD, "%s: expected an array of %zu numbers%s, found %s",
                     path, count, packing ? " or a packed array" : "", type_phrase(value));
}

/* The member `key` of `object` as a vector of `count` numbers. */
static soma_status read_member_vector(loader *L, json_object *object, const char *parent,
                                      const char *key, size_t count, int packing, float *dst)
{
    char path[PATH_SIZE];
    json_object *value;
    join_key(path, parent, key);
    if (!json_object_object_get_ex(object, key, &value)) {
        return soma_fail(L->error, SOMA_E_FIELD, "%s: required member is missing", path);
    }
    return read_vector(L, value, path, count, packing, dst);
}

/* The member `key` of `object` as one number. */
static soma_status read_member_number(loader *L, json_object *object, const char *parent,
                                      const char *key, float *out)
{
    char path[PATH_SIZE];
    json_object *value;
    join_key(path, parent, key);
    if (!json_object_object_get_ex(object, key, &value)) {
        return soma_fail(L->error, SOMA_E_FIELD, "%s: required member is missing", path);
    }
    return read_number(L, value, path, NO_INDEX, out);
}

/* Dense weights, output-major in the file, stored input-major at dst. */
static soma_status read_weights(loader *L, json_object *layer, const char *parent, size_t outputs,
                                size_t inputs, float *dst)
{
    char path[PATH_SIZE], row_path[PATH_SIZE];
    json_object *weights;
    size_t rows, o;
    join_key(path, parent, "weights");
    if (!json_object_object_get_ex(layer, "weights", &weights)) {
        return soma_fail(L->error, SOMA_E_FIELD, "%s: required member is missing", path);
    }
    if (json_object_is_type(weights, json_type_object)) {
        return read_packed(L, weights, path, outputs * inputs, outputs, dst);
    }
    if (!json_object_is_type(weights, json_type_array)) {
        return soma_fail(L->error, SOMA_E_FIELD,
                         "%s: expected %zu arrays of %zu numbers or a packed array, found %s",
                         path, outputs, inputs, type_phrase(weights));
    }
    rows = json_object_array_length(weights);
    if (rows != outputs) {
        return soma_fail(L->error, SOMA_E_SHAPE, "%s: expected %zu rows, found %zu", path,
                         outputs, rows);
    }
    for (o = 0; o < outputs; o++) {
        json_object *row = json_object_array_get_idx(weights, o);
        soma_status status;
        join_index(row_path, path, o);
        if (!json_object_is_type(row, json_type_array)) {
            return soma_fail(L->error, SOMA_E_FIELD, "%s: expected an array of %zu numbers, found %s",
                             row_path, inputs, type_phrase(row));
        }
        status = read_array(L, row, row_path, inputs, dst + o, outputs);
        if (status != SOMA_OK) {
            return status;
        }
    }
    return SOMA_OK;
}

/* ---- Layers ---- */

static const char *const activation_names[] = {
    "step", "identity", "sigmoid", "tanh", "relu", "leaky_relu",
    "prelu", "elu", "selu", "swish", "softmax",
};

static soma_status read_activation_name(loader *L, json_object *layer, const char *parent,
                                        soma_activation *out)
{
    char path[PATH_SIZE], name_path[PATH_SIZE];
    json_object *activation, *name;
    size_t k;
    soma_status status;
    join_key(path, parent, "activation");
    if ((status = require(L, layer, parent, "activation", json_type_object, "an object",
                          &activation)) != SOMA_OK ||
        (status = require(L, activation, path, "name", json_type_string, "a string",
                          &name)) != SOMA_OK) {
        return status;
    }
    for (k = 0; k < sizeof activation_names / sizeof activation_names[0]; k++) {
        if (strcmp(json_object_get_string(name), activation_names[k]) == 0) {
            *out = (soma_activation)k;
            return SOMA_OK;
        }
    }
    join_key(name_path, path, "name");
    return soma_fail(L->error, SOMA_E_UNSUPPORTED, "%s: unknown activation \"%.40s\"", name_path,
                     json_object_get_string(name));
}

/*
 * First pass over layers[index]: type, sizes, chaining with the previous
 * width, activation name; fills the descriptor's kind, activation and sizes,
 * and adds the floats the layer will take to *params.
 */
static soma_status check_layer(loader *L, json_object *layer, size_t index, uint32_t previous,
                               soma_layer_desc *desc, uint64_t *params)
{
    char path[PATH_SIZE], type_path[PATH_SIZE];
    json_object *type, *layout;
    soma_activation activation = SOMA_ACT_IDENTITY;
    const char *type_name;
    soma_status status;

    join_index(path, "layers", index);
    if (!json_object_is_type(layer, json_type_object)) {
        return soma_fail(L->error, SOMA_E_FIELD, "%s: expected an object, found %s", path,
                         type_phrase(layer));
    }
    if ((status = require(L, layer, path, "type", json_type_string, "a string", &type)) != SOMA_OK) {
        return status;
    }
    type_name = json_object_get_string(type);
    if (strcmp(type_name, "dense") == 0) {
        desc->kind = SOMA_LAYER_DENSE;
        if ((status = read_size(L, layer, path, "inputs", width_limit(L), width_name(L),
                                &desc->inputs)) != SOMA_OK ||
            (status = read_size(L, layer, path, "outputs", width_limit(L), width_name(L),
                                &desc->outputs)) != SOMA_OK ||
            (status = require(L, layer, path, "layout", json_type_string, "a string",
                              &layout)) != SOMA_OK) {
            return status;
        }
        if (strcmp(json_object_get_string(layout), "output-major") != 0) {
            join_key(type_path, path, "layout");
            return soma_fail(L->error, SOMA_E_UNSUPPORTED,
                             "%s: \"%.32s\" is not supported (expected \"output-major\")",
                             type_path, json_object_get_string(layout));
        }
        *params += (uint64_t)desc->inputs * desc->outputs + desc->outputs;
    } else if (strcmp(type_name, "batchnorm") == 0) {
        desc->kind = SOMA_LAYER_BATCHNORM;
        if ((status = read_size(L, layer, path, "size", width_limit(L), width_name(L),
                                &desc->outputs)) != SOMA_OK) {
            return status;
        }
        desc->inputs = desc->outputs;
        *params += 3 * (uint64_t)desc->outputs;
    } else {
        join_key(type_path, path, "type");
        return soma_fail(L->error, SOMA_E_UNSUPPORTED,
                         "%s: unknown layer type \"%.40s\" (this runtime reads dense, batchnorm)",
                         type_path, type_name);
    }
    if (desc->inputs != previous) {
        if (index == 0) {
            return soma_fail(L->error, SOMA_E_SHAPE,
                             "%s: %s is %" PRIu32 " but the model's inputs is %" PRIu32, path,
                             desc->kind == SOMA_LAYER_DENSE ? "inputs" : "size", desc->inputs,
                             previous);
        }
        return soma_fail(L->error, SOMA_E_SHAPE,
                         "%s: %s is %" PRIu32 " but the previous layer gives %" PRIu32, path,
                         desc->kind == SOMA_LAYER_DENSE ? "inputs" : "size", desc->inputs,
                         previous);
    }
    if ((status = read_activation_name(L, layer, path, &activation)) != SOMA_OK) {
        return status;
    }
    desc->activation = (uint32_t)activation;
    if (activation == SOMA_ACT_PRELU) {
        *params += desc->outputs;
    }
    return SOMA_OK;
}

/* A run of n floats of model->params; the first pass made sure they fit. */
static uint32_t take(loader *L, size_t n)
{
    const uint32_t offset = (uint32_t)L->used;
    L->used += n;
    return offset;
}

static soma_status read_activation_params(loader *L, json_object *layer, const char *parent,
                                          soma_layer_desc *desc)
{
    char path[PATH_SIZE];
    json_object *activation = NULL;
    float *p = L->storage;
    join_key(path, parent, "activation");
    (void)json_object_object_get_ex(layer, "activation", &activation);
    desc->act_param = 0.0f;
    desc->alpha = 0;
    switch ((soma_activation)desc->activation) {
    case SOMA_ACT_LEAKY_RELU:
    case SOMA_ACT_ELU:
        return read_member_number(L, activation, path, "alpha", &desc->act_param);
    case SOMA_ACT_SWISH:
        return read_member_number(L, activation, path, "beta", &desc->act_param);
    case SOMA_ACT_PRELU:
        desc->alpha = take(L, desc->outputs);
        return read_member_vector(L, activation, path, "alpha", desc->outputs, 1, p + desc->alpha);
    case SOMA_ACT_STEP:
    case SOMA_ACT_IDENTITY:
    case SOMA_ACT_SIGMOID:
    case SOMA_ACT_TANH:
    case SOMA_ACT_RELU:
    case SOMA_ACT_SELU:
    case SOMA_ACT_SOFTMAX:
        break;
    }
    return SOMA_OK;
}

/* Second pass over a checked layer: its numbers, in checksum order. */
static soma_status read_layer_values(loader *L, json_object *layer, size_t index,
                                     soma_layer_desc *desc)
{
    char path[PATH_SIZE], where[PATH_SIZE];
    float *p = L->storage;
    const size_t n = desc->outputs;
    soma_status status;
    size_t k;

    join_index(path, "layers", index);
    if (desc->kind == SOMA_LAYER_DENSE) {
        desc->weights = take(L, (size_t)desc->inputs * n);
        desc->bias = take(L, n);
        if ((status = read_weights(L, layer, path, n, desc->inputs, p + desc->weights)) != SOMA_OK ||
            (status = read_member_vector(L, layer, path, "bias", n, 1, p + desc->bias)) != SOMA_OK) {
            return status;
        }
    } else {
        /* Stored: mean, scale, beta. gamma is read into the scale's place. */
        float variance[SOMA_MAX_WIDTH];
        float epsilon;
        const uint32_t mean = take(L, n);
        const uint32_t scale = take(L, n);
        desc->weights = mean;
        desc->bias = take(L, n);
        if ((status = read_member_vector(L, layer, path, "gamma", n, 1, p + scale)) != SOMA_OK ||
            (status = read_member_vector(L, layer, path, "beta", n, 1, p + desc->bias)) != SOMA_OK ||
            (status = read_member_vector(L, layer, path, "mean", n, 1, p + mean)) != SOMA_OK ||
            (status = read_member_vector(L, layer, path, "variance", n, 1, variance)) != SOMA_OK ||
            (status = read_member_number(L, layer, path, "epsilon", &epsilon)) != SOMA_OK) {
            return status;
        }
        for (k = 0; k < n; k++) {
            if (!(variance[k] >= 0.0f)) {
                join_key(where, path, "variance");
                return soma_fail(L->error, SOMA_E_VALUE, "%s[%zu]: %.9g is negative", where, k,
                                 (double)variance[k]);
            }
        }
        if (!(epsilon > 0.0f)) {
            join_key(where, path, "epsilon");
            return soma_fail(L->error, SOMA_E_VALUE, "%s: %.9g is not > 0", where, (double)epsilon);
        }
        /* scale = gamma / sqrt(variance + epsilon): the spec's operations, done once. */
        for (k = 0; k < n; k++) {
            p[scale + k] = p[scale + k] / sqrtf(variance[k] + epsilon);
        }
    }
    return read_activation_params(L, layer, path, desc);
}

/* ---- The document ---- */

static soma_status read_name(loader *L, json_object *root)
{
    json_object *name;
    const char *text;
    size_t length;
    soma_status status = require(L, root, "", "name", json_type_string, "a string", &name);
    if (status != SOMA_OK) {
        return status;
    }
    text = json_object_get_string(name);
    length = (size_t)json_object_get_string_len(name);
    if (length < 1 || length > 63) {
        return soma_fail(L->error, SOMA_E_VALUE, "name: %zu bytes, expected 1 to 63", length);
    }
    if (memchr(text, '\0', length) != NULL) {
        return soma_fail(L->error, SOMA_E_VALUE, "name: contains a NUL character");
    }
    if (length + 1 > SOMA_MAX_NAME) {
        if (L->req != NULL) {
            note_exceeds(L, "SOMA_MAX_NAME");
            return SOMA_OK;
        }
        return soma_fail(L->error, SOMA_E_CAPACITY, "name: %zu bytes exceed SOMA_MAX_NAME (%d) - 1",
                         length, (int)SOMA_MAX_NAME);
    }
    if (L->model != NULL) {
        memcpy(L->model->name, text, length + 1);
    }
    return SOMA_OK;
}

static soma_status read_labels(loader *L, json_object *root, size_t outputs)
{
    json_object *labels;
    size_t count, k;
    soma_status status = optional(L, root, "", "labels", json_type_array, "an array of strings",
                                  &labels);
    if (status != SOMA_OK || labels == NULL) {
        return status;
    }
    count = json_object_array_length(labels);
    for (k = 0; k < count; k++) {
        json_object *label = json_object_array_get_idx(labels, k);
        if (!json_object_is_type(label, json_type_string)) {
            return soma_fail(L->error, SOMA_E_FIELD, "labels[%zu]: expected a string, found %s", k,
                             type_phrase(label));
        }
    }
    if (count != outputs && !(outputs == 1 && count == 2)) {
        return soma_fail(L->error, SOMA_E_SHAPE, "labels: %zu names, expected %zu (one per output%s)",
                         count, outputs, outputs == 1 ? ", or two for a single output" : "");
    }
    return SOMA_OK;
}

static soma_status read_scaling(loader *L, json_object *scaling)
{
    float *p = L->storage;
    const size_t n = L->model->inputs;
    size_t k;
    soma_status status;
    L->model->scale_mean = take(L, n);
    L->model->scale_std = take(L, n);
    if ((status = read_member_vector(L, scaling, "input_scaling", "mean", n, 0,
                                     p + L->model->scale_mean)) != SOMA_OK ||
        (status = read_member_vector(L, scaling, "input_scaling", "std", n, 0,
                                     p + L->model->scale_std)) != SOMA_OK) {
        return status;
    }
    for (k = 0; k < n; k++) {
        const float s = p[L->model->scale_std + k];
        if (!(s > 0.0f)) {
            return soma_fail(L->error, SOMA_E_VALUE, "input_scaling.std[%zu]: %.9g is not > 0", k,
                             (double)s);
        }
    }
    L->model->has_scaling = 1;
    return SOMA_OK;
}

static soma_status verify_checksum(loader *L, json_object *root)
{
    static const char prefix[] = "fnv1a64:";
    char computed[32];
    json_object *checksum;
    const char *text;
    size_t k;
    soma_status status = optional(L, root, "", "checksum", json_type_string, "a string", &checksum);
    if (status != SOMA_OK || checksum == NULL) {
        return status;
    }
    text = json_object_get_string(checksum);
    if ((size_t)json_object_get_string_len(checksum) != sizeof prefix - 1 + 16 ||
        strncmp(text, prefix, sizeof prefix - 1) != 0) {
        return soma_fail(L->error, SOMA_E_VALUE,
                         "checksum: \"%.40s\" is not \"fnv1a64:\" and 16 lowercase hex digits", text);
    }
    for (k = sizeof prefix - 1; text[k] != '\0'; k++) {
        if (!((text[k] >= '0' && text[k] <= '9') || (text[k] >= 'a' && text[k] <= 'f'))) {
            return soma_fail(L->error, SOMA_E_VALUE,
                             "checksum: \"%.40s\" is not \"fnv1a64:\" and 16 lowercase hex digits",
                             text);
        }
    }
    (void)snprintf(computed, sizeof computed, "fnv1a64:%016" PRIx64, L->hash);
    if (strcmp(computed, text) != 0) {
        return soma_fail(L->error, SOMA_E_CHECKSUM,
                         "checksum: the file says %s, the parameters give %s", text, computed);
    }
    return SOMA_OK;
}

/*
 * The document: header, then a first pass over the layers (shapes, the
 * storage they need). With L->req set it stops there and fills the
 * requirements, measuring instead of refusing what exceeds a limit. Otherwise
 * a second pass reads the values into L->model.
 */
static soma_status read_model(loader *L, json_object *root)
{
    soma_model *m = L->model;
    json_object *format, *version, *layers, *scaling, *task;
    soma_layer_desc scratch;
    size_t count, k;
    uint64_t params;
    uint32_t width, widest, inputs = 0, outputs = 0;
    int64_t v;
    soma_status status;

    if (!json_object_is_type(root, json_type_object)) {
        return soma_fail(L->error, SOMA_E_FORMAT,
                         "document: expected a JSON object (a Soma model), found %s",
                         type_phrase(root));
    }
    if ((status = require(L, root, "", "format", json_type_string, "a string", &format)) != SOMA_OK) {
        return status;
    }
    if (strcmp(json_object_get_string(format), SOMA_FORMAT_NAME) != 0) {
        return soma_fail(L->error, SOMA_E_FORMAT, "format: \"%.40s\" is not \"" SOMA_FORMAT_NAME "\"",
                         json_object_get_string(format));
    }
    if ((status = require(L, root, "", "version", json_type_int, "an integer", &version)) != SOMA_OK) {
        return status;
    }
    v = json_object_get_int64(version);
    if (v != SOMA_FORMAT_VERSION) {
        return soma_fail(L->error, SOMA_E_FORMAT,
                         "version: %.32s is not supported (this runtime reads version %d)",
                         json_object_get_string(version), SOMA_FORMAT_VERSION);
    }
    if ((status = read_name(L, root)) != SOMA_OK ||
        (status = read_size(L, root, "", "inputs", width_limit(L), width_name(L),
                            &inputs)) != SOMA_OK ||
        (status = read_size(L, root, "", "outputs", width_limit(L), width_name(L),
                            &outputs)) != SOMA_OK ||
        (status = optional(L, root, "", "input_scaling", json_type_object, "an object",
                           &scaling)) != SOMA_OK ||
        (status = optional(L, root, "", "task", json_type_string, "a string", &task)) != SOMA_OK ||
        (status = read_labels(L, root, outputs)) != SOMA_OK ||
        (status = require(L, root, "", "layers", json_type_array, "an array", &layers)) != SOMA_OK) {
        return status;
    }
    count = json_object_array_length(layers);
    if (count < 1) {
        return soma_fail(L->error, SOMA_E_VALUE, "layers: empty (a model has at least one layer)");
    }
    if (count > SOMA_MAX_LAYERS) {
        if (L->req == NULL) {
            return soma_fail(L->error, SOMA_E_CAPACITY,
                             "layers: %zu layers exceed SOMA_MAX_LAYERS (%d)", count,
                             (int)SOMA_MAX_LAYERS);
        }
        note_exceeds(L, "SOMA_MAX_LAYERS");
    }

    /* First pass: shapes and the storage they need, before writing any value. */
    params = scaling != NULL ? 2 * (uint64_t)inputs : 0;
    width = inputs;
    widest = inputs;
    for (k = 0; k < count; k++) {
        soma_layer_desc *desc = m != NULL ? &m->layers[k] : &scratch;
        memset(desc, 0, sizeof *desc);
        status = check_layer(L, json_object_array_get_idx(layers, k), k, width, desc, &params);
        if (status != SOMA_OK) {
            return status;
        }
        width = desc->outputs;
        if (width > widest) {
            widest = width;
        }
    }
    if (width != outputs) {
        return soma_fail(L->error, SOMA_E_SHAPE, "outputs: %" PRIu32 " but the last layer gives %" PRIu32,
                         outputs, width);
    }
    if (L->req != NULL) {
        soma_requirements *req = L->req;
        req->inputs = inputs;
        req->outputs = outputs;
        req->layers = count;
        req->widest = widest;
        req->params = params > (uint64_t)(SIZE_MAX / 8) ? SIZE_MAX / 8 : (size_t)params;
        req->bytes = req->params * sizeof(float);
        if (widest > SOMA_MAX_WIDTH) {
            note_exceeds(L, "SOMA_MAX_WIDTH");
        }
        return SOMA_OK;
    }
    if (params > UINT32_MAX) {
        return soma_fail(L->error, SOMA_E_CAPACITY,
                         "model needs %" PRIu64 " parameters, more than this runtime addresses (%" PRIu32 ")",
                         params, UINT32_MAX);
    }
    if (params > L->storage_floats) {
        return soma_fail(L->error, SOMA_E_CAPACITY,
                         "storage: %zu floats, but the model needs %" PRIu64
                         " (size it from soma_requirements_*: req.params)",
                         L->storage_floats, params);
    }
    m->inputs = inputs;
    m->outputs = outputs;
    m->widest = widest;
    m->layer_count = (uint32_t)count;

    /* Second pass: the values, in the order the checksum covers them. */
    L->hash = SOMA_FNV1A64_BASIS;
    if (scaling != NULL && (status = read_scaling(L, scaling)) != SOMA_OK) {
        return status;
    }
    for (k = 0; k < count; k++) {
        status = read_layer_values(L, json_object_array_get_idx(layers, k), k, &m->layers[k]);
        if (status != SOMA_OK) {
            return status;
        }
    }
    m->param_count = (uint32_t)L->used;
    return verify_checksum(L, root);
}

/* ---- Parsing and checking the text ---- */

typedef struct text_check {
    soma_scanner scanner;
    size_t keys;         /* members in json-c's tree */
    const char *problem; /* set when the scanner refused the text */
    int misaligned;      /* the tree's numbers and the text's disagree */
} text_check;

/*
 * Walks json-c's tree in document order (objects keep insertion order) with
 * the scanner alongside: counts members and gives every integer its original
 * text where json-c's differs ("-0", integers beyond 64 bits).
 */
static void walk_tree(text_check *c, json_object *value)
{
    const char *token;
    size_t length, k, n;
    int r;
    if (c->problem != NULL || c->misaligned) {
        return;
    }
    switch (json_object_get_type(value)) {
    case json_type_object: {
        struct json_object_iterator it = json_object_iter_begin(value);
        struct json_object_iterator end = json_object_iter_end(value);
        while (!json_object_iter_equal(&it, &end)) {
            c->keys++;
            walk_tree(c, json_object_iter_peek_value(&it));
            json_object_iter_next(&it);
        }
        break;
    }
    case json_type_array:
        n = json_object_array_length(value);
        for (k = 0; k < n; k++) {
            walk_tree(c, json_object_array_get_idx(value, k));
        }
        break;
    case json_type_int:
    case json_type_double:
        r = soma_scan_next_number(&c->scanner, &token, &length, &c->problem);
        if (r < 0) {
            return;
        }
        if (r == 0) {
            c->misaligned = 1;
            return;
        }
        if (json_object_is_type(value, json_type_int)) {
            const char *printed = json_object_get_string(value);
            if (printed == NULL || strlen(printed) != length || memcmp(printed, token, length) != 0) {
                char *copy = malloc(length + 1);
                if (copy == NULL) {
                    c->misaligned = 1;
                    return;
                }
                memcpy(copy, token, length);
                copy[length] = '\0';
                json_object_set_serializer(value, json_object_userdata_to_json_string, copy,
                                           json_object_free_userdata);
            }
        }
        break;
    case json_type_null:
    case json_type_boolean:
    case json_type_string:
        break;
    }
}

static soma_status json_error_at(soma_error *error, const char *text, size_t offset,
                                 const char *what)
{
    size_t line, column;
    soma_text_position(text, offset, &line, &column);
    return soma_fail(error, SOMA_E_JSON, "line %zu, column %zu: %s", line, column, what);
}

static soma_status check_text(const char *text, size_t length, json_object *root,
                              soma_error *error)
{
    text_check c;
    const char *token;
    size_t token_length, offset;
    char path[PATH_SIZE];
    int r;

    soma_scanner_init(&c.scanner, text, length);
    c.keys = 0;
    c.problem = NULL;
    c.misaligned = 0;
    walk_tree(&c, root);
    while (c.problem == NULL && (r = soma_scan_next_number(&c.scanner, &token, &token_length,
                                                           &c.problem)) != 0) {
        if (r > 0) {
            c.misaligned = 1;
        }
    }
    if (c.problem != NULL) {
        return json_error_at(error, text, c.scanner.pos, c.problem);
    }
    if (c.scanner.keys != c.keys) {
        if (soma_find_repeated_key(text, length, path, sizeof path, &offset)) {
            size_t line, column;
            soma_text_position(text, offset, &line, &column);
            return soma_fail(error, SOMA_E_FIELD,
                             "%s: the key appears twice in one object (line %zu, column %zu)",
                             path, line, column);
        }
        return soma_fail(error, SOMA_E_FIELD,
                         "a key appears twice in one object (spelled with different escapes)");
    }
    if (c.misaligned) {
        return soma_fail(error, SOMA_E_JSON, "the numbers in the text do not match the parse");
    }
    return SOMA_OK;
}

static soma_status parse_document(const char *text, size_t length, json_object **root,
                                  soma_error *error)
{
    struct json_tokener *tok;
    json_object *value;
    enum json_tokener_error jerr;
    const char *problem;
    size_t end, k;
    soma_status status = SOMA_OK;

    *root = NULL;
    problem = soma_utf8_check(text, length, &end);
    if (problem != NULL) {
        return json_error_at(error, text, end, problem);
    }
    tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
    if (tok == NULL) {
        return soma_fail(error, SOMA_E_JSON, "cannot allocate a JSON parser");
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    value = json_tokener_parse_ex(tok, text, (int)length);
    jerr = json_tokener_get_error(tok);
    end = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (value == NULL && jerr != json_tokener_success) {
        if (jerr == json_tokener_continue) {
            return json_error_at(error, text, length, "unexpected end of the text");
        }
        return json_error_at(error, text, end, json_tokener_error_desc(jerr));
    }
    for (k = end; k < length; k++) {
        if (text[k] != ' ' && text[k] != '\t' && text[k] != '\n' && text[k] != '\r') {
            status = json_error_at(error, text, k, "unexpected text after the JSON value");
            break;
        }
    }
    if (status == SOMA_OK && value == NULL) {
        /* json-c parses the document `null` to NULL, with success. */
        return soma_fail(error, SOMA_E_FORMAT,
                         "document: expected a JSON object (a Soma model), found null");
    }
    if (status == SOMA_OK) {
        status = check_text(text, end, value, error);
    }
    if (status != SOMA_OK) {
        json_object_put(value);
        return status;
    }
    *root = value;
    return SOMA_OK;
}

/*
 * Loads `length` bytes of text into `model`; then, if `hook` is not NULL and
 * the load succeeded, calls it with the loaded model and the document, which
 * is released after the hook returns. On a load failure the model is left
 * unloaded; after the hook, the model is as the hook leaves it.
 */
soma_status soma_json_load_text(soma_model *model, float *storage, size_t storage_floats,
                                const char *text, size_t length, soma_json_hook hook,
                                void *context, soma_error *error)
{
    json_object *root = NULL;
    loader L = loader_start(model, NULL, error);
    soma_status status;

    L.storage = storage;
    L.storage_floats = storage_floats;
    soma_unload(model);
    if (length > SOMA_MAX_FILE_BYTES) {
        return soma_fail(error, SOMA_E_ARGUMENT, "length: %zu bytes exceed SOMA_MAX_FILE_BYTES (%ld)",
                         length, (long)SOMA_MAX_FILE_BYTES);
    }
    status = parse_document(text, length, &root, error);
    if (status != SOMA_OK) {
        goto done;
    }
    status = read_model(&L, root);
    if (status != SOMA_OK) {
        soma_unload(model);
        goto done;
    }
    model->params = storage;
    model->loaded = 1;
    status = hook != NULL ? hook(model, root, context, error) : soma_succeed(error);

done:
    json_object_put(root);
    return status;
}

/* Reads the file at `path` into a heap buffer the caller frees (also on failure). */
static soma_status read_text_file(const char *path, char **out, size_t *out_length,
                                  soma_error *error)
{
    FILE *file;
    char *text = NULL;
    size_t length = 0, capacity = 0;
    soma_status status = SOMA_OK;

    *out = NULL;
    *out_length = 0;
    file = fopen(path, "rb");
    if (file == NULL) {
        return soma_fail(error, SOMA_E_IO, "cannot open the file: %s", strerror(errno));
    }
    for (;;) {
        size_t got;
        if (length == capacity) {
            char *grown;
            if (capacity > SOMA_MAX_FILE_BYTES) {
                break; /* one byte over the limit is enough to refuse the file */
            }
            /* Grow by doubling, to at most one byte over the limit. */
            capacity = capacity == 0 ? 65536 : 2 * capacity;
            if (capacity > (size_t)SOMA_MAX_FILE_BYTES + 1) {
                capacity = (size_t)SOMA_MAX_FILE_BYTES + 1;
            }
            grown = realloc(text, capacity);
            if (grown == NULL) {
                status = soma_fail(error, SOMA_E_IO, "out of memory reading the file (%zu bytes)",
                                   capacity);
                goto done;
            }
            text = grown;
        }
        errno = 0;
        got = fread(text + length, 1, capacity - length, file);
        length += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(file)) {
        status = soma_fail(error, SOMA_E_IO, "cannot read the file: %s",
                           errno != 0 ? strerror(errno) : "read error");
        goto done;
    }
    if (length == 0) {
        status = soma_fail(error, SOMA_E_IO, "the file is empty");
        goto done;
    }
    if (length > SOMA_MAX_FILE_BYTES) {
        status = soma_fail(error, SOMA_E_IO, "the file is larger than SOMA_MAX_FILE_BYTES (%ld bytes)",
                           (long)SOMA_MAX_FILE_BYTES);
        goto done;
    }

done:
    (void)fclose(file);
    *out = text;
    *out_length = length;
    return status;
}

soma_status soma_json_load_file(soma_model *model, float *storage, size_t storage_floats,
                                const char *path, soma_json_hook hook, void *context,
                                soma_error *error)
{
    char *text = NULL;
    size_t length = 0;
    soma_status status;

    soma_unload(model);
    status = read_text_file(path, &text, &length, error);
    if (status == SOMA_OK) {
        status = soma_json_load_text(model, storage, storage_floats, text, length, hook, context,
                                     error);
    }
    free(text);
    return status;
}

soma_status soma_load_string(soma_model *model, float *storage, size_t storage_floats,
                             const char *json, size_t length, soma_error *error)
{
    if (model == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "model: NULL pointer");
    }
    soma_unload(model);
    if (storage == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "storage: NULL pointer");
    }
    if (json == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "json: NULL pointer");
    }
    return soma_json_load_text(model, storage, storage_floats, json, length, NULL, NULL, error);
}

soma_status soma_load_file(soma_model *model, float *storage, size_t storage_floats,
                           const char *path, soma_error *error)
{
    if (model == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "model: NULL pointer");
    }
    soma_unload(model);
    if (storage == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "storage: NULL pointer");
    }
    if (path == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "path: NULL pointer");
    }
    return soma_json_load_file(model, storage, storage_floats, path, NULL, NULL, error);
}

/* ---- Requirements ---- */

static soma_status requirements_text(const char *text, size_t length, soma_requirements *req,
                                     soma_error *error)
{
    json_object *root = NULL;
    loader L = loader_start(NULL, req, error);
    soma_status status;

    if (length > SOMA_MAX_FILE_BYTES) {
        return soma_fail(error, SOMA_E_ARGUMENT, "length: %zu bytes exceed SOMA_MAX_FILE_BYTES (%ld)",
                         length, (long)SOMA_MAX_FILE_BYTES);
    }
    status = parse_document(text, length, &root, error);
    if (status == SOMA_OK) {
        status = read_model(&L, root);
    }
    json_object_put(root);
    return status == SOMA_OK ? soma_succeed(error) : status;
}

static void clear_requirements(soma_requirements *req)
{
    memset(req, 0, sizeof *req);
    req->fits = 1;
    req->exceeds = "";
}

soma_status soma_requirements_string(const char *json, size_t length, soma_requirements *req,
                                     soma_error *error)
{
    soma_status status;
    if (req == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "req: NULL pointer");
    }
    clear_requirements(req);
    if (json == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "json: NULL pointer");
    }
    status = requirements_text(json, length, req, error);
    if (status != SOMA_OK) {
        clear_requirements(req);
    }
    return status;
}

soma_status soma_requirements_file(const char *path, soma_requirements *req, soma_error *error)
{
    char *text = NULL;
    size_t length = 0;
    soma_status status;
    if (req == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "req: NULL pointer");
    }
    clear_requirements(req);
    if (path == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "path: NULL pointer");
    }
    status = read_text_file(path, &text, &length, error);
    if (status == SOMA_OK) {
        status = requirements_text(text, length, req, error);
    }
    free(text);
    if (status != SOMA_OK) {
        clear_requirements(req);
    }
    return status;
}
