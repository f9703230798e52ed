/*
 * startup.c — the vector table and reset handler for the bare-metal runs
 * (Tests/cross/run.sh): enable the FPU when there is one, then newlib's
 * semihosting start-up (rdimon's _start: zero .bss, run main, exit through
 * the debugger interface, which QEMU implements).
 */
#include <stdint.h>

extern void _start(void);
extern char __stack;

void reset_handler(void);
void fault_handler(void);

void fault_handler(void)
{
    for (;;) {
    }
}

void reset_handler(void)
{
#if defined(__ARM_FP)
    /* CPACR: full access to coprocessors 10 and 11 (the FPU). */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb");
#endif
    _start();
}

__attribute__((section(".vectors"), used)) static void (*const vectors[])(void) = {
    (void (*)(void))(&__stack), reset_handler, fault_handler, fault_handler,
    fault_handler,              fault_handler, fault_handler,
};
