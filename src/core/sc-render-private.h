/* sc-render-private.h — helpers shared by the sc-render-*.c files
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-render.h"

G_BEGIN_DECLS

/* Colours of the light or dark palette (GNOME HIG palette). */
typedef struct
{
  ScRgba background;
  ScRgba foreground;
  ScRgba muted;         /* subtitles, keys, ghosts */
  ScRgba undetected;    /* units before detection */
  ScRgba image_on;      /* kept input pixels before detection */
  ScRgba image_off;     /* removed input pixels */
  ScRgba frame;         /* image frame, legend separators */
  double box_fill_alpha;
} ScTheme;

void   _sc_theme_get          (gboolean      dark,
                               ScTheme      *theme);
void   _sc_set_source         (cairo_t      *cr,
                               const ScRgba *color,
                               double        alpha);
/* Mixes a toward b by t in [0, 1]. */
ScRgba _sc_rgba_mix           (const ScRgba *a,
                               const ScRgba *b,
                               double        t);

/* Text with the Cairo toy API: "Cantarell" (fontconfig falls back to the
 * default sans), hint metrics off so measuring on an image surface matches
 * drawing on SVG/PDF surfaces. */
cairo_t *_sc_text_context_new (void);    /* a 1×1 surface, for measuring */
void     _sc_text_set_font    (cairo_t    *cr,
                               double      size,
                               gboolean    bold);
double   _sc_text_width       (cairo_t    *cr,
                               const char *text);
/* Draws text with its baseline at y; align 0 left, 0.5 centre, 1 right
 * of x. */
void     _sc_text_draw        (cairo_t    *cr,
                               const char *text,
                               double      x,
                               double      y,
                               double      align);
/* text, or a prefix of it ending in "…", no wider than max_width. */
char    *_sc_text_ellipsize   (cairo_t    *cr,
                               const char *text,
                               double      max_width);

void     _sc_rounded_rect     (cairo_t      *cr,
                               const ScRect *rect,
                               double        radius);
gboolean _sc_rect_contains    (const ScRect *rect,
                               double        x,
                               double        y);

/* "x0 x1 x2", or "x0 x1 x2 x3 … +5" past max_names; "12 px" in image mode. */
char    *_sc_format_unit_set  (const guint        *units,
                               guint               n,
                               const char * const *names,
                               const char         *prefix,
                               gboolean            pixels,
                               guint               max_names);

/* One-dimensional placement of items in a fixed order. Item i is an
 * interval of width[i] occupying rows first[i]..last[i]; two items sharing
 * a row keep their order with at least gap between them. Each item is
 * pulled toward the barycentre of its neighbours (weights[i * n + j] > 0),
 * everything toward 0 at first.
 *
 * @param x_out  (out) left edges, n entries
 */
void     _sc_pack_1d          (guint         n,
                               const double *width,
                               const guint  *first,
                               const guint  *last,
                               const double *weights,
                               double        gap,
                               double       *x_out);

/* The module hierarchy's natural font size (scale 1). */
#define SC_HIERARCHY_FS 11.5

/* The arrows between the placed boxes of layout, with their labels placed
 * clear of each other and of the boxes (sc-render-hierarchy-links.c). */
void     _sc_hierarchy_links_compute (ScHierarchyLayout   *layout,
                                      const ScModuleGraph *graph);
void     _sc_hierarchy_links_free    (ScHierarchyLayout   *layout);

/* What a scene means, before geometry: which units survive, module
 * membership, module input sets and the module-to-module edges. */
typedef struct
{
  guint   id;
  guint   first_layer;
  guint   last_layer;
  guint  *count;        /* kept units per layer, n_layers */
  GArray *inputs;       /* guint input indices reaching the module (§5.10) */
  GArray *outputs;      /* guint output indices inside the module */
  guint   n_feeds;      /* modules it has edges into */
  double  key;          /* barycentre of its inputs: the display order */
} ScSceneModule;

typedef struct
{
  const ScMask  *mask;
  guint          n_layers;
  guint          n_units;
  guint         *offset;      /* n_layers: global index of unit 0 */
  guint8        *alive;       /* per unit: kept (detection) or condensed */
  guint8        *was_alive;   /* per unit: alive in previous_mask (fading) */
  int           *module_of;   /* per unit: module slot (index into modules) or -1 */
  double        *unit_key;    /* per unit: barycentre of its inputs */
  guint          n_modules;
  ScSceneModule *modules;     /* display order: (first_layer, key, id) */
  double        *links;       /* n_modules²: edges from module a to b */
  gboolean       image;       /* input layer drawn as an image */
} ScSceneInfo;

ScSceneInfo *_sc_scene_info_new  (const ScScene *scene);
void         _sc_scene_info_free (ScSceneInfo   *info);
/* The mask is set, and the previous mask and detection match its shape. */
gboolean     _sc_scene_is_valid  (const ScScene *scene);
/* Whether the edge i→j of weight layer k is drawn, and its fade factor. */
gboolean     _sc_scene_edge      (const ScScene *scene,
                                  guint          k,
                                  guint          i,
                                  guint          j,
                                  double        *fade);

/* Unit names: the scene's, or "x3"/"y3". Returns a static or borrowed
 * string valid until the next call with the same buffer. */
const char  *_sc_unit_name       (const char * const *names,
                                  const char         *prefix,
                                  guint               index,
                                  char               *buffer,
                                  gsize               buffer_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSceneInfo, _sc_scene_info_free)

/* Edges, as both painters draw them (sc-render-network.c, Cairo, every
 * edge; sc-render-edges.c, on screen, at a level of detail). */
#define SC_EDGE_WIDTHS 9       /* |w| levels, each a line width */
#define SC_EDGE_DIMMED 0.15    /* opacity of edges away from the selection */

/* The width of level (0 … SC_EDGE_WIDTHS − 1): from half a pixel (scaled
 * like the fonts) to 15 % of the unit spacing, at most 4 px. */
double   _sc_edge_width       (const ScLayout *layout,
                               guint           level);
/* The level of |w| = value when the largest is max. */
guint    _sc_edge_width_level (double          value,
                               double          max);
/* The opacity of every edge when n are drawn: many thin lines must not
 * add up to a solid block. */
double   _sc_edge_base_alpha  (guint           n_edges);
/* How much edge a → b (global unit indices) is dimmed by the selection. */
double   _sc_edge_dim         (const ScScene  *scene,
                               const ScLayout *layout,
                               guint           a,
                               guint           b);

/* Draws the edges on screen (sc-render-edges.c), straight into the pixels
 * of cr's target: it must be an ARGB32 image surface (not a group; the
 * clip is ignored) and cr's matrix a scale and translation. Layers with more
 * edges than the frame can draw are drawn as bundles between groups of
 * neighbouring units, their ink summed: a density picture. Returns FALSE
 * (nothing drawn) when cr does not qualify. */
gboolean _sc_render_edges_screen (cairo_t        *cr,
                                  const ScScene  *scene,
                                  const ScLayout *layout);

/* Geometry is computed in an orientation-free frame: u runs along a layer
 * (the "cross" axis), v from the inputs to the outputs (the "depth" axis);
 * map_point() turns (u, v) into canvas coordinates at the end. */
typedef struct
{
  const ScScene *scene;
  ScSceneInfo   *info;
  ScLayout      *layout;
  cairo_t       *text;
  gboolean       bottom_up;
  double         k;            /* scale of fonts and margins */
  double         fs;           /* label font size */
  double         margin;
  double         cross;        /* plot extent along u */
  double         depth;        /* plot extent along v */
  double         r_max;
  double         s_max;
  double         pad;          /* box padding beyond the circles, along v */
  gboolean       input_names;
  gboolean       output_names;
  double         band_lo;      /* input names, along v */
  double         band_hi;      /* output names, along v */
  double         label_band;   /* module labels at the top of boxes */
  double         row_gap;
  double        *row_v;        /* n_layers */
  double        *unit_u;       /* per unit */
  double        *unit_v;
  double        *unit_r;
  gboolean      *placed;       /* per unit: has a position */
  double         img_u;        /* image rect in (u, v) */
  double         img_v;
  double         img_px;
  double        *slot_u;       /* per module slot: left edge along u, or NAN */
  double        *slot_w;
  double         s;            /* spacing with modules */
  double         box_pad;      /* box padding across the layer, px */
} ScLayoutBuilder;

/* The legend: a column right of the plot (landscape) or a grid below it
 * (portrait); they shrink plot by the room they take. */
void _sc_legend_column (ScLayoutBuilder *b,
                        double           top,
                        ScRect          *plot);
void _sc_legend_grid   (ScLayoutBuilder *b,
                        ScRect          *plot);

G_END_DECLS
