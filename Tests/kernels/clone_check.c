/* Builds the training kernels (products, optimizer steps, batch norm) for every
 * x86-64 level and for target_clones dispatch; every build must print the same hash (run check_clones.sh). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include "soma_training_kernels.h"
static uint64_t h = 1469598103934665603ULL;
static void mix(const float *x, size_t n) { for (size_t i = 0; i < n; i++) { uint32_t b; memcpy(&b, x + i, 4); h = (h ^ b) * 1099511628211ULL; } }
static uint64_t s = 42; static float rnd(void) { s = s * 6364136223846793005ULL + 1442695040888963407ULL; return (float)((s >> 40) & 0xFFFFFF) / 16777216.0f * 2 - 1; }
int main(void) {
    int dims[][3] = {{37, 29, 51}, {128, 32, 784}, {5, 100, 7}, {33, 17, 64}};
    for (int d = 0; d < 4; d++) {
        int r = dims[d][0], c = dims[d][1], k = dims[d][2];
        float *a = malloc(sizeof(float) * r * k), *m = malloc(sizeof(float) * k * c), *o = malloc(sizeof(float) * r * c), *ri = malloc(sizeof(float) * r), *ci = malloc(sizeof(float) * c);
        for (int i = 0; i < r * k; i++) a[i] = rnd();
        for (int i = 0; i < k * c; i++) m[i] = rnd();
        for (int i = 0; i < r; i++) ri[i] = rnd();
        for (int i = 0; i < c; i++) ci[i] = rnd();
        soma_gemm(r, c, k, a, k, m, c, ri, NULL, o, c); mix(o, r * c);
        soma_gemm(r, c, k, a, k, m, c, NULL, ci, o, c); mix(o, r * c);
        soma_gemm(r, c, k, a, k, m, c, NULL, NULL, o, c); mix(o, r * c);
        soma_gemm_unfused(r, c, k, a, k, m, c, ri, NULL, o, c); mix(o, r * c);
        soma_gemm_unfused(r, c, k, a, k, m, c, NULL, NULL, o, c); mix(o, r * c);
        free(a); free(m); free(o); free(ri); free(ci);
    }
    size_t n = 1001; float p[1001], g[1001], mm[1001] = {0}, v[1001] = {0};
    for (size_t i = 0; i < n; i++) { p[i] = rnd(); g[i] = rnd(); }
    for (int t = 1; t <= 3; t++) { soma_adam(n, p, g, mm, v, 0.001f, 0.9f, 0.999f, 1e-8f, 0.01f, 0.1f * t, 0.001f * t); soma_rmsprop(n, p, g, v, 0.01f, 0.9f, 1e-7f, 0.0f); soma_momentum(n, p, g, mm, 0.1f, 0.9f, 0.0f, t & 1); }
    /* From step 165 on (beta1 = 0.9), Adam's first correction rounds to exactly 1. */
    soma_adam(n, p, g, mm, v, 0.001f, 0.9f, 0.999f, 1e-8f, 0.01f, 1.0f, 0.15f);
    mix(p, n); mix(mm, n); mix(v, n);
    /* Batch norm: sizes below, at and past a vector, one row and many. */
    int bn_dims[][2] = {{1, 5}, {7, 3}, {32, 37}, {33, 64}};
    for (int d = 0; d < 4; d++) {
        int rows = bn_dims[d][0], size = bn_dims[d][1], count = rows * size;
        float *x = malloc(sizeof(float) * count), *dz = malloc(sizeof(float) * count), *xhat = malloc(sizeof(float) * count);
        float *z = malloc(sizeof(float) * count), *dx = malloc(sizeof(float) * count), *work = malloc(sizeof(float) * 2 * size);
        float *par = malloc(sizeof(float) * 8 * size);
        float *gamma = par, *beta = par + size, *rmean = par + 2 * size, *rvar = par + 3 * size, *mean = par + 4 * size;
        float *inv = par + 5 * size, *dgamma = par + 6 * size, *dbeta = par + 7 * size;
        for (int i = 0; i < count; i++) { x[i] = rnd() * (float)(1 + i % 7); dz[i] = rnd(); }
        for (int i = 0; i < size; i++) { gamma[i] = rnd(); beta[i] = rnd(); rmean[i] = rnd(); rvar[i] = 1.5f + rnd(); }
        soma_batchnorm_forward_training(rows, size, x, gamma, beta, 1e-5f, 0.1f, rmean, rvar, mean, inv, xhat, z);
        mix(z, count); mix(xhat, count); mix(mean, size); mix(inv, size); mix(rmean, size); mix(rvar, size);
        soma_batchnorm_backward_training(rows, size, dz, xhat, inv, gamma, dgamma, dbeta, work, dx);
        mix(dx, count); mix(dgamma, size); mix(dbeta, size);
        soma_batchnorm_forward_inference(rows, size, x, gamma, beta, rmean, rvar, 1e-3f, work, z);
        mix(z, count);
        soma_batchnorm_backward_inference(rows, size, dz, x, gamma, rmean, rvar, 1e-3f, dgamma, dbeta, work, dx);
        mix(dx, count); mix(dgamma, size); mix(dbeta, size);
        free(x); free(dz); free(xhat); free(z); free(dx); free(work); free(par);
    }
    printf("%016llx\n", (unsigned long long)h);
    return 0;
}
