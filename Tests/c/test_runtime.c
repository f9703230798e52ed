/*
 * test_runtime.c — the C runtime's tests: one file, a few macros, no framework.
 *
 *   build/test_runtime [FIXTURES_DIR]     (default: Tests/fixtures)
 *
 * Expected values are computed here with the operations docs/model-format.md
 * prescribes (fmaf, soma_expf, ...) or by hand, and compared bit for bit. Ends with
 * "N passed, N failed" and exits non-zero if anything failed.
 */
#define _POSIX_C_SOURCE 200809L /* opendir */

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/float_bits.h"
#include "soma.h"
#include "../../CRuntime/core/soma_exp_fast.h"
#include "../../CRuntime/core/soma_math.h"

static int passed;
static int failed;
static const char *fixtures = "Tests/fixtures";

static void report(int ok, const char *file, int line, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
    }
}

static void check_bits(float got, float want, const char *file, int line, const char *expr)
{
    char what[256];
    const int ok = float_bits(got) == float_bits(want);
    if (!ok) {
        snprintf(what, sizeof what, "%s: got %.9g (0x%08lx), want %.9g (0x%08lx)", expr,
                 (double)got, (unsigned long)float_bits(got), (double)want,
                 (unsigned long)float_bits(want));
    }
    report(ok, file, line, ok ? "" : what);
}

static void check_status(soma_status got, soma_status want, const soma_error *error,
                         const char *needle, const char *file, int line, const char *expr)
{
    char what[512];
    int ok = got == want && (error == NULL || error->status == want);
    if (ok && needle != NULL && strstr(error->message, needle) == NULL) {
        ok = 0;
    }
    if (!ok) {
        snprintf(what, sizeof what, "%s: got status %d (%s) \"%s\", want %d (%s) containing \"%s\"",
                 expr, (int)got, soma_status_string(got), error != NULL ? error->message : "",
                 (int)want, soma_status_string(want), needle != NULL ? needle : "");
    }
    report(ok, file, line, ok ? "" : what);
}

#define CHECK(cond) report((cond) ? 1 : 0, __FILE__, __LINE__, #cond)
#define CHECK_EQ_BITS(got, want) check_bits((got), (want), __FILE__, __LINE__, #got " == " #want)
/* The call's status, the error's status, and a piece of its message. */
#define CHECK_STATUS(call, want, error, needle) \
    check_status((call), (want), (error), (needle), __FILE__, __LINE__, #call)

/* Every test model's parameters fit in 4 MiB: the static-storage way of loading. */
#define STORAGE_FLOATS (1u << 20)

static soma_model model;
static soma_model other;
static float model_storage[STORAGE_FLOATS];
static float other_storage[STORAGE_FLOATS];
static soma_error err;

/* Each of the two models has storage of its own. */
static float *storage_of(const soma_model *m)
{
    return m == &other ? other_storage : model_storage;
}

static soma_status load(soma_model *m, const char *json)
{
    return soma_load_string(m, storage_of(m), STORAGE_FLOATS, json, strlen(json), &err);
}

static soma_status load_fixture(soma_model *m, const char *kind, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s/%s", fixtures, kind, name);
    return soma_load_file(m, storage_of(m), STORAGE_FLOATS, path, &err);
}

static soma_status verify_fixture(soma_model *m, const char *kind, const char *name,
                                  soma_verify_report *rep)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s/%s", fixtures, kind, name);
    return soma_verify_file(m, storage_of(m), STORAGE_FLOATS, path, rep, &err);
}

/* Runs one input vector; returns the status. */
static soma_status run(const soma_model *m, const float *in, size_t n_in, float *out, size_t n_out)
{
    return soma_run(m, in, n_in, out, n_out, &err);
}

/* ---- Gates ---- */

static void test_gates(void)
{
    static const float inputs[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static const struct {
        const char *file;
        float truth[4];
    } gates[] = {
        {"and.json", {0, 0, 0, 1}},
        {"or.json", {0, 1, 1, 1}},
        {"nand.json", {1, 1, 1, 0}},
        {"xor.json", {0, 1, 1, 0}},
    };
    size_t g, k;
    for (g = 0; g < sizeof gates / sizeof gates[0]; g++) {
        CHECK_STATUS(load_fixture(&model, "good", gates[g].file), SOMA_OK, &err, "");
        for (k = 0; k < 4; k++) {
            float y = -1.0f;
            CHECK_STATUS(run(&model, inputs[k], 2, &y, 1), SOMA_OK, &err, "");
            CHECK_EQ_BITS(y, gates[g].truth[k]);
        }
    }
    /* XOR layer by layer: [NAND, OR], then AND of them. */
    CHECK_STATUS(load_fixture(&model, "good", "xor.json"), SOMA_OK, &err, "");
    for (k = 0; k < 4; k++) {
        float layers[3];
        CHECK_STATUS(soma_run_layers(&model, inputs[k], 2, layers, 3, &err), SOMA_OK, &err, "");
        CHECK_EQ_BITS(layers[0], gates[2].truth[k]);
        CHECK_EQ_BITS(layers[1], gates[1].truth[k]);
        CHECK_EQ_BITS(layers[2], gates[3].truth[k]);
    }
    /* In place, the output over the input: XOR runs whole in the small kernel, which
     * must read the input before it writes; AND's one layer runs through scratch. */
    for (g = 0; g < sizeof gates / sizeof gates[0]; g += 3) {
        CHECK_STATUS(load_fixture(&model, "good", gates[g].file), SOMA_OK, &err, "");
        for (k = 0; k < 4; k++) {
            float inout[2];
            inout[0] = inputs[k][0];
            inout[1] = inputs[k][1];
            CHECK_STATUS(run(&model, inout, 2, inout, 1), SOMA_OK, &err, "");
            CHECK_EQ_BITS(inout[0], gates[g].truth[k]);
        }
    }
}

/* ---- Layout: 3 -> 2 -> 4, plain and packed ---- */

static void test_layout(void)
{
    static const float x[3] = {1.0f, -2.0f, 0.5f};
    /* By hand: z1 = W1 x + b1 = (-1, -3.5); y = W2 z1 + b2. */
    static const float want[4] = {2.5f, 6.0f, 9.5f, 0.125f};
    float y[4], yp[4];
    size_t k;

    CHECK_STATUS(load_fixture(&model, "good", "layout_3_2_4.json"), SOMA_OK, &err, "");
    CHECK(soma_layer_count(&model) == 2);
    CHECK(soma_layer_inputs(&model, 0) == 3 && soma_layer_outputs(&model, 0) == 2);
    CHECK(soma_layer_inputs(&model, 1) == 2 && soma_layer_outputs(&model, 1) == 4);
    CHECK_STATUS(run(&model, x, 3, y, 4), SOMA_OK, &err, "");
    for (k = 0; k < 4; k++) {
        CHECK_EQ_BITS(y[k], want[k]);
    }
    CHECK_STATUS(load_fixture(&other, "good", "layout_3_2_4_packed.json"), SOMA_OK, &err, "");
    CHECK(soma_param_count(&other) == soma_param_count(&model));
    CHECK(soma_param_count(&model) == 3 * 2 + 2 + 2 * 4 + 4);
    {
        /* Packed weights equal the array form for many inputs. */
        int t;
        for (t = 0; t < 50; t++) {
            float in[3];
            in[0] = (float)t * 0.37f - 9.0f;
            in[1] = 3.0f - (float)t * 0.11f;
            in[2] = (float)(t % 7) * 1.3f;
            CHECK_STATUS(run(&model, in, 3, y, 4), SOMA_OK, &err, "");
            CHECK_STATUS(run(&other, in, 3, yp, 4), SOMA_OK, &err, "");
            for (k = 0; k < 4; k++) {
                CHECK_EQ_BITS(yp[k], y[k]);
            }
        }
    }
}

/* ---- Activations against their formulas ---- */

/* Small negative probes tell expm1f(z) from expf(z) - 1 (which rounds to 0 near 0). */
static const float probe[] = {-12.0f, -3.5f, -1.0f, -0.25f, -1e-3f, -1e-6f, -3e-9f, -1e-30f, -1e-40f,
                              -0.0f, 0.0f, 1e-40f, 1e-3f, 0.5f, 2.0f, 7.75f, 30.0f};
#define PROBES (sizeof probe / sizeof probe[0])

/* A 1 -> 1 dense model, weight 1 and bias 0 (so z = x), with `activation`. */
static soma_status load_unit(const char *activation)
{
    char json[1024];
    snprintf(json, sizeof json,
             "{\"format\":\"soma-model\",\"version\":1,\"name\":\"unit\",\"inputs\":1,\"outputs\":1,"
             "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
             "\"weights\":[[1]],\"bias\":[0],\"activation\":%s}]}",
             activation);
    return load(&model, json);
}

static float expect(soma_activation a, float z, float p)
{
    const float selu_alpha = bits_float(0x3FD62D7Du);
    const float selu_lambda = bits_float(0x3F867D5Fu);
    switch (a) {
    case SOMA_ACT_STEP: return z > 0.0f ? 1.0f : 0.0f;
    case SOMA_ACT_IDENTITY: return z;
    case SOMA_ACT_SIGMOID: return 1.0f / (1.0f + soma_expf(-z));
    case SOMA_ACT_TANH: return soma_tanhf(z);
    case SOMA_ACT_RELU: return z > 0.0f ? z : 0.0f;
    case SOMA_ACT_LEAKY_RELU: return z > 0.0f ? z : p * z;
    case SOMA_ACT_PRELU: return z > 0.0f ? z : p * z;
    case SOMA_ACT_ELU: return z > 0.0f ? z : p * soma_expm1f(z);
    case SOMA_ACT_SELU: return z > 0.0f ? selu_lambda * z : selu_lambda * (selu_alpha * soma_expm1f(z));
    case SOMA_ACT_SWISH: return z * (1.0f / (1.0f + soma_expf(-(p * z))));
    case SOMA_ACT_SOFTMAX: return 1.0f;
    }
    return 0.0f;
}

static void test_activations(void)
{
    static const struct {
        const char *json;
        soma_activation act;
        float param;
    } cases[] = {
        {"{\"name\":\"step\"}", SOMA_ACT_STEP, 0.0f},
        {"{\"name\":\"identity\"}", SOMA_ACT_IDENTITY, 0.0f},
        {"{\"name\":\"sigmoid\"}", SOMA_ACT_SIGMOID, 0.0f},
        {"{\"name\":\"tanh\"}", SOMA_ACT_TANH, 0.0f},
        {"{\"name\":\"relu\"}", SOMA_ACT_RELU, 0.0f},
        {"{\"name\":\"leaky_relu\",\"alpha\":0.01}", SOMA_ACT_LEAKY_RELU, 0.01f},
        {"{\"name\":\"prelu\",\"alpha\":[0.3]}", SOMA_ACT_PRELU, 0.3f},
        {"{\"name\":\"elu\",\"alpha\":1.5}", SOMA_ACT_ELU, 1.5f},
        {"{\"name\":\"selu\"}", SOMA_ACT_SELU, 0.0f},
        {"{\"name\":\"swish\",\"beta\":1.702}", SOMA_ACT_SWISH, 1.702f},
        {"{\"name\":\"softmax\"}", SOMA_ACT_SOFTMAX, 0.0f},
    };
    size_t c, k;
    CHECK(sizeof cases / sizeof cases[0] == 11);
    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        CHECK_STATUS(load_unit(cases[c].json), SOMA_OK, &err, "");
        CHECK(soma_layer_activation(&model, 0) == cases[c].act);
        {
            /* The name in the file is the name the runtime reports: {"name":"<here>"... */
            const char *name = soma_activation_name(cases[c].act);
            CHECK(strncmp(cases[c].json + 9, name, strlen(name)) == 0 &&
                  cases[c].json[9 + strlen(name)] == '"');
        }
        for (k = 0; k < PROBES; k++) {
            float y = -99.0f;
            /* z = fmaf(1, x, 0) = x + 0, which turns -0 into +0. */
            const float z = fmaf(1.0f, probe[k], 0.0f);
            CHECK_STATUS(run(&model, &probe[k], 1, &y, 1), SOMA_OK, &err, "");
            CHECK_EQ_BITS(y, expect(cases[c].act, z, cases[c].param));
        }
    }
    /* SELU's constants are the spec's bit patterns. */
    CHECK(float_bits(1.67326324235437728482f) == 0x3FD62D7Du);
    CHECK(float_bits(1.05070098735548049342f) == 0x3F867D5Fu);
}

/*
 * exp's fast path scales soma_exp_t_bits[j], which must be the bits of
 * RN(T_HI[j] + T_LO[j]), the sum its error bound counts: a wrong last bit
 * would still round most results correctly, so check-math would need luck.
 */
static void test_exp_table(void)
{
    size_t j;
    for (j = 0; j < 32; j++) {
        CHECK(soma_exp_t_bits[j] == soma_double_bits(soma_exp_t_hi[j] + soma_exp_t_lo[j]));
    }
}

/* prelu with one alpha per output, and softmax over a vector. */
static void test_vector_activations(void)
{
    static const char prelu[] =
        "{\"format\":\"soma-model\",\"version\":1,\"name\":\"prelu\",\"inputs\":1,\"outputs\":3,"
        "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":3,\"layout\":\"output-major\","
        "\"weights\":[[1],[2],[-1]],\"bias\":[0,0,0],"
        "\"activation\":{\"name\":\"prelu\",\"alpha\":[0.1,0.2,0.3]}}]}";
    static const char softmax[] =
        "{\"format\":\"soma-model\",\"version\":1,\"name\":\"softmax\",\"inputs\":3,\"outputs\":3,"
        "\"layers\":[{\"type\":\"dense\",\"inputs\":3,\"outputs\":3,\"layout\":\"output-major\","
        "\"weights\":[[1,0,0],[0,1,0],[0,0,1]],\"bias\":[0,0,0],"
        "\"activation\":{\"name\":\"softmax\"}}]}";
    static const float xs[][3] = {{1.0f, 2.0f, 3.0f}, {-5.0f, 0.0f, 5.0f}, {100.0f, 100.0f, 99.0f},
                                  {-0.5f, -0.25f, -40.0f}};
    float y[3];
    size_t t, k;

    CHECK_STATUS(load(&model, prelu), SOMA_OK, &err, "");
    {
        const float x = -2.0f;
        CHECK_STATUS(run(&model, &x, 1, y, 3), SOMA_OK, &err, "");
        CHECK_EQ_BITS(y[0], 0.1f * -2.0f);
        CHECK_EQ_BITS(y[1], 0.2f * -4.0f);
        CHECK_EQ_BITS(y[2], 2.0f);
    }
    CHECK_STATUS(load(&model, softmax), SOMA_OK, &err, "");
    for (t = 0; t < sizeof xs / sizeof xs[0]; t++) {
        float m = xs[t][0], s, e[3], sum = 0.0f;
        for (k = 1; k < 3; k++) {
            m = xs[t][k] >= m ? xs[t][k] : m;
        }
        for (k = 0; k < 3; k++) {
            e[k] = soma_expf(xs[t][k] - m);
        }
        s = e[0] + e[1];
        s = s + e[2];
        CHECK_STATUS(run(&model, xs[t], 3, y, 3), SOMA_OK, &err, "");
        for (k = 0; k < 3; k++) {
            CHECK_EQ_BITS(y[k], e[k] / s);
            sum += y[k];
        }
        CHECK(fabsf(sum - 1.0f) <= 2e-7f);
    }
}

/* ---- Batch norm and input scaling ---- */

static void test_batchnorm_scaling(void)
{
    static const char bn[] =
        "{\"format\":\"soma-model\",\"version\":1,\"name\":\"bn\",\"inputs\":2,\"outputs\":2,"
        "\"input_scaling\":{\"mean\":[0.5,-3],\"std\":[2,0.3]},"
        "\"layers\":[{\"type\":\"batchnorm\",\"size\":2,\"epsilon\":1e-5,\"gamma\":[1.5,-0.7],"
        "\"beta\":[0.1,0.2],\"mean\":[0.25,-1],\"variance\":[0.09,2.5],"
        "\"activation\":{\"name\":\"identity\"}}]}";
    static const float gamma[2] = {1.5f, -0.7f}, beta[2] = {0.1f, 0.2f}, mean[2] = {0.25f, -1.0f},
                       var[2] = {0.09f, 2.5f}, smean[2] = {0.5f, -3.0f}, sstd[2] = {2.0f, 0.3f};
    const float eps = 1e-5f;
    static const float xs[][2] = {{0.0f, 0.0f}, {1.0f, -2.0f}, {-7.5f, 3.25f}, {1e4f, -1e-3f}};
    float y[2];
    size_t t, k;

    CHECK_STATUS(load(&model, bn), SOMA_OK, &err, "");
    CHECK(soma_layer_kind_at(&model, 0) == SOMA_LAYER_BATCHNORM);
    CHECK(soma_layer_inputs(&model, 0) == 2 && soma_layer_outputs(&model, 0) == 2);
    for (t = 0; t < sizeof xs / sizeof xs[0]; t++) {
        CHECK_STATUS(run(&model, xs[t], 2, y, 2), SOMA_OK, &err, "");
        for (k = 0; k < 2; k++) {
            const float s = (xs[t][k] - smean[k]) / sstd[k];
            const float scale = gamma[k] / sqrtf(var[k] + eps);
            CHECK_EQ_BITS(y[k], fmaf(s - mean[k], scale, beta[k]));
        }
    }
}

/* Format 2's output scaling: y = fmaf(y, std, mean) after the last layer, also in batches. */
static void test_output_scaling(void)
{
    static const char scaled[] =
        "{\"format\":\"soma-model\",\"version\":2,\"name\":\"out\",\"inputs\":1,\"outputs\":2,"
        "\"feature_names\":[\"x\"],\"label_column\":\"y\","
        "\"output_scaling\":{\"mean\":[-1,250000],\"std\":[3,60000]},"
        "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":2,\"layout\":\"output-major\","
        "\"weights\":[[1],[0.5]],\"bias\":[0,0.125],\"activation\":{\"name\":\"identity\"}}]}";
    const float third = 1.0f / 3.0f;
    const float xs[3] = {1.0f / 3.0f, 0.0f, -2.5f};
    float y[2], batch[6], layers[2];
    size_t r;

    CHECK_STATUS(load(&model, scaled), SOMA_OK, &err, "");
    CHECK_STATUS(run(&model, &third, 1, y, 2), SOMA_OK, &err, "");
    /* One rounding: fmaf gives 2^-25 where third * 3 + -1 rounds to 0. */
    CHECK_EQ_BITS(y[0], 0x1p-25f);
    CHECK(third * 3.0f + -1.0f == 0.0f);
    CHECK_EQ_BITS(y[1], fmaf(fmaf(0.5f, third, 0.125f), 60000.0f, 250000.0f));
    /* soma_run_layers gives the layer's own output, before the output scaling. */
    CHECK_STATUS(soma_run_layers(&model, &third, 1, layers, 2, &err), SOMA_OK, &err, "");
    CHECK_EQ_BITS(layers[0], third);
    CHECK_STATUS(soma_run_batch(&model, xs, 3, 1, batch, 2, &err), SOMA_OK, &err, "");
    for (r = 0; r < 3; r++) {
        CHECK_STATUS(run(&model, &xs[r], 1, y, 2), SOMA_OK, &err, "");
        CHECK_EQ_BITS(batch[2 * r], y[0]);
        CHECK_EQ_BITS(batch[2 * r + 1], y[1]);
    }
    CHECK(soma_model_check(&model, &err) == SOMA_OK);
    /* Version 1 still loads (without the new members). */
    CHECK_STATUS(load(&model, "{\"format\":\"soma-model\",\"version\":1,\"name\":\"v1\",\"inputs\":1,"
                              "\"outputs\":1,\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,"
                              "\"layout\":\"output-major\",\"weights\":[[2]],\"bias\":[0.5],"
                              "\"activation\":{\"name\":\"identity\"}}]}"),
                 SOMA_OK, &err, "");
    CHECK_STATUS(run(&model, &third, 1, y, 1), SOMA_OK, &err, "");
    CHECK_EQ_BITS(y[0], fmaf(2.0f, third, 0.5f));
}

/* The whole good fixture: scaling, dense+tanh, batchnorm+prelu, dense+softmax, checksum. */
static void test_composite(void)
{
    const float x[2] = {0.25f, -1.0f};
    static const float smean[2] = {1.5f, -2.0f}, sstd[2] = {0.5f, 4.0f};
    static const float wd[3][2] = {{0.25f, -0.5f}, {1.0f, 0.75f}, {-1.25f, 0.5f}};
    static const float bd[3] = {0.1f, -0.2f, 0.3f};
    static const float gamma[3] = {1.0f, 0.5f, 2.0f}, beta[3] = {0.0f, 0.25f, -0.5f},
                       bmean[3] = {0.1f, 0.2f, -0.3f}, var[3] = {1.0f, 0.25f, 4.0f};
    static const float alpha[3] = {0.1f, 0.2f, 0.3f};
    static const float wo[2][3] = {{1.0f, 0.5f, -1.0f}, {-0.5f, 1.0f, 0.25f}};
    static const float bo[2] = {0.0f, 0.1f};
    const float eps = 0.001f;
    float s[2], h[3], b[3], z[2], want[2], y[2], layers[8], m, e0, e1, sum;
    size_t i, o;

    CHECK_STATUS(load_fixture(&model, "good", "scaled_batchnorm.json"), SOMA_OK, &err, "");
    for (i = 0; i < 2; i++) {
        s[i] = (x[i] - smean[i]) / sstd[i];
    }
    for (o = 0; o < 3; o++) {
        float acc = bd[o];
        for (i = 0; i < 2; i++) {
            acc = fmaf(wd[o][i], s[i], acc);
        }
        h[o] = soma_tanhf(acc);
    }
    for (o = 0; o < 3; o++) {
        const float v = fmaf(h[o] - bmean[o], gamma[o] / sqrtf(var[o] + eps), beta[o]);
        b[o] = v > 0.0f ? v : alpha[o] * v;
    }
    for (o = 0; o < 2; o++) {
        float acc = bo[o];
        for (i = 0; i < 3; i++) {
            acc = fmaf(wo[o][i], b[i], acc);
        }
        z[o] = acc;
    }
    m = z[1] >= z[0] ? z[1] : z[0];
    e0 = soma_expf(z[0] - m);
    e1 = soma_expf(z[1] - m);
    sum = e0 + e1;
    want[0] = e0 / sum;
    want[1] = e1 / sum;
    CHECK_STATUS(run(&model, x, 2, y, 2), SOMA_OK, &err, "");
    CHECK_EQ_BITS(y[0], want[0]);
    CHECK_EQ_BITS(y[1], want[1]);

    CHECK_STATUS(soma_run_layers(&model, x, 2, layers, 8, &err), SOMA_OK, &err, "");
    CHECK_EQ_BITS(layers[0], h[0]);
    CHECK_EQ_BITS(layers[2], h[2]);
    CHECK_EQ_BITS(layers[3], b[0]);
    CHECK_EQ_BITS(layers[5], b[2]);
    CHECK_EQ_BITS(layers[6], want[0]);
    CHECK_EQ_BITS(layers[7], want[1]);
    CHECK_STATUS(soma_run_layers(&model, x, 2, layers, 7, &err), SOMA_E_ARGUMENT, &err,
                 "capacity: 7");

    /* Accessors. */
    CHECK(soma_input_count(&model) == 2);
    CHECK(soma_output_count(&model) == 2);
    CHECK(soma_layer_count(&model) == 3);
    CHECK(strcmp(soma_model_name(&model), "scaled-bn") == 0);
    CHECK(soma_layer_kind_at(&model, 0) == SOMA_LAYER_DENSE);
    CHECK(soma_layer_kind_at(&model, 1) == SOMA_LAYER_BATCHNORM);
    CHECK(soma_layer_kind_at(&model, 2) == SOMA_LAYER_DENSE);
    CHECK(soma_layer_activation(&model, 0) == SOMA_ACT_TANH);
    CHECK(soma_layer_activation(&model, 1) == SOMA_ACT_PRELU);
    CHECK(soma_layer_activation(&model, 2) == SOMA_ACT_SOFTMAX);
    CHECK(soma_layer_inputs(&model, 1) == 3 && soma_layer_outputs(&model, 1) == 3);
    CHECK(soma_layer_inputs(&model, 2) == 3 && soma_layer_outputs(&model, 2) == 2);
    CHECK(soma_layer_inputs(&model, 3) == 0 && soma_layer_outputs(&model, 99) == 0);
    /* scaling 2+2, dense 6+3, batch norm 3*3 (mean, scale, beta), prelu 3, dense 6+2. */
    CHECK(soma_param_count(&model) == 33);
    CHECK(soma_storage_bytes(&model) == 33 * sizeof(float));
}

/* ---- Batch runs equal single runs ---- */

static void test_batch(void)
{
    enum { ROWS = 21 };
    float in[ROWS * 2], out[ROWS * 2], one[2];
    size_t r;
    CHECK_STATUS(load_fixture(&model, "good", "scaled_batchnorm.json"), SOMA_OK, &err, "");
    for (r = 0; r < ROWS; r++) {
        in[2 * r] = (float)r * 0.3f - 3.0f;
        in[2 * r + 1] = 2.0f - (float)(r * r) * 0.05f;
    }
    CHECK_STATUS(soma_run_batch(&model, in, ROWS, 2, out, 2, &err), SOMA_OK, &err, "");
    for (r = 0; r < ROWS; r++) {
        CHECK_STATUS(run(&model, in + 2 * r, 2, one, 2), SOMA_OK, &err, "");
        CHECK_EQ_BITS(out[2 * r], one[0]);
        CHECK_EQ_BITS(out[2 * r + 1], one[1]);
    }
    CHECK_STATUS(soma_run_batch(&model, in, 0, 2, out, 2, &err), SOMA_OK, &err, "");
    in[2 * 13 + 1] = NAN;
    out[0] = 42.0f;
    CHECK_STATUS(soma_run_batch(&model, in, ROWS, 2, out, 2, &err), SOMA_E_ARGUMENT, &err,
                 "row 13, input 1");
    CHECK_EQ_BITS(out[0], 42.0f); /* a refused batch writes nothing */
    CHECK_STATUS(soma_run_batch(&model, in, ROWS, 3, out, 2, &err), SOMA_E_ARGUMENT, &err,
                 "input_count: 3");
    CHECK_STATUS(soma_run_batch(&model, NULL, ROWS, 2, out, 2, &err), SOMA_E_ARGUMENT, &err,
                 "inputs: NULL");
}

/* ---- Wide layers: every tile shape of the dense kernel, against the spec's loop ---- */

static uint32_t lcg(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state;
}

static float small_random(uint32_t *state)
{
    return (float)((int)(lcg(state) >> 9) - (1 << 22)) / (float)(1 << 22);
}

static void test_wide(void)
{
    /* 40 -> 200 -> 37: 200 = 128 + 64 + 8 outputs, 37 = 32 + 5; 21 rows = 8 + 8 + 4 + 1. */
    enum { IN = 40, HID = 200, OUT = 37, ROWS = 21 };
    static float w1[HID][IN], b1[HID], w2[OUT][HID], b2[OUT];
    static float x[ROWS * IN], y[ROWS * OUT], one[OUT], want[OUT], h[HID];
    static char json[200000];
    size_t at = 0, o, i, r;
    uint32_t seed = 2024u;
    int all_equal = 1;

    at += (size_t)snprintf(json + at, sizeof json - at,
                           "{\"format\":\"soma-model\",\"version\":1,\"name\":\"wide\",\"inputs\":%d,"
                           "\"outputs\":%d,\"layers\":[{\"type\":\"dense\",\"inputs\":%d,\"outputs\":%d,"
                           "\"layout\":\"output-major\",\"weights\":[",
                           IN, OUT, IN, HID);
    for (o = 0; o < HID; o++) {
        for (i = 0; i < IN; i++) {
            w1[o][i] = small_random(&seed);
            at += (size_t)snprintf(json + at, sizeof json - at, "%s%.9g", i == 0 ? (o == 0 ? "[" : "],[") : ",",
                                   (double)w1[o][i]);
        }
    }
    at += (size_t)snprintf(json + at, sizeof json - at, "]],\"bias\":[");
    for (o = 0; o < HID; o++) {
        b1[o] = small_random(&seed);
        at += (size_t)snprintf(json + at, sizeof json - at, "%s%.9g", o == 0 ? "" : ",", (double)b1[o]);
    }
    at += (size_t)snprintf(json + at, sizeof json - at,
                           "],\"activation\":{\"name\":\"relu\"}},{\"type\":\"dense\",\"inputs\":%d,"
                           "\"outputs\":%d,\"layout\":\"output-major\",\"weights\":[",
                           HID, OUT);
    for (o = 0; o < OUT; o++) {
        for (i = 0; i < HID; i++) {
            w2[o][i] = small_random(&seed);
            at += (size_t)snprintf(json + at, sizeof json - at, "%s%.9g", i == 0 ? (o == 0 ? "[" : "],[") : ",",
                                   (double)w2[o][i]);
        }
    }
    at += (size_t)snprintf(json + at, sizeof json - at, "]],\"bias\":[");
    for (o = 0; o < OUT; o++) {
        b2[o] = small_random(&seed);
        at += (size_t)snprintf(json + at, sizeof json - at, "%s%.9g", o == 0 ? "" : ",", (double)b2[o]);
    }
    (void)snprintf(json + at, sizeof json - at, "],\"activation\":{\"name\":\"identity\"}}]}");
    CHECK(at < sizeof json - 100);
    CHECK_STATUS(load(&model, json), SOMA_OK, &err, "");
    for (i = 0; i < ROWS * IN; i++) {
        x[i] = small_random(&seed) * 3.0f;
    }
    CHECK_STATUS(soma_run_batch(&model, x, ROWS, IN, y, OUT, &err), SOMA_OK, &err, "");
    for (r = 0; r < ROWS; r++) {
        /* The spec: acc = bias; acc = fmaf(w[o][i], x[i], acc) for i in order. */
        for (o = 0; o < HID; o++) {
            float acc = b1[o];
            for (i = 0; i < IN; i++) {
                acc = fmaf(w1[o][i], x[r * IN + i], acc);
            }
            h[o] = acc > 0.0f ? acc : 0.0f;
        }
        for (o = 0; o < OUT; o++) {
            float acc = b2[o];
            for (i = 0; i < HID; i++) {
                acc = fmaf(w2[o][i], h[i], acc);
            }
            want[o] = acc;
        }
        CHECK_STATUS(run(&model, x + r * IN, IN, one, OUT), SOMA_OK, &err, "");
        for (o = 0; o < OUT; o++) {
            all_equal &= float_bits(one[o]) == float_bits(want[o]) && float_bits(y[r * OUT + o]) == float_bits(want[o]);
        }
    }
    CHECK(all_equal);
}

/* ---- Run arguments ---- */

static void test_run_arguments(void)
{
    float x[2] = {1.0f, 1.0f}, y[2];
    CHECK_STATUS(load_fixture(&model, "good", "and.json"), SOMA_OK, &err, "");
    CHECK_STATUS(run(NULL, x, 2, y, 1), SOMA_E_ARGUMENT, &err, "model: NULL");
    CHECK_STATUS(run(&model, NULL, 2, y, 1), SOMA_E_ARGUMENT, &err, "input: NULL");
    CHECK_STATUS(run(&model, x, 2, NULL, 1), SOMA_E_ARGUMENT, &err, "output: NULL");
    CHECK_STATUS(run(&model, x, 3, y, 1), SOMA_E_ARGUMENT, &err, "input_count: 3 but the model takes 2");
    CHECK_STATUS(run(&model, x, 2, y, 2), SOMA_E_ARGUMENT, &err, "output_count: 2 but the model gives 1");
    x[1] = INFINITY;
    CHECK_STATUS(run(&model, x, 2, y, 1), SOMA_E_ARGUMENT, &err, "input[1]: not a finite number");
    x[1] = NAN;
    CHECK_STATUS(run(&model, x, 2, y, 1), SOMA_E_ARGUMENT, &err, "input[1]");
    x[1] = 1.0f;
    CHECK_STATUS(soma_run(&model, x, 2, y, 1, NULL), SOMA_OK, NULL, NULL);
    CHECK_EQ_BITS(y[0], 1.0f);
    soma_unload(&model);
    CHECK_STATUS(run(&model, x, 2, y, 1), SOMA_E_ARGUMENT, &err, "not loaded");
    CHECK(soma_input_count(&model) == 0 && soma_layer_count(&model) == 0);
    CHECK(strcmp(soma_model_name(&model), "") == 0);
    CHECK(soma_storage_bytes(&model) == 0 && soma_param_count(&model) == 0);
    CHECK(soma_input_count(NULL) == 0 && strcmp(soma_model_name(NULL), "") == 0);
    soma_unload(NULL);
    CHECK_STATUS(soma_load_string(NULL, model_storage, STORAGE_FLOATS, "{}", 2, &err), SOMA_E_ARGUMENT, &err, "model: NULL");
    CHECK_STATUS(soma_load_string(&model, model_storage, STORAGE_FLOATS, NULL, 2, &err), SOMA_E_ARGUMENT, &err, "json: NULL");
    CHECK_STATUS(soma_load_file(&model, model_storage, STORAGE_FLOATS, NULL, &err), SOMA_E_ARGUMENT, &err, "path: NULL");
}

/*
 * soma_run_with_scratch: exactly soma_scratch_floats(model) floats suffice
 * (a scaled model with a wider hidden layer than its inputs), writes nothing
 * past them, gives soma_run's bits, and refuses a NULL or short scratch.
 */
static void test_run_with_scratch(void)
{
    static const char json[] =
        "{\"format\":\"soma-model\",\"version\":1,\"name\":\"s\",\"inputs\":2,\"outputs\":1,"
        "\"input_scaling\":{\"mean\":[0.5,-1],\"std\":[2,0.25]},"
        "\"layers\":[{\"type\":\"dense\",\"inputs\":2,\"outputs\":3,\"layout\":\"output-major\","
        "\"weights\":[[1,-2],[0.5,3],[-1,1.25]],\"bias\":[0.1,-0.2,0.3],\"activation\":{\"name\":\"tanh\"}},"
        "{\"type\":\"dense\",\"inputs\":3,\"outputs\":1,\"layout\":\"output-major\","
        "\"weights\":[[0.7,-1.1,2.3]],\"bias\":[0.05],\"activation\":{\"name\":\"sigmoid\"}}]}";
    float x[2] = {0.75f, -0.5f}, want, got;
    float scratch[6 + 4];
    size_t k;
    CHECK_STATUS(load(&model, json), SOMA_OK, &err, "");
    CHECK(soma_scratch_floats(&model) == 6 && SOMA_SCRATCH_FLOATS(3) == 6);
    for (k = 0; k < 10; k++) {
        scratch[k] = -7.0f;
    }
    CHECK_STATUS(run(&model, x, 2, &want, 1), SOMA_OK, &err, "");
    CHECK_STATUS(soma_run_with_scratch(&model, x, 2, &got, 1, scratch, 6, &err), SOMA_OK, &err, "");
    CHECK_EQ_BITS(got, want);
    for (k = 6; k < 10; k++) {
        CHECK_EQ_BITS(scratch[k], -7.0f);
    }
    CHECK(soma_run_with_scratch(&model, x, 2, &got, 1, scratch, 10, NULL) == SOMA_OK);
    CHECK_STATUS(soma_run_with_scratch(&model, x, 2, &got, 1, scratch, 5, &err), SOMA_E_CAPACITY,
                 &err, "scratch: 5 floats, but the model needs 6");
    CHECK_STATUS(soma_run_with_scratch(&model, x, 2, &got, 1, NULL, 6, &err), SOMA_E_ARGUMENT, &err,
                 "scratch: NULL pointer");
    CHECK_STATUS(soma_run_with_scratch(&model, x, 3, &got, 1, scratch, 6, &err), SOMA_E_ARGUMENT,
                 &err, "input_count: 3 but the model takes 2");
    soma_unload(&model);
    CHECK(soma_scratch_floats(&model) == 0 && soma_scratch_floats(NULL) == 0);
    CHECK_STATUS(soma_run_with_scratch(&model, x, 2, &got, 1, scratch, 6, &err), SOMA_E_ARGUMENT,
                 &err, "model: not loaded");
    /* A tiny model (XOR's gates) runs whole in the small kernel: the same checks first,
     * soma_run's bits, and the scratch untouched. */
    CHECK_STATUS(load_fixture(&model, "good", "xor.json"), SOMA_OK, &err, "");
    CHECK(soma_scratch_floats(&model) == 4);
    CHECK_STATUS(run(&model, x, 2, &want, 1), SOMA_OK, &err, "");
    CHECK_STATUS(soma_run_with_scratch(&model, x, 2, &got, 1, scratch, 4, &err), SOMA_OK, &err, "");
    CHECK_EQ_BITS(got, want);
    CHECK_STATUS(soma_run_with_scratch(&model, x, 2, &got, 1, scratch, 3, &err), SOMA_E_CAPACITY,
                 &err, "scratch: 3 floats, but the model needs 4");
    CHECK_STATUS(soma_run_with_scratch(&model, x, 2, &got, 1, NULL, 4, &err), SOMA_E_ARGUMENT, &err,
                 "scratch: NULL pointer");
    x[1] = NAN;
    CHECK_STATUS(soma_run_with_scratch(&model, x, 2, &got, 1, scratch, 4, &err), SOMA_E_ARGUMENT,
                 &err, "input[1]: not a finite number");
}

/* ---- Numbers from text ---- */

/* Loads a 1 -> 1 identity model whose bias is `text`; returns the status, bias in *out. */
static soma_status bias_of(const char *text, float *out)
{
    char json[512];
    const float zero = 0.0f;
    soma_status status;
    snprintf(json, sizeof json,
             "{\"format\":\"soma-model\",\"version\":1,\"name\":\"b\",\"inputs\":1,\"outputs\":1,"
             "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
             "\"weights\":[[0]],\"bias\":[%s],\"activation\":{\"name\":\"identity\"}}]}",
             text);
    status = load(&model, json);
    if (status == SOMA_OK) {
        /* fmaf(0, 0, bias) = bias for every non-zero bias. */
        status = run(&model, &zero, 1, out, 1);
    }
    return status;
}

/* Independent FNV-1a 64 over one binary32 value's little-endian bytes. */
static uint64_t fnv_float(uint64_t h, float f)
{
    const uint32_t u = float_bits(f);
    int k;
    for (k = 0; k < 4; k++) {
        h ^= (u >> (8 * k)) & 0xffu;
        h *= 0x100000001b3u;
    }
    return h;
}

static void test_numbers(void)
{
    static const char *const texts[] = {"0.1", "-0.7", "1e-45", "3.4028235e38", "-1.17549435e-38",
                                         "16777217", "123456789", "2.5E-3", "100000000000000000000",
                                         "1.0000000596046447777838656"};
    float y = 0.0f;
    size_t k;
    for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        CHECK_STATUS(bias_of(texts[k], &y), SOMA_OK, &err, "");
        CHECK_EQ_BITS(y, strtof(texts[k], NULL));
    }
    CHECK_STATUS(bias_of("16777217", &y), SOMA_OK, &err, "");
    CHECK_EQ_BITS(y, 16777216.0f);
    CHECK_STATUS(bias_of("1e-45", &y), SOMA_OK, &err, "");
    CHECK(float_bits(y) == 1u); /* the smallest subnormal */
    /* Read directly, not through a double: a double would round twice, to 1. */
    CHECK_STATUS(bias_of("1.0000000596046447777838656", &y), SOMA_OK, &err, "");
    CHECK(float_bits(y) == 0x3f800001u);
    CHECK(float_bits((float)strtod("1.0000000596046447777838656", NULL)) == 0x3f800000u);
    /*
     * 16 digits and 10^-14 or 10^-16: inside the loader's fast path (soma_decimal.c), yet the
     * double nearest each is a binary32 halfway point that the decimal is not, so rounding it
     * again goes the wrong way. The loader must hand these to strtof.
     */
    CHECK_STATUS(bias_of("36.72598838806152", &y), SOMA_OK, &err, "");
    CHECK(float_bits(y) == 0x4212e769u);
    CHECK(float_bits((float)strtod("36.72598838806152", NULL)) == 0x4212e76au);
    CHECK_STATUS(bias_of("0.8592769205570221", &y), SOMA_OK, &err, "");
    CHECK(float_bits(y) == 0x3f5bf993u);
    CHECK_STATUS(bias_of("-6271917000412941e-17", &y), SOMA_OK, &err, "");
    CHECK(float_bits(y) == 0xbd8072e9u);
    /* Cut numbers: json-c refuses them ("number expected"), where they stand. */
    CHECK_STATUS(bias_of("1e", &y), SOMA_E_JSON, &err, "line 1, column 169");
    CHECK_STATUS(bias_of("1E+", &y), SOMA_E_JSON, &err, "line 1, column 170");
    CHECK_STATUS(bias_of("-", &y), SOMA_E_JSON, &err, "line 1, column 168");
    CHECK_STATUS(bias_of("1e-50", &y), SOMA_OK, &err, ""); /* rounds to 0, accepted */
    CHECK_STATUS(bias_of("1e39", &y), SOMA_E_VALUE, &err, "layers[0].bias[0]: 1e39");
    CHECK_STATUS(bias_of("-3.5e38", &y), SOMA_E_VALUE, &err, "layers[0].bias[0]");
    /* Not JSON, though json-c takes them: refused with their line and column. */
    CHECK_STATUS(bias_of("NaN", &y), SOMA_E_JSON, &err, "NaN and Infinity are not JSON numbers");
    CHECK_STATUS(bias_of("Infinity", &y), SOMA_E_JSON, &err, "NaN and Infinity are not JSON numbers");
    CHECK_STATUS(bias_of("1e999", &y), SOMA_E_VALUE, &err, "layers[0].bias[0]");
    CHECK_STATUS(bias_of("\"0.5\"", &y), SOMA_E_FIELD, &err, "layers[0].bias[0]: expected a number");
    CHECK_STATUS(bias_of("null", &y), SOMA_E_FIELD, &err, "layers[0].bias[0]: expected a number, found null");
    CHECK_STATUS(bias_of("1.", &y), SOMA_E_JSON, &err, "malformed number");
    CHECK_STATUS(bias_of("01", &y), SOMA_E_JSON, &err, "line 1");
    CHECK_STATUS(bias_of("+1", &y), SOMA_E_JSON, &err, "line 1");

    /* "-0" keeps its sign (json-c prints the integer as "0"): the checksum sees it. */
    {
        char json[640];
        uint64_t h = 0xcbf29ce484222325u;
        h = fnv_float(h, 0.0f);  /* weights [[0]] */
        h = fnv_float(h, -0.0f); /* bias [-0] */
        snprintf(json, sizeof json,
                 "{\"format\":\"soma-model\",\"version\":1,\"name\":\"z\",\"inputs\":1,\"outputs\":1,"
                 "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
                 "\"weights\":[[0]],\"bias\":[%s],\"activation\":{\"name\":\"identity\"}}],"
                 "\"checksum\":\"fnv1a64:%016llx\"}",
                 "-0", (unsigned long long)h);
        CHECK_STATUS(load(&model, json), SOMA_OK, &err, "");
        memcpy(strstr(json, "[-0]"), "[ 0]", 4);
        CHECK_STATUS(load(&model, json), SOMA_E_CHECKSUM, &err, "checksum: the file says fnv1a64:");
    }
}

/*
 * Arrays of numbers are read from the text, not through json-c (soma_runs.h):
 * a layer 1 -> RUN_WIDTH whose weights and bias are many numbers in every form
 * the grammar allows, between every kind of separator, each compared with
 * strtof's reading of its text.
 */
#define RUN_WIDTH 600

static void test_number_runs(void)
{
    static const char *const separators[] = {",", ", ", " ,", ",\n      ", "\t,\r\n", " , "};
    static char json[RUN_WIDTH * 64 + 1024];
    static char texts[2 * RUN_WIDTH][40];
    uint64_t state = 0x2545f4914f6cdd1du;
    const float *p = storage_of(&model);
    size_t k, at = 0;
    float y;

    for (k = 0; k < 2 * RUN_WIDTH; k++) {
        uint32_t u;
        float f;
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        u = (uint32_t)(state >> 32) & 0xbfffffffu; /* below 2^65: no infinities, no NaNs */
        memcpy(&f, &u, sizeof f);
        switch (k % 6) {
        case 0: snprintf(texts[k], sizeof texts[k], "%.9g", (double)f); break;
        case 1: snprintf(texts[k], sizeof texts[k], "%.17g", (double)f); break;
        case 2: snprintf(texts[k], sizeof texts[k], "%.*g", (int)(state % 16) + 1, (double)f); break;
        case 3: snprintf(texts[k], sizeof texts[k], "%lluE%d", (unsigned long long)(state >> 11),
                         (int)(state % 30) - 25); break; /* below 1e21: within binary32 range */
        case 4: snprintf(texts[k], sizeof texts[k], "-0.%06llu", (unsigned long long)(state % 1000000)); break;
        default: snprintf(texts[k], sizeof texts[k], "%lld", (long long)(state % 2000001) - 1000000); break;
        }
    }
    /* The halfway cases of test_numbers, and zeros of both signs, among them. */
    snprintf(texts[7], sizeof texts[7], "36.72598838806152");
    snprintf(texts[11], sizeof texts[11], "-0");
    snprintf(texts[RUN_WIDTH + 5], sizeof texts[0], "0.8592769205570221");
    snprintf(texts[RUN_WIDTH + 6], sizeof texts[0], "0e5");

    at += (size_t)snprintf(json + at, sizeof json - at,
                           "{\"format\":\"soma-model\",\"version\":1,\"name\":\"runs\",\"inputs\":1,"
                           "\"outputs\":%d,\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":%d,"
                           "\"layout\":\"output-major\",\"weights\":[",
                           RUN_WIDTH, RUN_WIDTH);
    for (k = 0; k < RUN_WIDTH; k++) {
        at += (size_t)snprintf(json + at, sizeof json - at, "%s[ %s ]", k == 0 ? "" : ",", texts[k]);
    }
    at += (size_t)snprintf(json + at, sizeof json - at, "],\"bias\":[\n");
    for (k = 0; k < RUN_WIDTH; k++) {
        at += (size_t)snprintf(json + at, sizeof json - at, "%s%s", k == 0 ? "" : separators[k % 6],
                               texts[RUN_WIDTH + k]);
    }
    snprintf(json + at, sizeof json - at, "\n],\"activation\":{\"name\":\"identity\"}}]}");

    CHECK_STATUS(load(&model, json), SOMA_OK, &err, "");
    /* One input: the weights, then the bias, each in the file's order. */
    for (k = 0; k < 2 * RUN_WIDTH; k++) {
        const float want = strtof(texts[k], NULL);
        if (float_bits(p[k]) != float_bits(want)) {
            char what[128];
            snprintf(what, sizeof what, "parameter %zu, \"%s\": got 0x%08lx, strtof gives 0x%08lx", k,
                     texts[k], (unsigned long)float_bits(p[k]), (unsigned long)float_bits(want));
            report(0, __FILE__, __LINE__, what);
        } else {
            passed++;
        }
    }
    CHECK(float_bits(p[11]) == 0x80000000u);

    /* Where arrays of numbers stand for something else, they say what they are. */
    CHECK_STATUS(bias_of("1 , 2", &y), SOMA_E_SHAPE, &err, "layers[0].bias: expected 1 numbers, found 2");
    CHECK_STATUS(bias_of(" ", &y), SOMA_E_SHAPE, &err, "layers[0].bias: expected 1 numbers, found 0");
    CHECK_STATUS(bias_of("1,,2", &y), SOMA_E_JSON, &err, "line 1");
    CHECK_STATUS(bias_of("1 2", &y), SOMA_E_JSON, &err, "line 1");
    CHECK_STATUS(bias_of("1,", &y), SOMA_E_JSON, &err, "line 1");
    CHECK_STATUS(bias_of("[1]", &y), SOMA_E_FIELD, &err, "layers[0].bias[0]: expected a number, found an array");
    CHECK_STATUS(load(&model,
                      "{\"format\":\"soma-model\",\"version\":1,\"name\":\"[1, 2]\",\"inputs\":1,"
                      "\"outputs\":1,\"layers\":[[1,2]]}"),
                 SOMA_E_FIELD, &err, "layers[0]: expected an object, found an array");
    CHECK_STATUS(load(&model,
                      "{\"format\":\"soma-model\",\"version\":1,\"name\":\"x\",\"inputs\":1,"
                      "\"outputs\":1,\"layers\":[1.5, 2]}"),
                 SOMA_E_FIELD, &err, "layers[0]: expected an object, found a number");
    CHECK_STATUS(load(&model,
                      "{\"format\":\"soma-model\",\"version\":1,\"name\":\"x\",\"inputs\":1,"
                      "\"outputs\":1,\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,"
                      "\"layout\":\"output-major\",\"weights\":[0.5],\"bias\":[0],"
                      "\"activation\":{\"name\":\"identity\"}}]}"),
                 SOMA_E_FIELD, &err, "layers[0].weights[0]: expected an array of 1 numbers, found a number");
}

/* ---- Text-level checks: duplicates, strings, trailing bytes ---- */

static void test_text(void)
{
    static const char tricky[] =
        "{\"format\":\"soma-model\",\"version\":1,\"name\":\"a:b{\\\"c\\\": 1, \\\"name\\\": [}\","
        "\"inputs\":1,\"outputs\":1,\"training\":{\"note\":\"'quoted' \\\\\", \"x\":{\"y\":1}},"
        "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
        "\"weights\":[[2]],\"bias\":[0.5],\"activation\":{\"name\":\"identity\"}}]}   \n";
    char buf[1024];
    const float one = 1.0f;
    float y;

    /* Braces, quotes, colons and escapes inside strings fool nothing. */
    CHECK_STATUS(load(&model, tricky), SOMA_OK, &err, "");
    CHECK(strcmp(soma_model_name(&model), "a:b{\"c\": 1, \"name\": [}") == 0);
    CHECK_STATUS(run(&model, &one, 1, &y, 1), SOMA_OK, &err, "");
    CHECK_EQ_BITS(y, 2.5f);

    /* Not NUL-terminated: only `length` bytes are read. */
    memcpy(buf, tricky, sizeof tricky - 1);
    memcpy(buf + sizeof tricky - 1, "garbage", 7);
    CHECK_STATUS(soma_load_string(&model, model_storage, STORAGE_FLOATS, buf, sizeof tricky - 1, &err), SOMA_OK, &err, "");
    CHECK_STATUS(soma_load_string(&model, model_storage, STORAGE_FLOATS, buf, sizeof tricky - 1 + 7, &err), SOMA_E_JSON, &err,
                 "line 2, column 1");
    /* A NUL after the document is trailing garbage too. */
    CHECK_STATUS(soma_load_string(&model, model_storage, STORAGE_FLOATS, tricky, sizeof tricky, &err), SOMA_E_JSON, &err,
                 "unexpected text after the JSON value");
    CHECK(soma_input_count(&model) == 0); /* left unloaded */

    /* Duplicates, nested and escaped. */
    CHECK_STATUS(load(&model,
                      "{\"format\":\"soma-model\",\"version\":1,\"name\":\"d\",\"inputs\":1,\"outputs\":1,"
                      "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
                      "\"weights\":[[2]],\"bias\":[0.5],\"activation\":{\"name\":\"identity\",\"name\":\"relu\"}}]}"),
                 SOMA_E_FIELD, &err, "layers[0].activation.name: the key appears twice");
    CHECK_STATUS(load(&model,
                      "{\"format\":\"soma-model\",\"version\":1,\"name\":\"d\",\"inputs\":1,\"outputs\":1,"
                      "\"training\":{\"a\":{\"k\":1,\"k\":{\"n\":[1,2,3]}}},"
                      "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
                      "\"weights\":[[2]],\"bias\":[0.5],\"activation\":{\"name\":\"identity\"}}]}"),
                 SOMA_E_FIELD, &err, "training.a.k: the key appears twice");
    CHECK_STATUS(load(&model,
                      "{\"format\":\"soma-model\",\"version\":1,\"name\":\"d\",\"inputs\":1,\"outputs\":1,"
                      "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
                      "\"weights\":[[2]],\"bias\":[0.5],\"bi\\u0061s\":[1],\"activation\":{\"name\":\"identity\"}}]}"),
                 SOMA_E_FIELD, &err, "appears twice");
    /* Strings JSON does not allow. */
    CHECK_STATUS(load(&model, "{\"format\":\"soma-model\",\"version\":1,\"name\":\"tab\there\"}"),
                 SOMA_E_JSON, &err, "line 1");
    CHECK_STATUS(load(&model, "{\"format\":\"soma-model\",\"version\":1,\"name\":\"\\u0000x\","
                              "\"inputs\":1,\"outputs\":1,\"layers\":[]}"),
                 SOMA_E_VALUE, &err, "name: contains a NUL");
    CHECK_STATUS(load(&model, "{\"format\":\"soma-model\",\"version\":1,\"name\":\"\xff\"}"),
                 SOMA_E_JSON, &err, "invalid UTF-8");
    CHECK_STATUS(load(&model, ""), SOMA_E_JSON, &err, "line 1, column 1");
    CHECK_STATUS(load(&model, "{\"format\":\n  \"soma-model\",\n  \"version\": 1,,"), SOMA_E_JSON,
                 &err, "line 3, column 16");
    CHECK_STATUS(load(&model, "{\"format\":\"soma-model\",\"version\":\"1\"}"), SOMA_E_FIELD, &err,
                 "version: expected an integer, found a string");
}

/* ---- Bad fixtures: one per status code and more ---- */

static void test_bad_fixtures(void)
{
    static const struct {
        const char *file;
        soma_status status;
        const char *needle;
    } cases[] = {
        {"no_such_file.json", SOMA_E_IO, "cannot open the file"},
        {"empty.json", SOMA_E_JSON, "line 1, column 1: the document is empty"},
        {"truncated.json", SOMA_E_JSON, "unexpected end of the text"},
        {"not_json.json", SOMA_E_JSON, "line 1, column 1"},
        {"trailing_garbage.json", SOMA_E_JSON, "line 37, column 1"},
        {"deep_nesting.json", SOMA_E_JSON, "nesting too deep"},
        {"single_quotes.json", SOMA_E_JSON, "line 1, column 48"},
        {"root_array.json", SOMA_E_FORMAT, "document: expected a JSON object"},
        {"wrong_format.json", SOMA_E_FORMAT, "format: \"onnx\" is not \"soma-model\""},
        {"version_4.json", SOMA_E_FORMAT, "version: 4 is not supported (this runtime reads versions 1 to 3)"},
        {"maxout_pieces_one.json", SOMA_E_VALUE, "layers[0].pieces: 1 is fewer than 2"},
        {"maxout_pieces_missing.json", SOMA_E_FIELD, "layers[0].pieces: required member is missing"},
        {"maxout_weight_rows.json", SOMA_E_SHAPE, "layers[0].weights: expected 9 rows, found 3"},
        {"maxout_bias_count.json", SOMA_E_SHAPE, "layers[0].bias: expected 9 numbers, found 3"},
        {"maxout_in_version_2.json", SOMA_E_UNSUPPORTED,
         "layers[0].type: \"maxout\" is a version 3 layer type; this file says version 2"},
        {"maxout_not_chaining.json", SOMA_E_SHAPE, "layers[1]: inputs is 3 but the previous layer gives 2"},
        {"v1_output_scaling.json", SOMA_E_FORMAT, "output_scaling: is a version 2 member; this file says version 1"},
        {"v1_feature_names.json", SOMA_E_FORMAT, "feature_names: is a version 2 member; this file says version 1"},
        {"output_scaling_std_zero.json", SOMA_E_VALUE, "output_scaling.std[0]: 0 is not > 0"},
        {"output_scaling_count.json", SOMA_E_SHAPE, "output_scaling.mean: expected 1 numbers, found 2"},
        {"feature_names_count.json", SOMA_E_SHAPE, "feature_names: 1 names, expected 2 (one per input)"},
        {"feature_names_number.json", SOMA_E_FIELD, "feature_names[1]: expected a string, found a number"},
        {"missing_layers.json", SOMA_E_FIELD, "layers: required member is missing"},
        {"bias_string.json", SOMA_E_FIELD, "layers[0].bias[1]: expected a number"},
        {"activation_not_object.json", SOMA_E_FIELD, "layers[0].activation: expected an object"},
        {"missing_alpha.json", SOMA_E_FIELD, "layers[0].activation.alpha: required member is missing"},
        {"size_float.json", SOMA_E_FIELD, "inputs: expected an integer"},
        {"duplicate_key.json", SOMA_E_FIELD, "layers[0].bias: the key appears twice in one object (line 24"},
        {"duplicate_top_key.json", SOMA_E_FIELD, "name: the key appears twice"},
        {"nan.json", SOMA_E_JSON, "line 1, column 227: NaN and Infinity are not JSON numbers"},
        {"infinity.json", SOMA_E_JSON, "line 1, column 211: NaN and Infinity are not JSON numbers"},
        {"huge_1e999.json", SOMA_E_VALUE, "layers[0].weights[0][0]: 1e999"},
        {"beyond_float_1e39.json", SOMA_E_VALUE, "layers[0].bias[0]: 1e39"},
        {"huge_integer.json", SOMA_E_VALUE, "layers[0].bias[0]: 1000000000000000000000"},
        {"size_zero.json", SOMA_E_VALUE, "layers[0].outputs: 0 is not a size"},
        {"size_negative.json", SOMA_E_VALUE, "inputs: -2 is not a size"},
        {"std_zero.json", SOMA_E_VALUE, "input_scaling.std[1]: 0 is not > 0"},
        {"variance_negative.json", SOMA_E_VALUE, "layers[0].variance[1]: -0.5 is negative"},
        {"bad_base64.json", SOMA_E_VALUE, "layers[0].weights.data: not base64"},
        {"checksum_malformed.json", SOMA_E_VALUE, "checksum: \"fnv1a64:0123456789ABCDEF\""},
        {"name_empty.json", SOMA_E_VALUE, "name: 0 bytes"},
        {"layers_empty.json", SOMA_E_VALUE, "layers: empty"},
        {"weights_rows.json", SOMA_E_SHAPE, "layers[0].weights: expected 3 rows, found 2"},
        {"weights_row_length.json", SOMA_E_SHAPE, "layers[0].weights[1]: expected 2 numbers, found 3"},
        {"not_chaining.json", SOMA_E_SHAPE, "layers[1]: inputs is 3 but the previous layer gives 2"},
        {"model_inputs_mismatch.json", SOMA_E_SHAPE, "layers[0]: inputs is 2 but the model's inputs is 3"},
        {"model_outputs_mismatch.json", SOMA_E_SHAPE, "outputs: 2 but the last layer gives 1"},
        {"packed_count.json", SOMA_E_SHAPE, "layers[0].weights.count: 3 but the layer needs 2"},
        {"labels_count.json", SOMA_E_SHAPE, "labels: 3 names"},
        {"unknown_activation.json", SOMA_E_UNSUPPORTED, "layers[0].activation.name: unknown activation \"gelu\""},
        {"unknown_layer.json", SOMA_E_UNSUPPORTED, "layers[0].type: unknown layer type \"conv2d\""},
        {"packed_encoding.json", SOMA_E_UNSUPPORTED, "layers[0].weights.encoding: \"base64-f16le\""},
        {"layout_input_major.json", SOMA_E_UNSUPPORTED, "layers[0].layout: \"input-major\""},
        {"too_wide.json", SOMA_E_CAPACITY, "layers[0].outputs: 2000 exceeds SOMA_MAX_WIDTH (1024)"},
        {"too_many_layers.json", SOMA_E_CAPACITY, "layers: 17 layers exceed SOMA_MAX_LAYERS (16)"},
        {"too_many_params.json", SOMA_E_CAPACITY, "storage: 1048576 floats, but the model needs 1050625"},
        {"checksum_mismatch.json", SOMA_E_CHECKSUM,
         "checksum: the file says fnv1a64:0123456789abcdef, the parameters give fnv1a64:"},
        /* Wrong types at every level. */
        {"format_number.json", SOMA_E_FIELD, "format: expected a string, found a number"},
        {"name_number.json", SOMA_E_FIELD, "name: expected a string, found a number"},
        {"task_number.json", SOMA_E_FIELD, "task: expected a string, found a number"},
        {"checksum_number.json", SOMA_E_FIELD, "checksum: expected a string, found a number"},
        {"label_number.json", SOMA_E_FIELD, "labels[0]: expected a string, found a number"},
        {"layers_number.json", SOMA_E_FIELD, "layers: expected an array, found a number"},
        {"layer_not_object.json", SOMA_E_FIELD, "layers[0]: expected an object, found a number"},
        {"type_number.json", SOMA_E_FIELD, "layers[0].type: expected a string, found a number"},
        {"layout_number.json", SOMA_E_FIELD, "layers[0].layout: expected a string, found a number"},
        {"weights_number.json", SOMA_E_FIELD,
         "layers[0].weights: expected 1 arrays of 2 numbers or a packed array, found a number"},
        {"weights_row_number.json", SOMA_E_FIELD,
         "layers[0].weights[0]: expected an array of 2 numbers, found a number"},
        {"bias_number.json", SOMA_E_FIELD,
         "layers[0].bias: expected an array of 1 numbers or a packed array, found a number"},
        {"activation_name_number.json", SOMA_E_FIELD,
         "layers[0].activation.name: expected a string, found a number"},
        {"alpha_string.json", SOMA_E_FIELD, "layers[0].activation.alpha: expected a number, found a string"},
        {"prelu_alpha_number.json", SOMA_E_FIELD,
         "layers[0].activation.alpha: expected an array of 1 numbers or a packed array, found a number"},
        {"scaling_array.json", SOMA_E_FIELD, "input_scaling: expected an object, found an array"},
        {"scaling_mean_string.json", SOMA_E_FIELD,
         "input_scaling.mean: expected an array of 2 numbers, found a string"},
        {"scaling_mean_bool.json", SOMA_E_FIELD, "input_scaling.mean[1]: expected a number, found a boolean"},
        {"scaling_std_length.json", SOMA_E_SHAPE, "input_scaling.std: expected 2 numbers, found 1"},
        {"root_null.json", SOMA_E_FORMAT, "document: expected a JSON object (a Soma model), found null"},
        /* Sizes and values. */
        {"size_minus_zero.json", SOMA_E_VALUE, "inputs: -0 is not a size"},
        {"batchnorm_size_negative.json", SOMA_E_VALUE, "layers[0].size: -2 is not a size"},
        {"size_enormous.json", SOMA_E_VALUE,
         "inputs: 99999999999999999999 is larger than the format's largest size, 2147483647"},
        {"size_4294967296.json", SOMA_E_VALUE, "layers[0].outputs: 4294967296 is larger than the format's"},
        {"packed_count_huge.json", SOMA_E_VALUE, "layers[0].weights.count: 99999999999999999999 is larger than the format's"},
        {"epsilon_zero.json", SOMA_E_VALUE, "layers[0].epsilon: 0 is not > 0"},
        {"infinity_epsilon.json", SOMA_E_JSON, "line 11, column 18: NaN and Infinity are not JSON"},
        {"nan_in_scaling.json", SOMA_E_JSON, "line 30, column 7: NaN and Infinity are not JSON"},
        /* Text. */
        {"truncated_in_string.json", SOMA_E_JSON, "line 12, column 24: unexpected end of the text"},
        {"invalid_utf8.json", SOMA_E_JSON, "line 4, column 14: invalid UTF-8"},
        {"invalid_utf8_overlong.json", SOMA_E_JSON, "line 4, column 14: invalid UTF-8"},
        /* Decided in docs/model-format.md (version 2's changes); the Swift reader and the
         * schema give the same verdicts (Tests/SomaRuntimeTests/ConformanceTests.swift). */
        {"size_2e0.json", SOMA_E_FIELD, "inputs: expected an integer, found a number"},
        {"version_1_0.json", SOMA_E_FIELD, "version: expected an integer, found a number"},
        {"packed_count_3_0.json", SOMA_E_FIELD, "layers[0].weights.count: expected an integer"},
        {"size_4294967298.json", SOMA_E_VALUE, "layers[0].outputs: 4294967298 is larger than the format's"},
        {"std_1e-50.json", SOMA_E_VALUE, "input_scaling.std[1]: 0 is not > 0"},
        {"epsilon_1e-50.json", SOMA_E_VALUE, "layers[1].epsilon: 0 is not > 0"},
        {"packed_nan.json", SOMA_E_VALUE, "layers[0].bias[0]: packed value is not finite"},
        {"packed_infinity.json", SOMA_E_VALUE, "layers[0].weights[1]: packed value is not finite"},
        {"packed_pad_bits.json", SOMA_E_VALUE, "layers[0].weights.data: not base64: non-zero bits"},
        {"name_nul.json", SOMA_E_VALUE, "name: contains a NUL character"},
        {"name_64_bytes_utf8.json", SOMA_E_VALUE, "name: 64 bytes, expected 1 to 63"},
        {"name_lone_surrogate.json", SOMA_E_JSON, "line 4, column 13: a \\u escape leaves a lone high surrogate"},
        {"training_nested_33.json", SOMA_E_JSON, "line 18, column 54: nesting too deep"},
        {"training_string.json", SOMA_E_FIELD, "training: expected an object, found a string"},
        {"task_other.json", SOMA_E_VALUE, "task: must be \"classification\" or \"regression\", found \"other\""},
        {"relu_alpha.json", SOMA_E_FIELD, "layers[0].activation.alpha: relu takes no alpha"},
        {"swish_alpha.json", SOMA_E_FIELD, "layers[0].activation.alpha: swish takes no alpha"},
        {"selftest_nan.json", SOMA_E_JSON, "line 88, column 9: NaN and Infinity are not JSON numbers"},
    };
    /* Fixtures that load but fail verification (a malformed or disagreeing self_test). */
    static const struct {
        const char *file;
        soma_status status;
        const char *needle;
    } verify_cases[] = {
        {"selftest_mismatch.json", SOMA_E_SELFTEST,
         "self_test.layer_outputs[0][1][0]: expected 2.50000024 got 2.5 (1 ULP, 2.38e-07)"},
        /* Bits, not values: the file says -0, the model computes +0 (0 ULP apart). */
        {"selftest_minus_zero.json", SOMA_E_SELFTEST, "self_test.outputs[0][0]: expected -0 got 0 (0 ULP"},
        {"selftest_not_object.json", SOMA_E_FIELD, "self_test: expected an object, found an array"},
        {"selftest_missing_outputs.json", SOMA_E_FIELD, "self_test.outputs: required member is missing"},
        {"selftest_inputs_number.json", SOMA_E_FIELD, "self_test.inputs: expected an array, found a number"},
        {"selftest_input_length.json", SOMA_E_SHAPE, "self_test.inputs[0]: expected 3 numbers, found 2"},
        {"selftest_string_value.json", SOMA_E_FIELD,
         "self_test.outputs[0][1]: expected a number, found a string"},
        {"selftest_layer_width.json", SOMA_E_SHAPE,
         "self_test.layer_outputs[0][1]: expected 4 numbers, found 3"},
        {"selftest_layer_count.json", SOMA_E_SHAPE, "self_test.layer_outputs[1]: expected 2 layers, found 1"},
        {"selftest_counts.json", SOMA_E_SHAPE, "self_test.outputs: 3 vectors, but inputs has 2"},
        /* The first of equal pieces wins: piece 0 gives -0, piece 1 +0, so the output is -0. */
        {"maxout_selftest_tie.json", SOMA_E_SELFTEST, "self_test.layer_outputs[0][0][0]: expected 0 got -0"},
    };
    soma_verify_report rep;
    DIR *listing;
    struct dirent *entry;
    char dir[512];
    size_t k;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        /* Load a good model first: a failed load must leave the storage unloaded. */
        CHECK_STATUS(load_fixture(&model, "good", "and.json"), SOMA_OK, &err, "");
        err.status = SOMA_OK;
        check_status(load_fixture(&model, "bad", cases[k].file), cases[k].status, &err,
                     cases[k].needle, __FILE__, __LINE__, cases[k].file);
        CHECK(soma_input_count(&model) == 0 && soma_layer_count(&model) == 0);
        /* Verification refuses them the same way, and says so in the report. */
        CHECK_STATUS(verify_fixture(&other, "bad", cases[k].file, &rep), cases[k].status, &err,
                     cases[k].needle);
        CHECK(!rep.passed && strstr(rep.message, cases[k].needle) != NULL);
        CHECK(soma_input_count(&other) == 0);
    }
    for (k = 0; k < sizeof verify_cases / sizeof verify_cases[0]; k++) {
        CHECK_STATUS(load_fixture(&model, "bad", verify_cases[k].file), SOMA_OK, &err, "");
        err.status = SOMA_OK;
        check_status(verify_fixture(&model, "bad", verify_cases[k].file, &rep), verify_cases[k].status,
                     &err, verify_cases[k].needle, __FILE__, __LINE__, verify_cases[k].file);
        CHECK(!rep.passed && strstr(rep.message, verify_cases[k].needle) != NULL);
        /* Only a disagreement leaves the model loaded; a malformed self_test does not. */
        CHECK((soma_input_count(&model) != 0) == (verify_cases[k].status == SOMA_E_SELFTEST));
    }
    /* Every file in bad/ is in one of the tables above. */
    snprintf(dir, sizeof dir, "%s/bad", fixtures);
    listing = opendir(dir);
    CHECK(listing != NULL);
    while (listing != NULL && (entry = readdir(listing)) != NULL) {
        int listed = entry->d_name[0] == '.';
        for (k = 0; !listed && k < sizeof cases / sizeof cases[0]; k++) {
            listed = strcmp(cases[k].file, entry->d_name) == 0;
        }
        for (k = 0; !listed && k < sizeof verify_cases / sizeof verify_cases[0]; k++) {
            listed = strcmp(verify_cases[k].file, entry->d_name) == 0;
        }
        report(listed, __FILE__, __LINE__, entry->d_name);
    }
    if (listing != NULL) {
        closedir(listing);
    }
    CHECK_STATUS(soma_load_file(&model, model_storage, STORAGE_FLOATS, dir, &err), SOMA_E_IO, &err, "directory");
    /* A NULL error is allowed everywhere. */
    CHECK(load_fixture(&model, "bad", "version_4.json") == SOMA_E_FORMAT);
    CHECK(soma_load_file(&model, model_storage, STORAGE_FLOATS, dir, NULL) == SOMA_E_IO);
}

/* ---- Checksums ---- */

static void test_checksum(void)
{
    /* The fixture's checksum was written by an independent implementation. */
    CHECK_STATUS(load_fixture(&model, "good", "scaled_batchnorm.json"), SOMA_OK, &err, "");
    /* And this file's own, computed here over and.json's values. */
    {
        char json[640];
        uint64_t h = 0xcbf29ce484222325u;
        h = fnv_float(h, 0.5f);
        h = fnv_float(h, 0.5f);
        h = fnv_float(h, -0.7f);
        snprintf(json, sizeof json,
                 "{\"format\":\"soma-model\",\"version\":1,\"name\":\"and\",\"inputs\":2,\"outputs\":1,"
                 "\"checksum\":\"fnv1a64:%016llx\","
                 "\"layers\":[{\"type\":\"dense\",\"inputs\":2,\"outputs\":1,\"layout\":\"output-major\","
                 "\"weights\":{\"encoding\":\"base64-f32le\",\"count\":2,\"data\":\"AAAAPwAAAD8=\"},"
                 "\"bias\":[-0.7],\"activation\":{\"name\":\"leaky_relu\",\"alpha\":0.25}}]}",
                 (unsigned long long)fnv_float(h, 0.25f));
        CHECK_STATUS(load(&model, json), SOMA_OK, &err, "");
        *strstr(json, "0.25") = '1';
        CHECK_STATUS(load(&model, json), SOMA_E_CHECKSUM, &err, "the parameters give fnv1a64:");
    }
}

/* ---- Self-test verification ---- */

static void test_verify(void)
{
    static const char unit[] =
        "{\"format\":\"soma-model\",\"version\":1,\"name\":\"u\",\"inputs\":1,\"outputs\":1,"
        "\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,\"layout\":\"output-major\","
        "\"weights\":[[2]],\"bias\":[0.5],\"activation\":{\"name\":\"identity\"}}],"
        "\"self_test\":%s}";
    char json[1024];
    soma_verify_report rep;
    float y = 0.0f;
    const float one = 1.0f;

    CHECK_STATUS(verify_fixture(&model, "good", "xor_selftest.json", &rep), SOMA_OK, &err, "");
    CHECK(rep.passed && rep.vectors == 4 && rep.layers == 2 && rep.values == 4 * (3 + 1));
    CHECK(rep.max_ulps == 0);
    CHECK(strcmp(rep.message, "self-test passed (4 vectors, 2 layers)") == 0);
    CHECK(soma_layer_count(&model) == 2); /* loaded */
    CHECK_STATUS(verify_fixture(&model, "good", "layout_3_2_4_selftest.json", &rep), SOMA_OK, &err, "");
    CHECK(rep.passed && rep.vectors == 2 && rep.values == 2 * (2 + 4 + 4));
    CHECK_STATUS(verify_fixture(&model, "good", "layout_3_2_4_selftest_outputs.json", &rep), SOMA_OK,
                 &err, "");
    CHECK(strcmp(rep.message, "self-test passed (2 vectors, outputs only)") == 0 && rep.layers == 0);
    /* Maxout (format 3): its self-test holds a -0 that only the first-piece-wins tie rule gives. */
    CHECK_STATUS(verify_fixture(&model, "good", "maxout_2_3x3_1.json", &rep), SOMA_OK, &err, "");
    CHECK(rep.passed && rep.vectors == 4 && rep.layers == 2);
    CHECK(soma_layer_kind_at(&model, 0) == SOMA_LAYER_MAXOUT && soma_layer_pieces(&model, 0) == 3);
    CHECK(soma_layer_outputs(&model, 0) == 3 && soma_layer_pieces(&model, 1) == 1);
    CHECK_STATUS(verify_fixture(&model, "good", "and.json", &rep), SOMA_OK, &err, "");
    CHECK(rep.passed && rep.vectors == 0 && strcmp(rep.message, "no self-test vectors") == 0);
    CHECK(soma_input_count(&model) == 2);

    /* The first divergence, in full. */
    CHECK_STATUS(verify_fixture(&model, "bad", "selftest_mismatch.json", &rep), SOMA_E_SELFTEST, &err,
                 "self_test.layer_outputs[0][1][0]");
    CHECK(!rep.passed && rep.vector == 0 && rep.layer == 1 && rep.element == 0);
    CHECK(float_bits(rep.expected) == 0x40200001u && float_bits(rep.got) == float_bits(2.5f));
    CHECK(rep.ulps == 1 && rep.max_ulps == 1 && rep.difference == 0x1p-22);
    CHECK(strcmp(rep.message, err.message) == 0);

    /* In the outputs, from a string; an empty list; a NULL error. */
    snprintf(json, sizeof json, unit, "{\"inputs\":[[1],[0]],\"outputs\":[[2.5],[0.5]]}");
    CHECK_STATUS(soma_verify_string(&model, model_storage, STORAGE_FLOATS, json, strlen(json), &rep, &err), SOMA_OK, &err, "");
    CHECK(rep.vectors == 2 && rep.values == 2);
    CHECK_STATUS(run(&model, &one, 1, &y, 1), SOMA_OK, &err, "");
    CHECK_EQ_BITS(y, 2.5f);
    snprintf(json, sizeof json, unit, "{\"inputs\":[[1],[0]],\"outputs\":[[2.5],[-0.5]]}");
    CHECK_STATUS(soma_verify_string(&model, model_storage, STORAGE_FLOATS, json, strlen(json), &rep, &err), SOMA_E_SELFTEST, &err,
                 "self_test.outputs[1][0]: expected -0.5 got 0.5 (");
    CHECK(rep.layer == SOMA_VERIFY_OUTPUT && rep.vector == 1 && rep.difference == 1.0);
    CHECK(soma_verify_string(&model, model_storage, STORAGE_FLOATS, json, strlen(json), &rep, NULL) == SOMA_E_SELFTEST);
    snprintf(json, sizeof json, unit, "{\"inputs\":[],\"outputs\":[],\"layer_outputs\":[]}");
    CHECK_STATUS(soma_verify_string(&model, model_storage, STORAGE_FLOATS, json, strlen(json), &rep, &err), SOMA_OK, &err, "");
    CHECK(rep.vectors == 0 && strcmp(rep.message, "no self-test vectors") == 0);
    snprintf(json, sizeof json, unit, "{\"inputs\":[[1e39]],\"outputs\":[[1]]}");
    CHECK_STATUS(soma_verify_string(&model, model_storage, STORAGE_FLOATS, json, strlen(json), &rep, &err), SOMA_E_VALUE, &err,
                 "self_test.inputs[0][0]: 1e39");
    snprintf(json, sizeof json, unit, "{\"inputs\":[[1]],\"outputs\":[[2.5]],\"layer_outputs\":[[2.5]]}");
    CHECK_STATUS(soma_verify_string(&model, model_storage, STORAGE_FLOATS, json, strlen(json), &rep, &err), SOMA_E_FIELD, &err,
                 "self_test.layer_outputs[0][0]: expected an array of 1 numbers, found a number");
    snprintf(json, sizeof json, unit, "{\"inputs\":[[1]],\"outputs\":[[2.5]],\"layer_outputs\":{}}");
    CHECK_STATUS(soma_verify_string(&model, model_storage, STORAGE_FLOATS, json, strlen(json), &rep, &err), SOMA_E_FIELD, &err,
                 "self_test.layer_outputs: expected an array, found an object");

    /* Arguments. */
    CHECK_STATUS(soma_verify_file(&model, model_storage, STORAGE_FLOATS, NULL, &rep, &err), SOMA_E_ARGUMENT, &err, "path: NULL");
    CHECK_STATUS(soma_verify_file(NULL, model_storage, STORAGE_FLOATS, "x", &rep, &err), SOMA_E_ARGUMENT, &err, "model: NULL");
    /* A NULL report is refused first, by both calls, and unloads the model. */
    CHECK_STATUS(load_fixture(&model, "good", "and.json"), SOMA_OK, &err, "");
    CHECK_STATUS(soma_verify_file(&model, model_storage, STORAGE_FLOATS, "x", NULL, &err), SOMA_E_ARGUMENT, &err, "report: NULL");
    CHECK(soma_input_count(&model) == 0);
    CHECK_STATUS(load_fixture(&model, "good", "and.json"), SOMA_OK, &err, "");
    CHECK_STATUS(soma_verify_string(&model, model_storage, STORAGE_FLOATS, NULL, 3, NULL, &err), SOMA_E_ARGUMENT, &err,
                 "report: NULL");
    CHECK(soma_input_count(&model) == 0);
    CHECK_STATUS(soma_verify_file(NULL, NULL, STORAGE_FLOATS, NULL, NULL, &err), SOMA_E_ARGUMENT, &err, "report: NULL");
    CHECK(soma_verify_file(&model, model_storage, STORAGE_FLOATS, "x", NULL, NULL) == SOMA_E_ARGUMENT);
    CHECK_STATUS(soma_verify_string(&model, model_storage, STORAGE_FLOATS, NULL, 3, &rep, &err), SOMA_E_ARGUMENT, &err, "json: NULL");
    CHECK_STATUS(soma_verify_file(&model, model_storage, STORAGE_FLOATS, "no/such/file.json", &rep, &err), SOMA_E_IO, &err,
                 "cannot open");
    CHECK(!rep.passed && strstr(rep.message, "cannot open") != NULL);
}

/* ---- Requirements before loading ---- */

/* Every good fixture, as the loader builds it, passes soma_model_check: its
   widest (maxout rows included) and offsets are the ones the check derives. */
static void test_loaded_models_pass_check(void)
{
    char dir[512];
    DIR *listing;
    struct dirent *entry;
    soma_requirements req;
    char path[1024];
    size_t checked = 0;

    snprintf(dir, sizeof dir, "%s/good", fixtures);
    listing = opendir(dir);
    CHECK(listing != NULL);
    while (listing != NULL && (entry = readdir(listing)) != NULL) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        CHECK_STATUS(soma_load_file(&model, model_storage, STORAGE_FLOATS, path, &err), SOMA_OK, &err, "");
        CHECK_STATUS(soma_model_check(&model, &err), SOMA_OK, &err, "");
        CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_OK, &err, "");
        report(model.widest == req.widest, __FILE__, __LINE__, entry->d_name);
        checked++;
    }
    if (listing != NULL) {
        closedir(listing);
    }
    CHECK(checked >= 10);
    /* The maxout fixture's widest is its 3 outputs * 3 pieces, not its outputs. */
    CHECK_STATUS(load_fixture(&model, "good", "maxout_2_3x3_1.json"), SOMA_OK, &err, "");
    CHECK(model.widest == 9);
}

static void test_requirements(void)
{
    static const char *const good[] = {"and.json", "xor.json", "layout_3_2_4.json",
                                       "layout_3_2_4_packed.json", "scaled_batchnorm.json",
                                       "xor_selftest.json"};
    char path[512];
    soma_requirements req;
    size_t k;

    for (k = 0; k < sizeof good / sizeof good[0]; k++) {
        snprintf(path, sizeof path, "%s/good/%s", fixtures, good[k]);
        CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_OK, &err, "");
        CHECK_STATUS(soma_load_file(&model, model_storage, STORAGE_FLOATS, path, &err), SOMA_OK, &err, "");
        CHECK(req.fits == 1 && strcmp(req.exceeds, "") == 0);
        CHECK(req.params == soma_param_count(&model) && req.bytes == soma_storage_bytes(&model));
        CHECK(req.layers == soma_layer_count(&model) && req.inputs == soma_input_count(&model) &&
              req.outputs == soma_output_count(&model));
    }
    snprintf(path, sizeof path, "%s/good/layout_3_2_4.json", fixtures);
    CHECK_STATUS(soma_requirements_file(path, &req, NULL), SOMA_OK, NULL, NULL);
    CHECK(req.inputs == 3 && req.outputs == 4 && req.layers == 2 && req.widest == 4);
    CHECK(req.params == 20 && req.bytes == 20 * sizeof(float));

    /* Over a limit: measured, not refused. */
    snprintf(path, sizeof path, "%s/bad/too_wide.json", fixtures);
    CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_OK, &err, "");
    CHECK(req.fits == 0 && strcmp(req.exceeds, "SOMA_MAX_WIDTH") == 0 && req.widest == 2000);
    snprintf(path, sizeof path, "%s/bad/too_many_layers.json", fixtures);
    CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_OK, &err, "");
    CHECK(req.fits == 0 && strcmp(req.exceeds, "SOMA_MAX_LAYERS") == 0 && req.layers == 17);
    snprintf(path, sizeof path, "%s/bad/too_many_params.json", fixtures);
    CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_OK, &err, "");
    /* No limit on parameters: the caller sizes the storage. */
    CHECK(req.fits == 1 && strcmp(req.exceeds, "") == 0 && req.params == 1050625);
    CHECK(req.bytes == 1050625 * sizeof(float));
    /* Values are not read: a bad value still has requirements. */
    snprintf(path, sizeof path, "%s/bad/bias_string.json", fixtures);
    CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_OK, &err, "");
    /* Structure and text are checked. */
    snprintf(path, sizeof path, "%s/bad/not_chaining.json", fixtures);
    CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_E_SHAPE, &err, "layers[1]: inputs is 3");
    CHECK(req.params == 0 && req.fits == 1 && strcmp(req.exceeds, "") == 0); /* cleared on failure */
    snprintf(path, sizeof path, "%s/bad/size_enormous.json", fixtures);
    /* A size beyond the format's 2^31 - 1: refused as a load refuses it. */
    CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_E_VALUE, &err,
                 "inputs: 99999999999999999999 is larger than the format's largest size");
    snprintf(path, sizeof path, "%s/bad/truncated.json", fixtures);
    CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_E_JSON, &err, "unexpected end");
    CHECK_STATUS(soma_requirements_file("no/such/file.json", &req, &err), SOMA_E_IO, &err, "cannot open");
    CHECK_STATUS(soma_requirements_file(NULL, &req, &err), SOMA_E_ARGUMENT, &err, "path: NULL");
    CHECK_STATUS(soma_requirements_file(path, NULL, &err), SOMA_E_ARGUMENT, &err, "req: NULL");
    CHECK_STATUS(soma_requirements_string(NULL, 0, &req, &err), SOMA_E_ARGUMENT, &err, "json: NULL");
    {
        static const char text[] =
            "{\"format\":\"soma-model\",\"version\":1,\"name\":\"w\",\"inputs\":3000,\"outputs\":2,"
            "\"input_scaling\":{},"
            "\"layers\":[{\"type\":\"dense\",\"inputs\":3000,\"outputs\":2,\"layout\":\"output-major\","
            "\"weights\":[],\"bias\":[],\"activation\":{\"name\":\"relu\"}}]}";
        CHECK_STATUS(soma_requirements_string(text, strlen(text), &req, &err), SOMA_OK, &err, "");
        CHECK(req.inputs == 3000 && req.widest == 3000 && req.params == 2 * 3000 + 6000 + 2);
        CHECK(req.fits == 0 && strcmp(req.exceeds, "SOMA_MAX_WIDTH") == 0);
        CHECK_STATUS(load(&model, text), SOMA_E_CAPACITY, &err, "inputs: 3000 exceeds SOMA_MAX_WIDTH");
    }
}

/* ---- Names ---- */

static void test_names(void)
{
    int s;
    for (s = 0; s <= 12; s++) {
        const char *text = soma_status_string((soma_status)s);
        CHECK(text != NULL && text[0] != '\0' && strcmp(text, "unknown status") != 0);
    }
    CHECK(strcmp(soma_status_string((soma_status)99), "unknown status") == 0);
    CHECK(strcmp(soma_status_string(SOMA_OK), "ok") == 0);
    CHECK(strcmp(soma_activation_name(SOMA_ACT_LEAKY_RELU), "leaky_relu") == 0);
    CHECK(strcmp(soma_activation_name(SOMA_ACT_SOFTMAX), "softmax") == 0);
    CHECK(strcmp(soma_activation_name((soma_activation)42), "unknown") == 0);
    CHECK(strcmp(soma_status_string(SOMA_E_MEMORY), "out of memory") == 0 && SOMA_E_MEMORY == 12);
    CHECK(sizeof(soma_layer_desc) == 36);
    /* The one table: numbers run 0, 1, ... in row order, and every name loads as its
     * number with the parameter its row names; a parameter it does not take is refused. */
    CHECK(SOMA_ACTIVATION_COUNT == 11 && SOMA_ACT_STEP == 0 && SOMA_ACT_SOFTMAX == 10);
    for (s = 0; s < (int)SOMA_ACTIVATION_COUNT; s++) {
#define MEMBERS_NONE ""
#define MEMBERS_ALPHA ",\"alpha\":0.5"
#define MEMBERS_ALPHAS ",\"alpha\":[0.5]"
#define MEMBERS_BETA ",\"beta\":1"
#define EXTRA_NONE ",\"alpha\":0.5"
#define EXTRA_ALPHA ",\"beta\":1"
#define EXTRA_ALPHAS ",\"beta\":1"
#define EXTRA_BETA ",\"alpha\":0.5"
#define MEMBERS_ROW_(ID, name, number, parameter) {MEMBERS_##parameter, EXTRA_##parameter},
        static const struct {
            const char *takes, *extra;
        } members[] = {SOMA_ACTIVATIONS(MEMBERS_ROW_)};
#undef MEMBERS_ROW_
        static const char format[] =
            "{\"format\":\"soma-model\",\"version\":1,\"name\":\"a\",\"inputs\":1,"
            "\"outputs\":1,\"layers\":[{\"type\":\"dense\",\"inputs\":1,\"outputs\":1,"
            "\"layout\":\"output-major\",\"weights\":[[1]],\"bias\":[0],"
            "\"activation\":{\"name\":\"%s\"%s%s}}]}";
        char json[512];
        const char *name = soma_activation_name((soma_activation)s);
        CHECK(strcmp(name, "unknown") != 0);
        snprintf(json, sizeof json, format, name, members[s].takes, "");
        CHECK_STATUS(load(&model, json), SOMA_OK, &err, "");
        CHECK(soma_layer_activation(&model, 0) == (soma_activation)s);
        snprintf(json, sizeof json, format, name, members[s].takes, members[s].extra);
        CHECK_STATUS(load(&model, json), SOMA_E_FIELD, &err, "takes no");
    }
}

/* ---- Storage the caller sizes ---- */

static void test_storage(void)
{
    char path[512];
    soma_requirements req;
    soma_model copy;
    float *exact;
    float small[2];
    const float x[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    float y[1];
    size_t k;

    /* The struct no longer holds parameters: a few hundred bytes, not a megabyte. */
    CHECK(sizeof(soma_model) < 64 + 40 * SOMA_MAX_LAYERS + SOMA_MAX_NAME);

    /* Sized from the requirements, on the caller's heap: exactly req.params floats. */
    snprintf(path, sizeof path, "%s/good/and.json", fixtures);
    CHECK_STATUS(soma_requirements_file(path, &req, &err), SOMA_OK, &err, "");
    CHECK(req.params == 3 && req.bytes == 12);
    exact = malloc(req.params * sizeof *exact);
    CHECK_STATUS(soma_load_file(&model, exact, req.params, path, &err), SOMA_OK, &err, "");
    CHECK(model.params == exact && soma_storage_bytes(&model) == 12);
    /* The layout soma.h promises: weights input-major, then the bias. */
    CHECK_EQ_BITS(exact[0], 0.5f);
    CHECK_EQ_BITS(exact[1], 0.5f);
    CHECK_EQ_BITS(exact[2], -0.7f);
    for (k = 0; k < 4; k++) {
        CHECK_STATUS(run(&model, x[k], 2, y, 1), SOMA_OK, &err, "");
        CHECK_EQ_BITS(y[0], k == 3 ? 1.0f : 0.0f);
    }
    CHECK_STATUS(soma_model_check(&model, &err), SOMA_OK, &err, "");

    /* A copy of the struct still refers to the same storage, and runs the same. */
    copy = model;
    CHECK_STATUS(soma_run(&copy, x[3], 2, y, 1, &err), SOMA_OK, &err, "");
    CHECK_EQ_BITS(y[0], 1.0f);
    /* soma_model_check catches a layer table that disagrees with the layout. */
    copy.layers[0].bias = 1;
    CHECK_STATUS(soma_model_check(&copy, &err), SOMA_E_SHAPE, &err,
                 "layers[0]: offsets weights 0, bias 1, alpha 0 but the layout puts them at 0, 2, 0");
    copy = model;
    copy.param_count = 4;
    CHECK_STATUS(soma_model_check(&copy, &err), SOMA_E_SHAPE, &err,
                 "param_count: 4 but the layers take 3");
    copy = model;
    copy.widest = 1;
    CHECK_STATUS(soma_model_check(&copy, &err), SOMA_E_SHAPE, &err,
                 "widest: 1 but the layers need 2");

    /* Too small by one: refused with both figures, and the model refers to nothing. */
    CHECK_STATUS(soma_load_file(&model, small, 2, path, &err), SOMA_E_CAPACITY, &err,
                 "storage: 2 floats, but the model needs 3");
    CHECK(model.params == NULL && model.loaded == 0 && soma_param_count(&model) == 0);
    CHECK_STATUS(run(&model, x[3], 2, y, 1), SOMA_E_ARGUMENT, &err, "not loaded");
    CHECK_STATUS(soma_load_file(&model, NULL, 3, path, &err), SOMA_E_ARGUMENT, &err,
                 "storage: NULL");
    CHECK_STATUS(soma_load_string(&model, NULL, 3, "{}", 2, &err), SOMA_E_ARGUMENT, &err,
                 "storage: NULL");

    /* A load that fails after writing values leaves no reference to them. */
    CHECK_STATUS(soma_load_file(&model, exact, req.params, path, &err), SOMA_OK, &err, "");
    snprintf(path, sizeof path, "%s/bad/bias_string.json", fixtures);
    CHECK(soma_load_file(&model, exact, req.params, path, &err) != SOMA_OK);
    CHECK(model.params == NULL && model.loaded == 0);
    CHECK_STATUS(soma_model_check(&model, &err), SOMA_E_ARGUMENT, &err, "not loaded");
    soma_unload(&model);
    free(exact);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        fixtures = argv[1];
    }
    test_names();
    test_gates();
    test_layout();
    test_activations();
    test_exp_table();
    test_vector_activations();
    test_batchnorm_scaling();
    test_output_scaling();
    test_composite();
    test_batch();
    test_wide();
    test_run_arguments();
    test_run_with_scratch();
    test_numbers();
    test_number_runs();
    test_text();
    test_bad_fixtures();
    test_checksum();
    test_verify();
    test_requirements();
    test_loaded_models_pass_check();
    test_storage();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
