/* The body of soma_gemm and soma_gemm_unfused (included twice by
 * soma_training_kernels.c): GEMM_NAME, VEC_OP(a, b, c) and SCALAR_OP(a, b, c) are
 * defined by the includer as fma(a, b, c) or c + a * b.
 *
 * Register blocking: a tile of rb rows x nh 16-float vectors keeps rb * nh
 * accumulators in registers while the depth loop runs, each output its own
 * chain in the order p = 0, 1, ... (so the block shape never changes a bit).
 * The shape is chosen per instruction set (see soma_training_kernels.c) so the
 * accumulators, nh loaded vectors and one broadcast fit the register file. */
#define GEMM_CAT2(a, b) a##b
#define GEMM_CAT(a, b) GEMM_CAT2(a, b)
#define GEMM_FN(suffix) GEMM_CAT(GEMM_NAME, suffix)

/* Columns j .. j + 16 * nh - 1 of rows r .. r + rb - 1 (rb, nh constants after inlining). */
static inline __attribute__((always_inline)) void GEMM_FN(_tile)(int rb, int nh, int r, int j, int depth,
                                                               const float *a, int lda, const float *m, int ldm,
                                                               const float *row_init, const float *col_init,
                                                               float *c, int ldc) {
    v16 acc[GEMM_MAX_RB][GEMM_MAX_NH];
    for (int q = 0; q < rb; q++) {
        for (int h = 0; h < nh; h++) {
            if (row_init) acc[q][h] = (v16)row_init[r + q];
            else if (col_init) acc[q][h] = load16(col_init + j + 16 * h);
            else acc[q][h] = (v16)0.0f;
        }
    }
    const float *ap = a + (size_t)r * lda;
    for (int p = 0; p < depth; p++) {
        const float *mp = m + (size_t)p * ldm + j;
        v16 mv[GEMM_MAX_NH];
        for (int h = 0; h < nh; h++) mv[h] = load16(mp + 16 * h);
        for (int q = 0; q < rb; q++) {
            v16 av = (v16)ap[(size_t)q * lda + p];
            for (int h = 0; h < nh; h++) acc[q][h] = VEC_OP(av, mv[h], acc[q][h]);
        }
    }
    for (int q = 0; q < rb; q++)
        for (int h = 0; h < nh; h++) store16(c + (size_t)(r + q) * ldc + j + 16 * h, acc[q][h]);
}

/* Rows r .. r + rb - 1, every column: tiles of nh vectors, then single vectors,
 * then fewer than 16 columns as scalar chains (one lane each). */
static inline __attribute__((always_inline)) void GEMM_FN(_rows)(int rb, int nh, int r, int cols, int depth,
                                                               const float *a, int lda, const float *m, int ldm,
                                                               const float *row_init, const float *col_init,
                                                               float *c, int ldc) {
    int j = 0;
    if (nh > 1)
        for (; j + 16 * nh <= cols; j += 16 * nh)
            GEMM_FN(_tile)(rb, nh, r, j, depth, a, lda, m, ldm, row_init, col_init, c, ldc);
    for (; j + 16 <= cols; j += 16) GEMM_FN(_tile)(rb, 1, r, j, depth, a, lda, m, ldm, row_init, col_init, c, ldc);
    if (j < cols) {
        int w = cols - j;
        float acc[GEMM_MAX_RB][16];
        for (int q = 0; q < rb; q++)
            for (int t = 0; t < w; t++)
                acc[q][t] = row_init ? row_init[r + q] : col_init ? col_init[j + t] : 0.0f;
        for (int p = 0; p < depth; p++) {
            const float *mp = m + (size_t)p * ldm + j;
            for (int q = 0; q < rb; q++) {
                float av = a[(size_t)(r + q) * lda + p];
                for (int t = 0; t < w; t++) acc[q][t] = SCALAR_OP(av, mp[t], acc[q][t]);
            }
        }
        for (int q = 0; q < rb; q++)
            for (int t = 0; t < w; t++) c[(size_t)(r + q) * ldc + j + t] = acc[q][t];
    }
}

/* All rows in blocks of rb, the rest (fewer than rb) in blocks of 4, 2 and 1. */
static inline __attribute__((always_inline)) void GEMM_FN(_blocked)(int rb, int nh, int rows, int cols, int depth,
                                                                  const float *a, int lda, const float *m, int ldm,
                                                                  const float *row_init, const float *col_init,
                                                                  float *c, int ldc) {
    int r = 0;
    for (; r + rb <= rows; r += rb) GEMM_FN(_rows)(rb, nh, r, cols, depth, a, lda, m, ldm, row_init, col_init, c, ldc);
    if (rb > 4 && rows - r >= 4) {
        GEMM_FN(_rows)(4, nh, r, cols, depth, a, lda, m, ldm, row_init, col_init, c, ldc);
        r += 4;
    }
    if (rb > 2 && rows - r >= 2) {
        GEMM_FN(_rows)(2, nh, r, cols, depth, a, lda, m, ldm, row_init, col_init, c, ldc);
        r += 2;
    }
    if (rb > 1 && rows - r >= 1) GEMM_FN(_rows)(1, nh, r, cols, depth, a, lda, m, ldm, row_init, col_init, c, ldc);
}

#define GEMM_ARGS int rows, int cols, int depth, const float *a, int lda, const float *m, int ldm, \
                  const float *row_init, const float *col_init, float *c, int ldc
#define GEMM_PASS rows, cols, depth, a, lda, m, ldm, row_init, col_init, c, ldc

#if SOMA_DISPATCH
/* One build per instruction set, picked at each call (cheap next to a product). */
SOMA_TARGET_V4 static void GEMM_FN(_v4)(GEMM_ARGS) { GEMM_FN(_blocked)(GEMM_V4_BLOCK, GEMM_PASS); }
SOMA_TARGET_V3 static void GEMM_FN(_v3)(GEMM_ARGS) { GEMM_FN(_blocked)(GEMM_V3_BLOCK, GEMM_PASS); }
static void GEMM_FN(_baseline)(GEMM_ARGS) { GEMM_FN(_blocked)(GEMM_BASELINE_BLOCK, GEMM_PASS); }

void GEMM_NAME(GEMM_ARGS) {
    if (__builtin_cpu_supports("x86-64-v4")) GEMM_FN(_v4)(GEMM_PASS);
    else if (__builtin_cpu_supports("x86-64-v3")) GEMM_FN(_v3)(GEMM_PASS);
    else GEMM_FN(_baseline)(GEMM_PASS);
}
#else
void GEMM_NAME(GEMM_ARGS) { GEMM_FN(_blocked)(GEMM_BUILD_BLOCK, GEMM_PASS); }
#endif

#undef GEMM_ARGS
#undef GEMM_PASS
#undef GEMM_FN
#undef GEMM_CAT
#undef GEMM_CAT2
