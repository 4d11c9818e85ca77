/* sc-render.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sc-detect.h"
#include "sc-mask.h"
#include "sc-module-colors.h"
#include "sc-modules.h"
#include "sc-snapshot.h"

G_BEGIN_DECLS

/* The one Cairo renderer of Sculptor (method.md §6, improved).
 *
 * The same code draws the live network view of the app, the figures the CLI
 * writes and the exported SVG/PNG/PDF files, so what is on screen is what is
 * exported. It works in three pure steps:
 *
 *   ScScene   what to draw: mask, weights, detection, names, options. It
 *             only borrows its data.
 *   ScLayout  where everything goes (sc_layout_compute): unit positions,
 *             module boxes, legend and title areas. Hit-testing works on it.
 *   drawing   sc_render_network() paints a scene with its layout on any
 *             cairo_t; sc_render_export*() write files or bytes.
 *
 * The module hierarchy (§5.10) has the same three steps with
 * ScHierarchyOptions, ScHierarchyLayout and sc_render_hierarchy().
 *
 * Coordinates are in user-space pixels of a width × height canvas, origin
 * top-left. Nothing here needs a display or GTK.
 */

/* ------------------------------------------------------------------ */
/* Level of detail                                                     */
/* ------------------------------------------------------------------ */

/* Edges to draw of a network too dense to draw whole (a dense MNIST net
 * has ~10⁵ edges per layer; the view, and an exported SVG, would drown):
 * in every layer with more than layer_edges edges, the layer_edges
 * strongest |w| among edges on an input-to-output path, plus the strongest
 * edge into and out of every unit, so that no unit looks pruned.
 * @param w  per weight layer, arch[k+1] × arch[k], as in ScSnapshot
 * @return (transfer full) the mask to draw, or NULL when every layer fits */
ScMask *sc_render_thin_edges (const ScMask        *mask,
                              const float * const *w,
                              guint                layer_edges);

/* Edges above this many in a weight layer are thinned in the app's view,
 * its exports and sculptor-cli's figures. */
#define SC_RENDER_LAYER_EDGES 2000

/* ------------------------------------------------------------------ */
/* Colours                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} ScRgba;

/* Module colours come from a fixed GNOME palette, cycled by merged module
 * id (so the network, the hierarchy and the app's lists agree).
 *
 * @param id     merged module id
 * @param dark   TRUE for the dark palette
 * @param color  (out) the colour, alpha 1
 */
/* Number of distinct module colours (keys cycle through them). */
#define SC_RENDER_N_MODULE_COLORS 12

void  sc_render_module_color (guint    id,
                              gboolean dark,
                              ScRgba  *color);

/* Edge colours: positive weights GNOME Blue, negative GNOME Orange — a pair
 * that stays distinct for the common colour-vision deficiencies.
 *
 * @param positive  sign of the weight
 * @param dark      TRUE for the dark palette
 * @param color     (out) the colour, alpha 1
 */
void  sc_render_edge_color   (gboolean positive,
                              gboolean dark,
                              ScRgba  *color);

/* @return (transfer full) the label of a module, "M3" for merged id 3 */
char *sc_render_module_label (guint    id);

/* ------------------------------------------------------------------ */
/* Scene                                                               */
/* ------------------------------------------------------------------ */

typedef enum
{
  SC_ORIENTATION_BOTTOM_UP,    /* inputs at the bottom, like the paper */
  SC_ORIENTATION_LEFT_RIGHT,   /* inputs on the left */
} ScOrientation;

typedef struct
{
  ScOrientation orientation;   /* SC_ORIENTATION_BOTTOM_UP */
  gboolean      show_pruned;   /* FALSE: faint ghosts of removed units; only
                                * before detection (a detected network shows
                                * its kept units, like §6) */
  gboolean      show_boxes;    /* TRUE: module boxes */
  gboolean      show_legend;   /* TRUE */
  gboolean      show_title;    /* TRUE: title and subtitle, if set */
  gboolean      show_labels;   /* TRUE: input/output names, module labels */
  gboolean      dark;          /* FALSE: light palette; follow the GTK theme */
  gboolean      image_input;   /* TRUE: draw the input layer as an image when
                                * the scene has image_width × image_height ==
                                * arch[0] */
  gboolean      paint_background; /* TRUE; FALSE leaves the canvas as is */
  gboolean      level_of_detail;  /* FALSE: every edge stroked by Cairo (exports,
                                   * figures). TRUE, on screen: edges rasterised
                                   * by Sculptor in a few ms, bundled between
                                   * neighbouring units where a layer has more
                                   * edges than a frame can draw; needs an
                                   * ARGB32 image surface (else as FALSE) */
} ScRenderOptions;

/* Sets the defaults documented above. */
void sc_render_options_init (ScRenderOptions *options);

/* What to draw. Every pointer is borrowed: the caller keeps the data alive
 * while the scene (and a layout computed from it) is in use. The
 * architecture is mask->arch (dense widths). */
typedef struct
{
  const ScMask        *mask;          /* required */
  float * const       *weights;       /* per weight layer k, arch[k+1] × arch[k]
                                       * row-major (out × in), or NULL: uniform
                                       * edge width and no sign colour */
  const ScDetection   *detection;     /* NULL before detection: grey units */
  const ScModuleGraph *modules;       /* NULL: input sets are derived from
                                       * the mask (§5.10) */
  const char * const  *input_names;   /* arch[0] names, or NULL for x0, x1, … */
  const char * const  *output_names;  /* arch[last] names, or NULL for y0, … */
  const char          *title;         /* NULL: none */
  const char          *subtitle;      /* NULL: none */
  guint                image_width;   /* image tasks: pixel (r, c) is input */
  guint                image_height;  /* r * image_width + c; 0 otherwise */

  /* Fading (the app animates pruning over a few frames). */
  const float         *unit_alpha;    /* per global unit in [0, 1], or NULL */
  const ScMask        *previous_mask; /* edges and units in it but not in mask
                                       * fade out with progress; NULL: none */
  double               progress;      /* 0 = previous state, 1 = mask */

  /* What-if changes (sc-lesion.h): drawn greyed, not hidden, so that they
   * can be seen and undone. Edges of a greyed unit are greyed too. */
  const guint8        *greyed_units;  /* per global unit (1: greyed), or NULL */
  const ScMask        *greyed_edges;  /* edges greyed, or NULL */

  /* Module colours by key (following a run), or NULL: by merged id. */
  const ScModuleColors *module_colors;

  /* Highlight. */
  int                  selected_module; /* merged id, or -1 */
  int                  selected_unit;   /* global unit index, or -1 */
  int                  hovered_unit;    /* global unit index, or -1 */

  ScRenderOptions      options;
} ScScene;

/* Initialises a scene drawing mask with default options and nothing
 * selected. All other members are NULL/0. */
void sc_scene_init               (ScScene          *scene,
                                  const ScMask     *mask);

/* A scene of a network and its modules: sc_figure_scene_init()
 * (sc-figure.h). */
/* Thins scene's edges as sc_render_thin_edges() when a layer has more than
 * layer_edges, points scene->mask at the thinned mask and appends "the
 * strongest n of m edges shown" to *subtitle (replaced, and set as
 * scene->subtitle). @return (transfer full) the thinned mask to free after
 * drawing, or NULL when nothing was thinned (scene untouched). */
ScMask *sc_scene_thin_edges (ScScene             *scene,
                             const float * const *w,
                             guint                layer_edges,
                             char               **subtitle);

/* ------------------------------------------------------------------ */
/* Layout                                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} ScRect;

typedef struct
{
  double   x;          /* centre */
  double   y;
  double   radius;     /* in image mode, half a pixel of the input image */
  guint    layer;
  guint    index;      /* original index within the layer */
  int      module;     /* merged module id, -1 before detection / removed */
  gboolean kept;       /* survives pruning (detection's kept units, or
                        * §5.2 condensation of the mask before detection) */
  gboolean visible;    /* drawn: kept, fading, ghost, or an image pixel */
  float    alpha;      /* 1 for kept units; less for ghosts and fading */
} ScLayoutUnit;

typedef struct
{
  guint  id;           /* merged module id */
  ScRect rect;         /* the box; contains all the module's units */
  guint  first_layer;
  guint  last_layer;
  gboolean show_label; /* the label fits into the box */
} ScLayoutBox;

typedef enum
{
  SC_LEGEND_HEADING,        /* "Modules" */
  SC_LEGEND_MODULE,         /* a module: swatch and "M1 · x0 x1" */
  SC_LEGEND_MORE,           /* "+3 more" */
  SC_LEGEND_EDGE_POSITIVE,  /* a line in the positive colour */
  SC_LEGEND_EDGE_NEGATIVE,
  SC_LEGEND_EDGE_UNIFORM,   /* no weights: one neutral line */
  SC_LEGEND_WIDTH_MAX,      /* the widest line: |w| = max */
  SC_LEGEND_WIDTH_MIN,      /* a thin line: |w| = max / 4 */
  SC_LEGEND_UNGROUPED,      /* a grey unit: before detection */
  SC_LEGEND_REMOVED,        /* a ghost unit: removed by pruning */
  SC_LEGEND_PIXEL_HEAT,     /* image input: pixel shades from light to dark */
} ScLegendKind;

typedef struct
{
  ScLegendKind kind;
  int          module;       /* merged id for SC_LEGEND_MODULE, else -1 */
  char        *text;         /* "M1 · x0 x1", "positive weight", … */
  ScRect       rect;         /* swatch and text, for hit-testing */
} ScLegendEntry;

/* Where everything goes. Read-only; free with sc_layout_free(). */
typedef struct
{
  double         width;
  double         height;
  ScOrientation  orientation;
  guint          n_layers;
  guint         *arch;          /* dense widths */
  guint          n_units;
  ScLayoutUnit  *units;         /* n_units, in global unit order */
  guint          n_boxes;
  ScLayoutBox   *boxes;         /* modules in display order (left to right,
                                 * bottom to top); empty before detection */
  double         spacing;       /* distance between neighbouring units */
  double         font_size;     /* labels; the title is larger */
  ScRect         plot_rect;     /* the network (units, boxes, names) */
  ScRect         title_rect;    /* empty when there is no title */
  ScRect         legend_rect;   /* empty when there is no legend */
  guint          n_legend;
  ScLegendEntry *legend;        /* rows of the legend, in drawing order;
                                 * modules that do not fit are summed up
                                 * in one SC_LEGEND_MORE row */
  gboolean       has_image;     /* input layer drawn as an image */
  ScRect         image_rect;
  guint          image_width;
  guint          image_height;
  double         max_abs_weight;/* over drawn edges; 0 without weights */
} ScLayout;

/* Computes the layout of a scene on a width × height canvas. Pure: the same
 * scene and size give the same layout (text is measured with the Cairo toy
 * font API on a private surface, hint metrics off).
 *
 * Kept units are grouped by module: every module gets one column slot that
 * spans its layers, so its units are contiguous in each layer and its box is
 * one rectangle that no other box overlaps. Modules are ordered by the
 * barycentre of their inputs (fewer crossings than §6's order by id), ties
 * by id. Before detection the units of each layer are evenly spaced in
 * original order.
 *
 * @param scene   the scene (mask required)
 * @param width   canvas width, > 0
 * @param height  canvas height, > 0
 * @return (transfer full) the layout; free with sc_layout_free()
 */
ScLayout          *sc_layout_compute     (const ScScene  *scene,
                                          double          width,
                                          double          height);
void               sc_layout_free        (ScLayout       *layout);

/* Makes layout the layout of scene when scene differs from the scene it
 * was computed for only in its weights (a network training: the app
 * draws one every few mini-batches): the largest |w| and the legend's
 * |w| rows follow them. Returns FALSE, leaving layout as it was, when
 * sc_layout_compute() would lay the legend out otherwise (its widest text
 * changes): compute the layout afresh then. */
gboolean           sc_layout_update_weights (ScLayout      *layout,
                                             const ScScene *scene);

/* @return (transfer full) a copy of layout, free with sc_layout_free() */
ScLayout          *sc_layout_copy        (const ScLayout *layout);

/* The layout `to` with its units on their way from where `from` had them
 * (two layouts of one network shape): at t = 0 every unit that both show
 * is where `from` has it, at t = 1 where `to` has it, straight between;
 * each box keeps its margins around its units as they move. For the
 * animation that closes a layer up after pruning.
 * @return (transfer full) free with sc_layout_free() */
ScLayout          *sc_layout_between     (const ScLayout *from,
                                          const ScLayout *to,
                                          double          t);

/* The box of module id, or NULL when it has none. */
const ScLayoutBox *sc_layout_find_box    (const ScLayout *layout,
                                          guint           id);

/* The bounding square of a unit's circle (a pixel in image mode).
 * @return FALSE if unit is out of range or not visible */
gboolean           sc_layout_unit_rect   (const ScLayout *layout,
                                          guint           unit,
                                          ScRect         *rect);

/* The halo behind a box's label "M3" (drawn when box->show_label): edges
 * do not show through it. */
void               sc_layout_box_label_rect (const ScLayout    *layout,
                                             const ScLayoutBox *box,
                                             ScRect            *rect);

/* The bounds of the network drawing (units, boxes, image, names), without
 * title and legend: what "zoom to fit" should show. */
void               sc_layout_get_bounds  (const ScLayout *layout,
                                          ScRect         *bounds);

typedef enum
{
  SC_HIT_NONE,
  SC_HIT_UNIT,          /* layer, index, unit and module (-1 if none) */
  SC_HIT_MODULE,        /* inside a module box: module */
  SC_HIT_LEGEND,        /* on a legend entry: module */
} ScHitKind;

typedef struct
{
  ScHitKind kind;
  guint     layer;
  guint     index;
  guint     unit;       /* global unit index */
  int       module;     /* merged id, or -1 */
} ScHit;

/* What is at (x, y) in layout coordinates (apply the inverse of any zoom
 * and pan first). Units win over boxes; a unit is hit within its radius,
 * or within 4 px for tiny units. Only visible units are hit.
 *
 * @return the hit; kind SC_HIT_NONE for empty space
 */
ScHit              sc_layout_hit_test    (const ScLayout *layout,
                                          double          x,
                                          double          y);

/* The edge of mask drawn nearest to (x, y) in layout coordinates, within
 * tolerance: weight layer k, from unit i of layer k to unit j of layer
 * k+1. The edges of an input image (drawn as bundles) are not hit.
 * @return FALSE when no edge is that close */
gboolean           sc_layout_hit_edge    (const ScLayout *layout,
                                          const ScMask   *mask,
                                          double          x,
                                          double          y,
                                          double          tolerance,
                                          guint          *k,
                                          guint          *i,
                                          guint          *j);

/* ------------------------------------------------------------------ */
/* Drawing the network                                                 */
/* ------------------------------------------------------------------ */

typedef enum
{
  SC_RENDER_BACKGROUND = 1 << 0,
  SC_RENDER_TITLE      = 1 << 1,
  SC_RENDER_BOXES      = 1 << 2,
  SC_RENDER_EDGES      = 1 << 3,
  SC_RENDER_UNITS      = 1 << 4,   /* units, the input image, names */
  SC_RENDER_LEGEND     = 1 << 5,
  SC_RENDER_HOVER      = 1 << 6,   /* the hovered-unit ring only */
  SC_RENDER_ALL        = 0x7f,
} ScRenderParts;

/* Draws the whole scene (SC_RENDER_ALL). The cairo_t is left as it was. */
void sc_render_network       (cairo_t        *cr,
                              const ScScene  *scene,
                              const ScLayout *layout);

/* Draws some parts only, in their fixed order (background, boxes, edges,
 * units, title, legend, hover), so an app can cache everything but
 * SC_RENDER_HOVER and redraw the hover ring each frame. */
void sc_render_network_parts (cairo_t        *cr,
                              const ScScene  *scene,
                              const ScLayout *layout,
                              ScRenderParts   parts);

/* ------------------------------------------------------------------ */
/* The module hierarchy                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char * const *input_names;   /* NULL: x0, x1, … */
  const char * const *output_names;  /* NULL: y0, y1, … */
  gboolean            image_input;   /* input sets as "N px" instead of names */
  const char         *title;         /* NULL: none */
  const char         *subtitle;      /* NULL: none */
  gboolean            dark;
  gboolean            paint_background; /* TRUE */
  int                 selected_module;  /* merged id, or -1 */
  int                 hovered_module;   /* merged id, or -1 */
} ScHierarchyOptions;

void sc_hierarchy_options_init (ScHierarchyOptions *options);

typedef struct
{
  guint  module;       /* index into ScModuleGraph.modules */
  guint  id;           /* merged id */
  guint  level;        /* 0 = fed by no module (bottom) */
  ScRect rect;
  char  *label;        /* "M3" */
  char  *inputs_text;  /* "x0 x1" */
  char  *outputs_text; /* "→ y0 y1", or NULL */
  guint  n_uses;       /* modules it feeds; a "shared ×n" badge when >= 2 */
} ScHierarchyBox;

/* An arrow from one module to a module it feeds. Between levels it leaves
 * the top of `from` and ends with its head under `to`; within a cycle
 * group it is a dashed side link, one for both directions. */
typedef struct
{
  guint    from;          /* indices into ScModuleGraph.modules */
  guint    to;
  gboolean side;          /* a side link within a cycle group */
  gboolean both_ways;     /* side link: `to` feeds `from` too (two heads) */
  guint    edges;         /* surviving edges behind it (both ways for a side link) */
  double   curve[8];      /* the stroked path, a cubic Bézier: x0 y0 … x3 y3 */
  double   tip_x;         /* the arrowhead's tip (at `to`) */
  double   tip_y;
  char    *label;         /* "4", "→ 4 ← 2"; NULL when the edge count is unknown */
  ScRect   label_rect;    /* the label's halo: centred on the curve, clear of
                           * boxes and of the other labels */
} ScHierarchyLink;

typedef struct
{
  double           width;
  double           height;
  guint            n_boxes;
  ScHierarchyBox  *boxes;        /* indexed like ScModuleGraph.modules */
  guint            n_links;
  ScHierarchyLink *links;
  guint            n_levels;
  double           font_size;
  ScRect           title_rect;
} ScHierarchyLayout;

/* The point at parameter t in [0, 1] of a link's curve. */
void sc_hierarchy_link_point (const ScHierarchyLink *link,
                              double                 t,
                              double                *x,
                              double                *y);

/* Lays the module DAG out in levels, bottom-up: level = longest chain of
 * modules feeding it; within a level modules are ordered by the barycentre
 * of the modules that feed them, level 0 by the mean of their inputs. Pure.
 *
 * @param graph    the module graph (§5.10); may have no modules
 * @param options  names and palette; NULL for defaults
 * @return (transfer full) free with sc_hierarchy_layout_free()
 */
ScHierarchyLayout *sc_hierarchy_layout_compute (const ScModuleGraph       *graph,
                                                const ScHierarchyOptions  *options,
                                                double                     width,
                                                double                     height);
void               sc_hierarchy_layout_free    (ScHierarchyLayout         *layout);

/* @return the index (into ScModuleGraph.modules) of the box at (x, y), or -1 */
int                sc_hierarchy_layout_hit_test (const ScHierarchyLayout *layout,
                                                 double                   x,
                                                 double                   y);

/* Computes the layout and draws. */
void sc_render_hierarchy             (cairo_t                   *cr,
                                      const ScModuleGraph       *graph,
                                      const ScHierarchyOptions  *options,
                                      double                     width,
                                      double                     height);
void sc_render_hierarchy_with_layout (cairo_t                   *cr,
                                      const ScModuleGraph       *graph,
                                      const ScHierarchyOptions  *options,
                                      const ScHierarchyLayout   *layout);

/* ------------------------------------------------------------------ */
/* Export                                                              */
/* ------------------------------------------------------------------ */

typedef enum
{
  SC_EXPORT_SVG,       /* px document units; text as glyph outlines */
  SC_EXPORT_PNG,       /* at 2× scale, for crisp pixels */
  SC_EXPORT_PDF,
} ScExportFormat;

/* "svg", "png" or "pdf" (case-insensitive).
 * @return FALSE for anything else */
gboolean    sc_export_format_from_string (const char     *text,
                                          ScExportFormat *format);
/* "svg", "png", "pdf" */
const char *sc_export_format_extension   (ScExportFormat  format);

/* Draws a width × height figure; called once per export. */
typedef void (*ScDrawFunc) (cairo_t *cr,
                            double   width,
                            double   height,
                            gpointer user_data);

/* Renders into memory (what the app writes with GIO).
 *
 * @param out    bytes are appended to it
 * @param error  SC_ERROR_INVALID for a bad size, SC_ERROR_IO for a Cairo
 *               failure (its status message)
 */
gboolean sc_render_export_to_bytes (ScExportFormat   format,
                                    double           width,
                                    double           height,
                                    ScDrawFunc       func,
                                    gpointer         user_data,
                                    GByteArray      *out,
                                    GError         **error);

/* Renders into path atomically (a temporary file in the same directory,
 * then rename): on error nothing is created and an existing file is kept.
 *
 * @param error  SC_ERROR_IO naming the path when it cannot be written
 */
gboolean sc_render_export          (ScExportFormat   format,
                                    const char      *path,
                                    double           width,
                                    double           height,
                                    ScDrawFunc       func,
                                    gpointer         user_data,
                                    GError         **error);

/* sc_render_export() of sc_render_network() with a fresh layout. */
gboolean sc_render_export_network   (ScExportFormat            format,
                                     const char               *path,
                                     const ScScene            *scene,
                                     double                    width,
                                     double                    height,
                                     GError                  **error);

/* sc_render_export() of sc_render_hierarchy(). */
gboolean sc_render_export_hierarchy (ScExportFormat            format,
                                     const char               *path,
                                     const ScModuleGraph      *graph,
                                     const ScHierarchyOptions *options,
                                     double                    width,
                                     double                    height,
                                     GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScLayout, sc_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScHierarchyLayout, sc_hierarchy_layout_free)

G_END_DECLS
