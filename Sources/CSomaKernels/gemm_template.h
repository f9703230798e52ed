/* The body of soma_gemm and soma_gemm_unfused (included twice by
 * soma_training_kernels.c): GEMM_NAME, VEC_OP(a, b, c) and SCALAR_OP(a, b, c) are
 * defined by the includer as fma(a, b, c) or c + a * b. */
SOMA_CLONES
void GEMM_NAME(int rows, int cols, int depth, const float *a, int lda, const float *m, int ldm,
               const float *row_init, const float *col_init, float *c, int ldc) {
    int r = 0;
    for (; r + RB <= rows; r += RB) {
        int j = 0;
        for (; j + 32 <= cols; j += 32) {
            v16 acc[RB][2];
            for (int q = 0; q < RB; q++) {
                for (int h = 0; h < 2; h++) {
                    if (row_init) acc[q][h] = (v16)row_init[r + q];
                    else if (col_init) acc[q][h] = load16(col_init + j + 16 * h);
                    else acc[q][h] = (v16)0.0f;
                }
            }
            const float *ap = a + (size_t)r * lda;
            for (int p = 0; p < depth; p++) {
                const float *mp = m + (size_t)p * ldm + j;
                v16 m0 = load16(mp), m1 = load16(mp + 16);
                for (int q = 0; q < RB; q++) {
                    v16 av = (v16)ap[(size_t)q * lda + p];
                    acc[q][0] = VEC_OP(av, m0, acc[q][0]);
                    acc[q][1] = VEC_OP(av, m1, acc[q][1]);
                }
            }
            for (int q = 0; q < RB; q++) {
                store16(c + (size_t)(r + q) * ldc + j, acc[q][0]);
                store16(c + (size_t)(r + q) * ldc + j + 16, acc[q][1]);
            }
        }
        for (; j + 16 <= cols; j += 16) {
            v16 acc[RB];
            for (int q = 0; q < RB; q++) {
                if (row_init) acc[q] = (v16)row_init[r + q];
                else if (col_init) acc[q] = load16(col_init + j);
                else acc[q] = (v16)0.0f;
            }
            const float *ap = a + (size_t)r * lda;
            for (int p = 0; p < depth; p++) {
                v16 m0 = load16(m + (size_t)p * ldm + j);
                for (int q = 0; q < RB; q++)
                    acc[q] = VEC_OP((v16)ap[(size_t)q * lda + p], m0, acc[q]);
            }
            for (int q = 0; q < RB; q++) store16(c + (size_t)(r + q) * ldc + j, acc[q]);
        }
        if (j < cols) {
            int w = cols - j; /* < 16 columns left: same chains, one lane each */
            float acc[RB][16];
            for (int q = 0; q < RB; q++)
                for (int t = 0; t < w; t++)
                    acc[q][t] = row_init ? row_init[r + q] : col_init ? col_init[j + t] : 0.0f;
            for (int p = 0; p < depth; p++) {
                const float *mp = m + (size_t)p * ldm + j;
                for (int q = 0; q < RB; q++) {
                    float av = a[(size_t)(r + q) * lda + p];
                    for (int t = 0; t < w; t++) acc[q][t] = SCALAR_OP(av, mp[t], acc[q][t]);
                }
            }
            for (int q = 0; q < RB; q++)
                for (int t = 0; t < w; t++) c[(size_t)(r + q) * ldc + j + t] = acc[q][t];
        }
    }
    for (; r < rows; r++) {
        int j = 0;
        const float *ap = a + (size_t)r * lda;
        for (; j + 16 <= cols; j += 16) {
            v16 acc = row_init ? (v16)row_init[r] : col_init ? load16(col_init + j) : (v16)0.0f;
            for (int p = 0; p < depth; p++)
                acc = VEC_OP((v16)ap[p], load16(m + (size_t)p * ldm + j), acc);
            store16(c + (size_t)r * ldc + j, acc);
        }
        for (; j < cols; j++) {
            float acc = row_init ? row_init[r] : col_init ? col_init[j] : 0.0f;
            for (int p = 0; p < depth; p++) acc = SCALAR_OP(ap[p], m[(size_t)p * ldm + j], acc);
            c[(size_t)r * ldc + j] = acc;
        }
    }
}

