/*
 * soma_layout.h — private to CRuntime/: where each parameter lives in a
 * model's storage, in one place. The loader places layers with it, the
 * forward pass and soma_model_check read with it; soma.h describes the same
 * order for generated C. Offsets count floats from soma_model.params.
 */
#ifndef SOMA_LAYOUT_H
#define SOMA_LAYOUT_H

#include <stdint.h>

#include "soma.h"

/* The input scaling's mean and std, at the front when present. */
static inline uint32_t soma_layout_scale_mean(void) { return 0; }
static inline uint32_t soma_layout_scale_std(uint32_t inputs) { return inputs; }
static inline uint64_t soma_layout_scaling_floats(uint32_t inputs, int has_scaling)
{
    return has_scaling ? 2 * (uint64_t)inputs : 0;
}

/* 1 if `activation` holds one parameter per output (prelu's alphas): SOMA_ACTIVATIONS' ALPHAS. */
#define SOMA_PER_OUTPUT_NONE 0
#define SOMA_PER_OUTPUT_ALPHA 0
#define SOMA_PER_OUTPUT_BETA 0
#define SOMA_PER_OUTPUT_ALPHAS 1
static inline int soma_layout_per_output(uint32_t activation)
{
#define SOMA_PER_OUTPUT_CASE_(ID, name, number, parameter) \
    case SOMA_ACT_##ID: return SOMA_PER_OUTPUT_##parameter;
    switch ((soma_activation)activation) {
    SOMA_ACTIVATIONS(SOMA_PER_OUTPUT_CASE_)
    }
#undef SOMA_PER_OUTPUT_CASE_
    return 0;
}

/* The rows of a layer's weights and bias: a maxout layer has one per piece of every output. */
static inline uint64_t soma_layout_rows(const soma_layer_desc *layer)
{
    return layer->kind == SOMA_LAYER_MAXOUT ? (uint64_t)layer->outputs * layer->pieces
                                            : (uint64_t)layer->outputs;
}

/*
 * The floats a layer takes: dense or maxout weights and bias, batch norm mean,
 * scale and beta, prelu alphas.
 */
static inline uint64_t soma_layout_layer_floats(const soma_layer_desc *layer)
{
    const uint64_t n = layer->outputs, rows = soma_layout_rows(layer);
    const uint64_t own =
        layer->kind == SOMA_LAYER_BATCHNORM ? 3 * n : (uint64_t)layer->inputs * rows + rows;
    return own + (soma_layout_per_output(layer->activation) ? n : 0);
}

/*
 * Sets the offsets of `layer` (kind, activation and sizes already set) for a
 * layer starting at `at`; returns where the next one starts. Offsets past
 * UINT32_MAX are cut: a model that large is refused before it is filled.
 */
static inline uint64_t soma_layout_place(soma_layer_desc *layer, uint64_t at)
{
    const uint64_t rows = soma_layout_rows(layer);
    const uint64_t own =
        layer->kind == SOMA_LAYER_BATCHNORM ? 2 * rows : (uint64_t)layer->inputs * rows;
    layer->weights = (uint32_t)at;
    layer->bias = (uint32_t)(at + own);
    layer->alpha = soma_layout_per_output(layer->activation) ? (uint32_t)(at + own + rows) : 0;
    return at + soma_layout_layer_floats(layer);
}

/* The output scaling's mean and std, after the last layer (at `at`) when present. */
static inline uint64_t soma_layout_output_scaling_floats(uint32_t outputs, int has_output_scaling)
{
    return has_output_scaling ? 2 * (uint64_t)outputs : 0;
}

/* Readers for the forward pass. */
static inline const float *soma_dense_weights(const float *p, const soma_layer_desc *l)
{
    return p + l->weights;
}
static inline const float *soma_dense_bias(const float *p, const soma_layer_desc *l)
{
    return p + l->bias;
}
static inline const float *soma_norm_mean(const float *p, const soma_layer_desc *l)
{
    return p + l->weights;
}
static inline const float *soma_norm_scale(const float *p, const soma_layer_desc *l)
{
    return p + l->weights + l->outputs;
}
static inline const float *soma_norm_beta(const float *p, const soma_layer_desc *l)
{
    return p + l->bias;
}
static inline const float *soma_prelu_alpha(const float *p, const soma_layer_desc *l)
{
    return p + l->alpha;
}

#endif /* SOMA_LAYOUT_H */
