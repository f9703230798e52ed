/* Batch normalisation's training and inference arithmetic (see
 * include/soma_training_kernels.h). Every loop runs over the rows outside and
 * the features inside, so the compiler vectorises across features while each
 * feature's sums still take the rows in order, one rounding per operation, as
 * the scalar loops they replace did: the same bits on every clone. */
#pragma STDC FP_CONTRACT OFF
#include "soma_training_kernels.h"
#include "kernel_clones.h"

SOMA_CLONES
void soma_batchnorm_forward_training(int rows, int size, const float *restrict x, const float *restrict gamma,
                                     const float *restrict beta, float epsilon, float momentum,
                                     float *restrict running_mean, float *restrict running_variance,
                                     float *restrict mean, float *restrict inv_std, float *restrict xhat,
                                     float *restrict z) {
    const float n = (float)rows;
    for (int k = 0; k < size; k++) mean[k] = 0.0f;
    for (int b = 0; b < rows; b++) {
        const float *xb = x + (size_t)b * size;
        for (int k = 0; k < size; k++) mean[k] = mean[k] + xb[k];
    }
    for (int k = 0; k < size; k++) mean[k] = mean[k] / n;
    /* inv_std holds the sums of squared deviations until the last loop over features. */
    for (int k = 0; k < size; k++) inv_std[k] = 0.0f;
    for (int b = 0; b < rows; b++) {
        const float *xb = x + (size_t)b * size;
        for (int k = 0; k < size; k++) {
            float d = xb[k] - mean[k];
            inv_std[k] = inv_std[k] + d * d;
        }
    }
    const float keep = 1.0f - momentum, unbiased_n = (float)(rows - 1);
    for (int k = 0; k < size; k++) {
        float squares = inv_std[k];
        float variance = squares / n;
        float unbiased = rows > 1 ? squares / unbiased_n : variance;
        inv_std[k] = 1.0f / SQRT(variance + epsilon);
        running_mean[k] = keep * running_mean[k] + momentum * mean[k];
        running_variance[k] = keep * running_variance[k] + momentum * unbiased;
    }
    for (int b = 0; b < rows; b++) {
        size_t row = (size_t)b * size;
        for (int k = 0; k < size; k++) {
            float xh = (x[row + k] - mean[k]) * inv_std[k];
            xhat[row + k] = xh;
            z[row + k] = gamma[k] * xh + beta[k];
        }
    }
}

SOMA_CLONES
void soma_batchnorm_backward_training(int rows, int size, const float *restrict dz, const float *restrict xhat,
                                      const float *restrict inv_std, const float *restrict gamma,
                                      float *restrict dgamma, float *restrict dbeta, float *restrict work,
                                      float *restrict dx) {
    const float n = (float)rows;
    float *restrict sum_dxhat = work, *restrict sum_dxhat_xhat = work + size;
    for (int k = 0; k < size; k++) dgamma[k] = dbeta[k] = sum_dxhat[k] = sum_dxhat_xhat[k] = 0.0f;
    for (int b = 0; b < rows; b++) {
        size_t row = (size_t)b * size;
        for (int k = 0; k < size; k++) {
            float d = dz[row + k], xh = xhat[row + k];
            dgamma[k] = dgamma[k] + d * xh;
            dbeta[k] = dbeta[k] + d;
            float dxh = d * gamma[k];
            sum_dxhat[k] = sum_dxhat[k] + dxh;
            sum_dxhat_xhat[k] = sum_dxhat_xhat[k] + dxh * xh;
        }
    }
    for (int b = 0; b < rows; b++) {
        size_t row = (size_t)b * size;
        for (int k = 0; k < size; k++) {
            float dxh = dz[row + k] * gamma[k];
            dx[row + k] = inv_std[k] / n * (n * dxh - sum_dxhat[k] - xhat[row + k] * sum_dxhat_xhat[k]);
        }
    }
}

SOMA_CLONES
void soma_batchnorm_forward_inference(int rows, int size, const float *restrict x, const float *restrict gamma,
                                      const float *restrict beta, const float *restrict mean,
                                      const float *restrict variance, float epsilon, float *restrict work,
                                      float *restrict z) {
    float *restrict scale = work;
    for (int k = 0; k < size; k++) scale[k] = gamma[k] / SQRT(variance[k] + epsilon);
    for (int b = 0; b < rows; b++) {
        size_t row = (size_t)b * size;
        for (int k = 0; k < size; k++)
            z[row + k] = __builtin_elementwise_fma(x[row + k] - mean[k], scale[k], beta[k]);
    }
}

SOMA_CLONES
void soma_batchnorm_backward_inference(int rows, int size, const float *restrict dz, const float *restrict x,
                                       const float *restrict gamma, const float *restrict mean,
                                       const float *restrict variance, float epsilon, float *restrict dgamma,
                                       float *restrict dbeta, float *restrict work, float *restrict dx) {
    float *restrict inv_std = work;
    for (int k = 0; k < size; k++) {
        inv_std[k] = 1.0f / SQRT(variance[k] + epsilon);
        dgamma[k] = dbeta[k] = 0.0f;
    }
    for (int b = 0; b < rows; b++) {
        size_t row = (size_t)b * size;
        for (int k = 0; k < size; k++) {
            float d = dz[row + k];
            dgamma[k] = dgamma[k] + d * (x[row + k] - mean[k]) * inv_std[k];
            dbeta[k] = dbeta[k] + d;
            dx[row + k] = d * gamma[k] * inv_std[k];
        }
    }
}
