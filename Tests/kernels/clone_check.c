/* Builds the training kernels for every x86-64 level and for target_clones
 * dispatch; every build must print the same hash (run check_clones.sh). */
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
    mix(p, n); mix(mm, n); mix(v, n);
    printf("%016llx\n", (unsigned long long)h);
    return 0;
}
