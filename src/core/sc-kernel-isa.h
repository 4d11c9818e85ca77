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
