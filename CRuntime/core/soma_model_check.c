/*
 * soma_model_check.c — checks a soma_model the loader did not build (generated
 * C, or a hand-written one) against everything the forward pass assumes.
 */
#include "soma_contract.h" /* first: no contraction in this file */
#include <inttypes.h>
#include <string.h>

#include "soma_internal.h"
#include "soma_layout.h"

static soma_status check_layer(const soma_model *model, size_t index, uint32_t previous,
                               uint64_t *at, soma_error *error)
{
    const soma_layer_desc *layer = &model->layers[index];
    soma_layer_desc expected = *layer;
    if (layer->kind != SOMA_LAYER_DENSE && layer->kind != SOMA_LAYER_BATCHNORM &&
        layer->kind != SOMA_LAYER_MAXOUT) {
        return soma_fail(error, SOMA_E_UNSUPPORTED, "layers[%zu].kind: %" PRIu32 " is not a layer kind",
                         index, layer->kind);
    }
    if (layer->activation >= (uint32_t)SOMA_ACTIVATION_COUNT) {
        return soma_fail(error, SOMA_E_UNSUPPORTED,
                         "layers[%zu].activation: %" PRIu32 " is not an activation", index,
                         layer->activation);
    }
    if (layer->outputs < 1 || layer->outputs > SOMA_MAX_WIDTH) {
        return soma_fail(error, SOMA_E_CAPACITY,
                         "layers[%zu].outputs: %" PRIu32 " is not within 1 to SOMA_MAX_WIDTH (%d)",
                         index, layer->outputs, (int)SOMA_MAX_WIDTH);
    }
    if (layer->kind == SOMA_LAYER_MAXOUT &&
        (layer->pieces < 2 || soma_layout_rows(layer) > SOMA_MAX_WIDTH)) {
        return soma_fail(error, layer->pieces < 2 ? SOMA_E_VALUE : SOMA_E_CAPACITY,
                         "layers[%zu].pieces: %" PRIu32 " (outputs %" PRIu32
                         "): needs 2 or more, and outputs * pieces within SOMA_MAX_WIDTH (%d)",
                         index, layer->pieces, layer->outputs, (int)SOMA_MAX_WIDTH);
    }
    if (layer->inputs != previous ||
        (layer->kind == SOMA_LAYER_BATCHNORM && layer->inputs != layer->outputs)) {
        return soma_fail(error, SOMA_E_SHAPE,
                         "layers[%zu].inputs: %" PRIu32 " but the layer before gives %" PRIu32,
                         index, layer->inputs, previous);
    }
    *at = soma_layout_place(&expected, *at);
    if (expected.weights != layer->weights || expected.bias != layer->bias ||
        expected.alpha != layer->alpha) {
        return soma_fail(error, SOMA_E_SHAPE,
                         "layers[%zu]: offsets weights %" PRIu32 ", bias %" PRIu32 ", alpha %" PRIu32
                         " but the layout puts them at %" PRIu32 ", %" PRIu32 ", %" PRIu32,
                         index, layer->weights, layer->bias, layer->alpha, expected.weights,
                         expected.bias, expected.alpha);
    }
    return SOMA_OK;
}

soma_status soma_model_check(const soma_model *model, soma_error *error)
{
    uint64_t at;
    uint32_t width, widest, rows;
    size_t k;
    soma_status status;
    if (model == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "model: NULL pointer");
    }
    if (model->loaded != 1 || model->params == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "model: not loaded (loaded %" PRIu32 ", params %s)",
                         model->loaded, model->params == NULL ? "NULL" : "set");
    }
    if (memchr(model->name, '\0', sizeof model->name) == NULL) {
        return soma_fail(error, SOMA_E_CAPACITY, "name: no NUL within SOMA_MAX_NAME (%d) bytes",
                         (int)SOMA_MAX_NAME);
    }
    if (model->layer_count < 1 || model->layer_count > SOMA_MAX_LAYERS) {
        return soma_fail(error, SOMA_E_CAPACITY,
                         "layer_count: %" PRIu32 " is not within 1 to SOMA_MAX_LAYERS (%d)",
                         model->layer_count, (int)SOMA_MAX_LAYERS);
    }
    if (model->inputs < 1 || model->inputs > SOMA_MAX_WIDTH) {
        return soma_fail(error, SOMA_E_CAPACITY,
                         "inputs: %" PRIu32 " is not within 1 to SOMA_MAX_WIDTH (%d)",
                         model->inputs, (int)SOMA_MAX_WIDTH);
    }
    if (model->has_scaling > 1 ||
        (model->has_scaling && (model->scale_mean != soma_layout_scale_mean() ||
                                model->scale_std != soma_layout_scale_std(model->inputs)))) {
        return soma_fail(error, SOMA_E_SHAPE,
                         "input scaling: has_scaling %" PRIu32 ", mean at %" PRIu32 ", std at %" PRIu32
                         " but the layout puts them at 0 and %" PRIu32,
                         model->has_scaling, model->scale_mean, model->scale_std, model->inputs);
    }
    at = soma_layout_scaling_floats(model->inputs, model->has_scaling != 0);
    width = widest = model->inputs;
    for (k = 0; k < model->layer_count; k++) {
        if ((status = check_layer(model, k, width, &at, error)) != SOMA_OK) {
            return status;
        }
        width = model->layers[k].outputs;
        /* check_layer bounded the rows by SOMA_MAX_WIDTH: they fit in 32 bits. */
        rows = (uint32_t)soma_layout_rows(&model->layers[k]);
        widest = rows > widest ? rows : widest;
    }
    /* Derived like the offsets, so held to the same rule: exactly what the layers
       give. An embedder sizing buffers from it must not get fewer floats than a run needs. */
    if (model->widest != widest) {
        return soma_fail(error, SOMA_E_SHAPE,
                         "widest: %" PRIu32 " but the layers need %" PRIu32
                         " (the inputs, the widest layer output, or maxout's outputs * pieces)",
                         model->widest, widest);
    }
    if (width != model->outputs) {
        return soma_fail(error, SOMA_E_SHAPE,
                         "outputs: %" PRIu32 " but the last layer gives %" PRIu32, model->outputs,
                         width);
    }
    if (model->has_output_scaling > 1 ||
        (model->has_output_scaling &&
         (model->out_mean != at || model->out_std != at + model->outputs))) {
        return soma_fail(error, SOMA_E_SHAPE,
                         "output scaling: has_output_scaling %" PRIu32 ", mean at %" PRIu32
                         ", std at %" PRIu32 " but the layout puts them at %llu and %llu",
                         model->has_output_scaling, model->out_mean, model->out_std,
                         (unsigned long long)at, (unsigned long long)(at + model->outputs));
    }
    at += soma_layout_output_scaling_floats(model->outputs, model->has_output_scaling != 0);
    if (at != model->param_count) {
        return soma_fail(error, SOMA_E_SHAPE,
                         "param_count: %" PRIu32 " but the layers take %llu", model->param_count,
                         (unsigned long long)at);
    }
    return soma_succeed(error);
}
