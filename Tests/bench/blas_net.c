/* blas_net.c — the OpenBLAS contender (blas_net.h). */
#include "blas_net.h"

#include <math.h>

#include <cblas.h>

/* Two ping-pong buffers of a batch's widest layer; the benchmark is one thread. */
static float scratch[2][BENCH_BATCH * BENCH_MAX_WIDTH];

int blas_one_thread(void)
{
    openblas_set_num_threads(1);
    return openblas_get_num_threads();
}

const char *blas_config(void)
{
    return openblas_get_config();
}

const char *blas_core(void)
{
    return openblas_get_corename();
}

/* Row by row: z = act(z), softmax on the whole row. */
static void activate(soma_activation a, float *z, size_t rows, size_t out)
{
    size_t r, o;
    for (r = 0; r < rows; r++) {
        float *row = z + r * out;
        switch (a) {
        case SOMA_ACT_SIGMOID:
            for (o = 0; o < out; o++) {
                row[o] = 1.0f / (1.0f + expf(-row[o]));
            }
            break;
        case SOMA_ACT_TANH:
            for (o = 0; o < out; o++) {
                row[o] = tanhf(row[o]);
            }
            break;
        case SOMA_ACT_RELU:
            for (o = 0; o < out; o++) {
                row[o] = row[o] > 0.0f ? row[o] : 0.0f;
            }
            break;
        case SOMA_ACT_SOFTMAX: {
            float m = row[0], sum = 0.0f;
            for (o = 1; o < out; o++) {
                m = row[o] > m ? row[o] : m;
            }
            for (o = 0; o < out; o++) {
                row[o] = expf(row[o] - m);
                sum += row[o];
            }
            for (o = 0; o < out; o++) {
                row[o] /= sum;
            }
            break;
        }
        default:
            break;
        }
    }
}

void blas_run_one(const bench_net *n, const float *x, float *y)
{
    const bench_shape *s = n->shape;
    const float *cur = x;
    size_t l;
    for (l = 0; l < s->layers; l++) {
        const size_t in = s->width[l], out = s->width[l + 1];
        float *dst = l + 1 == s->layers ? y : scratch[l % 2];
        size_t o;
        for (o = 0; o < out; o++) {
            dst[o] = n->b[l][o];
        }
        /* dst = W x + dst, W output-major (out rows of in). */
        cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)out, (int)in, 1.0f, n->w[l], (int)in, cur, 1, 1.0f,
                    dst, 1);
        activate(s->act[l], dst, 1, out);
        cur = dst;
    }
}

void blas_run_batch(const bench_net *n, const float *x, size_t rows, float *y)
{
    const bench_shape *s = n->shape;
    const float *cur = x;
    size_t l;
    for (l = 0; l < s->layers; l++) {
        const size_t in = s->width[l], out = s->width[l + 1];
        float *dst = l + 1 == s->layers ? y : scratch[l % 2];
        size_t r, o;
        for (r = 0; r < rows; r++) {
            for (o = 0; o < out; o++) {
                dst[r * out + o] = n->b[l][o];
            }
        }
        /* dst (rows x out) = X (rows x in) * W^T + dst, W output-major. */
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, (int)out, (int)in, 1.0f, cur, (int)in,
                    n->w[l], (int)in, 1.0f, dst, (int)out);
        activate(s->act[l], dst, rows, out);
        cur = dst;
    }
}
