/*
 * soma_model.c — the model's accessors and the forward pass (soma_run,
 * soma_run_batch, soma_run_layers, soma_run_with_scratch). No JSON here, no
 * heap: scratch lives on the stack, sized by SOMA_MAX_WIDTH, or in the
 * caller's array, sized by the model; the model and its parameters are only
 * read. Where each parameter lives: soma_layout.h.
 */
#include "soma_contract.h" /* first: no contraction in this file */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "soma_internal.h"
#include "soma_kernels.h"
#include "soma_layout.h"
#include "soma_maxout.h"

void soma_unload(soma_model *model)
{
    if (model == NULL) {
        return;
    }
    model->loaded = 0;
    model->inputs = 0;
    model->outputs = 0;
    model->layer_count = 0;
    model->param_count = 0;
    model->widest = 0;
    model->has_scaling = 0;
    model->scale_mean = 0;
    model->scale_std = 0;
    model->has_output_scaling = 0;
    model->out_mean = 0;
    model->out_std = 0;
    model->params = NULL;
    model->name[0] = '\0';
}

static int is_loaded(const soma_model *model)
{
    return model != NULL && model->loaded == 1 && model->params != NULL;
}

static const soma_layer_desc *layer_at(const soma_model *model, size_t index)
{
    if (!is_loaded(model) || index >= model->layer_count) {
        return NULL;
    }
    return &model->layers[index];
}

size_t soma_input_count(const soma_model *model)
{
    return is_loaded(model) ? model->inputs : 0;
}

size_t soma_output_count(const soma_model *model)
{
    return is_loaded(model) ? model->outputs : 0;
}

size_t soma_layer_count(const soma_model *model)
{
    return is_loaded(model) ? model->layer_count : 0;
}

soma_layer_kind soma_layer_kind_at(const soma_model *model, size_t index)
{
    const soma_layer_desc *layer = layer_at(model, index);
    return layer != NULL ? (soma_layer_kind)layer->kind : SOMA_LAYER_DENSE;
}

soma_activation soma_layer_activation(const soma_model *model, size_t index)
{
    const soma_layer_desc *layer = layer_at(model, index);
    return layer != NULL ? (soma_activation)layer->activation : SOMA_ACT_STEP;
}

size_t soma_layer_inputs(const soma_model *model, size_t index)
{
    const soma_layer_desc *layer = layer_at(model, index);
    return layer != NULL ? layer->inputs : 0;
}

size_t soma_layer_outputs(const soma_model *model, size_t index)
{
    const soma_layer_desc *layer = layer_at(model, index);
    return layer != NULL ? layer->outputs : 0;
}

size_t soma_layer_pieces(const soma_model *model, size_t index)
{
    const soma_layer_desc *layer = layer_at(model, index);
    return layer != NULL && layer->kind == SOMA_LAYER_MAXOUT ? layer->pieces : 1;
}

const char *soma_model_name(const soma_model *model)
{
    return is_loaded(model) ? model->name : "";
}

size_t soma_param_count(const soma_model *model)
{
    return is_loaded(model) ? model->param_count : 0;
}

size_t soma_storage_bytes(const soma_model *model)
{
    if (!is_loaded(model)) {
        return 0;
    }
    return (size_t)model->param_count * sizeof(float);
}

#if defined(__GNUC__) || defined(__clang__)
#define SOMA_ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define SOMA_ALWAYS_INLINE static inline
#endif

/*
 * Dense layers run soma_kernel_dense_activate: the register tiles of the clone
 * in use, with soma_kernel_dense_small for layers of a few outputs on one row
 * (a run of them in one call); or, built for size (SOMA_SMALL_CODE,
 * soma_kernels.h), one fmaf chain per output.
 */
#if !SOMA_SMALL_CODE
/* A dense layer soma_kernel_dense_small takes. */
static int is_small(const soma_layer_desc *layer)
{
    return layer->kind == SOMA_LAYER_DENSE && layer->outputs <= SOMA_DENSE_SMALL;
}

/* How many layers from `first` on, before `end`, soma_kernel_dense_small takes in one call. */
SOMA_ALWAYS_INLINE size_t small_layers(const soma_model *model, size_t first, size_t end)
{
    size_t l = first;
    while (l < end && is_small(&model->layers[l])) {
        l++;
    }
    return l - first;
}
#endif

/*
 * Carries `rows` input rows (rows <= what a and b hold at the model's widest
 * vector) through every layer, then the output scaling, into `out`. If
 * `layer_out` is not NULL (one row only), every layer's own output (before the
 * output scaling) is copied there too, layer after layer. The last
 * layer writes straight into `out` unless it would read `x` (a one-layer model
 * without scaling), which `out` may overlap; a run of small layers reads its
 * input before it writes, so it may end in `out` whatever it reads.
 * It is inlined into each caller (soma_run's is run_one, which tiny models skip).
 */
SOMA_ALWAYS_INLINE void forward(const soma_model *model, const float *x, size_t rows, float *a,
                                float *b, float *out, float *layer_out)
{
    const float *cur = x;
    const float *p = model->params;
    const size_t count = model->layer_count;
    size_t l, group;
    if (model->has_scaling) {
        soma_kernel_scale(p + model->scale_mean, p + model->scale_std, model->inputs, rows, x, a);
        cur = a;
    }
    for (l = 0; l < count; l += group) {
        const soma_layer_desc *layer = &model->layers[l];
        size_t small = 0;
        float *dst;
#if !SOMA_SMALL_CODE
        /* One row: the small layers from here on, one by one when each output is wanted. */
        if (rows == 1) {
            small = small_layers(model, l, layer_out == NULL ? count : l + 1);
        }
#endif
        group = small > 0 ? small : 1;
        dst = l + group == count && (cur != x || group > 1) ? out : cur == a ? b : a;
#if !SOMA_SMALL_CODE
        if (small > 0) {
            soma_kernel_dense_small(layer, small, p, cur, dst);
        } else
#endif
        {
            switch ((soma_layer_kind)layer->kind) {
            case SOMA_LAYER_DENSE:
                /* The activation fused into the tiles where it can be (ReLU). */
                soma_kernel_dense_activate(layer, p, rows, cur, dst);
                break;
            case SOMA_LAYER_BATCHNORM:
                soma_kernel_batchnorm(soma_norm_mean(p, layer), soma_norm_scale(p, layer),
                                      soma_norm_beta(p, layer), layer->outputs, rows, cur, dst);
                soma_kernel_activate((soma_activation)layer->activation, layer->act_param,
                                     soma_prelu_alpha(p, layer), layer->outputs, rows, dst);
                break;
            case SOMA_LAYER_MAXOUT:
                soma_kernel_maxout(soma_dense_weights(p, layer), soma_dense_bias(p, layer),
                                   layer->inputs, layer->outputs, layer->pieces, rows, cur, dst);
                soma_kernel_activate((soma_activation)layer->activation, layer->act_param,
                                     soma_prelu_alpha(p, layer), layer->outputs, rows, dst);
                break;
            }
        }
        if (layer_out != NULL) {
            memcpy(layer_out, dst, layer->outputs * sizeof(float));
            layer_out += layer->outputs;
        }
        cur = dst;
    }
    if (cur != out) {
        memcpy(out, cur, rows * model->outputs * sizeof(float));
    }
    if (model->has_output_scaling) {
        /* After the last layer (whose own output layer_out already holds). */
        soma_kernel_unscale(p + model->out_mean, p + model->out_std, model->outputs, rows, out);
    }
}

/* Checks the pointers and the model; the counts are checked by the callers. */
static soma_status check_common(const soma_model *model, const void *input, const void *output,
                                const char *input_name, const char *output_name,
                                soma_error *error)
{
    if (model == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "model: NULL pointer");
    }
    if (input == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "%s: NULL pointer", input_name);
    }
    if (output == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "%s: NULL pointer", output_name);
    }
    if (!is_loaded(model)) {
        return soma_fail(error, SOMA_E_ARGUMENT, "model: not loaded");
    }
    return SOMA_OK;
}

static soma_status check_input_count(const soma_model *model, size_t input_count,
                                     soma_error *error)
{
    if (input_count != model->inputs) {
        return soma_fail(error, SOMA_E_ARGUMENT,
                         "input_count: %zu but the model takes %u inputs",
                         input_count, (unsigned)model->inputs);
    }
    return SOMA_OK;
}

static soma_status check_output_count(const soma_model *model, size_t output_count,
                                      soma_error *error)
{
    if (output_count != model->outputs) {
        return soma_fail(error, SOMA_E_ARGUMENT,
                         "output_count: %zu but the model gives %u outputs",
                         output_count, (unsigned)model->outputs);
    }
    return SOMA_OK;
}

/*
 * soma_run's refusals, apart from its fast path: the caller has seen that one
 * of them applies; this finds the first and writes its message.
 */
static soma_status refuse_run(const soma_model *model, const float *input, size_t input_count,
                              const float *output, size_t output_count, soma_error *error)
{
    soma_status status;
    size_t i;
    if ((status = check_common(model, input, output, "input", "output", error)) != SOMA_OK ||
        (status = check_input_count(model, input_count, error)) != SOMA_OK ||
        (status = check_output_count(model, output_count, error)) != SOMA_OK) {
        return status;
    }
    for (i = 0; i < input_count; i++) {
        if (!isfinite(input[i])) {
            return soma_fail(error, SOMA_E_ARGUMENT, "input[%zu]: not a finite number", i);
        }
    }
    return SOMA_OK;
}

/*
 * soma_kernel_all_finite, without a call into the kernels for the few inputs
 * of a tiny model: a value is not finite when its exponent bits are all ones,
 * which is when adding one to the exponent field carries into the sign bit.
 */
SOMA_ALWAYS_INLINE int inputs_finite(const float *x, size_t n)
{
    uint32_t carries = 0;
    size_t i;
    if (n > 8) {
        return soma_kernel_all_finite(x, n);
    }
    for (i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, x + i, sizeof u);
        carries |= (u & 0x7f800000u) + 0x00800000u;
    }
    return (carries & 0x80000000u) == 0;
}

/* The cheap tests of soma_run's fast path; refuse_run says which one failed. */
SOMA_ALWAYS_INLINE int runnable(const soma_model *model, const float *input, size_t input_count,
                                const float *output, size_t output_count)
{
    if (!is_loaded(model) || input == NULL || output == NULL || input_count != model->inputs ||
        output_count != model->outputs) {
        return 0;
    }
    return inputs_finite(input, input_count);
}

/* The widest vector a run holds: the inputs or a layer's outputs (the loader checked each). */
static size_t widest_vector(const soma_model *model)
{
    size_t widest = model->inputs, l;
    for (l = 0; l < model->layer_count; l++) {
        widest = model->layers[l].outputs > widest ? model->layers[l].outputs : widest;
    }
    return widest;
}

size_t soma_scratch_floats(const soma_model *model)
{
    return is_loaded(model) ? SOMA_SCRATCH_FLOATS(widest_vector(model)) : 0;
}

#if !SOMA_SMALL_CODE
/*
 * A model soma_kernel_dense_small runs whole: small dense layers only, two or
 * more (so the output may overlap the input), no scaling.
 */
SOMA_ALWAYS_INLINE int is_tiny(const soma_model *model)
{
    const size_t count = model->layer_count;
    return count > 1 && !model->has_scaling && !model->has_output_scaling &&
           small_layers(model, 0, count) == count;
}
#endif

/* soma_run's forward pass for every other model, apart, so a tiny model's run sets up no scratch. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static void run_one(const soma_model *model, const float *input, float *output)
{
    float a[SOMA_MAX_WIDTH];
    float b[SOMA_MAX_WIDTH];
    forward(model, input, 1, a, b, output, NULL);
}

soma_status soma_run(const soma_model *model, const float *input, size_t input_count,
                     float *output, size_t output_count, soma_error *error) SOMA_NONBLOCKING
{
    if (!runnable(model, input, input_count, output, output_count)) {
        return refuse_run(model, input, input_count, output, output_count, error);
    }
#if !SOMA_SMALL_CODE
    if (is_tiny(model)) {
        soma_kernel_dense_small(model->layers, model->layer_count, model->params, input, output);
        return soma_succeed(error);
    }
#endif
    run_one(model, input, output);
    return soma_succeed(error);
}

soma_status soma_run_with_scratch(const soma_model *model, const float *input, size_t input_count,
                                  float *output, size_t output_count, float *scratch,
                                  size_t scratch_floats, soma_error *error) SOMA_NONBLOCKING
{
    size_t half;
    if (!runnable(model, input, input_count, output, output_count)) {
        return refuse_run(model, input, input_count, output, output_count, error);
    }
    half = widest_vector(model);
    if (scratch == NULL) {
        return soma_fail(error, SOMA_E_ARGUMENT, "scratch: NULL pointer");
    }
    if (scratch_floats / 2 < half) {
        return soma_fail(error, SOMA_E_CAPACITY, "scratch: %zu floats, but the model needs %zu",
                         scratch_floats, SOMA_SCRATCH_FLOATS(half));
    }
#if !SOMA_SMALL_CODE
    if (is_tiny(model)) {
        soma_kernel_dense_small(model->layers, model->layer_count, model->params, input, output);
        return soma_succeed(error);
    }
#endif
    forward(model, input, 1, scratch, scratch + half, output, NULL);
    return soma_succeed(error);
}

soma_status soma_run_batch(const soma_model *model, const float *inputs, size_t rows,
                           size_t input_count, float *outputs, size_t output_count,
                           soma_error *error) SOMA_NONBLOCKING
{
    float a[SOMA_BATCH_TILE * SOMA_MAX_WIDTH];
    float b[SOMA_BATCH_TILE * SOMA_MAX_WIDTH];
    soma_status status;
    size_t r, i;

    if ((status = check_common(model, inputs, outputs, "inputs", "outputs", error)) != SOMA_OK ||
        (status = check_input_count(model, input_count, error)) != SOMA_OK ||
        (status = check_output_count(model, output_count, error)) != SOMA_OK) {
        return status;
    }
    /* input_count and output_count are at most SOMA_MAX_WIDTH here. */
    if (rows > (size_t)-1 / SOMA_MAX_WIDTH) {
        return soma_fail(error, SOMA_E_ARGUMENT, "rows: %zu is too many", rows);
    }
    /* Check every row first, so a refused batch writes no output; the scan is
     * vectorised, and only a refused batch looks for the first bad value. */
    if (!soma_kernel_all_finite(inputs, rows * input_count)) {
        for (r = 0; r < rows; r++) {
            for (i = 0; i < input_count; i++) {
                if (!isfinite(inputs[r * input_count + i])) {
                    return soma_fail(error, SOMA_E_ARGUMENT,
                                     "inputs[%zu] (row %zu, input %zu): not a finite number",
                                     r * input_count + i, r, i);
                }
            }
        }
    }
    for (r = 0; r < rows; r += SOMA_BATCH_TILE) {
        const size_t tile = rows - r < SOMA_BATCH_TILE ? rows - r : SOMA_BATCH_TILE;
        forward(model, inputs + r * input_count, tile, a, b, outputs + r * output_count, NULL);
    }
    return soma_succeed(error);
}

soma_status soma_run_layers(const soma_model *model, const float *input, size_t input_count,
                            float *layer_outputs, size_t capacity, soma_error *error) SOMA_NONBLOCKING
{
    float a[SOMA_MAX_WIDTH];
    float b[SOMA_MAX_WIDTH];
    float last[SOMA_MAX_WIDTH];
    soma_status status;
    size_t i, needed = 0;

    if ((status = check_common(model, input, layer_outputs, "input", "layer_outputs",
                               error)) != SOMA_OK ||
        (status = check_input_count(model, input_count, error)) != SOMA_OK) {
        return status;
    }
    for (i = 0; i < model->layer_count; i++) {
        needed += model->layers[i].outputs;
    }
    if (capacity < needed) {
        return soma_fail(error, SOMA_E_ARGUMENT,
                         "capacity: %zu floats, but the layers give %zu", capacity, needed);
    }
    for (i = 0; i < input_count; i++) {
        if (!isfinite(input[i])) {
            return soma_fail(error, SOMA_E_ARGUMENT, "input[%zu]: not a finite number", i);
        }
    }
    forward(model, input, 1, a, b, last, layer_outputs);
    return soma_succeed(error);
}
