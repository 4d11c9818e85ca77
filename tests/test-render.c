/* test-render.c — layout, hit-testing, drawing and export of the figures
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-error.h"
#include "sc-render.h"
#include "sc-render-input.h"
#include "sc-snapshot.h"

/* ---- fixtures: networks built by hand ----------------------------- */

typedef struct
{
  ScMask       *mask;
  float       **w;
  ScDetection  *detection;
  ScScene       scene;
  guint         image_width;
  guint         image_height;
} TestNet;

static TestNet *
net_new (const guint *arch,
         guint        n_layers)
{
  TestNet *net = g_new0 (TestNet, 1);

  net->mask = sc_mask_new (arch, n_layers, FALSE);
  net->w = g_new0 (float *, n_layers - 1);
  for (guint k = 0; k + 1 < n_layers; k++)
    net->w[k] = g_new0 (float, (gsize) arch[k] * arch[k + 1]);
  sc_scene_init (&net->scene, net->mask);
  net->scene.weights = net->w;
  return net;
}

/* A deterministic weight of either sign, |w| in [0.2, 1.8]. */
static float
test_weight (guint k,
             guint i,
             guint j)
{
  guint h = (i * 7 + j * 13 + k * 5) % 11;

  return ((h % 2) ? 1.0f : -1.0f) * (0.2f + h * 0.16f);
}

static void
net_edge (TestNet *net,
          guint    k,
          guint    i,
          guint    j)
{
  net->mask->m[k][(gsize) j * net->mask->arch[k] + i] = 1;
  net->w[k][(gsize) j * net->mask->arch[k] + i] = test_weight (k, i, j);
}

typedef struct
{
  guint layer;
  guint index;
  guint module;
} Member;

static int
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const ScMask *mask = user_data;
  const Member *x = a, *y = b;
  guint gx = sc_mask_unit_offset (mask, x->layer) + x->index;
  guint gy = sc_mask_unit_offset (mask, y->layer) + y->index;

  return gx < gy ? -1 : gx > gy;
}

/* The detection of members (any order), through the partition helper. */
static void
net_detect (TestNet *net,
            Member  *members,
            guint    n)
{
  g_autofree guint *kept = g_new0 (guint, n);
  g_autofree guint *merged = g_new0 (guint, n);
  g_autoptr(GError) error = NULL;

  g_qsort_with_data (members, n, sizeof (Member), compare_members, net->mask);
  for (guint p = 0; p < n; p++)
    {
      kept[p] = sc_mask_unit_offset (net->mask, members[p].layer) + members[p].index;
      merged[p] = members[p].module;
    }

  net->detection = sc_detection_from_partition (net->mask, kept, merged, NULL, n, &error);
  g_assert_no_error (error);
  net->scene.detection = net->detection;
}

static void
net_free (TestNet *net)
{
  for (guint k = 0; k + 1 < net->mask->n_layers; k++)
    g_free (net->w[k]);
  g_free (net->w);
  sc_detection_free (net->detection);
  sc_mask_free (net->mask);
  g_free (net);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestNet, net_free)

/* Connects every member of a module in layer k to every member of the
 * same module in layer k + 1. */
static void
net_connect_modules (TestNet      *net,
                     const Member *members,
                     guint         n)
{
  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      if (members[a].module == members[b].module && members[b].layer == members[a].layer + 1)
        net_edge (net, members[a].layer, members[a].index, members[b].index);
}

/* Exemplar 1, input separable [4,2,4]: two modules side by side, condensed
 * [4,4,4,4] out of a dense [4,12,12,4]; the hidden units of the two
 * modules interleave in original order. */
static TestNet *
net_exemplar1 (gboolean detect)
{
  const guint arch[] = { 4, 12, 12, 4 };
  Member members[] = {
    { 0, 0, 1 }, { 0, 1, 1 }, { 0, 2, 0 }, { 0, 3, 0 },
    { 1, 1, 1 }, { 1, 4, 0 }, { 1, 7, 1 }, { 1, 10, 0 },
    { 2, 2, 1 }, { 2, 5, 0 }, { 2, 9, 1 }, { 2, 11, 0 },
    { 3, 0, 1 }, { 3, 1, 1 }, { 3, 2, 0 }, { 3, 3, 0 },
  };
  TestNet *net = net_new (arch, G_N_ELEMENTS (arch));

  net_connect_modules (net, members, G_N_ELEMENTS (members));
  net->scene.title = "exemplar/input-separable";
  net->scene.subtitle = "Arch 4-12-12-4 → 4-4-4-4 · density 16 % · 2 modules";
  if (detect)
    net_detect (net, members, G_N_ELEMENTS (members));
  return net;
}

/* Exemplar 4, [6,3,3,3]: three input modules through three hidden layers,
 * each output a single-unit module fed by two of them. */
static TestNet *
net_exemplar4 (void)
{
  const guint arch[] = { 6, 9, 9, 9, 3 };
  const guint hidden[3][3] = { { 5, 1, 7 }, { 2, 8, 4 }, { 6, 0, 3 } };  /* [layer][p] */
  const guint ids[3] = { 2, 0, 1 };
  const guint feeds[3][2] = { { 0, 1 }, { 0, 2 }, { 1, 2 } };           /* y ← p, p */
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  TestNet *net = net_new (arch, G_N_ELEMENTS (arch));

  for (guint p = 0; p < 3; p++)
    {
      Member in0 = { 0, 2 * p, ids[p] }, in1 = { 0, 2 * p + 1, ids[p] };

      g_array_append_val (members, in0);
      g_array_append_val (members, in1);
      for (guint l = 0; l < 3; l++)
        {
          Member h = { l + 1, hidden[l][p], ids[p] };

          g_array_append_val (members, h);
        }
    }
  net_connect_modules (net, (Member *) (void *) members->data, members->len);
  for (guint y = 0; y < 3; y++)
    {
      Member out = { 4, y, 3 + y };

      g_array_append_val (members, out);
      for (guint f = 0; f < 2; f++)
        net_edge (net, 3, hidden[2][feeds[y][f]], y);
    }

  net->scene.title = "exemplar/separable-reused";
  net_detect (net, (Member *) (void *) members->data, members->len);
  return net;
}

/* Exemplar 3, [4,1,2,16]: one wide reused module R, then "a" and "b"
 * feeding the even and odd outputs. */
static TestNet *
net_exemplar3 (void)
{
  const guint arch[] = { 4, 6, 6, 16 };
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  const guint r_units[] = { 0, 2, 5 };
  TestNet *net = net_new (arch, G_N_ELEMENTS (arch));

  for (guint i = 0; i < 4; i++)
    g_array_append_val (members, ((Member) { 0, i, 0 }));
  for (guint h = 0; h < 3; h++)
    {
      g_array_append_val (members, ((Member) { 1, r_units[h], 0 }));
      for (guint i = 0; i < 4; i++)
        net_edge (net, 0, i, r_units[h]);
      net_edge (net, 1, r_units[h], 3);
      net_edge (net, 1, r_units[h], 1);
    }
  g_array_append_val (members, ((Member) { 2, 3, 1 }));
  g_array_append_val (members, ((Member) { 2, 1, 2 }));
  for (guint y = 0; y < 16; y++)
    {
      g_array_append_val (members, ((Member) { 3, y, y % 2 ? 2 : 1 }));
      net_edge (net, 2, y % 2 ? 1 : 3, y);
    }

  net->scene.title = "exemplar/reused";
  net_detect (net, (Member *) (void *) members->data, members->len);
  return net;
}

#define MNIST_W 56
#define MNIST_H 28

static gboolean
mnist_pixel_kept (guint i)
{
  guint r = i / MNIST_W, c = i % MNIST_W;
  double dc = (double) (c % 28) - 13.5, dr = (double) r - 13.5;

  return dr * dr + dc * dc < 81.0;
}

static guint
mnist_side (guint layer,
            guint index,
            guint width)
{
  if (layer == 0)
    return index % MNIST_W >= 28;
  return index >= width / 2;
}

/* An MNIST-sized scene: 56×28 input image, three hidden layers of 400,
 * 20 outputs, two modules (left digit, right digit), sparse mask. */
static TestNet *
net_mnist (gboolean detect)
{
  const guint arch[] = { 1568, 400, 400, 400, 20 };
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  TestNet *net = net_new (arch, G_N_ELEMENTS (arch));

  for (guint l = 0; l < 5; l++)
    for (guint j = 0; j < arch[l]; j++)
      {
        gboolean kept = l == 0 ? mnist_pixel_kept (j) : l == 4 || j % 3 != 2;

        if (kept)
          g_array_append_val (members, ((Member) { l, j, mnist_side (l, j, arch[l]) }));
      }

  for (guint k = 0; k < 4; k++)
    for (guint j = 0; j < arch[k + 1]; j++)
      for (guint i = 0; i < arch[k]; i++)
        {
          gboolean same = mnist_side (k, i, arch[k]) == mnist_side (k + 1, j, arch[k + 1]);
          gboolean pick = k == 0 ? (i * 7 + j * 13) % 23 == 0 && mnist_pixel_kept (i)
                                 : (i * 5 + j * 3) % 17 == 0;

          if (same && pick && (k + 1 == 4 || j % 3 != 2) && (k == 0 || i % 3 != 2))
            net_edge (net, k, i, j);
        }

  net->scene.image_width = MNIST_W;
  net->scene.image_height = MNIST_H;
  net->scene.title = "mnist/two-digits";
  if (detect)
    net_detect (net, (Member *) (void *) members->data, members->len);
  return net;
}

/* ---- module graphs built by hand (hierarchy) ---------------------- */

static GArray *
uint_array (const guint *values,
            guint        n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_vals (array, values, n);
  return array;
}

static void
graph_free (ScModuleGraph *graph)
{
  for (guint m = 0; m < graph->n_modules; m++)
    {
      g_array_unref (graph->modules[m].inputs);
      g_array_unref (graph->modules[m].outputs);
      g_array_unref (graph->modules[m].feeds);
      g_clear_pointer (&graph->modules[m].feeds_edges, g_array_unref);
      g_array_unref (graph->modules[m].fed_by);
    }
  g_free (graph->modules);
  g_free (graph);
}

/* Hand-built graphs are freed here, not by sc_module_graph_free(). */
typedef ScModuleGraph TestGraph;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestGraph, graph_free)

typedef struct
{
  guint id;
  guint first_layer;
  guint inputs[8];
  guint n_inputs;
  guint outputs[8];
  guint n_outputs;
  guint feeds[4];
  guint n_feeds;
  guint feeds_edges[4];  /* surviving edges into each of feeds; all 0: unknown */
} ModuleSpec;

static ScModuleGraph *
graph_new (const ModuleSpec *spec,
           guint             n)
{
  ScModuleGraph *graph = g_new0 (ScModuleGraph, 1);

  graph->n_modules = n;
  graph->modules = g_new0 (ScModule, n);
  for (guint m = 0; m < n; m++)
    {
      ScModule *module = &graph->modules[m];

      module->id = spec[m].id;
      module->first_layer = spec[m].first_layer;
      module->inputs = uint_array (spec[m].inputs, spec[m].n_inputs);
      module->outputs = uint_array (spec[m].outputs, spec[m].n_outputs);
      module->feeds = uint_array (spec[m].feeds, spec[m].n_feeds);
      if (spec[m].n_feeds > 0 && spec[m].feeds_edges[0] > 0)
        module->feeds_edges = uint_array (spec[m].feeds_edges, spec[m].n_feeds);
      module->fed_by = g_array_new (FALSE, FALSE, sizeof (guint));
      module->reused = spec[m].n_feeds >= 2;
      module->cycle_group = m;      /* the test graphs are acyclic */
    }
  for (guint m = 0; m < n; m++)
    for (guint f = 0; f < spec[m].n_feeds; f++)
      g_array_append_val (graph->modules[spec[m].feeds[f]].fed_by, m);

  return graph;
}

/* Exemplar 4's module graph: p1 (index 0), p2 (1), p0 (2) at level 0, the
 * outputs y0 = p0 ∨ p1, y1 = p0 ∨ p2, y2 = p1 ∨ p2 above. */
static ScModuleGraph *
graph_exemplar4 (void)
{
  const ModuleSpec spec[] = {
    { 0, 0, { 2, 3 }, 2, { 0 }, 0, { 3, 5 }, 2 },
    { 1, 0, { 4, 5 }, 2, { 0 }, 0, { 4, 5 }, 2 },
    { 2, 0, { 0, 1 }, 2, { 0 }, 0, { 3, 4 }, 2 },
    { 3, 4, { 0, 1, 2, 3 }, 4, { 0 }, 1, { 0 }, 0 },
    { 4, 4, { 0, 1, 4, 5 }, 4, { 1 }, 1, { 0 }, 0 },
    { 5, 4, { 2, 3, 4, 5 }, 4, { 2 }, 1, { 0 }, 0 },
  };

  return graph_new (spec, G_N_ELEMENTS (spec));
}

/* Exemplar 4's again, with one surviving edge behind every link: the
 * links p1 → y1 and p0 → y0 cross halfway up, where their labels used
 * to collide ("1 1"). */
static ScModuleGraph *
graph_exemplar4_counted (void)
{
  const ModuleSpec spec[] = {
    { 0, 0, { 2, 3 }, 2, { 0 }, 0, { 3, 5 }, 2, { 1, 1 } },
    { 1, 0, { 4, 5 }, 2, { 0 }, 0, { 4, 5 }, 2, { 1, 1 } },
    { 2, 0, { 0, 1 }, 2, { 0 }, 0, { 3, 4 }, 2, { 1, 1 } },
    { 3, 4, { 0, 1, 2, 3 }, 4, { 0 }, 1, { 0 }, 0 },
    { 4, 4, { 0, 1, 4, 5 }, 4, { 1 }, 1, { 0 }, 0 },
    { 5, 4, { 2, 3, 4, 5 }, 4, { 2 }, 1, { 0 }, 0 },
  };

  return graph_new (spec, G_N_ELEMENTS (spec));
}

/* Many crossings: four modules at the bottom each feeding three of four
 * in the middle, which feed two at the top; M5 and M6 of the middle feed
 * each other (a cycle group: one side link, both ways). */
static ScModuleGraph *
graph_tangled (void)
{
  const ModuleSpec spec[] = {
    { 0, 0, { 0, 1 }, 2, { 0 }, 0, { 4, 5, 7 }, 3, { 12, 3, 1 } },
    { 1, 0, { 2, 3 }, 2, { 0 }, 0, { 4, 6, 7 }, 3, { 2, 40, 7 } },
    { 2, 0, { 4, 5 }, 2, { 0 }, 0, { 5, 6, 4 }, 3, { 1, 1, 1 } },
    { 3, 0, { 6, 7 }, 2, { 0 }, 0, { 7, 4, 5 }, 3, { 5, 9, 100 } },
    { 4, 2, { 0, 1, 2, 3 }, 4, { 0 }, 0, { 8, 9 }, 2, { 6, 1 } },
    { 5, 2, { 0, 1, 4, 5 }, 4, { 0 }, 0, { 9, 8, 6 }, 3, { 1, 2, 4 } },
    { 6, 2, { 2, 3, 4, 5 }, 4, { 0 }, 0, { 8, 5, 9 }, 3, { 3, 2, 1 } },
    { 7, 2, { 0, 1, 2, 3, 4, 5, 6, 7 }, 8, { 0 }, 0, { 9 }, 1, { 10 } },
    { 8, 4, { 0, 1, 2, 3, 4, 5 }, 6, { 0, 1 }, 2, { 0 }, 0 },
    { 9, 4, { 0, 1, 2, 3, 4, 5, 6, 7 }, 8, { 2, 3 }, 2, { 0 }, 0 },
  };
  ScModuleGraph *graph = graph_new (spec, G_N_ELEMENTS (spec));

  graph->modules[6].cycle_group = 5;
  return graph;
}

/* Exemplar 3's: R → a, R → b (three levels would need a chain; this is
 * two: R at the bottom, a and b above). */
static ScModuleGraph *
graph_exemplar3 (void)
{
  const ModuleSpec spec[] = {
    { 0, 0, { 0, 1, 2, 3 }, 4, { 0 }, 0, { 1, 2 }, 2 },
    { 1, 2, { 0, 1, 2, 3 }, 4, { 0, 2, 4, 6, 8, 10, 12, 14 }, 8, { 0 }, 0 },
    { 2, 2, { 0, 1, 2, 3 }, 4, { 1, 3, 5, 7, 9, 11, 13, 15 }, 8, { 0 }, 0 },
  };

  return graph_new (spec, G_N_ELEMENTS (spec));
}

/* ---- geometry checks ---------------------------------------------- */

static gboolean
rect_inside (const ScRect *inner,
             const ScRect *outer,
             double        slack)
{
  return inner->x >= outer->x - slack && inner->y >= outer->y - slack &&
         inner->x + inner->width <= outer->x + outer->width + slack &&
         inner->y + inner->height <= outer->y + outer->height + slack;
}

static gboolean
rects_overlap (const ScRect *a,
               const ScRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
assert_units_inside (const ScLayout *layout)
{
  ScRect canvas = { 0, 0, layout->width, layout->height };
  guint n_visible = 0;

  for (guint u = 0; u < layout->n_units; u++)
    {
      ScRect rect;

      if (!layout->units[u].kept)
        continue;
      g_assert_true (sc_layout_unit_rect (layout, u, &rect));
      g_assert_true (rect_inside (&rect, &canvas, 1e-6));
      g_assert_true (rect_inside (&rect, &layout->plot_rect, 1e-6));
      g_assert_false (layout->legend_rect.width > 0 && rects_overlap (&rect, &layout->legend_rect));
      g_assert_false (layout->title_rect.height > 0 && rects_overlap (&rect, &layout->title_rect));
      n_visible++;
    }
  g_assert_cmpuint (n_visible, >, 0);
}

/* Every module box contains its units, lies inside the plot, and no two
 * boxes overlap. */
static void
assert_boxes_clean (const ScLayout *layout)
{
  for (guint m = 0; m < layout->n_boxes; m++)
    {
      const ScLayoutBox *box = &layout->boxes[m];

      g_assert_true (rect_inside (&box->rect, &layout->plot_rect, 1e-6));
      for (guint u = 0; u < layout->n_units; u++)
        {
          ScRect rect;

          if (layout->units[u].module != (int) box->id || !layout->units[u].kept ||
              (layout->has_image && layout->units[u].layer == 0))
            continue;
          g_assert_true (sc_layout_unit_rect (layout, u, &rect));
          g_assert_true (rect_inside (&rect, &box->rect, 1e-6));
        }
      for (guint o = m + 1; o < layout->n_boxes; o++)
        g_assert_false (rects_overlap (&box->rect, &layout->boxes[o].rect));
    }
}

typedef struct
{
  double pos;
  int    module;
} Slot;

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const Slot *x = a, *y = b;

  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The module ids of the visible units of a layer, in order along it. */
static GArray *
layer_modules (const ScLayout *layout,
               guint           layer)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint u = 0; u < layout->n_units; u++)
    if (layout->units[u].layer == layer && layout->units[u].visible && layout->units[u].kept)
      {
        Slot s = { layout->orientation == SC_ORIENTATION_BOTTOM_UP ? layout->units[u].x
                                                                   : layout->units[u].y,
                   layout->units[u].module };

        g_array_append_val (slots, s);
      }
  g_array_sort (slots, compare_slots);
  for (guint s = 0; s < slots->len; s++)
    g_array_append_val (ids, g_array_index (slots, Slot, s).module);

  return ids;
}

static void
assert_modules_contiguous (const ScLayout *layout)
{
  for (guint l = 0; l < layout->n_layers; l++)
    {
      g_autoptr(GArray) ids = layer_modules (layout, l);
      g_autoptr(GHashTable) closed = g_hash_table_new (NULL, NULL);

      for (guint s = 0; s < ids->len; s++)
        {
          int id = g_array_index (ids, int, s);

          g_assert_cmpint (id, >=, 0);
          g_assert_false (g_hash_table_contains (closed, GINT_TO_POINTER (id)));
          if (s + 1 < ids->len && g_array_index (ids, int, s + 1) != id)
            g_hash_table_add (closed, GINT_TO_POINTER (id));
        }
    }
}

static GArray *
module_order (const ScLayout *layout)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint m = 0; m < layout->n_boxes; m++)
    g_array_append_val (order, layout->boxes[m].id);
  return order;
}

static void
assert_same_order (GArray *a,
                   GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * sizeof (guint), b->data, b->len * sizeof (guint));
}

/* ---- pixels ------------------------------------------------------- */

static cairo_surface_t *
render_scene (const ScScene  *scene,
              const ScLayout *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) layout->width, (int) layout->height);
  cairo_t *cr = cairo_create (surface);

  sc_render_network (cr, scene, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return ((guint32 *) (void *) (data + (int) y * stride))[(int) x];
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sculptor-render-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Runs a tool; FALSE (and a message) if it is not installed. */
static gboolean
run_tool (const char * const *argv,
          int                *status)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  if (program == NULL)
    {
      g_test_message ("%s is not installed; check skipped", argv[0]);
      return FALSE;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, status, &error);
  g_assert_no_error (error);
  if (*status != 0)
    g_test_message ("%s: %s", argv[0], err);
  return TRUE;
}

/* The SVG is well-formed XML and librsvg renders it. */
static void
assert_svg_valid (const char *svg)
{
  g_autofree char *png = g_strconcat (svg, ".png", NULL);
  const char *xmllint[] = { "xmllint", "--noout", svg, NULL };
  const char *rsvg[] = { "rsvg-convert", "-o", png, svg, NULL };
  int status;

  if (run_tool (xmllint, &status))
    g_assert_cmpint (status, ==, 0);
  if (run_tool (rsvg, &status))
    {
      cairo_surface_t *image;

      g_assert_cmpint (status, ==, 0);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), >, 0);
      cairo_surface_destroy (image);
      g_unlink (png);
    }
}

/* ---- layout tests ------------------------------------------------- */

static void
test_layout_plain (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (FALSE);
  g_autoptr(ScLayout) layout = NULL;
  g_autoptr(ScLayout) ghosts = NULL;
  guint hidden = sc_mask_unit_offset (net->mask, 1);
  double last_x = -1.0;

  layout = sc_layout_compute (&net->scene, 900, 600);
  assert_units_inside (layout);
  g_assert_cmpuint (layout->n_boxes, ==, 0);

  /* §5.2: hidden unit 0 has no edges, unit 1 does */
  g_assert_false (layout->units[hidden + 0].kept);
  g_assert_false (layout->units[hidden + 0].visible);
  g_assert_true (layout->units[hidden + 1].kept);
  for (guint u = 0; u < layout->n_units; u++)
    g_assert_cmpint (layout->units[u].module, ==, -1);

  /* evenly spaced, original order */
  for (guint j = 0; j < 12; j++)
    if (layout->units[hidden + j].visible)
      {
        g_assert_cmpfloat (layout->units[hidden + j].x, >, last_x);
        last_x = layout->units[hidden + j].x;
      }

  /* ghosts: every unit visible, the removed ones faint */
  net->scene.options.show_pruned = TRUE;
  ghosts = sc_layout_compute (&net->scene, 900, 600);
  g_assert_true (ghosts->units[hidden + 0].visible);
  g_assert_false (ghosts->units[hidden + 0].kept);
  g_assert_cmpfloat (ghosts->units[hidden + 0].alpha, <, 1.0);
  g_assert_cmpfloat (ghosts->units[hidden + 1].alpha, ==, 1.0);
}

static void
test_layout_modules (void)
{
  TestNet *nets[] = { net_exemplar1 (TRUE), net_exemplar4 (), net_exemplar3 () };
  const double sizes[][2] = { { 1200, 800 }, { 640, 480 }, { 500, 900 }, { 300, 200 } };

  for (guint n = 0; n < G_N_ELEMENTS (nets); n++)
    {
      g_autoptr(ScLayout) reference = sc_layout_compute (&nets[n]->scene, 1200, 800);
      g_autoptr(GArray) reference_order = module_order (reference);

      g_assert_cmpuint (reference->n_boxes, ==, nets[n]->detection->n_modules);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (guint o = 0; o < 2; o++)
          {
            g_autoptr(ScLayout) layout = NULL;
            g_autoptr(GArray) order = NULL;

            nets[n]->scene.options.orientation = o ? SC_ORIENTATION_LEFT_RIGHT : SC_ORIENTATION_BOTTOM_UP;
            layout = sc_layout_compute (&nets[n]->scene, sizes[s][0], sizes[s][1]);
            order = module_order (layout);

            assert_units_inside (layout);
            assert_boxes_clean (layout);
            assert_modules_contiguous (layout);
            /* the same detection gives the same order at any size */
            assert_same_order (reference_order, order);
          }
      net_free (nets[n]);
    }
}

static void
test_layout_order (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (TRUE);
  g_autoptr(ScLayout) a = sc_layout_compute (&net->scene, 1000, 700);
  g_autoptr(ScLayout) b = sc_layout_compute (&net->scene, 1000, 700);
  const ScLayoutBox *left = sc_layout_find_box (a, 1);
  const ScLayoutBox *right = sc_layout_find_box (a, 0);

  /* deterministic: a layout is a pure function of scene and size */
  g_assert_cmpmem (a->units, a->n_units * sizeof (ScLayoutUnit), b->units, b->n_units * sizeof (ScLayoutUnit));
  g_assert_cmpmem (a->boxes, a->n_boxes * sizeof (ScLayoutBox), b->boxes, b->n_boxes * sizeof (ScLayoutBox));

  /* barycentre order: the module of x0 x1 (id 1) left of x2 x3 (id 0),
   * though §6 would order them by id */
  g_assert_nonnull (left);
  g_assert_nonnull (right);
  g_assert_cmpfloat (left->rect.x + left->rect.width, <, right->rect.x);
  g_assert_cmpuint (a->boxes[0].id, ==, 1);

  /* inputs keep their original order inside the row */
  for (guint i = 0; i + 1 < 4; i++)
    g_assert_cmpfloat (a->units[i].x, <, a->units[i + 1].x);
  /* bottom-up: inputs below outputs */
  g_assert_cmpfloat (a->units[0].y, >, a->units[sc_mask_unit_offset (net->mask, 3)].y);
  g_assert_cmpuint (a->boxes[0].first_layer, ==, 0);
  g_assert_cmpuint (a->boxes[0].last_layer, ==, 3);
}

static void
test_layout_outputs_between_parents (void)
{
  g_autoptr(TestNet) net = net_exemplar4 ();
  g_autoptr(ScLayout) layout = sc_layout_compute (&net->scene, 1200, 800);
  guint out = sc_mask_unit_offset (net->mask, 4);
  const ScLayoutUnit *y0 = &layout->units[out + 0];
  const ScLayoutBox *p0 = sc_layout_find_box (layout, 2);
  const ScLayoutBox *p1 = sc_layout_find_box (layout, 0);

  /* y0 = p0 ∨ p1 sits between the columns of p0 and p1 */
  g_assert_nonnull (p0);
  g_assert_nonnull (p1);
  g_assert_cmpfloat (y0->x, >, p0->rect.x);
  g_assert_cmpfloat (y0->x, <, p1->rect.x + p1->rect.width);
  g_assert_cmpuint (layout->n_boxes, ==, 6);
}

static void
test_layout_image (void)
{
  g_autoptr(TestNet) net = net_mnist (TRUE);
  g_autoptr(ScLayout) layout = sc_layout_compute (&net->scene, 1200, 800);
  ScRect canvas = { 0, 0, 1200, 800 };
  const ScLayoutUnit *px;
  ScHit hit;

  g_assert_true (layout->has_image);
  g_assert_cmpuint (layout->image_width, ==, MNIST_W);
  g_assert_true (rect_inside (&layout->image_rect, &layout->plot_rect, 1e-6));
  g_assert_true (rect_inside (&layout->image_rect, &canvas, 1e-6));
  /* pixels are square and the image keeps its aspect ratio */
  g_assert_cmpfloat_with_epsilon (layout->image_rect.width / MNIST_W,
                                  layout->image_rect.height / MNIST_H, 1e-9);

  assert_units_inside (layout);
  assert_boxes_clean (layout);
  assert_modules_contiguous (layout);

  /* pixel (r, c) is input 56 r + c, drawn at row r, column c */
  px = &layout->units[10 * MNIST_W + 40];
  g_assert_true (px->visible);
  g_assert_cmpfloat_with_epsilon (px->x, layout->image_rect.x + 40.5 * layout->image_rect.width / MNIST_W, 1e-6);
  hit = sc_layout_hit_test (layout, px->x, px->y);
  g_assert_cmpint (hit.kind, ==, SC_HIT_UNIT);
  g_assert_cmpuint (hit.layer, ==, 0);
  g_assert_cmpuint (hit.index, ==, 10 * MNIST_W + 40);
  g_assert_cmpint (hit.module, ==, 1);

  /* a pruned corner pixel is drawn (dark) but not kept */
  g_assert_true (layout->units[0].visible);
  g_assert_false (layout->units[0].kept);
}

static gboolean
layout_is_finite (const ScLayout *layout)
{
  for (guint u = 0; u < layout->n_units; u++)
    if (!isfinite (layout->units[u].x) || !isfinite (layout->units[u].y) ||
        !isfinite (layout->units[u].radius) || layout->units[u].radius < 0)
      return FALSE;
  for (guint m = 0; m < layout->n_boxes; m++)
    if (!isfinite (layout->boxes[m].rect.x) || layout->boxes[m].rect.width < 0 ||
        layout->boxes[m].rect.height < 0)
      return FALSE;
  return TRUE;
}

/* Odd sizes and degenerate networks draw without Cairo errors. */
static void
test_layout_degenerate (void)
{
  const double sizes[][2] = { { 64, 64 }, { 90, 1600 }, { 2400, 70 }, { 1, 1 } };
  const guint two[] = { 3, 2 };
  g_autoptr(TestNet) e4 = net_exemplar4 ();
  g_autoptr(TestNet) mnist = net_mnist (FALSE);
  g_autoptr(TestNet) shallow = net_new (two, 2);
  g_autoptr(TestNet) empty = net_new (two, 2);
  TestNet *nets[] = { e4, mnist, shallow, empty };

  net_edge (shallow, 0, 0, 1);
  net_edge (shallow, 0, 2, 1);
  shallow->scene.weights = NULL;
  net_detect (empty, NULL, 0);
  for (guint n = 0; n < G_N_ELEMENTS (nets); n++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint o = 0; o < 2; o++)
        {
          g_autoptr(ScLayout) layout = NULL;
          cairo_surface_t *surface;
          cairo_t *cr;

          nets[n]->scene.options.orientation = o ? SC_ORIENTATION_LEFT_RIGHT : SC_ORIENTATION_BOTTOM_UP;
          nets[n]->scene.options.show_pruned = s % 2;
          layout = sc_layout_compute (&nets[n]->scene, sizes[s][0], sizes[s][1]);
          g_assert_true (layout_is_finite (layout));

          surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) sizes[s][0], (int) sizes[s][1]);
          cr = cairo_create (surface);
          sc_render_network (cr, &nets[n]->scene, layout);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
}

/* ---- hit-testing -------------------------------------------------- */

static void
test_hit_test (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (TRUE);
  g_autoptr(ScLayout) layout = sc_layout_compute (&net->scene, 1000, 700);
  guint hidden = sc_mask_unit_offset (net->mask, 1);
  const ScLayoutUnit *unit = &layout->units[hidden + 7];
  const ScLayoutBox *box = sc_layout_find_box (layout, 0);
  ScHit hit;
  gboolean found_point = FALSE;

  hit = sc_layout_hit_test (layout, unit->x + unit->radius * 0.5, unit->y);
  g_assert_cmpint (hit.kind, ==, SC_HIT_UNIT);
  g_assert_cmpuint (hit.layer, ==, 1);
  g_assert_cmpuint (hit.index, ==, 7);
  g_assert_cmpuint (hit.unit, ==, hidden + 7);
  g_assert_cmpint (hit.module, ==, 1);

  /* a point of box 0 that is no unit */
  for (double fy = 0.05; fy < 1.0 && !found_point; fy += 0.05)
    for (double fx = 0.05; fx < 1.0 && !found_point; fx += 0.05)
      {
        double x = box->rect.x + fx * box->rect.width, y = box->rect.y + fy * box->rect.height;
        gboolean near_unit = FALSE;

        for (guint u = 0; u < layout->n_units; u++)
          if (layout->units[u].visible &&
              hypot (x - layout->units[u].x, y - layout->units[u].y) <= layout->units[u].radius + 5)
            near_unit = TRUE;
        if (near_unit)
          continue;

        hit = sc_layout_hit_test (layout, x, y);
        g_assert_cmpint (hit.kind, ==, SC_HIT_MODULE);
        g_assert_cmpint (hit.module, ==, 0);
        found_point = TRUE;
      }
  g_assert_true (found_point);

  /* units win over boxes */
  hit = sc_layout_hit_test (layout, unit->x, unit->y);
  g_assert_cmpint (hit.kind, ==, SC_HIT_UNIT);

  /* empty space */
  hit = sc_layout_hit_test (layout, 2, 2);
  g_assert_cmpint (hit.kind, ==, SC_HIT_NONE);
  hit = sc_layout_hit_test (layout, -50, 400);
  g_assert_cmpint (hit.kind, ==, SC_HIT_NONE);

  /* legend rows of modules */
  for (guint r = 0; r < layout->n_legend; r++)
    if (layout->legend[r].kind == SC_LEGEND_MODULE)
      {
        const ScRect *rect = &layout->legend[r].rect;

        hit = sc_layout_hit_test (layout, rect->x + rect->width / 2, rect->y + rect->height / 2);
        g_assert_cmpint (hit.kind, ==, SC_HIT_LEGEND);
        g_assert_cmpint (hit.module, ==, layout->legend[r].module);
      }
}

static void
test_bounds (void)
{
  g_autoptr(TestNet) net = net_exemplar4 ();
  g_autoptr(ScLayout) layout = sc_layout_compute (&net->scene, 1000, 700);
  ScRect bounds;

  sc_layout_get_bounds (layout, &bounds);
  g_assert_true (rect_inside (&bounds, &layout->plot_rect, 1e-6));
  for (guint m = 0; m < layout->n_boxes; m++)
    g_assert_true (rect_inside (&layout->boxes[m].rect, &bounds, 1e-6));
  g_assert_false (sc_layout_unit_rect (layout, layout->n_units, &bounds));
}

/* ---- drawing ------------------------------------------------------ */

static void
test_draw_pixels (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (TRUE);

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autoptr(ScLayout) layout = NULL;
      cairo_surface_t *surface;
      guint32 background;

      net->scene.options.dark = dark;
      layout = sc_layout_compute (&net->scene, 800, 600);
      surface = render_scene (&net->scene, layout);
      background = pixel_at (surface, 1, layout->height - 2);

      g_assert_cmpuint (background, ==, dark ? 0xff242424 : 0xffffffff);
      for (guint u = 0; u < layout->n_units; u++)
        if (layout->units[u].kept)
          {
            guint32 centre = pixel_at (surface, layout->units[u].x, layout->units[u].y);
            ScRgba color;
            int r;

            g_assert_cmpuint (centre, !=, background);
            /* filled with its module's colour */
            sc_render_module_color (layout->units[u].module, dark, &color);
            r = (centre >> 16) & 0xff;
            g_assert_cmpint (ABS (r - (int) lround (color.red * 255)), <=, 2);
          }
      cairo_surface_destroy (surface);
    }
}

static cairo_surface_t *
render_scene_parts (const ScScene  *scene,
                    const ScLayout *layout,
                    ScRenderParts   parts)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) layout->width, (int) layout->height);
  cairo_t *cr = cairo_create (surface);

  sc_render_network_parts (cr, scene, layout, parts);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
segment_crosses_rect (double        x0,
                      double        y0,
                      double        x1,
                      double        y1,
                      const ScRect *r)
{
  for (guint i = 0; i <= 400; i++)
    {
      double x = x0 + (x1 - x0) * i / 400.0, y = y0 + (y1 - y0) * i / 400.0;

      if (x > r->x && x < r->x + r->width && y > r->y && y < r->y + r->height)
        return TRUE;
    }
  return FALSE;
}

/* Edges drawn through the halo of a box's label (straight lines between
 * the centres of visible units; the image's bundles are left out). */
static guint
edges_through (const TestNet  *net,
               const ScLayout *layout,
               const ScRect   *halo)
{
  const ScMask *mask = net->mask;
  guint n = 0;

  for (guint k = layout->has_image ? 1 : 0; k + 1 < mask->n_layers; k++)
    for (guint j = 0; j < mask->arch[k + 1]; j++)
      for (guint i = 0; i < mask->arch[k]; i++)
        {
          const ScLayoutUnit *a = &layout->units[sc_mask_unit_offset (mask, k) + i];
          const ScLayoutUnit *b = &layout->units[sc_mask_unit_offset (mask, k + 1) + j];

          if (mask->m[k][(gsize) j * mask->arch[k] + i] && a->visible && b->visible &&
              segment_crosses_rect (a->x, a->y, b->x, b->y, halo))
            n++;
        }
  return n;
}

/* A module's label is never crossed out by edges: inside its halo the
 * figure is the same with edges and without; and edges do pass there. */
static void
test_box_label_halo (void)
{
  g_autoptr(TestNet) e1 = net_exemplar1 (TRUE);
  g_autoptr(TestNet) e3 = net_exemplar3 ();
  g_autoptr(TestNet) e4 = net_exemplar4 ();
  g_autoptr(TestNet) mnist = net_mnist (TRUE);
  TestNet *nets[] = { e1, e3, e4, mnist };
  const double sizes[][2] = { { 1200, 800 }, { 700, 900 } };
  guint n_labels = 0, n_crossed = 0;

  for (guint n = 0; n < G_N_ELEMENTS (nets); n++)
    for (guint o = 0; o < 2; o++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (guint dark = 0; dark < 2; dark++)
          {
            ScScene *scene = &nets[n]->scene;
            g_autoptr(ScLayout) layout = NULL;
            cairo_surface_t *with, *without;

            scene->options.orientation = o ? SC_ORIENTATION_LEFT_RIGHT : SC_ORIENTATION_BOTTOM_UP;
            scene->options.dark = dark;
            scene->selected_module = s == 1 ? 0 : -1;
            layout = sc_layout_compute (scene, sizes[s][0], sizes[s][1]);
            with = render_scene_parts (scene, layout, SC_RENDER_ALL);
            without = render_scene_parts (scene, layout, SC_RENDER_ALL & ~SC_RENDER_EDGES);

            for (guint m = 0; m < layout->n_boxes; m++)
              {
                const ScLayoutBox *box = &layout->boxes[m];
                ScRect halo;

                if (!box->show_label)
                  continue;
                sc_layout_box_label_rect (layout, box, &halo);
                g_assert_true (rect_inside (&halo, &box->rect, 0.0));
                n_labels++;
                n_crossed += edges_through (nets[n], layout, &halo) > 0;
                /* one pixel in from the halo's antialiased rim */
                for (int y = (int) ceil (halo.y) + 1; y < (int) (halo.y + halo.height) - 1; y++)
                  for (int x = (int) ceil (halo.x) + 1; x < (int) (halo.x + halo.width) - 1; x++)
                    if (pixel_at (with, x, y) != pixel_at (without, x, y))
                      g_error ("net %u, box M%u: pixel (%d, %d) is %08x with edges, %08x without",
                               n, box->id, x, y, pixel_at (with, x, y), pixel_at (without, x, y));
              }
            cairo_surface_destroy (with);
            cairo_surface_destroy (without);
          }

  g_test_message ("%u labels, %u crossed by edges", n_labels, n_crossed);
  g_assert_cmpuint (n_labels, >, 0);
  g_assert_cmpuint (n_crossed, >, 0);
}

/* The edge under a point near its middle is found; empty space hits none. */
static void
test_hit_edge (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (TRUE);
  g_autoptr(ScLayout) layout = sc_layout_compute (&net->scene, 800, 600);
  const ScMask *mask = net->mask;
  guint tried = 0;

  for (guint k = 0; k + 1 < mask->n_layers; k++)
    for (guint j = 0; j < mask->arch[k + 1]; j++)
      for (guint i = 0; i < mask->arch[k]; i++)
        {
          const ScLayoutUnit *a = &layout->units[sc_mask_unit_offset (mask, k) + i];
          const ScLayoutUnit *b = &layout->units[sc_mask_unit_offset (mask, k + 1) + j];
          guint hk = 99, hi = 99, hj = 99;

          if (!sc_mask_get (mask, k, i, j) || !a->visible || !b->visible)
            continue;
          /* a third of the way: away from where edges of a unit meet */
          g_assert_true (sc_layout_hit_edge (layout, mask, a->x + (b->x - a->x) / 3,
                                             a->y + (b->y - a->y) / 3, 0.5, &hk, &hi, &hj));
          g_assert_cmpuint (hk, ==, k);
          /* another edge may cross the same point: then it is one as near */
          if (hi != i || hj != j)
            continue;
          tried++;
        }
  g_assert_cmpuint (tried, >, 0);
  {
    guint k, i, j;

    g_assert_false (sc_layout_hit_edge (layout, mask, 1, 1, 4.0, &k, &i, &j));
  }
}

/* A greyed (knocked-out) unit is drawn grey, the others as before. */
static void
test_draw_greyed (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (TRUE);
  g_autoptr(ScLayout) layout = sc_layout_compute (&net->scene, 800, 600);
  guint off = sc_mask_unit_offset (net->mask, 1);
  const ScLayoutUnit *grey_unit = &layout->units[off + 4];
  const ScLayoutUnit *other_unit = &layout->units[off + 1];
  g_autofree guint8 *greyed = g_new0 (guint8, sc_mask_n_units (net->mask));
  cairo_surface_t *plain = render_scene (&net->scene, layout);
  cairo_surface_t *lesioned;
  guint32 centre;
  int r, g, b;

  greyed[off + 4] = 1;
  net->scene.greyed_units = greyed;
  lesioned = render_scene (&net->scene, layout);

  g_assert_cmpuint (pixel_at (plain, grey_unit->x, grey_unit->y), !=,
                    pixel_at (lesioned, grey_unit->x, grey_unit->y));
  g_assert_cmpuint (pixel_at (plain, other_unit->x, other_unit->y), ==,
                    pixel_at (lesioned, other_unit->x, other_unit->y));
  /* nearly a neutral grey: channels within a few steps of each other */
  centre = pixel_at (lesioned, grey_unit->x, grey_unit->y);
  r = (centre >> 16) & 0xff;
  g = (centre >> 8) & 0xff;
  b = centre & 0xff;
  g_assert_cmpint (MAX (MAX (r, g), b) - MIN (MIN (r, g), b), <, 40);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (lesioned);
}

static void
test_draw_selection (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (TRUE);
  g_autoptr(ScLayout) layout = sc_layout_compute (&net->scene, 800, 600);
  const ScLayoutUnit *dimmed_unit = &layout->units[sc_mask_unit_offset (net->mask, 1) + 4];
  const ScLayoutUnit *lit_unit = &layout->units[sc_mask_unit_offset (net->mask, 1) + 1];
  cairo_surface_t *plain = render_scene (&net->scene, layout);
  cairo_surface_t *selected;

  g_assert_cmpint (dimmed_unit->module, ==, 0);
  g_assert_cmpint (lit_unit->module, ==, 1);
  net->scene.selected_module = 1;
  selected = render_scene (&net->scene, layout);

  /* module 0 is dimmed, module 1 drawn as before */
  g_assert_cmpuint (pixel_at (plain, dimmed_unit->x, dimmed_unit->y), !=,
                    pixel_at (selected, dimmed_unit->x, dimmed_unit->y));
  g_assert_cmpuint (pixel_at (plain, lit_unit->x, lit_unit->y), ==,
                    pixel_at (selected, lit_unit->x, lit_unit->y));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (selected);
}

static void
test_draw_fading (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (FALSE);
  g_autoptr(ScMask) previous = sc_mask_copy (net->mask);
  guint hidden = sc_mask_unit_offset (net->mask, 1);
  g_autoptr(ScLayout) half = NULL;
  g_autoptr(ScLayout) done = NULL;

  /* hidden unit 7 of layer 1 is being pruned: its edges are gone */
  for (guint i = 0; i < 4; i++)
    net->mask->m[0][7 * 4 + i] = 0;
  for (guint j = 0; j < 12; j++)
    net->mask->m[1][j * 12 + 7] = 0;

  net->scene.previous_mask = previous;
  net->scene.progress = 0.5;
  half = sc_layout_compute (&net->scene, 800, 600);
  g_assert_true (half->units[hidden + 7].visible);
  g_assert_false (half->units[hidden + 7].kept);
  g_assert_cmpfloat_with_epsilon (half->units[hidden + 7].alpha, 0.5, 1e-6);

  net->scene.progress = 1.0;
  done = sc_layout_compute (&net->scene, 800, 600);
  g_assert_false (done->units[hidden + 7].visible);
}

static void
assert_box_holds_units (const ScLayout *layout)
{
  for (guint m = 0; m < layout->n_boxes; m++)
    for (guint u = 0; u < layout->n_units; u++)
      {
        const ScLayoutUnit *unit = &layout->units[u];
        ScRect disc = { unit->x - unit->radius, unit->y - unit->radius, 2 * unit->radius, 2 * unit->radius };

        if (unit->visible && unit->module == (int) layout->boxes[m].id)
          g_assert_true (rect_inside (&disc, &layout->boxes[m].rect, 1e-6));
      }
}

/* The close-up after pruning: a unit goes straight from its slot in the
 * fade's layout (which keeps the pruned unit's slot) to its place in the
 * closed-up layout; boxes move with their units. */
static void
test_layout_between (void)
{
  g_autoptr(TestNet) net = net_exemplar1 (FALSE);
  g_autoptr(TestNet) e4 = net_exemplar4 ();
  g_autoptr(ScMask) previous = sc_mask_copy (net->mask);
  guint hidden = sc_mask_unit_offset (net->mask, 1);
  g_autoptr(ScLayout) from = NULL;
  g_autoptr(ScLayout) to = NULL;
  guint n_moving = 0;

  for (guint i = 0; i < 4; i++)
    net->mask->m[0][7 * 4 + i] = 0;
  for (guint j = 0; j < 12; j++)
    net->mask->m[1][j * 12 + 7] = 0;
  net->scene.previous_mask = previous;
  net->scene.progress = 0.999;
  from = sc_layout_compute (&net->scene, 800, 600);
  net->scene.previous_mask = NULL;
  net->scene.progress = 1.0;
  to = sc_layout_compute (&net->scene, 800, 600);

  for (guint k = 0; k <= 4; k++)
    {
      double t = k / 4.0;
      g_autoptr(ScLayout) mid = sc_layout_between (from, to, t);

      g_assert_cmpuint (mid->n_units, ==, to->n_units);
      for (guint u = 0; u < to->n_units; u++)
        {
          const ScLayoutUnit *a = &from->units[u], *b = &to->units[u], *m = &mid->units[u];

          g_assert_cmpint (m->visible, ==, b->visible);
          g_assert_cmpfloat (m->alpha, ==, b->alpha);
          if (!a->visible || !b->visible)
            continue;
          g_assert_cmpfloat_with_epsilon (m->x, a->x + (b->x - a->x) * t, 1e-9);
          g_assert_cmpfloat_with_epsilon (m->y, a->y + (b->y - a->y) * t, 1e-9);
          n_moving += k == 0 && fabs (a->x - b->x) > 1.0;
        }
      g_assert_false (mid->units[hidden + 7].visible);
    }
  /* the layer closes up: the units of layer 1 move */
  g_assert_cmpuint (n_moving, >, 0);

  /* boxes: where `to` has them at t = 1, around their units all the way */
  {
    g_autoptr(ScLayout) wide = sc_layout_compute (&e4->scene, 1200, 800);
    g_autoptr(ScLayout) narrow = sc_layout_compute (&e4->scene, 700, 800);

    g_assert_cmpuint (narrow->n_boxes, >, 0);
    for (guint k = 0; k <= 5; k++)
      {
        g_autoptr(ScLayout) mid = sc_layout_between (wide, narrow, k / 5.0);
        cairo_surface_t *surface;

        assert_box_holds_units (mid);
        if (k == 5)
          for (guint m = 0; m < narrow->n_boxes; m++)
            {
              g_assert_cmpfloat_with_epsilon (mid->boxes[m].rect.x, narrow->boxes[m].rect.x, 1e-9);
              g_assert_cmpfloat_with_epsilon (mid->boxes[m].rect.width, narrow->boxes[m].rect.width, 1e-9);
              g_assert_cmpfloat_with_epsilon (mid->boxes[m].rect.y, narrow->boxes[m].rect.y, 1e-9);
              g_assert_cmpfloat_with_epsilon (mid->boxes[m].rect.height, narrow->boxes[m].rect.height, 1e-9);
            }
        surface = render_scene (&e4->scene, mid);
        cairo_surface_destroy (surface);
      }
  }
}

/* ---- export ------------------------------------------------------- */

static void
test_export_svg (void)
{
  g_autoptr(TestNet) net = net_exemplar4 ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "network.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (sc_render_export_network (SC_EXPORT_SVG, path, &net->scene, 1200, 800, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  /* px units: the document is 1200 wide, not 1200 pt */
  g_assert_nonnull (strstr (text, "width=\"1200px\""));
  assert_svg_valid (path);
  /* only the figure: no temporary file left */
  g_assert_cmpuint (count_files (dir), ==, 1);
  rm_rf (dir);
}

static void
test_export_mnist (void)
{
  g_autoptr(TestNet) net = net_mnist (TRUE);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "mnist.svg", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (sc_render_export_network (SC_EXPORT_SVG, path, &net->scene, 1200, 800, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("MNIST-sized SVG: %ld bytes", (long) st.st_size);
  g_assert_cmpint (st.st_size, <, 2 * 1024 * 1024);
  assert_svg_valid (path);
  rm_rf (dir);
}

static void
test_export_png_pdf (void)
{
  g_autoptr(TestNet) net = net_exemplar3 ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *png = g_build_filename (dir, "network.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "network.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  cairo_surface_t *image;

  g_assert_true (sc_render_export_network (SC_EXPORT_PNG, png, &net->scene, 600, 400, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1200);   /* 2× */
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
  cairo_surface_destroy (image);

  g_assert_true (sc_render_export_network (SC_EXPORT_PDF, pdf, &net->scene, 600, 400, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &text, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  /* a complete file ends with the trailer marker */
  g_assert_cmpmem (text + length - 6, 5, "%%EOF", 5);
  rm_rf (dir);
}

static void
draw_nothing (cairo_t *cr,
              double   width,
              double   height,
              gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
draw_broken (cairo_t *cr,
             double   width,
             double   height,
             gpointer user_data)
{
  /* an unbalanced restore puts the context into an error state */
  cairo_restore (cr);
}

static void
test_export_atomic (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "network.svg", NULL);
  g_autofree char *path = g_build_filename (dir, "keep.svg", NULL);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint calls = 0;

  /* a directory that does not exist: an error, nothing created */
  g_assert_false (sc_render_export (SC_EXPORT_SVG, missing, 100, 100, draw_nothing, &calls, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-such-dir"));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 0);

  /* a failing drawing leaves an existing file alone */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (sc_render_export (SC_EXPORT_SVG, path, 100, 100, draw_broken, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_IO);
  g_clear_error (&error);
  calls = 0;
  g_assert_false (sc_render_export (SC_EXPORT_PNG, path, 0, 100, draw_nothing, &calls, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_cmpuint (calls, ==, 0);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old");
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* into memory; a failure leaves the array as it was */
  g_byte_array_append (bytes, (const guint8 *) "x", 1);
  g_assert_false (sc_render_export_to_bytes (SC_EXPORT_PDF, 100, 100, draw_broken, NULL, bytes, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (bytes->len, ==, 1);
  g_assert_true (sc_render_export_to_bytes (SC_EXPORT_SVG, 100, 100, draw_nothing, &calls, bytes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bytes->len, >, 100);
  g_assert_cmpuint (calls, ==, 1);
  rm_rf (dir);
}

static void
test_export_format (void)
{
  ScExportFormat format = SC_EXPORT_SVG;

  g_assert_true (sc_export_format_from_string ("PNG", &format));
  g_assert_cmpint (format, ==, SC_EXPORT_PNG);
  g_assert_true (sc_export_format_from_string ("pdf", &format));
  g_assert_cmpstr (sc_export_format_extension (format), ==, "pdf");
  g_assert_false (sc_export_format_from_string ("jpeg", &format));
  g_assert_false (sc_export_format_from_string (NULL, &format));
}

/* ---- hierarchy ---------------------------------------------------- */

static void
test_hierarchy_layout (void)
{
  g_autoptr(TestGraph) graph = graph_exemplar4 ();
  const double sizes[][2] = { { 1200, 800 }, { 400, 300 }, { 600, 1000 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(ScHierarchyLayout) layout = sc_hierarchy_layout_compute (graph, NULL, sizes[s][0], sizes[s][1]);
      ScRect canvas = { 0, 0, sizes[s][0], sizes[s][1] };

      g_assert_cmpuint (layout->n_boxes, ==, 6);
      g_assert_cmpuint (layout->n_levels, ==, 2);
      for (guint m = 0; m < 6; m++)
        {
          const ScHierarchyBox *box = &layout->boxes[m];

          g_assert_cmpuint (box->module, ==, m);
          g_assert_true (rect_inside (&box->rect, &canvas, 1e-6));
          g_assert_cmpuint (box->level, ==, m < 3 ? 0 : 1);
          for (guint o = m + 1; o < 6; o++)
            g_assert_false (rects_overlap (&box->rect, &layout->boxes[o].rect));
          /* fed modules above the modules feeding them */
          for (guint f = 0; f < graph->modules[m].feeds->len; f++)
            {
              guint to = g_array_index (graph->modules[m].feeds, guint, f);

              g_assert_cmpfloat (layout->boxes[to].rect.y + layout->boxes[to].rect.height, <, box->rect.y);
            }
          g_assert_cmpint (sc_hierarchy_layout_hit_test (layout, box->rect.x + box->rect.width / 2,
                                                         box->rect.y + box->rect.height / 2), ==, (int) m);
        }

      g_assert_cmpstr (layout->boxes[2].inputs_text, ==, "x0 x1");
      g_assert_cmpstr (layout->boxes[2].label, ==, "M2");
      g_assert_cmpuint (layout->boxes[2].n_uses, ==, 2);
      g_assert_cmpstr (layout->boxes[4].outputs_text, ==, "→ y1");
      g_assert_null (layout->boxes[0].outputs_text);
      /* level 0 in input order: x0 x1 (M2), x2 x3 (M0), x4 x5 (M1) */
      g_assert_cmpfloat (layout->boxes[2].rect.x, <, layout->boxes[0].rect.x);
      g_assert_cmpfloat (layout->boxes[0].rect.x, <, layout->boxes[1].rect.x);
      g_assert_cmpint (sc_hierarchy_layout_hit_test (layout, -10, -10), ==, -1);
    }
}

/* Whether any point of the link's curve lies inside rect (sampled every
 * pixel or so). */
static gboolean
link_crosses (const ScHierarchyLink *link,
              const ScRect          *rect)
{
  for (guint i = 0; i <= 1000; i++)
    {
      double x, y;

      sc_hierarchy_link_point (link, i / 1000.0, &x, &y);
      if (x >= rect->x && x <= rect->x + rect->width && y >= rect->y && y <= rect->y + rect->height)
        return TRUE;
    }
  return FALSE;
}

static double
distance_to_link (const ScHierarchyLink *link,
                  double                 px,
                  double                 py)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i <= 4000; i++)
    {
      double x, y;

      sc_hierarchy_link_point (link, i / 4000.0, &x, &y);
      best = MIN (best, hypot (x - px, y - py));
    }
  return best;
}

/* Edge-count labels: one per link with a known count, inside the canvas,
 * clear of every box and every other label; an arrow's label centred on
 * its own curve, a side link's under the gap between its boxes; with
 * clear_of_links, no other arrow passes through a label. */
static void
assert_link_labels (const ScModuleGraph     *graph,
                    const ScHierarchyLayout *layout,
                    gboolean                 clear_of_links)
{
  ScRect canvas = { 0, 0, layout->width, layout->height };
  guint n_labels = 0;

  for (guint l = 0; l < layout->n_links; l++)
    {
      const ScHierarchyLink *link = &layout->links[l];
      const ScRect *r = &link->label_rect;
      double cx = r->x + r->width / 2, cy = r->y + r->height / 2;

      g_assert_cmpuint (link->edges, >, 0);
      g_assert_nonnull (link->label);
      n_labels++;
      g_assert_true (rect_inside (r, &canvas, 1e-6));
      for (guint m = 0; m < layout->n_boxes; m++)
        g_assert_false (rects_overlap (r, &layout->boxes[m].rect));
      for (guint o = l + 1; o < layout->n_links; o++)
        g_assert_false (rects_overlap (r, &layout->links[o].label_rect));

      if (link->side)
        {
          const ScRect *a = &layout->boxes[link->from].rect, *b = &layout->boxes[link->to].rect;

          g_assert_true (sc_module_graph_same_group (graph, link->from, link->to));
          g_assert_cmpfloat (cx, >, MIN (a->x + a->width, b->x + b->width));
          g_assert_cmpfloat (cx, <, MAX (a->x, b->x));
          g_assert_cmpfloat (r->y, >=, MAX (a->y + a->height, b->y + b->height));
        }
      else
        {
          g_assert_cmpuint (sc_module_graph_edges_between (graph, link->from, link->to), ==, link->edges);
          g_assert_cmpfloat (distance_to_link (link, cx, cy), <, 0.25);
        }

      for (guint o = 0; clear_of_links && o < layout->n_links; o++)
        if (o != l)
          g_assert_false (link_crosses (&layout->links[o], r));
    }

  /* every link of the graph is there, once */
  {
    guint n_links = 0;

    for (guint a = 0; a < graph->n_modules; a++)
      for (guint f = 0; f < graph->modules[a].feeds->len; f++)
        {
          guint b = g_array_index (graph->modules[a].feeds, guint, f);

          n_links += !(sc_module_graph_feeds (graph, b, a) && sc_module_graph_same_group (graph, a, b) && a > b);
        }
    g_assert_cmpuint (layout->n_links, ==, n_links);
    g_assert_cmpuint (n_labels, ==, n_links);
  }
}

static void
test_hierarchy_labels (void)
{
  g_autoptr(TestGraph) crossing = graph_exemplar4_counted ();
  g_autoptr(TestGraph) tangled = graph_tangled ();
  g_autoptr(TestGraph) uncounted = graph_exemplar4 ();
  g_autoptr(ScHierarchyLayout) plain = sc_hierarchy_layout_compute (uncounted, NULL, 900, 600);
  const double sizes[][2] = { { 1200, 800 }, { 900, 600 }, { 600, 1000 }, { 480, 360 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(ScHierarchyLayout) a = sc_hierarchy_layout_compute (crossing, NULL, sizes[s][0], sizes[s][1]);
      g_autoptr(ScHierarchyLayout) b = sc_hierarchy_layout_compute (tangled, NULL, sizes[s][0], sizes[s][1]);
      guint n_side = 0;

      g_test_message ("%g × %g", sizes[s][0], sizes[s][1]);
      assert_link_labels (crossing, a, TRUE);
      assert_link_labels (tangled, b, FALSE);
      for (guint l = 0; l < b->n_links; l++)
        if (b->links[l].side)
          {
            n_side++;
            g_assert_true (b->links[l].both_ways);
            g_assert_cmpstr (b->links[l].label, ==, b->boxes[5].rect.x < b->boxes[6].rect.x ? "→ 4 ← 2" : "→ 2 ← 4");
          }
      g_assert_cmpuint (n_side, ==, 1);
    }

  /* unknown counts: the arrows without labels */
  g_assert_cmpuint (plain->n_links, ==, 6);
  for (guint l = 0; l < plain->n_links; l++)
    g_assert_null (plain->links[l].label);
}

static void
test_hierarchy_draw (void)
{
  g_autoptr(TestGraph) graph = graph_exemplar3 ();
  g_autoptr(TestGraph) empty = g_new0 (ScModuleGraph, 1);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "hierarchy.svg", NULL);
  g_autoptr(ScHierarchyLayout) layout = sc_hierarchy_layout_compute (graph, NULL, 800, 600);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;
  const ScRect *r = &layout->boxes[0].rect;

  sc_render_hierarchy_with_layout (cr, graph, NULL, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  /* the border of box R is drawn in R's colour, the corner is background */
  g_assert_cmpuint (pixel_at (surface, r->x + r->width / 2, r->y + 0.5), !=, 0xffffffff);
  g_assert_cmpuint (pixel_at (surface, 1, 1), ==, 0xffffffff);
  g_assert_cmpuint (layout->boxes[0].n_uses, ==, 2);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (sc_render_export_hierarchy (SC_EXPORT_SVG, path, graph, NULL, 800, 600, &error));
  g_assert_no_error (error);
  assert_svg_valid (path);
  g_assert_true (sc_render_export_hierarchy (SC_EXPORT_SVG, path, empty, NULL, 800, 600, &error));
  g_assert_no_error (error);
  rm_rf (dir);
}

/* ---- result.json -------------------------------------------------- */

/* Line n of the committed golden file. A missing file is a failure, not a
 * skip: a test that quietly stops checking is worse than none. */
static JsonNode *
golden_line (guint n)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "detection-exemplar.jsonl",
                                                 NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("the golden file is missing: %s", error->message);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (n, <, g_strv_length (lines));
  node = json_from_string (lines[n], &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_detection_from_partition (void)
{
  g_autoptr(JsonNode) root = golden_line (0);
  g_autoptr(GArray) arch = NULL;
  g_autoptr(ScMask) mask = NULL;
  g_autoptr(ScDetection) detection = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object, *expected;
  JsonArray *kept_json, *merged_json, *new_arch;
  g_autofree guint *kept = NULL;
  g_autofree guint *merged = NULL;
  guint bad[] = { 3, 2 };

  object = json_node_get_object (root);
  expected = json_object_get_object_member (object, "expected");
  g_assert_true (sc_arch_from_json (json_object_get_member (object, "arch"), &arch, &error));
  mask = sc_mask_from_edges_json ((guint *) arch->data, arch->len,
                                  json_object_get_member (object, "edges_by_layer"), &error);
  g_assert_no_error (error);

  kept_json = json_object_get_array_member (expected, "kept_units");
  merged_json = json_object_get_array_member (expected, "partition_merged");
  kept = g_new0 (guint, json_array_get_length (kept_json));
  merged = g_new0 (guint, json_array_get_length (kept_json));
  for (guint p = 0; p < json_array_get_length (kept_json); p++)
    {
      kept[p] = json_array_get_int_element (kept_json, p);
      merged[p] = json_array_get_int_element (merged_json, p);
    }

  detection = sc_detection_from_partition (mask, kept, merged, NULL, json_array_get_length (kept_json), &error);
  g_assert_no_error (error);
  new_arch = json_object_get_array_member (expected, "new_arch");
  for (guint l = 0; l < arch->len; l++)
    g_assert_cmpuint (detection->new_arch[l], ==, json_array_get_int_element (new_arch, l));
  g_assert_cmpuint (detection->n_modules, ==, 2);
  g_assert_cmpuint (detection->kept_layer[4], ==, 1);
  g_assert_cmpuint (detection->kept_index[4], ==, kept[4] - 4);
  /* the condensed mask keeps exactly the edges between kept units */
  g_assert_cmpuint (sc_mask_count (detection->condensed), ==, sc_mask_count (mask));

  g_assert_null (sc_detection_from_partition (mask, bad, bad, NULL, 2, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
}

static const char *result_json =
  "{\"task\": \"exemplar/input-separable\", \"arch\": [4, 6, 4], \"final_arch\": [4, 2, 4],"
  " \"density\": 0.1667,"
  " \"edges_by_layer\": [[[0,1],[1,1],[2,4],[3,4]], [[1,0],[1,1],[4,2],[4,3]]],"
  " \"weights\": [[[0,0,0,0],[1.5,-1,0,0],[0,0,0,0],[0,0,0,0],[0,0,0.5,2],[0,0,0,0]],"
  "               [[0,-2,0,0,0,0],[0,1,0,0,0,0],[0,0,0,0,1,0],[0,0,0,0,-0.25,0]]],"
  " \"kept_units\": [0,1,2,3,5,8,10,11,12,13],"
  " \"partition_merged\": [4,4,7,7,4,7,4,4,7,7],"
  " \"input_names\": [\"a\",\"b\",\"c\",\"d\"]}";

static void
test_input_json (void)
{
  g_autoptr(JsonNode) root = json_from_string (result_json, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRenderInput) input = sc_render_input_from_json (root, "r.json", &error);
  g_autoptr(ScLayout) layout = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (input->detection);
  g_assert_cmpuint (input->detection->n_modules, ==, 2);
  g_assert_cmpuint (input->detection->new_arch[1], ==, 2);
  g_assert_cmpfloat (input->weights[0][1 * 4 + 0], ==, 1.5f);
  g_assert_cmpstr (input->scene.input_names[2], ==, "c");
  g_assert_cmpstr (input->scene.title, ==, "exemplar/input-separable");
  g_assert_nonnull (strstr (input->scene.subtitle, "4-6-4 → 4-2-4"));
  g_assert_nonnull (strstr (input->scene.subtitle, "16.7 %"));
  g_assert_nonnull (strstr (input->scene.subtitle, "2 modules"));

  layout = sc_layout_compute (&input->scene, 900, 600);
  assert_units_inside (layout);
  assert_boxes_clean (layout);
  g_assert_cmpfloat (layout->max_abs_weight, ==, 2.0);
  /* the legend names the input sets */
  for (guint r = 0; r < layout->n_legend; r++)
    if (layout->legend[r].kind == SC_LEGEND_MODULE && layout->legend[r].module == 4)
      g_assert_cmpstr (layout->legend[r].text, ==, "M4 · a b");
}

static void
test_input_json_errors (void)
{
  const struct { const char *json; const char *member; } cases[] = {
    { "{\"arch\": [2, 2], \"edges_by_layer\": [[]]}", "task" },
    { "{\"task\": \"t\", \"arch\": [2], \"edges_by_layer\": []}", "arch" },
    { "{\"task\": \"t\", \"arch\": [2, 2], \"edges_by_layer\": [[[0, 5]]]}", "edges_by_layer" },
    { "{\"task\": \"t\", \"arch\": [2, 2], \"edges_by_layer\": [[]], \"weights\": [[[1, 2]]]}", "weights" },
    { "{\"task\": \"t\", \"arch\": [2, 2], \"edges_by_layer\": [[]], \"kept_units\": [0, 1]}", "partition_merged" },
    { "{\"task\": \"t\", \"arch\": [2, 2], \"edges_by_layer\": [[]], \"kept_units\": [1, 0],"
      " \"partition_merged\": [0, 0]}", "kept_units" },
    { "{\"task\": \"t\", \"arch\": [2, 2], \"edges_by_layer\": [[]], \"density\": 7}", "density" },
    { "{\"task\": \"t\", \"arch\": [2, 2], \"edges_by_layer\": [[]], \"output_names\": [\"y\"]}", "output_names" },
    { "{\"task\": \"t\", \"arch\": [2, 2], \"edges_by_layer\": [[]], \"image_width\": 3,"
      " \"image_height\": 1}", "image_width" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(JsonNode) root = json_from_string (cases[c].json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScRenderInput) input = sc_render_input_from_json (root, "bad.json", &error);

      g_assert_null (input);
      g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "bad.json"));
      g_assert_nonnull (strstr (error->message, cases[c].member));
    }
}

/* ---- the CLI ------------------------------------------------------ */

static void
test_cli_render (void)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "sculptor-cli", NULL);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *json = g_build_filename (dir, "result.json", NULL);
  g_autofree char *out = g_build_filename (dir, "figures", NULL);
  g_autofree char *network = g_build_filename (out, "network.png", NULL);
  g_autofree char *hierarchy = g_build_filename (out, "hierarchy.png", NULL);
  g_autofree char *svg = g_build_filename (out, "network.svg", NULL);
  const char *argv[] = { cli, "render", json, "--out", out, "--format", "png", "--width", "640", "--height", "480", NULL };
  const char *argv_svg[] = { cli, "render", json, "-o", out, NULL };
  const char *argv_bad[] = { cli, "render", json, "--out", out, "--format", "gif", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("sculptor-cli not built");
      return;
    }
  g_assert_true (g_file_set_contents (json, result_json, -1, NULL));

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (network, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (hierarchy, G_FILE_TEST_IS_REGULAR));

  g_spawn_sync (NULL, (char **) argv_svg, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  assert_svg_valid (svg);

  g_spawn_sync (NULL, (char **) argv_bad, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, &error));
  g_assert_error (error, G_SPAWN_EXIT_ERROR, 2);
  rm_rf (dir);
}

/* ---- sample pictures for looking at (SCULPTOR_RENDER_SAMPLES=DIR) --- */

static void
sample (const char    *dir,
        const char    *name,
        const ScScene *scene,
        double         width,
        double         height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  sc_render_export_network (SC_EXPORT_PNG, path, scene, width, height, &error);
  g_assert_no_error (error);
}

static void
sample_hierarchy (const char          *dir,
                  const char          *name,
                  const ScModuleGraph *graph,
                  double               width,
                  double               height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  ScHierarchyOptions options;

  sc_hierarchy_options_init (&options);
  options.title = "Module hierarchy";
  sc_render_export_hierarchy (SC_EXPORT_PNG, path, graph, &options, width, height, &error);
  g_assert_no_error (error);
}

static void
test_samples (void)
{
  const char *dir = g_getenv ("SCULPTOR_RENDER_SAMPLES");
  g_autoptr(TestNet) e1 = NULL;
  g_autoptr(TestNet) e1_plain = NULL;
  g_autoptr(TestNet) e4 = NULL;
  g_autoptr(TestNet) e3 = NULL;
  g_autoptr(TestNet) mnist = NULL;
  g_autoptr(TestNet) mnist_plain = NULL;
  g_autoptr(TestGraph) g4 = NULL;
  g_autoptr(TestGraph) g3 = NULL;

  if (dir == NULL)
    {
      g_test_skip ("set SCULPTOR_RENDER_SAMPLES=DIR to write sample pictures");
      return;
    }

  g_mkdir_with_parents (dir, 0777);
  e1 = net_exemplar1 (TRUE);
  sample (dir, "exemplar1.png", &e1->scene, 1200, 800);
  e1->scene.options.dark = TRUE;
  e1->scene.selected_module = 0;
  e1->scene.hovered_unit = 2;
  sample (dir, "exemplar1-dark-selected.png", &e1->scene, 900, 600);
  e1->scene.options.dark = FALSE;
  e1->scene.selected_module = -1;
  e1->scene.options.orientation = SC_ORIENTATION_LEFT_RIGHT;
  sample (dir, "exemplar1-left-right.png", &e1->scene, 1200, 800);
  e1_plain = net_exemplar1 (FALSE);
  e1_plain->scene.options.show_pruned = TRUE;
  sample (dir, "exemplar1-pruning.png", &e1_plain->scene, 800, 600);

  e4 = net_exemplar4 ();
  sample (dir, "exemplar4.png", &e4->scene, 1200, 800);
  sample (dir, "exemplar4-portrait.png", &e4->scene, 600, 900);
  e3 = net_exemplar3 ();
  sample (dir, "exemplar3.png", &e3->scene, 1200, 800);

  mnist = net_mnist (TRUE);
  sample (dir, "mnist.png", &mnist->scene, 1200, 800);
  {
    g_autofree char *svg = g_build_filename (dir, "mnist.svg", NULL);
    g_autoptr(GError) error = NULL;

    sc_render_export_network (SC_EXPORT_SVG, svg, &mnist->scene, 1200, 800, &error);
    g_assert_no_error (error);
  }
  mnist->scene.options.orientation = SC_ORIENTATION_LEFT_RIGHT;
  mnist->scene.selected_module = 1;
  sample (dir, "mnist-left-right.png", &mnist->scene, 900, 900);
  mnist_plain = net_mnist (FALSE);
  sample (dir, "mnist-pruning.png", &mnist_plain->scene, 1200, 800);

  g4 = graph_exemplar4_counted ();
  sample_hierarchy (dir, "hierarchy4.png", g4, 900, 600);
  {
    g_autoptr(TestGraph) tangled = graph_tangled ();

    sample_hierarchy (dir, "hierarchy-tangled.png", tangled, 900, 600);
    sample_hierarchy (dir, "hierarchy-tangled-small.png", tangled, 480, 360);
  }
  g3 = graph_exemplar3 ();
  sample_hierarchy (dir, "hierarchy3.png", g3, 900, 600);
}

static int
compare_floats_desc (const void *a,
                     const void *b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* Level of detail: a dense 100-50-2 layer of 5 000 edges thinned to its
 * 200 strongest, plus the strongest edge at every unit; small layers and
 * small networks untouched. */
static void
test_thin_edges (void)
{
  const guint arch[] = { 100, 50, 2 };
  g_autoptr(ScSnapshot) snapshot = sc_snapshot_new (arch, 3);
  ScMask *thinned;
  gsize kept = 0, n_strong = 0;
  float cut;

  for (guint k = 0; k < 2; k++)
    for (gsize e = 0; e < (gsize) arch[k] * arch[k + 1]; e++)
      snapshot->w[k][e] = (float) (((e * 7919 + k * 13) % 10007) + 1) / 10007.0f * (e % 2 ? 1 : -1);

  g_assert_null (sc_render_thin_edges (snapshot->mask, (const float * const *) snapshot->w, 5000));

  thinned = sc_render_thin_edges (snapshot->mask, (const float * const *) snapshot->w, 200);
  g_assert_nonnull (thinned);
  /* the output layer (100 edges) is drawn whole */
  g_assert_cmpuint (sc_mask_count_layer (thinned, 1), ==, 100);
  kept = sc_mask_count_layer (thinned, 0);
  g_assert_cmpuint (kept, >=, 200);
  g_assert_cmpuint (kept, <=, 200 + 100 + 50);

  /* the 200 strongest are all there */
  {
    g_autofree float *mags = g_new (float, 5000);

    for (guint e = 0; e < 5000; e++)
      mags[e] = fabsf (snapshot->w[0][e]);
    qsort (mags, 5000, sizeof (float), compare_floats_desc);
    cut = mags[199];
  }
  for (guint e = 0; e < 5000; e++)
    if (fabsf (snapshot->w[0][e]) >= cut)
      {
        g_assert_true (thinned->m[0][e]);
        n_strong++;
      }
  g_assert_cmpuint (n_strong, >=, 200);

  /* every input and every hidden unit keeps an edge */
  for (guint i = 0; i < 100; i++)
    {
      gboolean any = FALSE;

      for (guint j = 0; j < 50; j++)
        any |= thinned->m[0][(gsize) j * 100 + i];
      g_assert_true (any);
    }
  for (guint j = 0; j < 50; j++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < 100; i++)
        any |= thinned->m[0][(gsize) j * 100 + i];
      g_assert_true (any);
    }
  sc_mask_free (thinned);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/layout/plain", test_layout_plain);
  g_test_add_func ("/render/layout/modules", test_layout_modules);
  g_test_add_func ("/render/layout/order", test_layout_order);
  g_test_add_func ("/render/layout/outputs-between-parents", test_layout_outputs_between_parents);
  g_test_add_func ("/render/layout/image", test_layout_image);
  g_test_add_func ("/render/layout/bounds", test_bounds);
  g_test_add_func ("/render/layout/degenerate", test_layout_degenerate);
  g_test_add_func ("/render/hit-test", test_hit_test);
  g_test_add_func ("/render/draw/pixels", test_draw_pixels);
  g_test_add_func ("/render/draw/selection", test_draw_selection);
  g_test_add_func ("/render/draw/fading", test_draw_fading);
  g_test_add_func ("/render/export/svg", test_export_svg);
  g_test_add_func ("/render/export/mnist", test_export_mnist);
  g_test_add_func ("/render/export/png-pdf", test_export_png_pdf);
  g_test_add_func ("/render/export/atomic", test_export_atomic);
  g_test_add_func ("/render/export/format", test_export_format);
  g_test_add_func ("/render/hierarchy/layout", test_hierarchy_layout);
  g_test_add_func ("/render/draw/label-halo", test_box_label_halo);
  g_test_add_func ("/render/layout/between", test_layout_between);
  g_test_add_func ("/render/hierarchy/labels", test_hierarchy_labels);
  g_test_add_func ("/render/hierarchy/draw", test_hierarchy_draw);
  g_test_add_func ("/render/input/partition", test_detection_from_partition);
  g_test_add_func ("/render/input/json", test_input_json);
  g_test_add_func ("/render/input/json-errors", test_input_json_errors);
  g_test_add_func ("/render/cli", test_cli_render);
  g_test_add_func ("/render/samples", test_samples);
  g_test_add_func ("/render/thin-edges", test_thin_edges);
  g_test_add_func ("/render/draw/greyed", test_draw_greyed);
  g_test_add_func ("/render/hit-edge", test_hit_edge);

  return g_test_run ();
}
