/*
 * soma_contract.h — floating-point contraction off, in the sources themselves.
 * Every runtime .c file includes this first, so no build flag is needed: the
 * model format fixes where fused multiply-adds happen (explicit fmaf only),
 * and a compiler that fuses a * b + c elsewhere changes the last bits.
 *   clang contracts within an expression by default, also at -std=c99: the
 *     standard pragma turns it off for the rest of the translation unit.
 *   gcc does not implement that pragma, and contracts only in its GNU modes
 *     (-ffp-contract=off is its default for ISO C, -std=c99): there, its
 *     optimize pragma turns contraction off.
 * Checked by inspecting assembly (make check-contraction): built with
 * contraction on and with it off, every runtime file has the same number of
 * vfmadd instructions (the explicit fmaf calls), with gcc and with clang.
 */
#ifndef SOMA_CONTRACT_H
#define SOMA_CONTRACT_H

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__) && !defined(__STRICT_ANSI__)
#pragma GCC optimize("fp-contract=off")
#endif

#endif /* SOMA_CONTRACT_H */
