/* test-render-screen.c — the network on screen: edges at a level of detail,
 * the input image's heat map
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app draws edges with its own rasteriser (sc-render-raster.c), every
 * edge while a layer pair has few enough, bundles of them beyond; exports
 * stroke every edge with Cairo. These tests hold the two drawings side by
 * side: where nothing is bundled they must be the same picture (compared
 * over small blocks: the rasterisers antialias a little differently), and
 * bundled drawings must keep what the edges show (where ink is, its
 * colour). No timing here: bench/bench-render measures the frames.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-figure.h"
#include "sc-render.h"
#include "sc-snapshot.h"

/* ---- networks ---------------------------------------------------------- */

/* Weights of both signs, |w| spread out, a fraction density of the edges
 * kept (at least one into and out of every hidden unit). */
static ScSnapshot *
random_net (const guint *arch,
            guint        n_layers,
            double       density,
            guint32      seed)
{
  ScSnapshot *snapshot = sc_snapshot_new (arch, n_layers);
  GRand *rand = g_rand_new_with_seed (seed);
  gsize kept = 0, total = 0;

  for (guint k = 0; k + 1 < n_layers; k++)
    for (gsize e = 0; e < (gsize) arch[k] * arch[k + 1]; e++)
      {
        snapshot->mask->m[k][e] = g_rand_double (rand) < density;
        snapshot->w[k][e] = snapshot->mask->m[k][e] ? (float) g_rand_double_range (rand, -1.0, 1.0) : 0.0f;
        kept += snapshot->mask->m[k][e];
        total++;
      }
  snapshot->density = (double) kept / total;
  g_rand_free (rand);
  return snapshot;
}

/* ---- drawing ------------------------------------------------------------ */

typedef struct
{
  int      width;
  int      height;
  guint32 *pixels;   /* premultiplied ARGB */
} Picture;

static void
picture_free (Picture *picture)
{
  g_free (picture->pixels);
  g_free (picture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Picture, picture_free)

typedef struct
{
  gboolean      level_of_detail;
  ScOrientation orientation;
  double        zoom;          /* about the centre */
  ScRenderParts parts;
  guint         image_width;   /* image input, or 0 */
  guint         image_height;
  const guint8 *greyed_units;  /* what-if changes, or NULL */
  const ScMask *greyed_edges;
} How;

static Picture *
draw (ScSnapshot *snapshot,
      const How  *how,
      int         width,
      int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(ScLayout) layout = NULL;
  Picture *picture = g_new0 (Picture, 1);
  const guint8 *data;
  int stride;
  ScScene scene;

  sc_figure_scene_init (&scene, snapshot, NULL, NULL);
  scene.options.level_of_detail = how->level_of_detail;
  scene.options.orientation = how->orientation;
  scene.options.paint_background = FALSE;
  scene.image_width = how->image_width;
  scene.image_height = how->image_height;
  scene.greyed_units = how->greyed_units;
  scene.greyed_edges = how->greyed_edges;
  layout = sc_layout_compute (&scene, width, height);
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_scale (cr, how->zoom, how->zoom);
  cairo_translate (cr, -width / 2.0, -height / 2.0);
  sc_render_network_parts (cr, &scene, layout, how->parts);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (g_getenv ("DUMP")) { static int n; char name[64]; g_snprintf (name, 64, "/tmp/render-work/t%d-%s.png", n++, how->level_of_detail ? "lod" : "exact"); cairo_surface_write_to_png (surface, name); }

  picture->width = width;
  picture->height = height;
  picture->pixels = g_new (guint32, (gsize) width * height);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    memcpy (picture->pixels + (gsize) y * width, data + (gsize) y * stride, sizeof (guint32) * width);
  cairo_surface_destroy (surface);
  return picture;
}

static double
alpha_at (const Picture *p,
          int            x,
          int            y)
{
  return (p->pixels[(gsize) y * p->width + x] >> 24) / 255.0;
}

/* Mean opacity over a block × block square. */
static double
block_alpha (const Picture *p,
             int            bx,
             int            by,
             int            block)
{
  double sum = 0.0;

  for (int y = by * block; y < (by + 1) * block; y++)
    for (int x = bx * block; x < (bx + 1) * block; x++)
      sum += alpha_at (p, x, y);
  return sum / (block * block);
}

static double
total_alpha (const Picture *p)
{
  double sum = 0.0;

  for (int y = 0; y < p->height; y++)
    for (int x = 0; x < p->width; x++)
      sum += alpha_at (p, x, y);
  return sum;
}

/* The largest difference of mean opacity over 12 × 12 blocks, and of the
 * total ink, between the exact and the on-screen drawing. */
static void
compare (ScSnapshot *net,
         How        *how,
         int         width,
         int         height,
         double     *block_diff,
         double     *ink_ratio)
{
  g_autoptr(Picture) exact = NULL;
  g_autoptr(Picture) screen = NULL;
  const int block = 12;

  how->level_of_detail = FALSE;
  exact = draw (net, how, width, height);
  how->level_of_detail = TRUE;
  screen = draw (net, how, width, height);

  *block_diff = 0.0;
  for (int by = 0; by < height / block; by++)
    for (int bx = 0; bx < width / block; bx++)
      {
        double d = fabs (block_alpha (exact, bx, by, block) - block_alpha (screen, bx, by, block));
        if (g_getenv ("DUMP") && d > 0.08) g_message ("block %d,%d: %.3f vs %.3f", bx, by, block_alpha (exact, bx, by, block), block_alpha (screen, bx, by, block));
        *block_diff = MAX (*block_diff, d);
      }
  *ink_ratio = total_alpha (screen) / total_alpha (exact);
}

/* ---- tests ------------------------------------------------------------- */

/* Where no layer pair has too many edges, the screen shows every edge as
 * Cairo draws it: the same ink in every small block, in both orientations,
 * zoomed or not, dense or pruned. With the units on top, as in every
 * picture: Cairo's round line caps end under them. */
static void
test_same_as_exact (void)
{
  const guint dense[] = { 8, 36, 36, 36, 16 };
  const guint small[] = { 4, 24, 24, 4 };
  struct { const guint *arch; guint n; double density; } nets[] = {
    { dense, G_N_ELEMENTS (dense), 1.0 },
    { dense, G_N_ELEMENTS (dense), 0.05 },
    { small, G_N_ELEMENTS (small), 0.2 },
  };

  for (guint n = 0; n < G_N_ELEMENTS (nets); n++)
    for (ScOrientation o = SC_ORIENTATION_BOTTOM_UP; o <= SC_ORIENTATION_LEFT_RIGHT; o++)
      for (guint z = 0; z < 2; z++)
        {
          g_autoptr(ScSnapshot) net = random_net (nets[n].arch, nets[n].n, nets[n].density, n + 1);
          How how = { FALSE, o, z == 0 ? 1.0 : 3.0, SC_RENDER_EDGES | SC_RENDER_UNITS, 0, 0 };
          double diff, ratio;

          compare (net, &how, 480, 400, &diff, &ratio);
          g_test_message ("net %u, %s, zoom %g: largest block difference %.3f, ink ratio %.3f",
                          n, o == SC_ORIENTATION_BOTTOM_UP ? "bottom-up" : "left-right", how.zoom,
                          diff, ratio);
          g_assert_cmpfloat (diff, <, 0.1);
          g_assert_cmpfloat (fabs (ratio - 1.0), <, 0.03);
        }
}

/* Units and boxes are Cairo's on both paths: only edges differ. */
static void
test_units_unchanged (void)
{
  const guint arch[] = { 4, 24, 24, 4 };
  g_autoptr(ScSnapshot) net = random_net (arch, G_N_ELEMENTS (arch), 0.3, 7);
  How how = { FALSE, SC_ORIENTATION_BOTTOM_UP, 1.0, SC_RENDER_UNITS | SC_RENDER_BOXES, 0, 0 };
  g_autoptr(Picture) exact = draw (net, &how, 480, 400);
  g_autoptr(Picture) screen = NULL;

  how.level_of_detail = TRUE;
  screen = draw (net, &how, 480, 400);
  g_assert_cmpmem (exact->pixels, sizeof (guint32) * 480 * 400, screen->pixels, sizeof (guint32) * 480 * 400);
}

static gboolean
is_bluish (guint32 pixel)
{
  guint r = pixel >> 16 & 0xff, b = pixel & 0xff;

  return (pixel >> 24) > 20 && b > r + 20;
}

static gboolean
is_orangish (guint32 pixel)
{
  guint r = pixel >> 16 & 0xff, b = pixel & 0xff;

  return (pixel >> 24) > 20 && r > b + 20;
}

/* A dense 600-600 layer pair (360 000 edges) is bundled: it is drawn
 * (ink all over the band, nowhere solid), and its colour says the sign of
 * its weights. */
static void
test_bundles (void)
{
  const guint arch[] = { 600, 600, 2 };
  g_autoptr(ScSnapshot) net = random_net (arch, G_N_ELEMENTS (arch), 1.0, 3);
  How how = { TRUE, SC_ORIENTATION_BOTTOM_UP, 1.0, SC_RENDER_EDGES, 0, 0 };
  g_autoptr(ScLayout) layout = NULL;
  double top, bottom, covered = 0.0, max = 0.0;
  guint n_rows = 0, blue = 0, orange = 0;
  ScScene scene;

  /* all positive, then all negative */
  for (guint sign = 0; sign < 2; sign++)
    {
      g_autoptr(Picture) picture = NULL;

      for (guint k = 0; k < 2; k++)
        for (gsize e = 0; e < (gsize) arch[k] * arch[k + 1]; e++)
          net->w[k][e] = (sign == 0 ? 1.0f : -1.0f) * fabsf (net->w[k][e]);
      picture = draw (net, &how, 480, 400);
      blue = orange = 0;
      for (gsize i = 0; i < 480 * 400; i++)
        {
          blue += is_bluish (picture->pixels[i]);
          orange += is_orangish (picture->pixels[i]);
        }
      g_test_message ("sign %u: %u bluish, %u orangish pixels", sign, blue, orange);
      g_assert_cmpuint (sign == 0 ? blue : orange, >, 20000);
      g_assert_cmpuint (sign == 0 ? orange : blue, ==, 0);
    }

  /* ink across the band between the two layers, never opaque */
  {
    g_autoptr(Picture) picture = draw (net, &how, 480, 400);

    sc_figure_scene_init (&scene, net, NULL, NULL);
    layout = sc_layout_compute (&scene, 480, 400);
    bottom = layout->units[0].y;
    top = layout->units[600].y;
    for (int y = (int) top + 3; y < (int) bottom - 3; y++, n_rows++)
      {
        double row = 0.0;

        for (int x = (int) layout->units[0].x; x < (int) layout->units[599].x; x++)
          {
            row += alpha_at (picture, x, y) > 0.05;
            max = MAX (max, alpha_at (picture, x, y));
          }
        covered += row / (layout->units[599].x - layout->units[0].x);
      }
    g_test_message ("band rows %u, covered %.3f, largest opacity %.3f", n_rows, covered / n_rows, max);
    g_assert_cmpuint (n_rows, >, 50);
    g_assert_cmpfloat (covered / n_rows, >, 0.9);
    g_assert_cmpfloat (max, <, 0.95);
  }
}

/* Zoomed in far, the bundles shrink to single edges: the same drawing as
 * Cairo's again. */
/* What-if changes are drawn greyed on screen as in exports, bundled or
 * not: a greyed edge, or any edge of a greyed unit, has no sign colour. */
static void
test_greyed (void)
{
  const guint dense[] = { 600, 600, 2 }, sparse[] = { 10, 10, 2 };
  const guint *archs[2] = { dense, sparse };

  for (guint a = 0; a < 2; a++)
    {
      g_autoptr(ScSnapshot) net = random_net (archs[a], 3, 1.0, 5);
      g_autofree guint8 *units = g_new0 (guint8, sc_snapshot_n_units (net));
      How how = { TRUE, SC_ORIENTATION_BOTTOM_UP, 1.0, SC_RENDER_EDGES, 0, 0 };

      for (guint pass = 0; pass < 3; pass++)
        {
          g_autoptr(Picture) picture = NULL;
          guint coloured = 0, inked = 0;

          /* 0: nothing greyed; 1: every edge; 2: every hidden unit */
          how.greyed_edges = pass == 1 ? net->mask : NULL;
          memset (units + archs[a][0], pass == 2, archs[a][1]);
          how.greyed_units = pass == 2 ? units : NULL;
          picture = draw (net, &how, 480, 400);
          for (gsize i = 0; i < 480 * 400; i++)
            {
              coloured += is_bluish (picture->pixels[i]) || is_orangish (picture->pixels[i]);
              inked += (picture->pixels[i] >> 24) > 20;
            }
          g_test_message ("%u-%u, pass %u: %u coloured, %u inked pixels", archs[a][0], archs[a][1],
                          pass, coloured, inked);
          g_assert_cmpuint (inked, >, 500);
          if (pass == 0)
            g_assert_cmpuint (coloured, >, 500);
          else
            g_assert_cmpuint (coloured, ==, 0);
        }
    }
}

static void
test_zoom_unbundles (void)
{
  const guint arch[] = { 120, 120, 2 };
  g_autoptr(ScSnapshot) net = random_net (arch, G_N_ELEMENTS (arch), 0.7, 5);
  How how = { FALSE, SC_ORIENTATION_BOTTOM_UP, 1.0, SC_RENDER_EDGES | SC_RENDER_UNITS, 0, 0 };
  g_autoptr(Picture) zoomed_out = NULL;
  double diff, ratio;

  /* 10 000 edges at zoom 1 are bundled: the picture differs from Cairo's */
  compare (net, &how, 480, 400, &diff, &ratio);
  g_test_message ("zoom 1: largest block difference %.3f, ink ratio %.3f", diff, ratio);
  g_assert_cmpfloat (diff, >, 0.1);

  /* at zoom 16 the few rows on screen leave room for every edge */
  how.zoom = 16.0;
  compare (net, &how, 480, 400, &diff, &ratio);
  g_test_message ("zoom 16: largest block difference %.3f, ink ratio %.3f", diff, ratio);
  g_assert_cmpfloat (diff, <, 0.1);
  g_assert_cmpfloat (fabs (ratio - 1.0), <, 0.03);
}

/* The input image of an image task is a heat map of Σ|w| per pixel: with
 * strong weights from the centre and weak ones from the border, centre
 * pixels are darker than border pixels — in exports and on screen. */
static void
test_heat_map (void)
{
  const guint arch[] = { 64, 16, 2 };
  g_autoptr(ScSnapshot) net = random_net (arch, G_N_ELEMENTS (arch), 1.0, 9);
  g_autoptr(ScLayout) layout = NULL;
  ScScene scene;

  for (guint j = 0; j < 16; j++)
    for (guint i = 0; i < 64; i++)
      {
        guint row = i / 8, col = i % 8;
        gboolean centre = row >= 2 && row < 6 && col >= 2 && col < 6;

        net->w[0][j * 64 + i] = centre ? 1.0f : 0.05f;
      }

  for (guint lod = 0; lod < 2; lod++)
    {
      How how = { lod, SC_ORIENTATION_BOTTOM_UP, 1.0, SC_RENDER_UNITS, 8, 8 };
      g_autoptr(Picture) picture = draw (net, &how, 480, 400);
      double centre, border;

      sc_figure_scene_init (&scene, net, NULL, NULL);
      scene.image_width = scene.image_height = 8;
      g_clear_pointer (&layout, sc_layout_free);
      layout = sc_layout_compute (&scene, 480, 400);
      g_assert_true (layout->has_image);

      /* luminance of a centre pixel (3, 3) and a border pixel (0, 0) */
      {
        const ScLayoutUnit *c = &layout->units[3 * 8 + 3], *b = &layout->units[0];
        guint32 pc = picture->pixels[(gsize) lround (c->y) * 480 + lround (c->x)];
        guint32 pb = picture->pixels[(gsize) lround (b->y) * 480 + lround (b->x)];

        centre = ((pc >> 16 & 0xff) + (pc >> 8 & 0xff) + (pc & 0xff)) / 765.0;
        border = ((pb >> 16 & 0xff) + (pb >> 8 & 0xff) + (pb & 0xff)) / 765.0;
      }
      g_test_message ("%s: centre luminance %.3f, border %.3f", lod ? "screen" : "export", centre, border);
      g_assert_cmpfloat (centre, <, border - 0.3);
    }

  /* and the legend says what the shades mean */
  {
    gboolean found = FALSE;

    for (guint r = 0; r < layout->n_legend; r++)
      found |= layout->legend[r].kind == SC_LEGEND_PIXEL_HEAT;
    g_assert_true (found);
  }
}

/* A network training: the same mask, other weights. The layout computed
 * for the old weights, brought up to date, is the one computed afresh; and
 * when the legend would change shape it is left alone. */
static void
test_layout_update_weights (void)
{
  const guint arch[] = { 4, 24, 24, 4 };
  g_autoptr(ScSnapshot) before = random_net (arch, G_N_ELEMENTS (arch), 0.3, 11);
  g_autoptr(ScSnapshot) after = random_net (arch, G_N_ELEMENTS (arch), 0.3, 11);
  g_autoptr(ScLayout) updated = NULL;
  g_autoptr(ScLayout) fresh = NULL;
  ScScene scene;

  for (guint k = 0; k + 1 < G_N_ELEMENTS (arch); k++)
    for (gsize e = 0; e < (gsize) arch[k] * arch[k + 1]; e++)
      after->w[k][e] *= 1.07f;

  sc_figure_scene_init (&scene, before, NULL, NULL);
  updated = sc_layout_compute (&scene, 480, 400);
  sc_figure_scene_init (&scene, after, NULL, NULL);
  fresh = sc_layout_compute (&scene, 480, 400);
  g_assert_cmpfloat (fresh->max_abs_weight, !=, updated->max_abs_weight);

  g_assert_true (sc_layout_update_weights (updated, &scene));
  g_assert_cmpfloat (updated->max_abs_weight, ==, fresh->max_abs_weight);
  g_assert_cmpmem (updated->units, sizeof (ScLayoutUnit) * updated->n_units,
                   fresh->units, sizeof (ScLayoutUnit) * fresh->n_units);
  g_assert_cmpuint (updated->n_legend, ==, fresh->n_legend);
  for (guint r = 0; r < fresh->n_legend; r++)
    {
      g_assert_cmpstr (updated->legend[r].text, ==, fresh->legend[r].text);
      g_assert_cmpfloat (updated->legend[r].rect.x, ==, fresh->legend[r].rect.x);
      g_assert_cmpfloat (updated->legend[r].rect.width, ==, fresh->legend[r].rect.width);
    }

  /* no weights left: the legend would lose its |w| rows */
  for (guint k = 0; k + 1 < G_N_ELEMENTS (arch); k++)
    memset (after->w[k], 0, sizeof (float) * arch[k] * arch[k + 1]);
  g_assert_false (sc_layout_update_weights (updated, &scene));
  g_assert_cmpfloat (updated->max_abs_weight, ==, fresh->max_abs_weight);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render-screen/same-as-exact", test_same_as_exact);
  g_test_add_func ("/render-screen/units-unchanged", test_units_unchanged);
  g_test_add_func ("/render-screen/bundles", test_bundles);
  g_test_add_func ("/render-screen/zoom-unbundles", test_zoom_unbundles);
  g_test_add_func ("/render-screen/greyed", test_greyed);
  g_test_add_func ("/render-screen/heat-map", test_heat_map);
  g_test_add_func ("/render-screen/layout-update-weights", test_layout_update_weights);

  return g_test_run ();
}
