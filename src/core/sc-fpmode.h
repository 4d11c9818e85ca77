/* sc-fpmode.h — subnormal floats flushed to zero while the core computes
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Training produces subnormal floats (below 1.2e-38): weights and Adam
 * moments of units that no longer receive a gradient decay towards zero
 * under weight decay. An x86 core computes with a subnormal operand or
 * result through a microcode assist a hundred times slower than the
 * normal path, and by the end of a dense MNIST training a few per cent of
 * the parameters are subnormal — which made dense training twice as slow.
 * The numeric core therefore runs with the SSE control register's
 * flush-to-zero and denormals-are-zero bits set (doc/determinism.md):
 * a subnormal result becomes 0 and a subnormal operand counts as 0, the
 * same on every x86-64 CPU, in every kernel build and in the plain-C
 * definition. SCULPTOR_KEEP_SUBNORMALS=1 computes with subnormals as
 * PyTorch's CPU default does (slower; the networks may differ in the last
 * bits).
 *
 * sc_fp_flush_enter () / sc_fp_flush_leave () bracket each entry point of
 * the numeric core, so a caller (the app's threads, Cairo) keeps its own
 * mode. The products' helper threads (sc-parallel.c) take the caller's
 * mode with sc_fp_mode_set ().
 */

#pragma once

#include <glib.h>

#if defined(__SSE2__)
#include <xmmintrin.h>
#define SC_FP_FLUSH_BITS 0x8040u   /* MXCSR: flush to zero (bit 15), denormals are zero (bit 6) */
#define SC_FP_STATUS_BITS 0x003fu  /* MXCSR: the sticky exception flags, not part of a mode */
#endif

G_BEGIN_DECLS

typedef guint ScFpMode;

/* The control bits (rounding, exception masks, flushing), without the
 * exception flags that every inexact operation raises. */
static inline ScFpMode
sc_fp_mode_get (void)
{
#if defined(__SSE2__)
  return _mm_getcsr () & ~SC_FP_STATUS_BITS;
#else
  return 0;
#endif
}

static inline void
sc_fp_mode_set (ScFpMode mode)
{
#if defined(__SSE2__)
  guint csr = _mm_getcsr ();

  if ((csr & ~SC_FP_STATUS_BITS) != mode)
    _mm_setcsr ((csr & SC_FP_STATUS_BITS) | mode);
#else
  (void) mode;
#endif
}

/* Sets the core's mode on the calling thread; returns the previous one. */
ScFpMode sc_fp_flush_enter (void);

static inline void
sc_fp_flush_leave (ScFpMode saved)
{
  sc_fp_mode_set (saved);
}

G_END_DECLS
