/*
 * kernel_clone.h — which of the dense kernel's clones (target_clones:
 * x86-64-v4, x86-64-v3, default) runs, and which the machine can run.
 *
 * SOMA_ISA=v4|v3|baseline in the environment asks the runtime for one clone
 * (read once, at start-up: docs/embedding.md). The benchmark runs itself once
 * per clone the machine can run, with the variable set, and prints the clone
 * each run reports (soma_kernel_isa()).
 */
#ifndef SOMA_BENCH_KERNEL_CLONE_H
#define SOMA_BENCH_KERNEL_CLONE_H

#include <stddef.h>

#define KERNEL_CLONE_ENV "SOMA_ISA"

/* The values of SOMA_ISA for the clones this CPU can run, best first; returns how many (<= 3). */
size_t kernel_clones_runnable(const char *names[3]);

/*
 * The clone this process runs, as the runtime reports it ("portable" off
 * x86-64), and whether the runtime can be told which one to run (1) or picks
 * by the CPU alone (0).
 */
const char *kernel_clone_in_use(void);
int kernel_clone_can_force(void);

#endif
