/*
 * soma_json.h — private to CRuntime/: the loader's entry points for the other
 * loader-side file (soma_verify.c), which needs the parsed document too. Only
 * the loader's files include this header, and with it json-c; the forward
 * pass (soma_model.c, soma_kernels.c) never does.
 */
#ifndef SOMA_JSON_H
#define SOMA_JSON_H

#include <stddef.h>

#include <json-c/json.h>

#include "soma.h"

/*
 * Called after a successful load with the loaded model and the document
 * (valid until the hook returns). Its status is the load's status; the
 * model stays as the hook leaves it (loaded, or unloaded by the hook).
 */
typedef soma_status (*soma_json_hook)(soma_model *model, json_object *root, void *context,
                                      soma_error *error);

/* soma_load_string, then `hook` (if not NULL) while the document is alive. */
soma_status soma_json_load_text(soma_model *model, float *storage, size_t storage_floats,
                                const char *text, size_t length, soma_json_hook hook,
                                void *context, soma_error *error);

/* soma_load_file, then `hook` (if not NULL) while the document is alive. */
soma_status soma_json_load_file(soma_model *model, float *storage, size_t storage_floats,
                                const char *path, soma_json_hook hook, void *context,
                                soma_error *error);

/* "a number", "an array", ... for messages. */
const char *soma_json_type_phrase(json_object *value);

/*
 * The JSON number `value` as binary32, converted from its original text as
 * the loader does (finite, within binary32 range). `path` names it in messages.
 */
soma_status soma_json_float(json_object *value, const char *path, float *out, soma_error *error);

#endif /* SOMA_JSON_H */
