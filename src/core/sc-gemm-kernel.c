/* sc-gemm-kernel.c — the blocked portable GEMM
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled once per instruction set (sc-kernel-isa.h); the file is the same for all of them. The
 * result does not depend on the build: every element of C adds its k
 * products one after another, p = 0 … k−1, in float, without FMA (see
 * sc-kernels.h). Blocking, packing and the vector width only decide
 * which elements are computed side by side, never the order of one
 * element's additions — so the register tile (MR × NR) and the cache
 * blocks (MC, KC, NC) may differ per build.
 *
 * Layout after GotoBLAS: op(B) is packed per KC × NC block into panels of
 * NR columns, op(A) per MC × KC block into panels of MR rows (alpha
 * applied while packing, as the plain loop multiplies a by alpha first);
 * the micro-kernel keeps an MR × NR tile of C in registers for a whole
 * KC block. A k-block after the first reloads the tile from C: the stored
 * float is the exact running sum, so splitting k changes nothing. With
 * several threads (sc_linalg_init, sc-parallel.h), each task computes
 * whole columns of C, so the thread count changes nothing either.
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#if SC_KERNEL_BITS > 128
#include <immintrin.h>
#endif

#include "sc-kernels.h"
#include "sc-kernel-isa.h"
#include "sc-parallel.h"

#if SC_KERNEL_BITS == 512
#define VW    16
#define MR    8
#elif SC_KERNEL_BITS == 256
#define VW    8
#define MR    6
#else
#define VW    4
#define MR    6
#endif

#define NRV   2               /* vectors per tile row */
#define NR    (NRV * VW)
#define KC    256
#define MC    (MR * 16)
#define NC    (NR * 128)

/* Below this many multiply-adds a second thread costs more than it saves. */
#define PARALLEL_PRODUCT (1u << 20)

typedef float vfloat __attribute__ ((vector_size (VW * sizeof (float))));

enum { INIT_ZERO, INIT_SCALE, INIT_LOAD };

typedef struct
{
  float *a, *b;
  gsize  a_size, b_size;
} Workspace;

static void
workspace_free (gpointer data)
{
  Workspace *ws = data;

  g_aligned_free (ws->a);
  g_aligned_free (ws->b);
  g_free (ws);
}

/* Packing buffers per thread: the runner trains in a worker thread and a
 * sweep may train in several. */
static GPrivate workspace_key = G_PRIVATE_INIT (workspace_free);

static float *
workspace_grow (float **buf,
                gsize  *size,
                gsize   need)
{
  if (*size < need)
    {
      g_aligned_free (*buf);
      *buf = g_aligned_alloc (need, sizeof (float), 64);
      *size = need;
    }
  return *buf;
}

static Workspace *
workspace_get (void)
{
  Workspace *ws = g_private_get (&workspace_key);

  if (ws == NULL)
    {
      ws = g_new0 (Workspace, 1);
      g_private_set (&workspace_key, ws);
    }
  return ws;
}

/* MR-row panels of alpha · op(A)[i0 .. i0+mc, p0 .. p0+kc], zero-padded.
 * Each source row or column is read in memory order. */
static void
pack_a (const float *a, guint lda, gboolean trans, float alpha,
        guint i0, guint mc, guint p0, guint kc, float *panels)
{
  for (guint ip = 0; ip < mc; ip += MR)
    {
      guint rows = MIN (MR, mc - ip);
      float *dst = panels + (gsize) (ip / MR) * kc * MR;

      if (trans)
        for (guint p = 0; p < kc; p++)
          {
            const float *src = a + (gsize) (p0 + p) * lda + i0 + ip;

            for (guint i = 0; i < rows; i++)
              dst[p * MR + i] = alpha * src[i];
          }
      else
        for (guint i = 0; i < rows; i++)
          {
            const float *src = a + (gsize) (i0 + ip + i) * lda + p0;

            for (guint p = 0; p < kc; p++)
              dst[p * MR + i] = alpha * src[p];
          }
      for (guint i = rows; i < MR; i++)
        for (guint p = 0; p < kc; p++)
          dst[p * MR + i] = 0.0f;
    }
}

/* NR-column panels of op(B)[p0 .. p0+kc, j0 .. j0+nc], zero-padded. */
static void
pack_b (const float *b, guint ldb, gboolean trans,
        guint p0, guint kc, guint j0, guint nc, float *panels)
{
  for (guint jp = 0; jp < nc; jp += NR)
    {
      guint cols = MIN (NR, nc - jp);
      float *dst = panels + (gsize) (jp / NR) * kc * NR;

      if (trans)
        for (guint j = 0; j < cols; j++)
          {
            const float *src = b + (gsize) (j0 + jp + j) * ldb + p0;

            for (guint p = 0; p < kc; p++)
              dst[p * NR + j] = src[p];
          }
      else
        for (guint p = 0; p < kc; p++)
          memcpy (dst + p * NR, b + (gsize) (p0 + p) * ldb + j0 + jp, sizeof (float) * cols);
      for (guint j = cols; j < NR; j++)
        for (guint p = 0; p < kc; p++)
          dst[p * NR + j] = 0.0f;
    }
}

static inline vfloat
load_v (const float *p)
{
  vfloat v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
store_v (float  *p,
         vfloat  v)
{
  memcpy (p, &v, sizeof v);
}

/* The MR × NR tile at c (row stride ldc) += the packed panels' product. */
static void
micro_kernel (guint                 kc,
              const float *restrict ap,
              const float *restrict bp,
              float       *restrict c,
              gsize                 ldc,
              int                   init,
              float                 beta)
{
  vfloat acc[MR][NRV];

#pragma GCC unroll 16
  for (guint i = 0; i < MR; i++)
#pragma GCC unroll 4
    for (guint v = 0; v < NRV; v++)
      {
        if (init == INIT_ZERO)
          acc[i][v] = (vfloat) { 0 };
        else if (init == INIT_SCALE)
          acc[i][v] = beta * load_v (c + i * ldc + v * VW);
        else
          acc[i][v] = load_v (c + i * ldc + v * VW);
      }

  for (guint p = 0; p < kc; p++)
    {
      vfloat bv[NRV];

#pragma GCC unroll 4
      for (guint v = 0; v < NRV; v++)
        bv[v] = load_v (bp + v * VW);
#pragma GCC unroll 16
      for (guint i = 0; i < MR; i++)
#pragma GCC unroll 4
        for (guint v = 0; v < NRV; v++)
          /* scalar × vector broadcasts a_ip exactly (not 0 + a_ip,
           * which would turn −0 into +0). */
          acc[i][v] = acc[i][v] + ap[i] * bv[v];
      ap += MR;
      bp += NR;
    }

#pragma GCC unroll 16
  for (guint i = 0; i < MR; i++)
#pragma GCC unroll 4
    for (guint v = 0; v < NRV; v++)
      store_v (c + i * ldc + v * VW, acc[i][v]);
}

/* A tile that overhangs C goes through a full-size buffer. */
static void
edge_tile (guint        kc,
           const float *ap,
           const float *bp,
           float       *c,
           gsize        ldc,
           guint        rows,
           guint        cols,
           int          init,
           float        beta)
{
  float tile[MR * NR];

  if (init != INIT_ZERO)
    for (guint i = 0; i < rows; i++)
      memcpy (tile + i * NR, c + i * ldc, sizeof (float) * cols);
  micro_kernel (kc, ap, bp, tile, NR, init, beta);
  for (guint i = 0; i < rows; i++)
    memcpy (c + i * ldc, tile + i * NR, sizeof (float) * cols);
}

/* One product and the columns of C each task computes. */
typedef struct
{
  gboolean     trans_a, trans_b;
  guint        m, n, k;
  float        alpha;
  const float *a;
  guint        lda;
  const float *b;
  guint        ldb;
  float        beta;
  float       *c;
  guint        ldc;
  guint        chunk;     /* columns per task, a multiple of NR */
} Product;

/* Columns j0 … j0 + chunk − 1 of C, blocked and packed after GotoBLAS
 * (each task packs its own panels of B and all of A it needs). */
static void
product_columns (guint    task,
                 gpointer data)
{
  const Product *pr = data;
  Workspace *ws = workspace_get ();
  guint j0 = task * pr->chunk, j1 = MIN (pr->n, j0 + pr->chunk);
  guint kc_max = MIN (pr->k, KC);
  float *pa = workspace_grow (&ws->a, &ws->a_size,
                              (gsize) (MIN (pr->m, MC) + MR) * kc_max);
  float *pb = workspace_grow (&ws->b, &ws->b_size,
                              (gsize) (MIN (j1 - j0, NC) + NR) * kc_max);

  for (guint jc = j0; jc < j1; jc += NC)
    {
      guint nc = MIN (NC, j1 - jc);

      for (guint pc = 0; pc < pr->k; pc += KC)
        {
          guint kc = MIN (KC, pr->k - pc);
          int init = pc > 0 ? INIT_LOAD : pr->beta == 0.0f ? INIT_ZERO : INIT_SCALE;

          pack_b (pr->b, pr->ldb, pr->trans_b, pc, kc, jc, nc, pb);
          for (guint ic = 0; ic < pr->m; ic += MC)
            {
              guint mc = MIN (MC, pr->m - ic);

              pack_a (pr->a, pr->lda, pr->trans_a, pr->alpha, ic, mc, pc, kc, pa);
              for (guint jr = 0; jr < nc; jr += NR)
                {
                  guint cols = MIN (NR, nc - jr);
                  const float *bp = pb + (gsize) (jr / NR) * kc * NR;

                  for (guint ir = 0; ir < mc; ir += MR)
                    {
                      guint rows = MIN (MR, mc - ir);
                      const float *ap = pa + (gsize) (ir / MR) * kc * MR;
                      float *ct = pr->c + (gsize) (ic + ir) * pr->ldc + jc + jr;

                      if (rows == MR && cols == NR)
                        micro_kernel (kc, ap, bp, ct, pr->ldc, init, pr->beta);
                      else
                        edge_tile (kc, ap, bp, ct, pr->ldc, rows, cols, init, pr->beta);
                    }
                }
            }
        }
    }
  SC_KERNEL_CLEAN_UPPER ();
}

/* The small-product path: up to SMALL_NV vectors of columns and up to
 * SMALL_MR rows of C per register tile. */
#define SMALL_NV  4
#define SMALL_MR  4

/* Vector v of the c row at j (cols valid floats left from j): a whole
 * vector where the row has one, else through a buffer, so nothing past the
 * row is read or written. */
static inline vfloat
small_load (const float *c,
            guint        cols)
{
  float buf[VW] = { 0 };

  if (cols >= VW)
    return load_v (c);
  memcpy (buf, c, sizeof (float) * cols);
  return load_v (buf);
}

static inline void
small_store (float  *c,
             guint   cols,
             vfloat  v)
{
  if (cols >= VW)
    {
      store_v (c, v);
      return;
    }
  /* The first cols lanes only: a masked store where the build has one. */
#if SC_KERNEL_BITS == 512
  _mm512_mask_storeu_ps (c, (__mmask16) ((1u << cols) - 1), (__m512) v);
#elif SC_KERNEL_BITS == 256
  {
    const __m256i lane = _mm256_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7);

    _mm256_maskstore_ps (c, _mm256_cmpgt_epi32 (_mm256_set1_epi32 ((int) cols), lane), (__m256) v);
  }
#else
  for (guint l = 0; l < cols; l++)
    c[l] = v[l];
#endif
}

/* Rows i … i + R − 1 and columns j0 … j0 + NV·VW − 1 of C (cols of them
 * inside C) over the whole of k, from alpha·op(A) packed at ap (SMALL_MR
 * values per p, row i first) and the padded rows of op(B) in bt. R and NV
 * are constants at every call, so the tile lives in registers. */
static inline __attribute__ ((always_inline)) void
small_tile (guint        R,
            guint        NV,
            guint        k,
            const float *ap,
            guint        i,
            const float *bt,
            guint        n_pad,
            guint        j0,
            guint        cols,
            float        beta,
            float       *c,
            guint        ldc)
{
  vfloat acc[SMALL_MR][SMALL_NV];

  for (guint r = 0; r < R; r++)
    for (guint v = 0; v < NV; v++)
      {
        guint left = cols > v * VW ? cols - v * VW : 0;

        acc[r][v] = beta == 0.0f ? (vfloat) { 0 }
                    : beta * small_load (c + (gsize) (i + r) * ldc + j0 + v * VW, left);
      }

  for (guint p = 0; p < k; p++)
    {
      const float *brow = bt + (gsize) p * n_pad + j0;
      vfloat bv[SMALL_NV];

      for (guint v = 0; v < NV; v++)
        bv[v] = load_v (brow + v * VW);
      for (guint r = 0; r < R; r++)
        for (guint v = 0; v < NV; v++)
          acc[r][v] = acc[r][v] + ap[(gsize) p * SMALL_MR + r] * bv[v];
    }

  for (guint r = 0; r < R; r++)
    for (guint v = 0; v < NV; v++)
      {
        guint left = cols > v * VW ? cols - v * VW : 0;

        if (left > 0)
          small_store (c + (gsize) (i + r) * ldc + j0 + v * VW, left, acc[r][v]);
      }
}

#define SMALL_TILES(R)                                                                   \
  switch (nv)                                                                            \
    {                                                                                    \
    case 1: small_tile (R, 1, k, ap, i, bt, n_pad, j0, cols, beta, c, ldc); break;  \
    case 2: small_tile (R, 2, k, ap, i, bt, n_pad, j0, cols, beta, c, ldc); break;  \
    case 3: small_tile (R, 3, k, ap, i, bt, n_pad, j0, cols, beta, c, ldc); break;  \
    default: small_tile (R, 4, k, ap, i, bt, n_pad, j0, cols, beta, c, ldc); break; \
    }

/* A product too small for the blocked path (sc-linalg.c: the Boolean
 * networks' layers, e.g. 32 × 60 × 8): op(B) is copied once into k rows of
 * n columns rounded up to the vector width (zero-padded), then C is
 * computed in tiles of up to 4 rows × 4 vectors held in registers over the
 * whole of k. The plain loop reads a transposed B with a stride of ldb per
 * column and one element at a time; here every lane still computes one
 * element of C in the definition's order, c = (beta == 0 ? 0 : beta·c),
 * then c = c + (alpha·a_ip)·b_pj for p = 0 … k−1, so the bits are the
 * same. */
void
SC_KERNEL_NAME (sc_gemm_small) (SC_GEMM_KERNEL_ARGS)
{
  Workspace *ws = workspace_get ();
  guint n_pad = (n + VW - 1) / VW * VW;
  guint m_pad = (m + SMALL_MR - 1) / SMALL_MR * SMALL_MR;
  float *bt = workspace_grow (&ws->b, &ws->b_size, (gsize) k * n_pad);
  float *pa = workspace_grow (&ws->a, &ws->a_size, (gsize) k * m_pad);

  /* alpha·op(A) in panels of SMALL_MR rows, each p's rows together (the
   * product alpha·a_ip of the definition, computed once). */
  for (guint i = 0; i < m; i++)
    {
      float *dst = pa + (gsize) (i / SMALL_MR) * k * SMALL_MR + i % SMALL_MR;

      if (trans_a)
        for (guint p = 0; p < k; p++)
          dst[(gsize) p * SMALL_MR] = alpha * a[(gsize) p * lda + i];
      else
        for (guint p = 0; p < k; p++)
          dst[(gsize) p * SMALL_MR] = alpha * a[(gsize) i * lda + p];
    }

  for (guint p = 0; p < k; p++)
    {
      float *dst = bt + (gsize) p * n_pad;

      if (trans_b)
        for (guint j = 0; j < n; j++)
          dst[j] = b[(gsize) j * ldb + p];
      else
        memcpy (dst, b + (gsize) p * ldb, sizeof (float) * n);
      for (guint j = n; j < n_pad; j++)
        dst[j] = 0.0f;
    }

  for (guint j0 = 0; j0 < n_pad; j0 += SMALL_NV * VW)
    {
      guint nv = MIN (SMALL_NV, (n_pad - j0) / VW);
      guint cols = n - j0;
      guint i = 0;

      for (; i + SMALL_MR <= m; i += SMALL_MR)
        {
          const float *ap = pa + (gsize) i * k;

          SMALL_TILES (SMALL_MR)
        }
      for (; i < m; i++)
        {
          const float *ap = pa + (gsize) (i / SMALL_MR * SMALL_MR) * k + i % SMALL_MR;

          SMALL_TILES (1)
        }
    }
  SC_KERNEL_CLEAN_UPPER ();
}

void
SC_KERNEL_NAME (sc_gemm_portable) (SC_GEMM_KERNEL_ARGS)
{
  guint n_threads = (guint64) m * n * k >= PARALLEL_PRODUCT ? sc_linalg_get_threads () : 1;
  guint n_panels = (n + NR - 1) / NR;
  /* A few tasks per thread, so that a late helper still finds work. */
  guint n_tasks = MIN (n_panels, n_threads > 1 ? 4 * n_threads : 1);
  Product pr = {
    .trans_a = trans_a, .trans_b = trans_b, .m = m, .n = n, .k = k, .alpha = alpha,
    .a = a, .lda = lda, .b = b, .ldb = ldb, .beta = beta, .c = c, .ldc = ldc,
    .chunk = (n_panels + n_tasks - 1) / n_tasks * NR,
  };

  sc_parallel_run ((n + pr.chunk - 1) / pr.chunk, n_threads, product_columns, &pr);
}
