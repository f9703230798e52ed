/* soma_kernels.c — dense, batch norm, input scaling and the activations. */
#include <math.h>

#include "soma_kernels.h"

void soma_kernel_dense(const float *weights_t, const float *bias, size_t inputs,
                       size_t outputs, size_t rows, const float *x, float *z)
{
    size_t r, i, o;
    for (r = 0; r < rows; r++) {
        float *zr = z + r * outputs;
        for (o = 0; o < outputs; o++) {
            zr[o] = bias[o];
        }
    }
    /* Inputs in order for every output; the outputs of one input step are
     * independent, so the inner loop can run across them at once. */
    for (i = 0; i < inputs; i++) {
        const float *w = weights_t + i * outputs;
        for (r = 0; r < rows; r++) {
            const float xi = x[r * inputs + i];
            float *zr = z + r * outputs;
            for (o = 0; o < outputs; o++) {
                zr[o] = fmaf(w[o], xi, zr[o]);
            }
        }
    }
}

void soma_kernel_batchnorm(const float *mean, const float *scale, const float *beta,
                           size_t size, size_t rows, const float *x, float *z)
{
    size_t r, k;
    for (r = 0; r < rows; r++) {
        const float *xr = x + r * size;
        float *zr = z + r * size;
        for (k = 0; k < size; k++) {
            zr[k] = fmaf(xr[k] - mean[k], scale[k], beta[k]);
        }
    }
}

void soma_kernel_scale(const float *mean, const float *std_dev, size_t size, size_t rows,
                       const float *x, float *y)
{
    size_t r, i;
    for (r = 0; r < rows; r++) {
        const float *xr = x + r * size;
        float *yr = y + r * size;
        for (i = 0; i < size; i++) {
            yr[i] = (xr[i] - mean[i]) / std_dev[i];
        }
    }
}

static void softmax(float *z, size_t n)
{
    float m = z[0];
    float s;
    size_t k;
    /* m = max(m, z[k]) as Swift's max(x, y) reads: y >= x ? y : x. */
    for (k = 1; k < n; k++) {
        m = z[k] >= m ? z[k] : m;
    }
    for (k = 0; k < n; k++) {
        z[k] = expf(z[k] - m);
    }
    s = z[0];
    for (k = 1; k < n; k++) {
        s = s + z[k];
    }
    for (k = 0; k < n; k++) {
        z[k] = z[k] / s;
    }
}

void soma_kernel_activate(soma_activation activation, float param, const float *alpha,
                          size_t size, size_t rows, float *z)
{
    const size_t n = size * rows;
    size_t k;
    switch (activation) {
    case SOMA_ACT_STEP:
        for (k = 0; k < n; k++) {
            z[k] = z[k] > 0.0f ? 1.0f : 0.0f;
        }
        break;
    case SOMA_ACT_IDENTITY:
        break;
    case SOMA_ACT_SIGMOID:
        for (k = 0; k < n; k++) {
            z[k] = 1.0f / (1.0f + expf(-z[k]));
        }
        break;
    case SOMA_ACT_TANH:
        for (k = 0; k < n; k++) {
            z[k] = tanhf(z[k]);
        }
        break;
    case SOMA_ACT_RELU:
        for (k = 0; k < n; k++) {
            z[k] = z[k] > 0.0f ? z[k] : 0.0f;
        }
        break;
    case SOMA_ACT_LEAKY_RELU:
        for (k = 0; k < n; k++) {
            z[k] = z[k] > 0.0f ? z[k] : param * z[k];
        }
        break;
    case SOMA_ACT_PRELU:
        for (k = 0; k < n; k++) {
            z[k] = z[k] > 0.0f ? z[k] : alpha[k % size] * z[k];
        }
        break;
    case SOMA_ACT_ELU:
        for (k = 0; k < n; k++) {
            z[k] = z[k] > 0.0f ? z[k] : param * expm1f(z[k]);
        }
        break;
    case SOMA_ACT_SELU:
        for (k = 0; k < n; k++) {
            z[k] = z[k] > 0.0f ? SOMA_SELU_LAMBDA * z[k]
                               : SOMA_SELU_LAMBDA * (SOMA_SELU_ALPHA * expm1f(z[k]));
        }
        break;
    case SOMA_ACT_SWISH:
        for (k = 0; k < n; k++) {
            z[k] = z[k] * (1.0f / (1.0f + expf(-(param * z[k]))));
        }
        break;
    case SOMA_ACT_SOFTMAX:
        for (k = 0; k < rows; k++) {
            softmax(z + k * size, size);
        }
        break;
    }
}
