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

/* The floats a layer takes: dense weights and bias, batch norm mean, scale and beta, prelu alphas. */
static inline uint64_t soma_layout_layer_floats(const soma_layer_desc *layer)
{
    const uint64_t n = layer->outputs;
    const uint64_t own =
        layer->kind == SOMA_LAYER_BATCHNORM ? 3 * n : (uint64_t)layer->inputs * n + n;
    return own + (layer->activation == SOMA_ACT_PRELU ? n : 0);
}

/*
 * Sets the offsets of `layer` (kind, activation and sizes already set) for a
 * layer starting at `at`; returns where the next one starts. Offsets past
 * UINT32_MAX are cut: a model that large is refused before it is filled.
 */
static inline uint64_t soma_layout_place(soma_layer_desc *layer, uint64_t at)
{
    const uint64_t n = layer->outputs;
    const uint64_t own = layer->kind == SOMA_LAYER_BATCHNORM ? 2 * n : (uint64_t)layer->inputs * n;
    layer->weights = (uint32_t)at;
    layer->bias = (uint32_t)(at + own);
    layer->alpha = layer->activation == SOMA_ACT_PRELU ? (uint32_t)(at + own + n) : 0;
    return at + soma_layout_layer_floats(layer);
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
