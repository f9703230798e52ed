/*
 * test_core_only.c — the core alone (build/libsoma_core.a and libm; no json-c,
 * no loader) runs models written as `const` initializers, the way generated C
 * defines them: parameters in read-only data, the model ready with no load and
 * no copy. Expected outputs are worked out by hand with values exact in
 * binary32. Ends with "N passed, N failed"; exits non-zero on any failure.
 */
#include <stdio.h>
#include <string.h>

#include "soma.h"

#if SOMA_MODEL_LAYOUT_VERSION != 3
#error "these models are written for soma_model layout 3"
#endif

static int passed, failed;

static void check(int ok, int line, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL line %d: %s\n", line, what);
    }
}
#define CHECK(cond) check((cond) ? 1 : 0, __LINE__, #cond)

/* The AND gate: w = (0.5, 0.5), b = -0.7, step. Weights input-major, then bias. */
static const float and_params[] = {0.5f, 0.5f, -0.7f};
static const soma_model and_gate = {
    1, 2, 1, 1, 3, 2, 0, 0, 0, and_params, "and",
    {{SOMA_LAYER_DENSE, SOMA_ACT_STEP, 2, 1, 0, 2, 0, 0.0f, 0}},
    0, 0, 0, /* no output scaling */
};

/*
 * Input scaling (mean 1, 2; std 2, 4), dense 2 -> 2 with prelu (output-major
 * weights {1, -1}, {2, 0}; bias 0, -1; alphas 0.5, 0.25), then batch norm
 * (mean 0, 1; scale 2, 0.5; beta 1, 0) with identity.
 */
static const float tiny_params[] = {
    1.0f, 2.0f, 2.0f, 4.0f,        /* scaling mean, std */
    1.0f, 2.0f, -1.0f, 0.0f,       /* dense weights, input-major */
    0.0f, -1.0f, 0.5f, 0.25f,      /* bias, prelu alphas */
    0.0f, 1.0f, 2.0f, 0.5f, 1.0f, 0.0f, /* batch norm mean, scale, beta */
};
static const soma_model tiny = {
    1, 2, 2, 2, 18, 2, 1, 0, 2, tiny_params, "tiny",
    {{SOMA_LAYER_DENSE, SOMA_ACT_PRELU, 2, 2, 4, 8, 10, 0.0f, 0},
     {SOMA_LAYER_BATCHNORM, SOMA_ACT_IDENTITY, 2, 2, 12, 16, 0, 0.0f, 0}},
    0, 0, 0,
};

/* tiny with the batch norm's beta offset wrong: soma_model_check must refuse it. */
static const soma_model misplaced = {
    1, 2, 2, 2, 18, 2, 1, 0, 2, tiny_params, "misplaced",
    {{SOMA_LAYER_DENSE, SOMA_ACT_PRELU, 2, 2, 4, 8, 10, 0.0f, 0},
     {SOMA_LAYER_BATCHNORM, SOMA_ACT_IDENTITY, 2, 2, 12, 15, 0, 0.0f, 0}},
    0, 0, 0,
};

/*
 * Maxout 2 -> 2 with 2 pieces: rows (output-major weights) {1, 0}, {0, 1} for
 * output 0 and {-1, 0}, {0, -1} for output 1, zero biases, so y = (max(x0, x1),
 * max(-x0, -x1)). Stored input-major over the 4 rows: input 0's column, then input 1's.
 */
static const float maxout_params[] = {
    1.0f, 0.0f, -1.0f, 0.0f,  /* input 0, rows 0..3 */
    0.0f, 1.0f, 0.0f, -1.0f,  /* input 1, rows 0..3 */
    0.0f, 0.0f, 0.0f, 0.0f,   /* bias, rows 0..3 */
};
static const soma_model maxout_pair = {
    1, 2, 2, 1, 12, 4, 0, 0, 0, maxout_params, "maxout-pair",
    {{SOMA_LAYER_MAXOUT, SOMA_ACT_IDENTITY, 2, 2, 0, 8, 0, 0.0f, 2}},
    0, 0, 0,
};

/* The same with ReLU after the maximum: the activation applies to the maxima. */
static const soma_model maxout_relu = {
    1, 2, 2, 1, 12, 4, 0, 0, 0, maxout_params, "maxout-relu",
    {{SOMA_LAYER_MAXOUT, SOMA_ACT_RELU, 2, 2, 0, 8, 0, 0.0f, 2}},
    0, 0, 0,
};

/* The same with widest 2, its outputs: the 4 rows of pieces are wider. Refused. */
static const soma_model maxout_narrow = {
    1, 2, 2, 1, 12, 2, 0, 0, 0, maxout_params, "maxout-narrow",
    {{SOMA_LAYER_MAXOUT, SOMA_ACT_IDENTITY, 2, 2, 0, 8, 0, 0.0f, 2}},
    0, 0, 0,
};

/* tiny with widest 1, fewer floats than its vectors: refused. */
static const soma_model tiny_narrow = {
    1, 2, 2, 2, 18, 1, 1, 0, 2, tiny_params, "tiny-narrow",
    {{SOMA_LAYER_DENSE, SOMA_ACT_PRELU, 2, 2, 4, 8, 10, 0.0f, 0},
     {SOMA_LAYER_BATCHNORM, SOMA_ACT_IDENTITY, 2, 2, 12, 16, 0, 0.0f, 0}},
    0, 0, 0,
};

/* The same with one piece: soma_model_check must refuse it. */
static const soma_model maxout_one_piece = {
    1, 2, 2, 1, 12, 4, 0, 0, 0, maxout_params, "maxout-one",
    {{SOMA_LAYER_MAXOUT, SOMA_ACT_IDENTITY, 2, 2, 0, 8, 0, 0.0f, 1}},
    0, 0, 0,
};

int main(void)
{
    const float gate_in[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    const float tiny_in[2][2] = {{3, 6}, {-1, 2}};
    const float tiny_out[2][2] = {{1, 0}, {0, -0.875f}};
    float y[2], layers[4], batch[4];
    soma_error error;
    size_t k;

    CHECK(soma_model_check(&and_gate, &error) == SOMA_OK);
    CHECK(strcmp(soma_model_name(&and_gate), "and") == 0 && soma_param_count(&and_gate) == 3);
    for (k = 0; k < 4; k++) {
        CHECK(soma_run(&and_gate, gate_in[k], 2, y, 1, &error) == SOMA_OK);
        CHECK(y[0] == (k == 3 ? 1.0f : 0.0f));
    }

    CHECK(soma_model_check(&tiny, &error) == SOMA_OK);
    for (k = 0; k < 2; k++) {
        CHECK(soma_run(&tiny, tiny_in[k], 2, y, 2, &error) == SOMA_OK);
        CHECK(y[0] == tiny_out[k][0] && y[1] == tiny_out[k][1]);
    }
    /* Layer by layer for (3, 6): dense + prelu gives (0, 1), batch norm (1, 0). */
    CHECK(soma_run_layers(&tiny, tiny_in[0], 2, layers, 4, &error) == SOMA_OK);
    CHECK(layers[0] == 0.0f && layers[1] == 1.0f && layers[2] == 1.0f && layers[3] == 0.0f);
    CHECK(soma_run_batch(&tiny, &tiny_in[0][0], 2, 2, batch, 2, &error) == SOMA_OK);
    CHECK(memcmp(batch, tiny_out, sizeof batch) == 0);

    CHECK(soma_model_check(&maxout_pair, &error) == SOMA_OK);
    CHECK(soma_layer_kind_at(&maxout_pair, 0) == SOMA_LAYER_MAXOUT && soma_layer_pieces(&maxout_pair, 0) == 2);
    CHECK(soma_run(&maxout_pair, tiny_in[0], 2, y, 2, &error) == SOMA_OK);
    CHECK(y[0] == 6.0f && y[1] == -3.0f);
    CHECK(soma_run(&maxout_pair, tiny_in[1], 2, y, 2, &error) == SOMA_OK);
    CHECK(y[0] == 2.0f && y[1] == 1.0f);
    CHECK(soma_run_batch(&maxout_pair, &tiny_in[0][0], 2, 2, batch, 2, &error) == SOMA_OK);
    CHECK(batch[0] == 6.0f && batch[1] == -3.0f && batch[2] == 2.0f && batch[3] == 1.0f);
    CHECK(soma_run(&maxout_relu, tiny_in[0], 2, y, 2, &error) == SOMA_OK);
    CHECK(y[0] == 6.0f && y[1] == 0.0f); /* relu(max(-3, -6)) */
    CHECK(soma_run_batch(&maxout_relu, &tiny_in[0][0], 2, 2, batch, 2, &error) == SOMA_OK);
    CHECK(batch[0] == 6.0f && batch[1] == 0.0f && batch[2] == 2.0f && batch[3] == 1.0f);
    CHECK(soma_model_check(&maxout_one_piece, &error) == SOMA_E_VALUE);
    CHECK(strstr(error.message, "layers[0].pieces: 1") != NULL);

    CHECK(soma_model_check(&maxout_narrow, &error) == SOMA_E_SHAPE);
    CHECK(strstr(error.message, "widest: 2 but the layers need 4") != NULL);
    CHECK(soma_model_check(&tiny_narrow, &error) == SOMA_E_SHAPE);
    CHECK(strstr(error.message, "widest: 1 but the layers need 2") != NULL);

    CHECK(soma_model_check(&misplaced, &error) == SOMA_E_SHAPE);
    CHECK(strstr(error.message, "layers[1]: offsets weights 12, bias 15") != NULL);
    CHECK(soma_ulp_distance(1.0f, 1.0f) == 0 && soma_ulp_distance(0.0f, -0.0f) == 0);
    CHECK(soma_ulp_distance(1.0f, 0x1.000002p+0f) == 1);

    printf("core only: const models without json-c or a loader (%d passed, %d failed)\n", passed,
           failed);
    return failed == 0 ? 0 : 1;
}
