/*
 * soma_load.c — a Soma model document (docs/model-format.md, versions 1 to 3) into
 * caller-owned storage, in two passes over the document json-c parsed
 * (soma_document.c):
 *
 *   plan: check the header, every size, type and shape, and measure the model
 *         (counts, offsets from soma_layout.h, the storage it takes) without
 *         reading a value; soma_requirements_* is this pass alone;
 *   fill: convert every number from its original text with strtof, in the
 *         order the checksum covers, into the caller's storage at the
 *         planned offsets, then compare the checksum. Arrays of numbers are
 *         runs (soma_runs.h): their numbers are read from the text directly.
 *
 * The caller's model is written only after both passes succeed; until then it
 * is unloaded. The loader computes no outputs: verification sits above it.
 */
#include "soma_contract.h" /* first: no contraction in this file */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "soma_base64.h"
#include "soma_checksum.h"
#include "soma_decimal.h"
#include "soma_internal.h"
#include "soma_json.h"
#include "soma_layout.h"

#define PATH_SIZE 96
#define NO_INDEX ((size_t)-1)

typedef struct loader {
    soma_error *error;
    uint64_t hash;   /* FNV-1a 64 of the values read so far, in checksum order */
    float *storage;  /* fill: the caller's storage, at the plan's offsets */
    int64_t version; /* the document's `version`, once the header is checked */
} loader;

static loader loader_start(float *storage, soma_error *error)
{
    loader L;
    L.error = error;
    L.hash = SOMA_FNV1A64_BASIS;
    L.storage = storage;
    L.version = 0;
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

/*
 * A binary32 value as text that reads back to the same value ("%.9g") into
 * `out`, for soma_fail, whose formatter (the core's) has no float conversion.
 */
#define NUMBER_TEXT 32
static const char *float_text(char *out, float value)
{
    (void)snprintf(out, NUMBER_TEXT, "%.9g", (double)value);
    return out;
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

/* The run of numbers an array stands for (soma_document.c gave it), or NULL. */
static const soma_number_run *run_of(json_object *array)
{
    return json_object_is_type(array, json_type_array) ? json_object_get_userdata(array) : NULL;
}

size_t soma_json_length(json_object *array)
{
    const soma_number_run *run = run_of(array);
    return run != NULL ? run->count : json_object_array_length(array);
}

json_object *soma_json_item(json_object *array, size_t k)
{
    return run_of(array) != NULL ? NULL : json_object_array_get_idx(array, k);
}

const char *soma_json_item_phrase(json_object *array, size_t k)
{
    return run_of(array) != NULL ? "a number" : type_phrase(json_object_array_get_idx(array, k));
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

/*
 * The JSON number at the start of text[0..limit) (at path[index]) as
 * binary32, its length in *length; correctly rounded: soma_decimal.c's fast
 * path, else strtof, which reads the text directly (through a double it would
 * round twice). A number ends at a character that cannot continue it ('\0',
 * ',', ']' or a space), so strtof stops where the grammar does.
 */
static soma_status convert(loader *L, const char *text, size_t limit, size_t *length,
                           const char *path, size_t index, float *out)
{
    char where[PATH_SIZE];
    float f = 0.0f;
    int converted = 0;
    const size_t n = soma_decimal_read(text, limit, &f, &converted);
    const char *end = text + n;
    const int shown = (int)(limit < 32 ? limit : 32);
    if (!converted) {
        char *stop = NULL;
        f = strtof(text, &stop);
        end = stop;
    }
    if (n == 0 || end != text + n) {
        join_index(where, path, index);
        return soma_fail(L->error, SOMA_E_VALUE, "%s: cannot read the number \"%.*s\"", where,
                         shown, text);
    }
    if (!isfinite(f)) {
        join_index(where, path, index);
        return soma_fail(L->error, SOMA_E_VALUE,
                         "%s: %.*s is not a finite number within binary32 range", where,
                         (int)(n < 32 ? n : 32), text);
    }
    L->hash = soma_fnv1a64_float(L->hash, f);
    *length = n;
    *out = f;
    return SOMA_OK;
}

/* The number `value` (at path[index]) as binary32, straight from its text. */
static soma_status read_number(loader *L, json_object *value, const char *path, size_t index,
                               float *out)
{
    char where[PATH_SIZE];
    const char *text;
    size_t limit, length = 0;
    soma_status status;
    if (!is_number(value)) {
        join_index(where, path, index);
        return soma_fail(L->error, SOMA_E_FIELD, "%s: expected a number, found %s", where,
                         type_phrase(value));
    }
    /* A parsed double keeps its original text; an integer prints exactly, and
     * the text check in parse_document restored the original where it differs. */
    text = json_object_get_string(value);
    limit = text != NULL ? strlen(text) : 0;
    status = convert(L, text != NULL ? text : "", limit, &length, path, index, out);
    if (status == SOMA_OK && length != limit) {
        join_index(where, path, index);
        return soma_fail(L->error, SOMA_E_VALUE, "%s: cannot read the number \"%.32s\"", where,
                         text);
    }
    return status;
}

/* The format's largest size (docs/model-format.md, "Numbers"): 2^31 - 1, in every reader. */
#define FORMAT_MAX_SIZE 2147483647L

/*
 * A size: a JSON integer from 1 to FORMAT_MAX_SIZE. Larger is a value the
 * format refuses (SOMA_E_VALUE), not this runtime's capacity.
 */
static soma_status read_size(loader *L, json_object *object, const char *parent, const char *key,
                             uint32_t *out)
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
    if (n > FORMAT_MAX_SIZE) {
        return soma_fail(L->error, SOMA_E_VALUE, "%s: %.32s is larger than the format's largest size, %ld",
                         path, json_object_get_string(value), FORMAT_MAX_SIZE);
    }
    *out = (uint32_t)n;
    return SOMA_OK;
}

/* Remembers the first compile-time limit the model exceeds, and the load's message for it. */
static void note_exceeds(soma_plan *plan, const char *limit, const char *format, ...)
    SOMA_PRINTF_LIKE(3, 4);

static void note_exceeds(soma_plan *plan, const char *limit, const char *format, ...)
{
    va_list args;
    if (plan->exceeds[0] != '\0') {
        return;
    }
    plan->exceeds = limit;
    va_start(args, format);
    (void)vsnprintf(plan->exceeds_message, sizeof plan->exceeds_message, format, args);
    va_end(args);
}

/* A width (member `key` of `parent`): over SOMA_MAX_WIDTH is noted, not refused. */
static soma_status read_width(loader *L, soma_plan *plan, json_object *object, const char *parent,
                              const char *key, uint32_t *out)
{
    char path[PATH_SIZE];
    soma_status status = read_size(L, object, parent, key, out);
    if (status == SOMA_OK && *out > SOMA_MAX_WIDTH) {
        join_key(path, parent, key);
        note_exceeds(plan, "SOMA_MAX_WIDTH", "%s: %" PRIu32 " exceeds SOMA_MAX_WIDTH (%d)", path,
                     *out, (int)SOMA_MAX_WIDTH);
    }
    return status;
}

/* ---- Arrays of numbers, plain and packed ---- */

/* `count` numbers of the JSON array `array` into dst[0], dst[stride], ... */
static soma_status read_array(loader *L, json_object *array, const char *path, size_t count,
                              float *dst, size_t stride)
{
    const soma_number_run *run = run_of(array);
    const size_t found = soma_json_length(array);
    size_t k;
    if (found != count) {
        return soma_fail(L->error, SOMA_E_SHAPE, "%s: expected %zu numbers, found %zu", path,
                         count, found);
    }
    if (run != NULL) {
        size_t pos = run->open + 1, length = 0;
        for (k = 0; k < count; k++) {
            soma_status status;
            pos = soma_run_next(run, pos);
            status = convert(L, run->text + pos, run->close - pos, &length, path, k,
                             &dst[k * stride]);
            if (status != SOMA_OK) {
                return status;
            }
            pos += length;
        }
        return SOMA_OK;
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
    if ((status = read_size(L, packed, path, "count", &declared)) != SOMA_OK) {
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
    rows = soma_json_length(weights);
    if (rows != outputs) {
        return soma_fail(L->error, SOMA_E_SHAPE, "%s: expected %zu rows, found %zu", path,
                         outputs, rows);
    }
    for (o = 0; o < outputs; o++) {
        json_object *row = soma_json_item(weights, o);
        soma_status status;
        join_index(row_path, path, o);
        if (row == NULL || !json_object_is_type(row, json_type_array)) {
            return soma_fail(L->error, SOMA_E_FIELD, "%s: expected an array of %zu numbers, found %s",
                             row_path, inputs, soma_json_item_phrase(weights, o));
        }
        status = read_array(L, row, row_path, inputs, dst + o, outputs);
        if (status != SOMA_OK) {
            return status;
        }
    }
    return SOMA_OK;
}

/* ---- Plan: measure the document without reading a value ---- */

/* The members each kind of parameter (SOMA_ACTIVATIONS' last column) is written in. */
#define TAKES_ALPHA_NONE 0
#define TAKES_ALPHA_ALPHA 1
#define TAKES_ALPHA_ALPHAS 1
#define TAKES_ALPHA_BETA 0
#define TAKES_BETA_NONE 0
#define TAKES_BETA_ALPHA 0
#define TAKES_BETA_ALPHAS 0
#define TAKES_BETA_BETA 1

/* The activation names and the members they take, from the one table in soma.h. */
#define SOMA_LOOKUP_ROW_(ID, name, number, parameter) \
    {#name, SOMA_ACT_##ID, TAKES_ALPHA_##parameter, TAKES_BETA_##parameter},
static const struct {
    const char *name;
    soma_activation activation;
    int takes_alpha, takes_beta;
} activation_names[] = {SOMA_ACTIVATIONS(SOMA_LOOKUP_ROW_)};
#undef SOMA_LOOKUP_ROW_

/*
 * An activation carries only the parameters it takes (docs/model-format.md,
 * "Activations"): a relu with an alpha is refused, not silently ignored.
 */
static soma_status check_activation_members(loader *L, json_object *activation, const char *path,
                                            size_t row)
{
    char member_path[PATH_SIZE];
    const char *extra =
        !activation_names[row].takes_alpha && json_object_object_get_ex(activation, "alpha", NULL) ? "alpha"
        : !activation_names[row].takes_beta && json_object_object_get_ex(activation, "beta", NULL) ? "beta"
                                                                                                     : NULL;
    if (extra == NULL) {
        return SOMA_OK;
    }
    join_key(member_path, path, extra);
    return soma_fail(L->error, SOMA_E_FIELD, "%s: %s takes no %s", member_path, activation_names[row].name,
                     extra);
}

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
        if (strcmp(json_object_get_string(name), activation_names[k].name) == 0) {
            *out = activation_names[k].activation;
            return check_activation_members(L, activation, path, k);
        }
    }
    join_key(name_path, path, "name");
    return soma_fail(L->error, SOMA_E_UNSUPPORTED, "%s: unknown activation \"%.40s\"", name_path,
                     json_object_get_string(name));
}

/*
 * A maxout layer's `pieces`: 2 or more, with outputs * pieces a size of the
 * format; its pieces are computed side by side, so that row must fit
 * SOMA_MAX_WIDTH too (noted, as a capacity, not refused here).
 */
static soma_status plan_pieces(loader *L, soma_plan *plan, json_object *layer, const char *parent,
                               soma_layer_desc *desc)
{
    char path[PATH_SIZE];
    uint64_t rows;
    soma_status status = read_size(L, layer, parent, "pieces", &desc->pieces);
    if (status != SOMA_OK) {
        return status;
    }
    join_key(path, parent, "pieces");
    if (desc->pieces < 2) {
        return soma_fail(L->error, SOMA_E_VALUE, "%s: %" PRIu32 " is fewer than 2 (one piece is a dense layer)",
                         path, desc->pieces);
    }
    rows = (uint64_t)desc->outputs * desc->pieces;
    if (rows > FORMAT_MAX_SIZE) {
        return soma_fail(L->error, SOMA_E_VALUE,
                         "%s: outputs * pieces = %" PRIu64 " is larger than the format's largest size, %ld",
                         path, rows, FORMAT_MAX_SIZE);
    }
    if (rows > SOMA_MAX_WIDTH) {
        note_exceeds(plan, "SOMA_MAX_WIDTH",
                     "%s: outputs * pieces = %" PRIu64 " exceeds SOMA_MAX_WIDTH (%d)", path, rows,
                     (int)SOMA_MAX_WIDTH);
    }
    plan->widest = rows > plan->widest ? (uint32_t)rows : plan->widest;
    return SOMA_OK;
}

/*
 * layers[index]: type, sizes, chaining with the previous width, activation
 * name. Fills the descriptor's kind, activation and sizes; the caller places it.
 */
static soma_status plan_layer(loader *L, soma_plan *plan, json_object *layer, size_t index,
                              uint32_t previous, soma_layer_desc *desc)
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
    if (strcmp(type_name, "dense") == 0 || (strcmp(type_name, "maxout") == 0 && L->version >= 3)) {
        /* A maxout layer is a dense one with `pieces` rows per output. */
        const int maxout = type_name[0] == 'm';
        desc->kind = maxout ? SOMA_LAYER_MAXOUT : SOMA_LAYER_DENSE;
        if ((status = read_width(L, plan, layer, path, "inputs", &desc->inputs)) != SOMA_OK ||
            (status = read_width(L, plan, layer, path, "outputs", &desc->outputs)) != SOMA_OK ||
            (maxout && (status = plan_pieces(L, plan, layer, path, desc)) != SOMA_OK) ||
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
    } else if (strcmp(type_name, "maxout") == 0) {
        /* A version-2 runtime refuses the type as unknown; this one says why. */
        join_key(type_path, path, "type");
        return soma_fail(L->error, SOMA_E_UNSUPPORTED,
                         "%s: \"maxout\" is a version 3 layer type; this file says version %" PRId64,
                         type_path, L->version);
    } else if (strcmp(type_name, "batchnorm") == 0) {
        desc->kind = SOMA_LAYER_BATCHNORM;
        if ((status = read_width(L, plan, layer, path, "size", &desc->outputs)) != SOMA_OK) {
            return status;
        }
        desc->inputs = desc->outputs;
    } else {
        join_key(type_path, path, "type");
        return soma_fail(L->error, SOMA_E_UNSUPPORTED,
                         "%s: unknown layer type \"%.40s\" (this runtime reads dense, batchnorm, maxout)",
                         type_path, type_name);
    }
    if (desc->inputs != previous) {
        return soma_fail(L->error, SOMA_E_SHAPE,
                         "%s: %s is %" PRIu32 " but the %s %" PRIu32, path,
                         desc->kind == SOMA_LAYER_BATCHNORM ? "size" : "inputs", desc->inputs,
                         index == 0 ? "model's inputs is" : "previous layer gives", previous);
    }
    if ((status = read_activation_name(L, layer, path, &activation)) != SOMA_OK) {
        return status;
    }
    desc->activation = (uint32_t)activation;
    return SOMA_OK;
}

static soma_status plan_name(loader *L, soma_plan *plan, json_object *root)
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
        note_exceeds(plan, "SOMA_MAX_NAME", "name: %zu bytes exceed SOMA_MAX_NAME (%d) - 1",
                     length, (int)SOMA_MAX_NAME);
    } else {
        memcpy(plan->model.name, text, length + 1);
    }
    return SOMA_OK;
}

static soma_status plan_labels(loader *L, json_object *root, size_t outputs)
{
    json_object *labels;
    size_t count, k;
    soma_status status = optional(L, root, "", "labels", json_type_array, "an array of strings",
                                  &labels);
    if (status != SOMA_OK || labels == NULL) {
        return status;
    }
    count = soma_json_length(labels);
    for (k = 0; k < count; k++) {
        json_object *label = soma_json_item(labels, k);
        if (label == NULL || !json_object_is_type(label, json_type_string)) {
            return soma_fail(L->error, SOMA_E_FIELD, "labels[%zu]: expected a string, found %s", k,
                             soma_json_item_phrase(labels, k));
        }
    }
    if (count != outputs && !(outputs == 1 && count == 2)) {
        return soma_fail(L->error, SOMA_E_SHAPE, "labels: %zu names, expected %zu (one per output%s)",
                         count, outputs, outputs == 1 ? ", or two for a single output" : "");
    }
    return SOMA_OK;
}

static soma_status plan_header(loader *L, json_object *root)
{
    json_object *format, *version;
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
    if (json_object_get_int64(version) < SOMA_FORMAT_VERSION_OLDEST ||
        json_object_get_int64(version) > SOMA_FORMAT_VERSION) {
        return soma_fail(L->error, SOMA_E_FORMAT,
                         "version: %.32s is not supported (this runtime reads versions %d to %d)",
                         json_object_get_string(version), SOMA_FORMAT_VERSION_OLDEST,
                         SOMA_FORMAT_VERSION);
    }
    L->version = json_object_get_int64(version);
    if (json_object_get_int64(version) < 2) {
        /* A version-1 reader would ignore these and compute other outputs: refuse them. */
        static const char *const newer[] = {"output_scaling", "feature_names", "label_column"};
        size_t k;
        for (k = 0; k < sizeof newer / sizeof newer[0]; k++) {
            if (json_object_object_get_ex(root, newer[k], NULL)) {
                return soma_fail(L->error, SOMA_E_FORMAT,
                                 "%s: is a version 2 member; this file says version %.32s",
                                 newer[k], json_object_get_string(version));
            }
        }
    }
    return SOMA_OK;
}

/* Version 2's column names: `inputs` strings, and one string. Runtimes only check them. */
static soma_status plan_columns(loader *L, json_object *root, size_t inputs)
{
    json_object *names, *label;
    size_t k, count;
    soma_status status;
    if ((status = optional(L, root, "", "feature_names", json_type_array, "an array",
                           &names)) != SOMA_OK ||
        (status = optional(L, root, "", "label_column", json_type_string, "a string",
                           &label)) != SOMA_OK ||
        names == NULL) {
        return status;
    }
    count = soma_json_length(names);
    for (k = 0; k < count; k++) {
        json_object *name = soma_json_item(names, k);
        if (name == NULL || !json_object_is_type(name, json_type_string)) {
            return soma_fail(L->error, SOMA_E_FIELD, "feature_names[%zu]: expected a string, found %s",
                             k, soma_json_item_phrase(names, k));
        }
    }
    if (count != inputs) {
        return soma_fail(L->error, SOMA_E_SHAPE, "feature_names: %zu names, expected %zu (one per input)",
                         count, inputs);
    }
    return SOMA_OK;
}

/* `task` is informational, but one of two words (docs/model-format.md, "Top level"). */
static soma_status check_task(loader *L, json_object *task)
{
    const char *text = task != NULL ? json_object_get_string(task) : NULL;
    if (text == NULL || strcmp(text, "classification") == 0 || strcmp(text, "regression") == 0) {
        return SOMA_OK;
    }
    return soma_fail(L->error, SOMA_E_VALUE,
                     "task: must be \"classification\" or \"regression\", found \"%.40s\"", text);
}

soma_status soma_plan_document(json_object *root, soma_plan *plan, soma_error *error)
{
    soma_model *m = &plan->model;
    loader L = loader_start(NULL, error);
    json_object *layers, *scaling, *output_scaling, *task, *training;
    soma_layer_desc beyond; /* layers past SOMA_MAX_LAYERS: measured, not kept */
    uint64_t at;
    uint32_t width;
    size_t k;
    soma_status status;

    memset(plan, 0, sizeof *plan);
    plan->exceeds = "";
    soma_unload(m);
    if ((status = plan_header(&L, root)) != SOMA_OK ||
        (status = plan_name(&L, plan, root)) != SOMA_OK ||
        (status = read_width(&L, plan, root, "", "inputs", &m->inputs)) != SOMA_OK ||
        (status = read_width(&L, plan, root, "", "outputs", &m->outputs)) != SOMA_OK ||
        (status = optional(&L, root, "", "input_scaling", json_type_object, "an object",
                           &scaling)) != SOMA_OK ||
        (status = optional(&L, root, "", "output_scaling", json_type_object, "an object",
                           &output_scaling)) != SOMA_OK ||
        (status = plan_columns(&L, root, m->inputs)) != SOMA_OK ||
        (status = optional(&L, root, "", "task", json_type_string, "a string", &task)) != SOMA_OK ||
        (status = check_task(&L, task)) != SOMA_OK ||
        (status = optional(&L, root, "", "training", json_type_object, "an object",
                           &training)) != SOMA_OK ||
        (status = plan_labels(&L, root, m->outputs)) != SOMA_OK ||
        (status = require(&L, root, "", "layers", json_type_array, "an array", &layers)) != SOMA_OK) {
        return status;
    }
    plan->layers = soma_json_length(layers);
    if (plan->layers < 1) {
        return soma_fail(error, SOMA_E_VALUE, "layers: empty (a model has at least one layer)");
    }
    if (plan->layers > SOMA_MAX_LAYERS) {
        note_exceeds(plan, "SOMA_MAX_LAYERS", "layers: %zu layers exceed SOMA_MAX_LAYERS (%d)",
                     plan->layers, (int)SOMA_MAX_LAYERS);
    }
    m->has_scaling = scaling != NULL;
    m->scale_mean = m->has_scaling ? soma_layout_scale_mean() : 0;
    m->scale_std = m->has_scaling ? soma_layout_scale_std(m->inputs) : 0;
    at = soma_layout_scaling_floats(m->inputs, scaling != NULL);
    width = plan->widest = m->inputs;
    for (k = 0; k < plan->layers; k++) {
        soma_layer_desc *desc = k < SOMA_MAX_LAYERS ? &m->layers[k] : &beyond;
        memset(desc, 0, sizeof *desc);
        if (soma_json_item(layers, k) == NULL) {
            return soma_fail(error, SOMA_E_FIELD, "layers[%zu]: expected an object, found %s", k,
                             soma_json_item_phrase(layers, k));
        }
        status = plan_layer(&L, plan, soma_json_item(layers, k), k, width, desc);
        if (status != SOMA_OK) {
            return status;
        }
        at = soma_layout_place(desc, at);
        width = desc->outputs;
        plan->widest = width > plan->widest ? width : plan->widest;
    }
    if (width != m->outputs) {
        return soma_fail(error, SOMA_E_SHAPE, "outputs: %" PRIu32 " but the last layer gives %" PRIu32,
                         m->outputs, width);
    }
    m->has_output_scaling = output_scaling != NULL;
    m->out_mean = m->has_output_scaling ? (uint32_t)at : 0;
    m->out_std = m->has_output_scaling ? (uint32_t)(at + m->outputs) : 0;
    at += soma_layout_output_scaling_floats(m->outputs, output_scaling != NULL);
    m->layer_count = (uint32_t)(plan->layers < SOMA_MAX_LAYERS ? plan->layers : SOMA_MAX_LAYERS);
    m->widest = plan->widest;
    m->param_count = at > UINT32_MAX ? UINT32_MAX : (uint32_t)at;
    plan->params = at;
    return soma_succeed(error);
}

/* ---- Fill: the values, in checksum order, at the planned offsets ---- */

/*
 * The activation's parameters, by its row's `parameter` in SOMA_ACTIVATIONS:
 * one reader per kind of parameter.
 */
static soma_status fill_param_NONE(loader *L, json_object *activation, const char *path,
                                   soma_layer_desc *desc)
{
    (void)L, (void)activation, (void)path, (void)desc;
    return SOMA_OK;
}

static soma_status fill_param_ALPHA(loader *L, json_object *activation, const char *path,
                                    soma_layer_desc *desc)
{
    return read_member_number(L, activation, path, "alpha", &desc->act_param);
}

static soma_status fill_param_BETA(loader *L, json_object *activation, const char *path,
                                   soma_layer_desc *desc)
{
    return read_member_number(L, activation, path, "beta", &desc->act_param);
}

static soma_status fill_param_ALPHAS(loader *L, json_object *activation, const char *path,
                                     soma_layer_desc *desc)
{
    return read_member_vector(L, activation, path, "alpha", desc->outputs, 1,
                              L->storage + desc->alpha);
}

static soma_status fill_activation(loader *L, json_object *layer, const char *parent,
                                   soma_layer_desc *desc)
{
    char path[PATH_SIZE];
    json_object *activation = NULL;
    join_key(path, parent, "activation");
    (void)json_object_object_get_ex(layer, "activation", &activation);
    desc->act_param = 0.0f;
#define SOMA_PARAM_CASE_(ID, name, number, parameter) \
    case SOMA_ACT_##ID: return fill_param_##parameter(L, activation, path, desc);
    switch ((soma_activation)desc->activation) {
    SOMA_ACTIVATIONS(SOMA_PARAM_CASE_)
    }
#undef SOMA_PARAM_CASE_
    return SOMA_OK;
}

static soma_status fill_layer(loader *L, json_object *layer, size_t index, soma_layer_desc *desc)
{
    char path[PATH_SIZE], where[PATH_SIZE];
    float *p = L->storage;
    const size_t n = desc->outputs;
    soma_status status;
    size_t k;

    join_index(path, "layers", index);
    if (desc->kind == SOMA_LAYER_DENSE || desc->kind == SOMA_LAYER_MAXOUT) {
        /* A maxout layer's pieces are the rows of a dense layer (soma_layout_rows). */
        const size_t rows = (size_t)soma_layout_rows(desc);
        if ((status = read_weights(L, layer, path, rows, desc->inputs,
                                   p + desc->weights)) != SOMA_OK ||
            (status = read_member_vector(L, layer, path, "bias", rows, 1, p + desc->bias)) != SOMA_OK) {
            return status;
        }
    } else {
        /* gamma is read into the scale's place, then divided there. */
        float *mean = p + desc->weights, *scale = mean + n;
        float variance[SOMA_MAX_WIDTH];
        float epsilon;
        char number[NUMBER_TEXT];
        if ((status = read_member_vector(L, layer, path, "gamma", n, 1, scale)) != SOMA_OK ||
            (status = read_member_vector(L, layer, path, "beta", n, 1, p + desc->bias)) != SOMA_OK ||
            (status = read_member_vector(L, layer, path, "mean", n, 1, mean)) != SOMA_OK ||
            (status = read_member_vector(L, layer, path, "variance", n, 1, variance)) != SOMA_OK ||
            (status = read_member_number(L, layer, path, "epsilon", &epsilon)) != SOMA_OK) {
            return status;
        }
        for (k = 0; k < n; k++) {
            if (!(variance[k] >= 0.0f)) {
                join_key(where, path, "variance");
                return soma_fail(L->error, SOMA_E_VALUE, "%s[%zu]: %s is negative", where, k,
                                 float_text(number, variance[k]));
            }
        }
        if (!(epsilon > 0.0f)) {
            join_key(where, path, "epsilon");
            return soma_fail(L->error, SOMA_E_VALUE, "%s: %s is not > 0", where,
                             float_text(number, epsilon));
        }
        /* scale = gamma / sqrt(variance + epsilon): the spec's operations, done once. */
        for (k = 0; k < n; k++) {
            scale[k] = scale[k] / sqrtf(variance[k] + epsilon);
        }
    }
    return fill_activation(L, layer, path, desc);
}

/* input_scaling or output_scaling (`name`): `n` means, then `n` std values > 0. */
static soma_status fill_scaling(loader *L, json_object *scaling, const char *name, size_t n,
                                float *mean, float *std_dev)
{
    size_t k;
    soma_status status;
    char number[NUMBER_TEXT];
    if ((status = read_member_vector(L, scaling, name, "mean", n, 0, mean)) != SOMA_OK ||
        (status = read_member_vector(L, scaling, name, "std", n, 0, std_dev)) != SOMA_OK) {
        return status;
    }
    for (k = 0; k < n; k++) {
        if (!(std_dev[k] > 0.0f)) {
            return soma_fail(L->error, SOMA_E_VALUE, "%s.std[%zu]: %s is not > 0", name, k,
                             float_text(number, std_dev[k]));
        }
    }
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

/* Fills a planned model (layer table included) with the document's values. */
static soma_status fill_document(loader *L, json_object *root, soma_model *m)
{
    json_object *layers = NULL, *scaling = NULL, *output_scaling = NULL;
    size_t k;
    soma_status status;
    (void)json_object_object_get_ex(root, "layers", &layers);
    (void)json_object_object_get_ex(root, "input_scaling", &scaling);
    (void)json_object_object_get_ex(root, "output_scaling", &output_scaling);
    if (m->has_scaling &&
        (status = fill_scaling(L, scaling, "input_scaling", m->inputs, L->storage + m->scale_mean,
                               L->storage + m->scale_std)) != SOMA_OK) {
        return status;
    }
    for (k = 0; k < m->layer_count; k++) {
        status = fill_layer(L, json_object_array_get_idx(layers, k), k, &m->layers[k]);
        if (status != SOMA_OK) {
            return status;
        }
    }
    /* Last, as the checksum covers it. */
    if (m->has_output_scaling &&
        (status = fill_scaling(L, output_scaling, "output_scaling", m->outputs,
                               L->storage + m->out_mean, L->storage + m->out_std)) != SOMA_OK) {
        return status;
    }
    return verify_checksum(L, root);
}

/* ---- Loading: plan, refuse what does not fit, fill ---- */

soma_status soma_load_document(soma_model *model, float *storage, size_t storage_floats,
                               json_object *root, soma_error *error)
{
    soma_plan plan;
    loader L = loader_start(storage, error);
    soma_status status = soma_plan_document(root, &plan, error);
    if (status != SOMA_OK) {
        return status;
    }
    if (plan.exceeds[0] != '\0') {
        return soma_fail(error, SOMA_E_CAPACITY, "%s", plan.exceeds_message);
    }
    if (plan.params > UINT32_MAX) {
        return soma_fail(error, SOMA_E_CAPACITY,
                         "model needs %" PRIu64 " parameters, more than this runtime addresses (%" PRIu32 ")",
                         plan.params, UINT32_MAX);
    }
    if (plan.params > storage_floats) {
        return soma_fail(error, SOMA_E_CAPACITY,
                         "storage: %zu floats, but the model needs %" PRIu64
                         " (size it from soma_requirements_*: req.params)",
                         storage_floats, plan.params);
    }
    if ((status = fill_document(&L, root, &plan.model)) != SOMA_OK) {
        return status;
    }
    /* Only now does the caller's model change, and refer to the storage. */
    *model = plan.model;
    model->params = storage;
    model->loaded = 1;
    return soma_succeed(error);
}

/* The checks every public load makes before it reads anything. */
static soma_status start_load(soma_model *model, const float *storage, const void *source,
                              const char *source_name, soma_error *error)
{
    if (model == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "model: NULL pointer");
    }
    soma_unload(model);
    if (storage == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "storage: NULL pointer");
    }
    if (source == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "%s: NULL pointer", source_name);
    }
    return SOMA_OK;
}

soma_status soma_load_string(soma_model *model, float *storage, size_t storage_floats,
                             const char *json, size_t length, soma_error *error)
{
    soma_document doc;
    soma_status status = start_load(model, storage, json, "json", error);
    if (status == SOMA_OK &&
        (status = soma_document_from_text(json, length, &doc, error)) == SOMA_OK) {
        status = soma_load_document(model, storage, storage_floats, doc.root, error);
        soma_document_release(&doc);
    }
    return status;
}

soma_status soma_load_file(soma_model *model, float *storage, size_t storage_floats,
                           const char *path, soma_error *error)
{
    soma_document doc;
    soma_status status = start_load(model, storage, path, "path", error);
    if (status == SOMA_OK && (status = soma_document_from_file(path, &doc, error)) == SOMA_OK) {
        status = soma_load_document(model, storage, storage_floats, doc.root, error);
        soma_document_release(&doc);
    }
    return status;
}

soma_status soma_json_floats(json_object *array, const char *path, size_t count, float *dst,
                             soma_error *error)
{
    loader L = loader_start(NULL, error);
    if (!json_object_is_type(array, json_type_array)) {
        return soma_fail(error, SOMA_E_FIELD, "%s: expected an array of %zu numbers, found %s",
                         path, count, type_phrase(array));
    }
    return read_array(&L, array, path, count, dst, 1);
}
