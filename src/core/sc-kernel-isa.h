/* sc-kernel-isa.h — naming for the files compiled once per instruction set
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * src/core/meson.build compiles each portable kernel source three times,
 * defining SC_KERNEL_ISA (generic, avx2, avx512) and SC_KERNEL_BITS (the
 * vector width: 128, 256, 512) and adding -mavx2 / -mavx512f.
 * SC_KERNEL_NAME (sc_gemm_portable) then names that build's function,
 * sc_gemm_portable_avx2 for instance.
 */

#pragma once

#if !defined(SC_KERNEL_ISA) || !defined(SC_KERNEL_BITS)
#error "compile the portable kernels through src/core/meson.build"
#endif

#define SC_KERNEL_PASTE2(a, b) a##_##b
#define SC_KERNEL_PASTE(a, b)  SC_KERNEL_PASTE2 (a, b)
#define SC_KERNEL_NAME(name)   SC_KERNEL_PASTE (name, SC_KERNEL_ISA)

/* The end of a task that ran AVX-512 code. vzeroupper cleans the upper
 * halves of zmm0–15 only; with zmm16–31 left holding wide values the core
 * stays in its "dirty upper" state, and every later SSE instruction of the
 * program (the sigmoid, the loss, glibc's fmaf) ran several times slower —
 * a Boolean pipeline took 8.6 s instead of 0.7. Zeroing them with EVEX
 * instructions ends that state. */
#if SC_KERNEL_BITS == 512
#define SC_KERNEL_CLEAN_UPPER()                                                         \
  __asm__ volatile ("vpxord %%xmm16, %%xmm16, %%xmm16\n\tvpxord %%xmm17, %%xmm17, %%xmm17\n\t" \
                    "vpxord %%xmm18, %%xmm18, %%xmm18\n\tvpxord %%xmm19, %%xmm19, %%xmm19\n\t" \
                    "vpxord %%xmm20, %%xmm20, %%xmm20\n\tvpxord %%xmm21, %%xmm21, %%xmm21\n\t" \
                    "vpxord %%xmm22, %%xmm22, %%xmm22\n\tvpxord %%xmm23, %%xmm23, %%xmm23\n\t" \
                    "vpxord %%xmm24, %%xmm24, %%xmm24\n\tvpxord %%xmm25, %%xmm25, %%xmm25\n\t" \
                    "vpxord %%xmm26, %%xmm26, %%xmm26\n\tvpxord %%xmm27, %%xmm27, %%xmm27\n\t" \
                    "vpxord %%xmm28, %%xmm28, %%xmm28\n\tvpxord %%xmm29, %%xmm29, %%xmm29\n\t" \
                    "vpxord %%xmm30, %%xmm30, %%xmm30\n\tvpxord %%xmm31, %%xmm31, %%xmm31\n\t" \
                    "vzeroupper"                                                           \
                    ::: "xmm16", "xmm17", "xmm18", "xmm19", "xmm20", "xmm21", "xmm22", "xmm23", \
                        "xmm24", "xmm25", "xmm26", "xmm27", "xmm28", "xmm29", "xmm30", "xmm31", \
                        "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",         \
                        "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15")
#else
#define SC_KERNEL_CLEAN_UPPER() ((void) 0)
#endif
