/*
 * soma_json.h — private to CRuntime/loader/: the loader's steps, for its other
 * files. Text becomes a document (soma_document.c); a document is measured
 * into a plan, then filled into the caller's storage (soma_load.c); the
 * requirements (soma_requirements.c) are the plan alone, and verification
 * (soma_verify.c) loads from the document and then reads its self_test. Only
 * the loader's files include this header, and with it json-c; the core never
 * does (the build poisons json-c's headers for it).
 */
#ifndef SOMA_JSON_H
#define SOMA_JSON_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "soma.h"
#include "soma_runs.h"

/*
 * A parsed model text: json-c's tree, in which every array of numbers is an
 * empty array carrying its run (soma_runs.h) as userdata, and the text the
 * runs point into. The soma_json_* functions below read arrays of either kind.
 */
typedef struct soma_document {
    json_object *root;
    soma_number_run *runs;   /* in text order */
    size_t run_count;
    char *owned_text; /* the file's text, when the document read it */
} soma_document;

/*
 * Parses `length` bytes of model text into *doc, which borrows `text` (the
 * caller keeps it until soma_document_release). Refuses text over
 * SOMA_MAX_FILE_BYTES, invalid JSON, repeated keys and what json-c alone would
 * let through. On failure *doc is empty (releasing it is harmless).
 */
soma_status soma_document_from_text(const char *text, size_t length, soma_document *doc,
                                    soma_error *error);

/* Reads the file at `path` (at most SOMA_MAX_FILE_BYTES) and parses it likewise. */
soma_status soma_document_from_file(const char *path, soma_document *doc, soma_error *error);

/* Releases the tree, the runs and any text the document owns. */
void soma_document_release(soma_document *doc);

/* The items of a JSON array, a run's numbers included. */
size_t soma_json_length(json_object *array);

/* Item k of a JSON array, or NULL when it is a run's number (see soma_json_item_phrase). */
json_object *soma_json_item(json_object *array, size_t k);

/* "a number", "a string", ... for item k of a JSON array. */
const char *soma_json_item_phrase(json_object *array, size_t k);

/*
 * What one pass over a document measures before any value is read: the model
 * as it will be (counts, name, every layer's sizes and parameter offsets, from
 * soma_layout.h) and what its storage takes. A model over a SOMA_MAX_* limit
 * is measured, not refused: `exceeds` names the first limit and
 * `exceeds_message` is what a load reports for it.
 */
typedef struct soma_plan {
    soma_model model;          /* not loaded, params NULL; layers beyond SOMA_MAX_LAYERS absent */
    size_t layers;             /* layers in the document */
    uint64_t params;           /* floats the parameters take */
    uint32_t widest;           /* the inputs or the widest layer output */
    const char *exceeds;       /* "" or "SOMA_MAX_WIDTH", ... */
    char exceeds_message[256];
} soma_plan;

/* Measures `root`: checks its header, structure and sizes (not its values). */
soma_status soma_plan_document(json_object *root, soma_plan *plan, soma_error *error);

/*
 * Loads the document into `model` with its parameters in `storage`: plans,
 * refuses a model over a limit or over `storage_floats`, fills the values and
 * checks the checksum. `model` is written only on success; the caller unloads
 * it first.
 */
soma_status soma_load_document(soma_model *model, float *storage, size_t storage_floats,
                               json_object *root, soma_error *error);

/* "a number", "an array", ... for messages. */
const char *soma_json_type_phrase(json_object *value);

/*
 * The JSON array `array` (at `path`) as `count` binary32 numbers into dst,
 * converted from their original text as the loader does (finite, within
 * binary32 range). Checks the type and length; messages name "path[k]".
 */
soma_status soma_json_floats(json_object *array, const char *path, size_t count, float *dst,
                             soma_error *error);

#endif /* SOMA_JSON_H */
