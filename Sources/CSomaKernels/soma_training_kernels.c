/* See include/soma_training_kernels.h. The only fused multiply-adds are the explicit
 * ones, so every clone computes the same bits. The sources say so themselves
 * (no build flags: SwiftPM refuses unsafeFlags in a package used as a
 * dependency), and Tests/kernels/check_clones.sh builds them with contraction
 * on to prove the pragma holds. */
#pragma STDC FP_CONTRACT OFF
#include "soma_training_kernels.h"
#include "kernel_clones.h"
#include <math.h>

/* Matrix-product register blocks (rows, 16-float vectors per row): rows x
 * vectors accumulators + the vectors loaded + one broadcast must fit.
 * AVX-512: 32 zmm, 4 x 2 = 8 accumulators. AVX2: 16 ymm, a 16-float vector is
 * two, so 6 x 1 = 12 accumulators + 2 loads + 1 broadcast = 15 (a 4 x 2 block
 * needs 16 + 4 and spills). SSE2: 16 xmm, four per vector, 2 x 1 = 8 + 4 + 1.
 * Other machines (NEON: 32 q registers) take the AVX2 block. */
#define GEMM_MAX_RB 6
#define GEMM_MAX_NH 2
#define GEMM_V4_BLOCK 4, 2
#define GEMM_V3_BLOCK 6, 1
#define GEMM_BASELINE_BLOCK 2, 1
#if defined(__AVX512F__)
#define GEMM_BUILD_BLOCK GEMM_V4_BLOCK
#elif defined(__AVX2__) || !defined(__x86_64__)
#define GEMM_BUILD_BLOCK GEMM_V3_BLOCK
#else
#define GEMM_BUILD_BLOCK GEMM_BASELINE_BLOCK
#endif

typedef float v16 __attribute__((ext_vector_type(16)));

/* Unaligned access to 16 floats (macros: a vector argument to a function
 * would change the ABI in the baseline clone). may_alias: these reach float
 * arrays through a vector type, which strict aliasing would not allow. */
typedef float v16u __attribute__((ext_vector_type(16), aligned(4), may_alias));
#define load16(p) (*(const v16u *)(p))
#define store16(p, v) (*(v16u *)(p) = (v))

#define GEMM_NAME soma_gemm
#define VEC_OP(a, b, c) __builtin_elementwise_fma(a, b, c)
#define SCALAR_OP(a, b, c) fmaf(a, b, c)
#include "gemm_template.h"
#undef GEMM_NAME
#undef VEC_OP
#undef SCALAR_OP

#define GEMM_NAME soma_gemm_unfused
#define VEC_OP(a, b, c) ((c) + (a) * (b))
#define SCALAR_OP(a, b, c) ((c) + (a) * (b))
#include "gemm_template.h"

typedef float v8 __attribute__((ext_vector_type(8)));
typedef float v8u __attribute__((ext_vector_type(8), aligned(4), may_alias));
#define load8(p) (*(const v8u *)(p))
#define store8(p, v) (*(v8u *)(p) = (v))

/* An 8 x 8 block in registers: pairs of rows interleaved, then pairs of pairs,
 * then the 128-bit halves (AVX's unpack, shuffle and permute2f128 pattern). */
#define TRANSPOSE_BLOCK8(src, ld_src, dst, ld_dst)                                                            \
    do {                                                                                                      \
        v8 r0 = load8(src), r1 = load8((src) + (ld_src)), r2 = load8((src) + 2 * (size_t)(ld_src));             \
        v8 r3 = load8((src) + 3 * (size_t)(ld_src)), r4 = load8((src) + 4 * (size_t)(ld_src));                 \
        v8 r5 = load8((src) + 5 * (size_t)(ld_src)), r6 = load8((src) + 6 * (size_t)(ld_src));                 \
        v8 r7 = load8((src) + 7 * (size_t)(ld_src));                                                          \
        v8 t0 = __builtin_shufflevector(r0, r1, 0, 8, 1, 9, 4, 12, 5, 13);                                    \
        v8 t1 = __builtin_shufflevector(r0, r1, 2, 10, 3, 11, 6, 14, 7, 15);                                  \
        v8 t2 = __builtin_shufflevector(r2, r3, 0, 8, 1, 9, 4, 12, 5, 13);                                    \
        v8 t3 = __builtin_shufflevector(r2, r3, 2, 10, 3, 11, 6, 14, 7, 15);                                  \
        v8 t4 = __builtin_shufflevector(r4, r5, 0, 8, 1, 9, 4, 12, 5, 13);                                    \
        v8 t5 = __builtin_shufflevector(r4, r5, 2, 10, 3, 11, 6, 14, 7, 15);                                  \
        v8 t6 = __builtin_shufflevector(r6, r7, 0, 8, 1, 9, 4, 12, 5, 13);                                    \
        v8 t7 = __builtin_shufflevector(r6, r7, 2, 10, 3, 11, 6, 14, 7, 15);                                  \
        v8 u0 = __builtin_shufflevector(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13);                                    \
        v8 u1 = __builtin_shufflevector(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);                                  \
        v8 u2 = __builtin_shufflevector(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13);                                    \
        v8 u3 = __builtin_shufflevector(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);                                  \
        v8 u4 = __builtin_shufflevector(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13);                                    \
        v8 u5 = __builtin_shufflevector(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);                                  \
        v8 u6 = __builtin_shufflevector(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13);                                    \
        v8 u7 = __builtin_shufflevector(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);                                  \
        store8(dst, __builtin_shufflevector(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11));                               \
        store8((dst) + (ld_dst), __builtin_shufflevector(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11));                  \
        store8((dst) + 2 * (size_t)(ld_dst), __builtin_shufflevector(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11));      \
        store8((dst) + 3 * (size_t)(ld_dst), __builtin_shufflevector(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11));      \
        store8((dst) + 4 * (size_t)(ld_dst), __builtin_shufflevector(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15));    \
        store8((dst) + 5 * (size_t)(ld_dst), __builtin_shufflevector(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15));    \
        store8((dst) + 6 * (size_t)(ld_dst), __builtin_shufflevector(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15));    \
        store8((dst) + 7 * (size_t)(ld_dst), __builtin_shufflevector(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15));    \
    } while (0)

/* Moves only, so any order gives the same result: 8 x 8 blocks in registers,
 * the edges (fewer than 8 rows or columns) one value at a time. */
SOMA_CLONES
void soma_transpose(int rows, int cols, const float *src, int ld_src, float *dst, int ld_dst) {
    int rows8 = rows - rows % 8, cols8 = cols - cols % 8;
    for (int i = 0; i < rows8; i += 8)
        for (int j = 0; j < cols8; j += 8)
            TRANSPOSE_BLOCK8(src + (size_t)i * ld_src + j, ld_src, dst + (size_t)j * ld_dst + i, ld_dst);
    for (int i = 0; i < rows; i++) {
        const float *row = src + (size_t)i * ld_src;
        for (int j = i < rows8 ? cols8 : 0; j < cols; j++) dst[(size_t)j * ld_dst + i] = row[j];
    }
}

void soma_row_sums(int rows, int cols, const float *x, int ldx, float *out) {
    for (int r = 0; r < rows; r++) {
        const float *xr = x + (size_t)r * ldx;
        float s = 0.0f;
        for (int j = 0; j < cols; j++) s = s + xr[j];
        out[r] = s;
    }
}

SOMA_CLONES
void soma_momentum(size_t n, float *p, const float *g, float *v, float lr, float mu, float wd, int nesterov) {
    if (nesterov) {
        for (size_t k = 0; k < n; k++) {
            float gk = g[k] + wd * p[k];
            float vk = mu * v[k] + gk;
            v[k] = vk;
            p[k] = p[k] - lr * (gk + mu * vk);
        }
    } else {
        for (size_t k = 0; k < n; k++) {
            float gk = g[k] + wd * p[k];
            float vk = mu * v[k] + gk;
            v[k] = vk;
            p[k] = p[k] - lr * vk;
        }
    }
}

SOMA_CLONES
void soma_rmsprop(size_t n, float *p, const float *g, float *s, float lr, float rho, float eps, float wd) {
    float one_minus_rho = 1.0f - rho;
    for (size_t k = 0; k < n; k++) {
        float gk = g[k] + wd * p[k];
        float sk = rho * s[k] + one_minus_rho * (gk * gk);
        s[k] = sk;
        p[k] = p[k] - lr * gk / (SQRT(sk) + eps);
    }
}

/* One Adam step over n values. Dividing by a correction of exactly 1 (beta1^t
 * below half an ulp of 1, from step 165 on with beta1 = 0.9) returns its
 * dividend unchanged, so that division is skipped then: one of the four
 * divider operations per value, which bound this loop, for the same bits. */
static inline __attribute__((always_inline)) void adam_step(size_t n, float *p, const float *g, float *m, float *v,
                                                            float lr, float beta1, float beta2, float eps, float wd,
                                                            float c1, float c2, int c1_is_one) {
    float one_minus_b1 = 1.0f - beta1, one_minus_b2 = 1.0f - beta2;
    for (size_t k = 0; k < n; k++) {
        float gk = g[k] + wd * p[k];
        float mk = beta1 * m[k] + one_minus_b1 * gk;
        float vk = beta2 * v[k] + one_minus_b2 * (gk * gk);
        m[k] = mk;
        v[k] = vk;
        float mhat = c1_is_one ? mk : mk / c1, vhat = vk / c2;
        p[k] = p[k] - lr * mhat / (SQRT(vhat) + eps);
    }
}

SOMA_CLONES
void soma_adam(size_t n, float *p, const float *g, float *m, float *v, float lr, float beta1, float beta2,
               float eps, float wd, float c1, float c2) {
    if (c1 == 1.0f) adam_step(n, p, g, m, v, lr, beta1, beta2, eps, wd, c1, c2, 1);
    else adam_step(n, p, g, m, v, lr, beta1, beta2, eps, wd, c1, c2, 0);
}
