/* sc-elementwise-kernel.c — the output sigmoid, the loss and its logarithms, vectorised per instruction set
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled once per instruction set (sc-kernel-isa.h) at -O3. Each lane
 * performs the same IEEE operations as the scalar code (sc_sleef_expf,
 * sc_log, the custom BCE of sc-pass.c), nothing contracted
 * (-ffp-contract=off), so the vector width
 * changes no bit: the AVX2 and AVX-512 builds run 8 or 16 sigmoids at a
 * time with the hardware's fused multiply-add, the generic build calls
 * glibc's fmaf (also exactly rounded). tests/test-elementwise.c compares
 * every build with the scalar code.
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-kernels.h"
#include "sc-kernel-isa.h"
#include "sc-math.h"
#include "sc-sleef-expf.h"

/* z = 1 / (1 + SLEEF expf (0 − z)) in place: PyTorch's vectorised sigmoid
 * (sc-sigmoid.h). The lane has no branch, so GCC vectorises the loop. */
void
SC_KERNEL_NAME (sc_sigmoid_portable) (float *restrict z,
                                      gsize           n)
{
  for (gsize e = 0; e < n; e++)
    z[e] = 1.0f / (1.0f + sc_sleef_expf_lane (0.0f - z[e]));
  SC_KERNEL_CLEAN_UPPER ();
}

/* sc_log, VD lanes at a time, written with GCC's vector extensions. */
#define VD (SC_KERNEL_BITS / 64)

typedef double vdouble __attribute__ ((vector_size (VD * sizeof (double))));
typedef gint64 vlong __attribute__ ((vector_size (VD * sizeof (gint64))));

static inline vdouble
select_v (vlong   mask,
          vdouble a,
          vdouble b)
{
  return (vdouble) (((vlong) a & mask) | ((vlong) b & ~mask));
}

/* out[e] = sc_log (x[e]). A vector whose lanes are all normal positive
 * doubles takes the path sc_log takes for them — split () without its
 * subnormal branch, the √½ adjustment as a select, the same series and the
 * same final expression, with e held as a double (exact: |e| < 2^11) —
 * and any other vector (0, subnormal, negative, ∞, NaN) calls sc_log lane
 * by lane, so every value gets sc_log's bits in any floating-point mode. */
void
SC_KERNEL_NAME (sc_log_portable) (const double *restrict x,
                                  double       *restrict out,
                                  gsize                  n)
{
  const vlong mantissa = (vlong) { 0 } + ((G_GINT64_CONSTANT (1) << 52) - 1);
  const vlong half_exponent = (vlong) { 0 } + (G_GINT64_CONSTANT (1022) << 52);
  /* 2^52 + k as a double, for the exponent field k < 2^11 */
  const vlong two52_bits = (vlong) { 0 } + G_GINT64_CONSTANT (0x4330000000000000);
  gsize e = 0;

  for (; e + VD <= n; e += VD)
    {
      vdouble xv, m, ed, f, s, z;
      vlong bits, field, small;
      gboolean normal = TRUE;

      memcpy (&xv, x + e, sizeof xv);
      bits = (vlong) xv;
      field = bits >> 52; /* the sign bit makes it negative */
      for (guint i = 0; i < VD; i++)
        normal &= field[i] >= 1 && field[i] <= 2046;
      if (!normal)
        {
          for (guint i = 0; i < VD; i++)
            out[e + i] = sc_log (x[e + i]);
          continue;
        }

      /* x = 2^e m with m in [0.5, 1), then m in [√½, √2). */
      m = (vdouble) ((bits & mantissa) | half_exponent);
      ed = ((vdouble) (field | two52_bits) - 0x1p52) - 1022.0;
      small = m < SC_SQRT_HALF;
      m = select_v (small, m * 2.0, m);
      ed = select_v (small, ed - 1.0, ed);
      f = m - 1.0;

      s = f / (2.0 + f);
      z = s * s;
      m = SC_LOG_FROM_SERIES (ed, s, z);
      memcpy (out + e, &m, sizeof m);
    }
  for (; e < n; e++)
    out[e] = sc_log (x[e]);
  SC_KERNEL_CLEAN_UPPER ();
}

/* keep ? a : b through a bit mask (a ternary on a float comparison is a
 * branch, which does not vectorise). */
static inline double
select_double (gboolean keep,
               double   a,
               double   b)
{
  guint64 bits_a, bits_b, all = -(guint64) (keep != 0);

  memcpy (&bits_a, &a, sizeof bits_a);
  memcpy (&bits_b, &b, sizeof bits_b);
  bits_a = (bits_a & all) | (bits_b & ~all);
  memcpy (&a, &bits_a, sizeof a);
  return a;
}

/* The custom BCE's terms (sc-pass.c pass_bce, §2.2): t = y·p + (1−y)·(1−p)
 * in float64 with (1 − p) taken in float32 first, 1e-8 (a float32
 * constant) added where t <= 0, and whether the prediction is right. */
void
SC_KERNEL_NAME (sc_bce_terms_portable) (const float *restrict y,
                                        const float *restrict p,
                                        double      *restrict t,
                                        guint8      *restrict ok,
                                        gsize                 n)
{
  for (gsize e = 0; e < n; e++)
    {
      double yy = y[e];
      float pp = p[e];
      double te = yy * (double) pp + (1.0 - yy) * (double) (1.0f - pp);

      t[e] = select_double (!(te > 0.0), te + (double) 1e-8f, te);
      ok[e] = (pp > 0.5f) == (yy > 0.5);
    }
  SC_KERNEL_CLEAN_UPPER ();
}

/* The gradient reaching the output's pre-activation: dL/dt = −(1/N)/t,
 * rounded to float32 per product term, then PyTorch's float32 sigmoid
 * backward (dp·(1 − p))·p. */
void
SC_KERNEL_NAME (sc_bce_grad_portable) (const float  *restrict y,
                                       const float  *restrict p,
                                       const double *restrict t,
                                       double                 minus_inv_n,
                                       float        *restrict dz,
                                       gsize                  n)
{
  for (gsize e = 0; e < n; e++)
    {
      double yy = y[e];
      float pp = p[e];
      double dt = minus_inv_n / t[e];
      float dp = (float) (dt * yy) - (float) (dt * (1.0 - yy));

      dz[e] = (dp * (1.0f - pp)) * pp;
    }
  SC_KERNEL_CLEAN_UPPER ();
}
