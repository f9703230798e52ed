/*
 * soma_requirements.c — what a model needs, measured by the loader's plan
 * pass alone: no value is read, nothing is loaded.
 */
#include "soma_contract.h" /* first: no contraction in this file */
#include <stdint.h>
#include <string.h>

#include "soma_internal.h"
#include "soma_json.h"

static void clear_requirements(soma_requirements *req)
{
    memset(req, 0, sizeof *req);
    req->fits = 1;
    req->exceeds = "";
}

/* Plans the document (released here) and copies the figures into `req`. */
static soma_status measure(soma_document *doc, soma_status parsed, soma_requirements *req,
                           soma_error *error)
{
    soma_plan plan;
    soma_status status = parsed; /* of making the document */
    if (status == SOMA_OK) {
        status = soma_plan_document(doc->root, &plan, error);
    }
    soma_document_release(doc);
    if (status != SOMA_OK) {
        clear_requirements(req);
        return status;
    }
    req->inputs = plan.model.inputs;
    req->outputs = plan.model.outputs;
    req->layers = plan.layers;
    req->widest = plan.widest;
    req->params = plan.params > (uint64_t)(SIZE_MAX / 8) ? SIZE_MAX / 8 : (size_t)plan.params;
    req->bytes = req->params * sizeof(float);
    req->fits = plan.exceeds[0] == '\0';
    req->exceeds = plan.exceeds;
    return SOMA_OK;
}

soma_status soma_requirements_string(const char *json, size_t length, soma_requirements *req,
                                     soma_error *error)
{
    soma_document doc;
    soma_status parsed;
    if (req == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "req: NULL pointer");
    }
    clear_requirements(req);
    if (json == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "json: NULL pointer");
    }
    parsed = soma_document_from_text(json, length, &doc, error);
    return measure(&doc, parsed, req, error);
}

soma_status soma_requirements_file(const char *path, soma_requirements *req, soma_error *error)
{
    soma_document doc;
    soma_status parsed;
    if (req == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "req: NULL pointer");
    }
    clear_requirements(req);
    if (path == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "path: NULL pointer");
    }
    parsed = soma_document_from_file(path, &doc, error);
    return measure(&doc, parsed, req, error);
}
