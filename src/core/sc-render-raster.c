/* sc-render-raster.c — edges on screen: a rasteriser of many soft lines
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-render-raster.h"

/* Cairo strokes an antialiased line in some 25–40 µs: a dense Boolean
 * network (10³ edges) misses a 16 ms frame, an MNIST one (10⁶) misses it
 * by seconds. Here every line between two layers costs O(1) per pixel row
 * it crosses, however wide:
 *
 * - A line of width w and slope s (along-layer pixels per row) covers in a
 *   row a horizontal extent of w·√(1+s²), smeared over |s| pixels as the
 *   row goes by: its coverage profile is that box convolved with a box of
 *   width max(|s|, 1) (the 1 is the pixel's own width) — a trapezoid.
 * - A trapezoid is four ramps. A ramp starting at x with slope m adds
 *   m·(u − x) to every pixel centre u ≥ x: two running sums per row
 *   (Σ m and Σ −m·x) give every pixel's value, point-sampled at centres.
 * - Lines are ink, not paint: each adds optical density D = −ln(1 − α)
 *   per colour, and a pixel gets α = 1 − e^(−ΣD), the colour mixed by D.
 *   For lines of one colour that is exactly Cairo's OVER, in any order; a
 *   bundle of lines is their sum, which is what makes bundling (the level
 *   of detail of sc-render-edges.c) exact where bundles are one line.
 *
 * Density is not coverage: a pixel half covered by a line of opacity α
 * gets 1 − e^(−D/2), more than Cairo's α/2. So a single line's profile is
 * scaled until its pixels' opacities add up to Cairo's, w·α per unit of
 * length (line_gain()); lines then look as Cairo draws them, within a
 * fraction of a pixel, without round caps (line ends lie under the
 * units). */

#define EXP_STEPS_PER_UNIT 256.0
#define EXP_MAX            12.0
#define EXP_TABLE_SIZE     (12 * 256 + 2)   /* EXP_MAX · EXP_STEPS_PER_UNIT + 2 */

/* 1 − e^(−D) on a grid of 1/256: one lookup instead of exp() per pixel. */
static const float *
alpha_table (void)
{
  static float table[EXP_TABLE_SIZE];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < EXP_TABLE_SIZE; i++)
        table[i] = (float) (1.0 - exp (-(i / EXP_STEPS_PER_UNIT)));
      g_once_init_leave (&done, 1);
    }
  return table;
}

/* The ramps of one pixel row: per pixel and channel, Σ m and Σ −m·x
 * side by side (one cache line for both), length + 1 pixels (the last
 * one collects ramps that start past the end). */
typedef struct
{
  int      length;        /* pixels along the row */
  float   *ramps;
  gboolean used[SC_INK_CHANNELS];
} Row;

#define RAMP(row, i, c) ((row)->ramps + ((gsize) (i) * SC_INK_CHANNELS + (c)) * 2)

static void
row_init (Row   *row,
          int    length)
{
  row->length = length;
  row->ramps = g_new0 (float, (gsize) 2 * SC_INK_CHANNELS * (length + 1));
}

static void
row_clear (Row *row)
{
  memset (row->ramps, 0, sizeof (float) * 2 * SC_INK_CHANNELS * (row->length + 1));
  memset (row->used, 0, sizeof row->used);
}

/* The first pixel centre (i + ½) at or after x, clamped to the row (a
 * ramp that starts on a centre adds 0 there, so rounding up from it does
 * no harm); past the end: the spare pixel. */
static inline int
ramp_start (const Row *row,
            float      x)
{
  return (int) CLAMP (x + 0.5f, 0.0f, (float) row->length);
}

static inline void
add_ramp (Row   *row,
          guint  channel,
          int    i,
          float  x,
          float  m)
{
  float *ramp = RAMP (row, i, channel);

  ramp[0] += m;
  ramp[1] -= m * x;
}

/* ∫(1 − e^(−D)) over a trapezoid of height h, plateau flat and ramps ramp. */
static double
covered (double h,
         double flat,
         double ramp)
{
  if (h < 1e-9)
    return h * (flat + ramp);
  return flat * -expm1 (-h) + 2.0 * ramp * (1.0 + expm1 (-h) / h);
}

/* The factor on a line's profile height that makes its opacity add up to
 * Cairo's: found by bisection on the height (covered() grows with it). */
static float
line_gain (const ScStroke *stroke,
           double          dv)
{
  double s = (stroke->u1 - stroke->u0) / dv;
  double stretch = sqrt (1.0 + s * s);
  double core = stroke->width * stretch;
  double smear = MAX (fabs (s), 1.0);
  double ramp = MIN (core, smear), flat = fabs (core - smear);
  double mass = stroke->mass[0] + stroke->mass[1] + stroke->mass[2] + stroke->mass[3];
  double height = mass * stretch / MAX (core, smear);
  double target = stroke->alpha * core, lo = 0.0, hi = height;

  if (stroke->alpha <= 0.0f || height <= 0.0 || core <= 0.0)
    return 1.0f;
  while (covered (hi, flat, ramp) < target && hi < 64.0)
    hi *= 2.0;
  for (guint i = 0; i < 14; i++)   /* to 1/16384 of the height */
    {
      double mid = (lo + hi) / 2.0;

      if (covered (mid, flat, ramp) < target)
        lo = mid;
      else
        hi = mid;
    }
  return (float) ((lo + hi) / 2.0 / height);
}

/* What a stroke's trapezoids in every row of its band share. */
typedef struct
{
  float u0;
  float du;            /* u1 − u0 */
  float line;          /* the line's own extent along u: width · √(1+s²) */
  float spread0;
  float dspread;
  float smear;         /* max(|s|, 1) */
  float ink[SC_INK_CHANNELS];  /* per row: ∫ ink du = mass · √(1+s²) · gain */
  guint channels;      /* bit c: ink[c] > 0 */
} Shape;

static void
shape_init (Shape          *shape,
            const ScStroke *stroke,
            double          dv)
{
  double s = (stroke->u1 - stroke->u0) / dv;
  double stretch = sqrt (1.0 + s * s);
  float gain = line_gain (stroke, dv);

  shape->u0 = stroke->u0;
  shape->du = stroke->u1 - stroke->u0;
  shape->line = (float) (stroke->width * stretch);
  shape->spread0 = stroke->spread0;
  shape->dspread = stroke->spread1 - stroke->spread0;
  shape->smear = (float) MAX (fabs (s), 1.0);
  shape->channels = 0;
  for (guint c = 0; c < SC_INK_CHANNELS; c++)
    {
      shape->ink[c] = (float) (gain * stroke->mass[c] * stretch);
      shape->channels |= (shape->ink[c] > 0.0f) << c;
    }
}

/* The trapezoid of a stroke in the row at parameter t (0 at v0, 1 at v1). */
static inline void
add_shape (Row         *row,
           const Shape *shape,
           float        t)
{
  float centre = shape->u0 + t * shape->du;
  float core = MAX (shape->line, shape->spread0 + t * shape->dspread);
  float smear = shape->smear;
  float half = (core + smear) * 0.5f;
  float ramp, flat, scale, x[4];
  int at[4];

  if (centre + half < 0.0f || centre - half > row->length || core <= 0.0f)
    return;

  ramp = MIN (core, smear);
  flat = fabsf (core - smear);
  x[0] = centre - half;
  x[1] = x[0] + ramp;
  x[2] = x[1] + flat;
  x[3] = x[2] + ramp;
  for (guint r = 0; r < 4; r++)
    at[r] = ramp_start (row, x[r]);
  /* height = ink / max(core, smear); slope = height / ramp */
  scale = 1.0f / (MAX (core, smear) * ramp);
  for (guint c = 0; c < SC_INK_CHANNELS; c++)
    {
      float m = shape->ink[c] * scale;

      if (!(shape->channels & (1u << c)))
        continue;
      row->used[c] = TRUE;
      add_ramp (row, c, at[0], x[0], m);
      add_ramp (row, c, at[1], x[1], -m);
      add_ramp (row, c, at[2], x[2], -m);
      add_ramp (row, c, at[3], x[3], m);
    }
}

static inline guint32
pack_pixel (float alpha,
            float red,
            float green,
            float blue)
{
  /* Cairo's ARGB32: premultiplied, native-endian 32-bit words */
  return (guint32) (alpha * 255.0f + 0.5f) << 24 | (guint32) (red * 255.0f + 0.5f) << 16 |
         (guint32) (green * 255.0f + 0.5f) << 8 | (guint32) (blue * 255.0f + 0.5f);
}

/* Turns the ramps of a row into pixels. The colours are laid over each
 * other in channel order (negative, positive, none), as Cairo strokes
 * them (sc-render-network.c), each with the opacity of its own ink. */
static void
resolve_row (Row          *row,
             const ScRgba *colors,
             guint32      *out,
             gsize         step)
{
  const float *alpha_of = alpha_table ();
  double sum_m[SC_INK_CHANNELS] = { 0 }, sum_o[SC_INK_CHANNELS] = { 0 };

  for (int i = 0; i < row->length; i++)
    {
      float alpha = 0.0f, red = 0.0f, green = 0.0f, blue = 0.0f;
      double u = i + 0.5;

      for (guint c = 0; c < SC_INK_CHANNELS; c++)
        {
          double ink;
          float a;

          if (!row->used[c])
            continue;
          sum_m[c] += RAMP (row, i, c)[0];
          sum_o[c] += RAMP (row, i, c)[1];
          ink = sum_m[c] * u + sum_o[c];
          if (ink < 1.0 / EXP_STEPS_PER_UNIT)
            continue;
          a = alpha_of[(guint) (MIN (ink, EXP_MAX) * EXP_STEPS_PER_UNIT + 0.5)];
          red = (float) colors[c].red * a + red * (1.0f - a);
          green = (float) colors[c].green * a + green * (1.0f - a);
          blue = (float) colors[c].blue * a + blue * (1.0f - a);
          alpha = a + alpha * (1.0f - a);
        }
      if (alpha <= 0.0f)
        continue;
      /* over what is there (premultiplied) */
      if (out[i * step] != 0)
        {
          guint32 under = out[i * step];
          float keep = 1.0f - alpha;

          red += keep * (under >> 16 & 0xff) / 255.0f;
          green += keep * (under >> 8 & 0xff) / 255.0f;
          blue += keep * (under & 0xff) / 255.0f;
          alpha += keep * (under >> 24) / 255.0f;
        }
      out[i * step] = pack_pixel (alpha, red, green, blue);
    }
}

void
_sc_raster_bands (guint32        *pixels,
                  int             width,
                  int             height,
                  int             stride,
                  gboolean        transposed,
                  const ScBand   *bands,
                  guint           n_bands,
                  const ScRgba    colors[SC_INK_CHANNELS])
{
  int length = transposed ? height : width;
  int lines = transposed ? width : height;
  gsize words = (gsize) stride / sizeof (guint32);
  g_autofree Shape **shapes = g_new0 (Shape *, n_bands);
  Row row;

  g_return_if_fail (pixels != NULL && stride % sizeof (guint32) == 0);

  for (guint b = 0; b < n_bands; b++)
    {
      shapes[b] = g_new (Shape, bands[b].strokes->len);
      for (guint s = 0; s < bands[b].strokes->len; s++)
        shape_init (&shapes[b][s], &g_array_index (bands[b].strokes, ScStroke, s),
                    MAX (bands[b].v1 - bands[b].v0, 1e-6));
    }

  row_init (&row, length);
  for (int line = 0, last_band = -1; line < lines; line++)
    {
      double v = line + 0.5;
      gboolean touched = FALSE;
      guint32 *out = transposed ? pixels + line : pixels + (gsize) line * words;
      gsize step = transposed ? words : 1;
      int only = -1, n_touching = 0;

      for (guint b = 0; b < n_bands; b++)
        if (v >= bands[b].v0 - bands[b].cap && v < bands[b].v1 + bands[b].cap &&
            bands[b].strokes->len > 0)
          {
            only = (int) b;
            n_touching++;
          }
      /* inside a coarse band, odd rows repeat the row before */
      if (n_touching == 1 && only == last_band && bands[only].coarse && line % 2 == 1)
        {
          const guint32 *before = transposed ? out - 1 : out - words;

          for (int i = 0; i < length; i++)
            out[i * step] = before[i * step];
          last_band = -1;
          continue;
        }
      last_band = n_touching == 1 ? only : -1;

      for (guint b = 0; b < n_bands; b++)
        {
          const ScBand *band = &bands[b];
          double dv = band->v1 - band->v0;

          if (v < band->v0 - band->cap || v >= band->v1 + band->cap || dv <= 0.0 ||
              band->strokes->len == 0)
            continue;
          if (!touched)
            {
              row_clear (&row);
              touched = TRUE;
            }
          for (guint s = 0; s < band->strokes->len; s++)
            add_shape (&row, &shapes[b][s], (float) CLAMP ((v - band->v0) / dv, 0.0, 1.0));
        }
      if (touched)
        resolve_row (&row, colors, out, step);
    }

  for (guint b = 0; b < n_bands; b++)
    g_free (shapes[b]);
  g_free (row.ramps);
}

double
_sc_raster_band_peak (const ScBand *band,
                      int           length)
{
  g_autofree Shape *shapes = g_new (Shape, MAX (band->strokes->len, 1));
  double dv = MAX (band->v1 - band->v0, 1e-6), peak = 0.0;
  Row row;

  row_init (&row, length);
  for (guint s = 0; s < band->strokes->len; s++)
    shape_init (&shapes[s], &g_array_index (band->strokes, ScStroke, s), dv);

  /* the ends, where a bin's bundles meet, and between them, where all
   * meet in the middle */
  for (guint q = 0; q <= 4; q++)
    {
      double sum_m[SC_INK_CHANNELS] = { 0 }, sum_o[SC_INK_CHANNELS] = { 0 };

      row_clear (&row);
      for (guint s = 0; s < band->strokes->len; s++)
        add_shape (&row, &shapes[s], q / 4.0f);
      for (int i = 0; i < length; i++)
        {
          double ink = 0.0;

          for (guint c = 0; c < SC_INK_CHANNELS; c++)
            {
              sum_m[c] += RAMP (&row, i, c)[0];
              sum_o[c] += RAMP (&row, i, c)[1];
              ink += MAX (sum_m[c] * (i + 0.5) + sum_o[c], 0.0);
            }
          peak = MAX (peak, ink);
        }
    }
  g_free (row.ramps);
  return peak;
}

double
_sc_raster_density (double alpha)
{
  return -log (1.0 - CLAMP (alpha, 0.0, 0.999));
}
