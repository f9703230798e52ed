/*
 * minimal_app.c — the smallest bare-metal program that runs one generated
 * model: a vector table, a reset handler that zeroes .bss, and a main that
 * runs the model's self-test inputs through soma_run_with_scratch, with a
 * static scratch of MODEL_SCRATCH floats (the generated NAME_SCRATCH_FLOATS),
 * or, built with -DSTACK_SCRATCH, through soma_run (scratch on the stack). No
 * C start-up files, no stdio. Tests/cross/measure_sizes.sh links it with the
 * core and one model (MODEL_HEADER, MODEL, MODEL_OUTPUTS, MODEL_SCRATCH,
 * ROWS_HEADER) to give a firmware's flash and RAM.
 *
 * With -DMEASURE_STACK it also paints the free stack before the runs, counts
 * the words still painted after them, and prints through semihosting (QEMU)
 * "stack: soma_run N bytes, program N bytes": the run's share is measured
 * below its caller's stack pointer, the program's from the top of the stack.
 */
#include <stddef.h>
#include <stdint.h>

#include "soma.h"
#include MODEL_HEADER
#include ROWS_HEADER

extern char __stack, __bss_start__, __bss_end__;

int main(void);
void reset_handler(void);
void fault_handler(void);

static float output[MODEL_OUTPUTS];
#ifndef STACK_SCRATCH
static float scratch[MODEL_SCRATCH];
#endif
volatile uint32_t sink; /* keeps the outputs alive */
static volatile int failed; /* a run refused: no stack figure is printed */
#ifdef MEASURE_STACK
static uintptr_t call_sp; /* the stack pointer where soma_run is called */
#endif

static void run_all_rows(void)
{
    size_t row, k;
#ifdef MEASURE_STACK
    __asm__ volatile("mov %0, sp" : "=r"(call_sp));
#endif
    for (row = 0; row < SELF_TEST_ROWS; row++) {
        soma_error error;
#ifdef STACK_SCRATCH
        if (soma_run(&MODEL, &self_test_inputs[row * SELF_TEST_WIDTH], SELF_TEST_WIDTH, output,
                     soma_output_count(&MODEL), &error) != SOMA_OK) {
#else
        if (soma_run_with_scratch(&MODEL, &self_test_inputs[row * SELF_TEST_WIDTH], SELF_TEST_WIDTH,
                                  output, soma_output_count(&MODEL), scratch, MODEL_SCRATCH,
                                  &error) != SOMA_OK) {
#endif
            failed = 1;
            return;
        }
        for (k = 0; k < soma_output_count(&MODEL); k++) {
            uint32_t bits;
            __builtin_memcpy(&bits, &output[k], sizeof bits);
            sink ^= bits;
        }
    }
}

#ifdef MEASURE_STACK
static uint32_t semihost(uint32_t op, uint32_t arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register uint32_t r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static char *put_text(char *at, const char *text)
{
    while (*text != '\0') {
        *at++ = *text++;
    }
    return at;
}

static char *put_unsigned(char *at, uint32_t value)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10u);
        value /= 10u;
    } while (value != 0u);
    while (n > 0) {
        *at++ = digits[--n];
    }
    return at;
}

/* Paints [bss end, sp), runs, returns the lowest address written. Two
 * patterns, so a value that happens to equal one cannot hide a word. */
static uintptr_t lowest_touched(uintptr_t sp, uint32_t pattern)
{
    volatile uint32_t *bottom = (volatile uint32_t *)(((uintptr_t)&__bss_end__ + 3u) & ~(uintptr_t)3u);
    volatile uint32_t *p;
    for (p = bottom; (uintptr_t)p < sp; p++) {
        *p = pattern;
    }
    run_all_rows();
    for (p = bottom; (uintptr_t)p < sp && *p == pattern; p++) {
    }
    return (uintptr_t)p;
}
#endif

int main(void)
{
#ifdef MEASURE_STACK
    uintptr_t sp, low1, low2, low;
    char line[80], *at = line;
    /* Everything below main's frame is free: the painting loop runs in main
     * and calls nothing, so it writes only below the stack pointer. */
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    low1 = lowest_touched(sp - 64u, 0xA5A5A5A5u);
    low2 = lowest_touched(sp - 64u, 0x5A5A5A5Au);
    low = low1 < low2 ? low1 : low2;
    if (failed) {
        at = put_text(at, "a run failed: no stack figure");
    }
    at = put_text(at, "stack: soma_run ");
    at = put_unsigned(at, (uint32_t)(call_sp - low));
    at = put_text(at, " bytes, program ");
    at = put_unsigned(at, (uint32_t)((uintptr_t)&__stack - low));
    at = put_text(at, " bytes\n");
    *at = '\0';
    (void)semihost(0x04u, (uint32_t)(uintptr_t)line); /* SYS_WRITE0 */
#else
    run_all_rows();
#endif
    return failed;
}

void fault_handler(void)
{
    for (;;) {
    }
}

void reset_handler(void)
{
    char *p;
    for (p = &__bss_start__; p < &__bss_end__; p++) {
        *p = 0;
    }
#if defined(__ARM_FP)
    /* CPACR: full access to coprocessors 10 and 11 (the FPU). */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb");
#endif
    (void)main();
#ifdef MEASURE_STACK
    /* SYS_EXIT, ADP_Stopped_ApplicationExit: QEMU ends. */
    __asm__ volatile("mov r0, #0x18\n\tldr r1, =0x20026\n\tbkpt 0xAB" ::: "r0", "r1", "memory");
#endif
    for (;;) {
    }
}

__attribute__((section(".vectors"), used)) static void (*const vectors[])(void) = {
    (void (*)(void))(&__stack), reset_handler, fault_handler, fault_handler,
    fault_handler,              fault_handler, fault_handler,
};
