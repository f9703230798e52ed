/*
 * naive_loop.h — the plain C loop a newcomer would write, built twice from one
 * source (naive_loop.c): at the Makefile's -O2 with no contraction, and in its
 * own object at -O3 -march=native -ffast-math (free to reorder sums and to use
 * vector exp, which Soma's fixed summation order forbids it).
 */
#ifndef SOMA_BENCH_NAIVE_LOOP_H
#define SOMA_BENCH_NAIVE_LOOP_H

#include "bench_net.h"

void naive_run_o2(const bench_net *n, const float *x, float *y);
void naive_run_fast(const bench_net *n, const float *x, float *y);

#endif
