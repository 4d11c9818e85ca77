/* test-render-screen.c — the network on screen: edges at a level of detail,
 * the input image's heat map
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-render.h"
#include "sc-snapshot.h"

/* ---- networks ---------------------------------------------------------- */

/* A dense network with weights of both signs, |w| spread out. */
static ScSnapshot *
dense_net (const guint *arch,
           guint        n_layers,
           guint32      seed)
{
  ScSnapshot *snapshot = sc_snapshot_new (arch, n_layers);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint k = 0; k + 1 < n_layers; k++)
    for (gsize e = 0; e < (gsize) arch[k] * arch[k + 1]; e++)
      snapshot->w[k][e] = (float) g_rand_double_range (rand, -1.0, 1.0);
  snapshot->density = 1.0;
  g_rand_free (rand);
  return snapshot;
}

/* ---- drawing ------------------------------------------------------------ */

typedef struct
{
  int      width;
  int      height;
  guint8  *alpha;   /* per pixel */
} Picture;

static void
picture_free (Picture *picture)
{
  g_free (picture->alpha);
  g_free (picture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Picture, picture_free)

/* The edges of snapshot drawn alone on a transparent canvas, with Cairo
 * (every edge, as exports do) or at the screen's level of detail. */
static Picture *
draw_edges (ScSnapshot *snapshot,
            gboolean    level_of_detail,
            int         width,
            int         height,
            double      zoom)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(ScLayout) layout = NULL;
  Picture *picture = g_new0 (Picture, 1);
  const guint8 *data;
  int stride;
  ScScene scene;

  sc_scene_init_from_snapshot (&scene, snapshot);
  scene.options.level_of_detail = level_of_detail;
  layout = sc_layout_compute (&scene, width, height);
  cairo_scale (cr, zoom, zoom);
  sc_render_network_parts (cr, &scene, layout, SC_RENDER_EDGES);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (g_getenv ("DUMP")) { static int n; char name[64]; g_snprintf (name, 64, "/tmp/render-work/dump%d-%s.png", n++, level_of_detail ? "lod" : "exact"); cairo_surface_write_to_png (surface, name); }

  picture->width = width;
  picture->height = height;
  picture->alpha = g_new (guint8, (gsize) width * height);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      picture->alpha[(gsize) y * width + x] = ((const guint32 *) (data + (gsize) y * stride))[x] >> 24;
  cairo_surface_destroy (surface);
  return picture;
}

/* Mean opacity over block × block squares. */
static double
block_mean (const Picture *p,
            int            bx,
            int            by,
            int            block)
{
  double sum = 0.0;

  for (int y = by * block; y < (by + 1) * block; y++)
    for (int x = bx * block; x < (bx + 1) * block; x++)
      sum += p->alpha[(gsize) y * p->width + x];
  return sum / (block * block * 255.0);
}

static double
total (const Picture *p)
{
  double sum = 0;

  for (gsize i = 0; i < (gsize) p->width * p->height; i++)
    sum += p->alpha[i] / 255.0;
  return sum;
}

static void
single (guint i, guint j, float w)
{
  const guint arch[] = { 3, 3 };
  g_autoptr(ScSnapshot) net = sc_snapshot_new (arch, 2);
  memset (net->mask->m[0], 0, 9);
  memset (net->w[0], 0, 9 * sizeof (float));
  net->mask->m[0][j * 3 + i] = 1;
  net->w[0][j * 3 + i] = w;
  net->mask->m[0][((j + 1) % 3) * 3 + (i + 1) % 3] = 1;
  net->w[0][((j + 1) % 3) * 3 + (i + 1) % 3] = 1.0;
  {
    g_autoptr(Picture) exact = draw_edges (net, FALSE, 640, 560, 1.0);
    g_autoptr(Picture) lod = draw_edges (net, TRUE, 640, 560, 1.0);
    guint8 me = 0, ml = 0;
    for (gsize q = 0; q < 640 * 560; q++) { me = MAX (me, exact->alpha[q]); ml = MAX (ml, lod->alpha[q]); }
    g_test_message ("edge %u→%u w %.2f: exact ink %.1f max %u, lod ink %.1f max %u", i, j, w, total (exact), me, total (lod), ml);
  }
}

static void
test_experiment (void)
{
  single (0, 0, 1.0);
  single (0, 0, 0.1);
  single (0, 2, 1.0);
  single (0, 2, 0.1);
  single (1, 1, 0.5);
{
  const guint arch[] = { 8, 36, 36, 36, 16 };
  g_autoptr(ScSnapshot) net = dense_net (arch, G_N_ELEMENTS (arch), 1);
  g_autoptr(Picture) exact = draw_edges (net, FALSE, 640, 560, 1.0);
  g_autoptr(Picture) lod = draw_edges (net, TRUE, 640, 560, 1.0);
  double sum_e = 0, sum_l = 0, diff = 0;
  int block = 16;

  for (int by = 0; by < 560 / block; by++)
    for (int bx = 0; bx < 640 / block; bx++)
      {
        double e = block_mean (exact, bx, by, block), l = block_mean (lod, bx, by, block);

        sum_e += e;
        sum_l += l;
        diff = MAX (diff, fabs (e - l));
      }
  g_test_message ("mean exact %.4f lod %.4f max block diff %.4f", sum_e / (35 * 40), sum_l / (35 * 40), diff);
}
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render-screen/experiment", test_experiment);

  return g_test_run ();
}
