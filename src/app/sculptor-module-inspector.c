/* sculptor-module-inspector.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-module-tree.h"
#include "sculptor-hierarchy-view.h"
#include "sculptor-lesion-view.h"
#include "sculptor-module-inspector.h"

/* Larger input sets make tables of more than 64 rows. */
#define MAX_TABLE_INPUTS 6

/* Width the image heat map aims for, in pixels. */
#define IMAGE_TARGET_WIDTH 232

struct _SculptorModuleInspector
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkScrolledWindow    *scroller;
  SculptorModuleSwatch *title_swatch;
  GtkLabel             *title_label;
  GtkLabel             *shared_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *lesion_section;
  GtkToggleButton      *knock_out_button;
  SculptorLesionView   *lesion_view;
  GtkWidget            *units_section;
  GtkBox               *units_box;
  GtkLabel             *inputs_count;
  GtkLabel             *inputs_elsewhere;
  GtkFlowBox           *input_chips;
  GtkDrawingArea       *input_image;
  GtkWidget            *inputs_empty;
  GtkWidget            *truth_section;
  GtkWidget            *truth_scroller;
  GtkGrid              *truth_grid;
  GtkLabel             *truth_caption;
  GtkFlowBox           *output_chips;
  GtkLabel             *outputs_empty;
  GtkFlowBox           *feeds_box;
  GtkFlowBox           *fed_by_box;
  GtkWidget            *truth_node_section;
  GtkLabel             *truth_node_label;
  GtkFlowBox           *truth_node_chips;

  /* Owned references */
  GtkSizeGroup         *units_titles;  /* the title column of units_box */
  ScTask               *task;
  ScAnalysis           *analysis;

  int                   module;    /* index into analysis->modules, or -1 */
  int                   shown_id;  /* merged id of the module shown, or -1 */
  gboolean              syncing;   /* the knock-out button set from outside */
};

G_DEFINE_FINAL_TYPE (SculptorModuleInspector, sculptor_module_inspector, GTK_TYPE_WIDGET)

enum {
  MODULE_ACTIVATED,
  KNOCK_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
sculptor_module_inspector_new (void)
{
  return g_object_new (SCULPTOR_TYPE_MODULE_INSPECTOR, NULL);
}

static const ScModule *
current_module (SculptorModuleInspector *self)
{
  if (self->module < 0 || self->analysis == NULL)
    return NULL;
  return &self->analysis->modules->modules[self->module];
}

static char *
name_of (char       **names,
         guint        n_names,
         char         prefix,
         guint        index)
{
  if (names && index < n_names && names[index])
    return g_strdup (names[index]);
  return g_strdup_printf ("%c%u", prefix, index);
}

static char *
input_name (SculptorModuleInspector *self,
            guint                    index)
{
  ScTask *task = self->task;

  return name_of (task ? task->input_names : NULL, task ? task->n_in : 0, 'x', index);
}

static char *
output_name (SculptorModuleInspector *self,
             guint                    index)
{
  ScTask *task = self->task;

  return name_of (task ? task->output_names : NULL, task ? task->n_out : 0, 'y', index);
}

static gboolean
is_image_task (SculptorModuleInspector *self)
{
  return self->task && self->task->kind == SC_TASK_IMAGE &&
         self->task->image_width > 0 && self->task->image_height > 0;
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_flow_box_remove (box, child);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))))
    gtk_grid_remove (grid, child);
}

/* Flow box children are focusable by default; chips are only text. */
static void
flow_box_append (GtkFlowBox *box,
                 GtkWidget  *widget,
                 gboolean    focusable)
{
  gtk_flow_box_insert (box, widget, -1);
  gtk_widget_set_focusable (gtk_widget_get_parent (widget), focusable);
}

static void
add_chip (GtkFlowBox *box,
          const char *text,
          const char *tooltip)
{
  GtkWidget *chip = gtk_label_new (text);

  gtk_widget_add_css_class (chip, "chip");
  if (tooltip != NULL)
    {
      gtk_widget_add_css_class (chip, "dim-label");
      gtk_widget_set_tooltip_text (chip, tooltip);
    }
  flow_box_append (box, chip, FALSE);
}

/* Whether input unit i is one of the module's own units. An input read by
 * several modules belongs to one of them (detection partitions every
 * unit): the others have it in their input set, not in their units. */
static gboolean
owns_input (const ScModule *module,
            guint           input)
{
  for (guint u = 0; u < module->n_units && module->units[u].layer == 0; u++)
    if (module->units[u].index == input)
      return TRUE;
  return FALSE;
}

/* Whether the module's input set shows input as another module's: only
 * modules with input units of their own have such (a higher module reads
 * inputs through the modules below it). */
static gboolean
input_elsewhere (const ScModule *module,
                 guint           input)
{
  return module->first_layer == 0 && !owns_input (module, input);
}

static guint
n_inputs_elsewhere (const ScModule *module)
{
  guint n = 0;

  for (guint i = 0; i < module->inputs->len; i++)
    n += input_elsewhere (module, g_array_index (module->inputs, guint, i));
  return n;
}

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* ------------------------------------------------------------------ */
/* Title and units                                                     */
/* ------------------------------------------------------------------ */

static char *
layers_text (const ScModule *module)
{
  if (module->first_layer == module->last_layer)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit in layer %u",
                                         "%u units in layer %u", module->n_units),
                            module->n_units, module->first_layer);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit in layers %u–%u",
                                       "%u units in layers %u–%u", module->n_units),
                          module->n_units, module->first_layer, module->last_layer);
}

static void
fill_title (SculptorModuleInspector *self,
            const ScModule          *module)
{
  g_autofree char *title = g_strdup_printf ("M%u", module->id);
  g_autofree char *shared = g_strdup_printf (_("shared ×%u"), module->feeds->len);
  g_autofree char *subtitle = layers_text (module);

  sculptor_module_swatch_set_module_id (self->title_swatch, module->id);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->shared_label, shared);
  gtk_widget_set_visible (GTK_WIDGET (self->shared_label), module->reused);
  gtk_label_set_text (self->subtitle_label, subtitle);
}

/* "x0, x1", "units 3, 7", "y0, y2" or "312 pixels" for units[from, to). */
static char *
layer_units_text (SculptorModuleInspector *self,
                  const ScModule          *module,
                  guint                    from,
                  guint                    to)
{
  guint layer = module->units[from].layer;
  guint n_layers = self->analysis->detection->n_layers;
  GString *str = g_string_new (NULL);

  if (layer == 0 && is_image_task (self))
    {
      g_string_printf (str, g_dngettext (GETTEXT_PACKAGE, "%u pixel", "%u pixels", to - from),
                       to - from);
      return g_string_free (str, FALSE);
    }

  if (layer > 0 && layer + 1 < n_layers)
    g_string_append (str, g_dngettext (GETTEXT_PACKAGE, "unit ", "units ", to - from));
  for (guint u = from; u < to; u++)
    {
      guint index = module->units[u].index;
      g_autofree char *name = layer == 0 ? input_name (self, index)
                            : layer + 1 == n_layers ? output_name (self, index)
                            : g_strdup_printf ("%u", index);

      g_string_append_printf (str, u > from ? ", %s" : "%s", name);
    }

  return g_string_free (str, FALSE);
}

static char *
layer_title (SculptorModuleInspector *self,
             guint                    layer)
{
  if (layer == 0)
    return g_strdup (_("Inputs"));
  if (layer + 1 == self->analysis->detection->n_layers)
    return g_strdup (_("Outputs"));
  return g_strdup_printf (_("Layer %u"), layer);
}

/* A row of units_box: a layer title and the units, wrapped. Rows are kept
 * and reused, and the first exists from the start: GTK 4.8 caches a box's
 * size-request mode while it is empty (constant size) and keeps it when
 * wrapping rows are added later, so their height would be measured at
 * their natural width and the text would overflow into what follows. */
static GtkWidget *
units_row_new (SculptorModuleInspector *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title_label = dim_label (NULL);
  GtkWidget *text_label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (title_label), FALSE);
  gtk_size_group_add_widget (self->units_titles, title_label);
  gtk_widget_set_valign (title_label, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (text_label), 0);
  gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text_label), TRUE);
  gtk_widget_set_hexpand (text_label, TRUE);
  gtk_box_append (GTK_BOX (row), title_label);
  gtk_box_append (GTK_BOX (row), text_label);
  gtk_box_append (self->units_box, row);
  return row;
}

static GtkWidget *
set_units_row (SculptorModuleInspector *self,
               GtkWidget               *row,
               const ScModule          *module,
               guint                    from,
               guint                    to)
{
  g_autofree char *title = layer_title (self, module->units[from].layer);
  g_autofree char *text = layer_units_text (self, module, from, to);

  if (row == NULL)
    row = units_row_new (self);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (row)), title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (row)), text);
  gtk_widget_set_visible (row, TRUE);
  return gtk_widget_get_next_sibling (row);
}

/* One row per layer: units are sorted by layer, then index. */
static void
fill_units (SculptorModuleInspector *self,
            const ScModule          *module)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->units_box));
  guint from = 0;

  for (guint u = 1; u <= module->n_units; u++)
    if (u == module->n_units || module->units[u].layer != module->units[from].layer)
      {
        row = set_units_row (self, row, module, from, u);
        from = u;
      }
  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    gtk_widget_set_visible (row, FALSE);
  gtk_widget_set_visible (self->units_section, module->n_units > 0);
}

/* ------------------------------------------------------------------ */
/* Input set                                                           */
/* ------------------------------------------------------------------ */

static void
draw_input_image (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  SculptorModuleInspector *self = user_data;
  const ScModule *module = current_module (self);
  guint w, h;
  double scale;
  GdkRGBA on, off;

  if (module == NULL || !is_image_task (self))
    return;

  w = self->task->image_width;
  h = self->task->image_height;
  scale = MIN ((double) width / w, (double) height / h);
  sculptor_module_get_rgba (GTK_WIDGET (area), module->id, &on);
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &off);
  off.alpha = 0.08;

  gdk_cairo_set_source_rgba (cr, &off);
  cairo_rectangle (cr, 0, 0, w * scale, h * scale);
  cairo_fill (cr);

  /* Pixel (r, c) is input r * width + c: the module's own pixels in its
   * colour, those in other modules' units that it reads too paler. */
  for (guint pass = 0; pass < 2; pass++)
    {
      GdkRGBA color = on;

      if (pass == 1)
        color.alpha *= 0.4;
      gdk_cairo_set_source_rgba (cr, &color);
      for (guint i = 0; i < module->inputs->len; i++)
        {
          guint input = g_array_index (module->inputs, guint, i);

          if (input < w * h && input_elsewhere (module, input) == (pass == 1))
            cairo_rectangle (cr, (input % w) * scale, (input / w) * scale, scale, scale);
        }
      cairo_fill (cr);
    }
}

static void
show_input_image (SculptorModuleInspector *self)
{
  guint w = self->task->image_width;
  guint h = self->task->image_height;
  guint scale = MAX (1, IMAGE_TARGET_WIDTH / w);

  gtk_drawing_area_set_content_width (self->input_image, (int) (w * scale));
  gtk_drawing_area_set_content_height (self->input_image, (int) (h * scale));
  gtk_widget_queue_draw (GTK_WIDGET (self->input_image));
}

static void
fill_inputs (SculptorModuleInspector *self,
             const ScModule          *module)
{
  gboolean image = is_image_task (self);
  guint n = module->inputs->len, elsewhere;
  g_autofree char *count = NULL;

  clear_flow_box (self->input_chips);
  if (image)
    {
      count = g_strdup_printf (_("%u of %u pixels"), n,
                               self->task->image_width * self->task->image_height);
      show_input_image (self);
    }
  else
    {
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u input", "%u inputs", n), n);
      for (guint i = 0; i < n; i++)
        {
          guint input = g_array_index (module->inputs, guint, i);
          g_autofree char *name = input_name (self, input);

          add_chip (self->input_chips, name,
                    input_elsewhere (module, input) ? _("In another module’s units; this module reads it too")
                                                    : NULL);
        }
    }
  /* the units list a module's own inputs; its input set may be larger */
  elsewhere = n_inputs_elsewhere (module);
  if (elsewhere > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u of them in another module’s units (paler)",
                                                            "%u of them in other modules’ units (paler)",
                                                            elsewhere),
                                               elsewhere);

      gtk_label_set_text (self->inputs_elsewhere, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->inputs_elsewhere), elsewhere > 0);
  gtk_label_set_text (self->inputs_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->input_image), image && n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->input_chips), !image && n > 0);
  gtk_widget_set_visible (self->inputs_empty, n == 0);
}

/* ------------------------------------------------------------------ */
/* Truth table                                                         */
/* ------------------------------------------------------------------ */

static GtkWidget *
table_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_table_header (SculptorModuleInspector *self,
                  const ScModule          *module)
{
  guint k = module->inputs->len;
  guint n_out = module->outputs->len;
  guint n_rows = 1u << k;

  for (guint j = 0; j < k; j++)
    {
      g_autofree char *name = input_name (self, g_array_index (module->inputs, guint, j));

      gtk_grid_attach (self->truth_grid, table_label (name, "caption-heading"), j, 0, 1, 1);
    }
  for (guint o = 0; o < n_out; o++)
    {
      g_autofree char *name = output_name (self, g_array_index (module->outputs, guint, o));

      gtk_grid_attach (self->truth_grid, table_label (name, "caption-heading"), k + 1 + o, 0, 1, 1);
    }

  gtk_grid_attach (self->truth_grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL),
                   0, 1, k + 1 + n_out, 1);
  gtk_grid_attach (self->truth_grid, gtk_separator_new (GTK_ORIENTATION_VERTICAL),
                   k, 0, 1, n_rows + 2);
}

static const char *
cell_text (guint8 cell)
{
  switch (cell)
    {
    case SC_TRUTH_CELL_ZERO:    return "0";
    case SC_TRUTH_CELL_ONE:     return "1";
    case SC_TRUTH_CELL_VARIES:  return "—";
    default:                    return "?";
    }
}

/* Row r of the grid (after the header and its separator) is assignment r,
 * the module's first input the most significant bit. */
static void
add_table_rows (SculptorModuleInspector *self,
                const ScModule          *module,
                const guint8            *cells)
{
  guint k = module->inputs->len;
  guint n_out = module->outputs->len;

  for (guint r = 0; r < (1u << k); r++)
    {
      for (guint j = 0; j < k; j++)
        gtk_grid_attach (self->truth_grid,
                         table_label ((r >> (k - 1 - j)) & 1 ? "1" : "0", "truth-input"),
                         j, r + 2, 1, 1);
      for (guint o = 0; o < n_out; o++)
        {
          guint8 cell = cells[r * n_out + o];

          gtk_grid_attach (self->truth_grid,
                           table_label (cell_text (cell),
                                        cell == SC_TRUTH_CELL_ONE ? "truth-one" : "truth-other"),
                           k + 1 + o, r + 2, 1, 1);
        }
    }
}

static char *
table_caption (const guint8 *cells,
               gsize         n_cells)
{
  gboolean varies = FALSE, unknown = FALSE;

  for (gsize i = 0; i < n_cells; i++)
    {
      varies |= cells[i] == SC_TRUTH_CELL_VARIES;
      unknown |= cells[i] == SC_TRUTH_CELL_UNKNOWN;
    }

  if (varies && unknown)
    return g_strdup (_("— depends on inputs outside the set too; ? no example in the data"));
  if (varies)
    return g_strdup (_("— depends on inputs outside the set too"));
  if (unknown)
    return g_strdup (_("? no example in the data"));
  return g_strdup (_("Values of the task for every assignment of the input set"));
}

/* A scrolled window with only a horizontal scrollbar turns the wheel into
 * horizontal scrolling, so the inspector would stop scrolling under a wide
 * table: vertical wheel events go to the inspector instead (Shift+wheel
 * still scrolls the table sideways). */
static gboolean
on_table_scroll (SculptorModuleInspector  *self,
                 double                    dx,
                 double                    dy,
                 GtkEventControllerScroll *controller)
{
  GtkEventController *ec = GTK_EVENT_CONTROLLER (controller);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double step = dy;

  if (dy == 0 || gtk_event_controller_get_current_event_state (ec) & GDK_SHIFT_MASK)
    return GDK_EVENT_PROPAGATE;

  /* The step GtkScrolledWindow takes for a wheel click. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = dy * pow (gtk_adjustment_get_page_size (adj), 2.0 / 3.0);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + step);

  return GDK_EVENT_STOP;
}

static void
forward_table_scroll (SculptorModuleInspector *self)
{
  GtkEventController *controller =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_table_scroll), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->truth_scroller, controller);
}

static gboolean
table_applies (SculptorModuleInspector *self,
               const ScModule          *module)
{
  const ScDataset *data = self->task ? self->task->train : NULL;

  if (data == NULL || self->task->kind != SC_TASK_BOOLEAN ||
      module->inputs->len == 0 || module->outputs->len == 0)
    return FALSE;

  /* A run of another task must not index past this task's table. */
  for (guint j = 0; j < module->inputs->len; j++)
    if (g_array_index (module->inputs, guint, j) >= data->n_in)
      return FALSE;
  for (guint o = 0; o < module->outputs->len; o++)
    if (g_array_index (module->outputs, guint, o) >= data->n_out)
      return FALSE;

  return TRUE;
}

static void
fill_truth_table (SculptorModuleInspector *self,
                  const ScModule          *module)
{
  guint k = module->inputs->len;
  g_autofree guint8 *cells = NULL;
  g_autofree char *caption = NULL;

  clear_grid (self->truth_grid);
  gtk_widget_set_visible (self->truth_section, table_applies (self, module));
  if (!table_applies (self, module))
    return;

  if (k > MAX_TABLE_INPUTS)
    {
      caption = g_strdup_printf (_("Not shown for more than %u inputs; this module has %u"),
                                 MAX_TABLE_INPUTS, k);
      gtk_widget_set_visible (self->truth_scroller, FALSE);
      gtk_label_set_text (self->truth_caption, caption);
      return;
    }

  cells = sc_module_truth_table (self->task->train,
                                 (const guint *) (gpointer) module->inputs->data, k,
                                 (const guint *) (gpointer) module->outputs->data,
                                 module->outputs->len);
  add_table_header (self, module);
  add_table_rows (self, module, cells);
  caption = table_caption (cells, ((gsize) 1 << k) * module->outputs->len);
  gtk_widget_set_visible (self->truth_scroller, TRUE);
  gtk_label_set_text (self->truth_caption, caption);
}

/* ------------------------------------------------------------------ */
/* Outputs and links                                                   */
/* ------------------------------------------------------------------ */

static char *
module_labels (const ScModuleGraph *graph,
               const GArray        *indices)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < indices->len; i++)
    g_string_append_printf (str, i ? ", M%u" : "M%u",
                            graph->modules[g_array_index (indices, guint, i)].id);

  return g_string_free (str, FALSE);
}

static void
fill_outputs (SculptorModuleInspector *self,
              const ScModule          *module)
{
  g_autofree char *feeds = module_labels (self->analysis->modules, module->feeds);
  g_autofree char *empty = NULL;

  clear_flow_box (self->output_chips);
  for (guint o = 0; o < module->outputs->len; o++)
    {
      g_autofree char *name = output_name (self, g_array_index (module->outputs, guint, o));

      add_chip (self->output_chips, name, NULL);
    }

  /* Without outputs of its own, what it feeds is its role. */
  if (module->feeds->len > 0)
    empty = g_strdup_printf (_("No output units: its result reaches the outputs through %s"),
                             feeds);
  else
    empty = g_strdup (_("No output units"));
  gtk_label_set_text (self->outputs_empty, empty);
  gtk_widget_set_visible (GTK_WIDGET (self->output_chips), module->outputs->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->outputs_empty), module->outputs->len == 0);
}

static void
on_link_clicked (SculptorModuleInspector *self,
                 GtkButton               *button)
{
  int module = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "module"));

  g_signal_emit (self, signals[MODULE_ACTIVATED], 0, module);
}

static GtkWidget *
link_button (SculptorModuleInspector *self,
             guint                    index,
             guint                    edges)
{
  const ScModule *target = &self->analysis->modules->modules[index];
  g_autofree char *label = g_strdup_printf ("M%u", target->id);
  g_autofree char *tooltip = g_strdup_printf (_("Select %s"), label);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_button_new ();

  gtk_box_append (GTK_BOX (box), sculptor_module_swatch_new (target->id));
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  if (edges > 0)
    {
      /* one stray edge and a bundle of a hundred are different links */
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u edge", "%u edges",
                                                             edges), edges);
      GtkWidget *count_label = gtk_label_new (count);

      gtk_widget_add_css_class (count_label, "dim-label");
      gtk_widget_add_css_class (count_label, "caption");
      gtk_box_append (GTK_BOX (box), count_label);
    }
  gtk_widget_set_valign (gtk_widget_get_first_child (box), GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "module-link");
  g_object_set_data (G_OBJECT (button), "module", GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_link_clicked), self,
                           G_CONNECT_SWAPPED);

  return button;
}

static void
fill_link_box (SculptorModuleInspector *self,
               GtkFlowBox              *box,
               guint                    module,
               gboolean                 feeds,
               const char              *empty)
{
  const ScModuleGraph *graph = self->analysis->modules;
  const GArray *indices = feeds ? graph->modules[module].feeds : graph->modules[module].fed_by;

  clear_flow_box (box);
  for (guint i = 0; i < indices->len; i++)
    {
      guint other = g_array_index (indices, guint, i);
      guint edges = feeds ? sc_module_graph_edges_between (graph, module, other)
                          : sc_module_graph_edges_between (graph, other, module);

      flow_box_append (box, link_button (self, other, edges), FALSE);
    }
  if (indices->len == 0)
    {
      GtkWidget *label = dim_label (empty);

      /* On the line of the heading, which sits level with a button's text. */
      gtk_widget_set_margin_top (label, 6);
      flow_box_append (box, label, FALSE);
    }
}

static void
fill_links (SculptorModuleInspector *self,
            guint                    module)
{
  fill_link_box (self, self->feeds_box, module, TRUE, _("None: a top-level module"));
  fill_link_box (self, self->fed_by_box, module, FALSE, _("None: it reads inputs only"));
}

/* ------------------------------------------------------------------ */
/* Ground truth                                                        */
/* ------------------------------------------------------------------ */

static void
fill_truth_node (SculptorModuleInspector *self)
{
  const ScScore *score = self->analysis->score;
  const ScTruth *truth = self->task ? self->task->truth : NULL;
  const ScTruthNode *node;
  g_autofree char *markup = NULL;
  int n;

  clear_flow_box (self->truth_node_chips);
  gtk_widget_set_visible (self->truth_node_section,
                          score && truth && (guint) self->module < score->n_modules);
  if (!gtk_widget_get_visible (self->truth_node_section))
    return;

  n = score->module_truth_node[self->module];
  gtk_widget_set_visible (GTK_WIDGET (self->truth_node_chips), n >= 0 && (guint) n < truth->n_nodes);
  if (n < 0 || (guint) n >= truth->n_nodes)
    {
      gtk_label_set_text (self->truth_node_label, _("Matches no ground-truth sub-function"));
      return;
    }

  node = &truth->nodes[n];
  if (self->task->image_width > 0)
    {
      /* hundreds of pixel names would say nothing; the heat map above
       * shows where the module's inputs are */
      markup = g_markup_printf_escaped (_("Matches the ground-truth node <b>%s</b> (level %u), a function of %u pixels"),
                                        node->name, node->level, node->input_set->len);
      gtk_label_set_markup (self->truth_node_label, markup);
      gtk_widget_set_visible (GTK_WIDGET (self->truth_node_chips), FALSE);
      return;
    }
  markup = g_markup_printf_escaped (_("Matches the ground-truth node <b>%s</b> (level %u), a function of:"),
                                    node->name, node->level);
  gtk_label_set_markup (self->truth_node_label, markup);
  for (guint i = 0; i < node->input_set->len; i++)
    {
      g_autofree char *name = input_name (self, g_array_index (node->input_set, guint, i));

      add_chip (self->truth_node_chips, name, NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Knock out                                                           */
/* ------------------------------------------------------------------ */

/* Only a module with units other than outputs can be silenced. */
static void
fill_knock_out (SculptorModuleInspector *self,
                const ScModule          *module)
{
  gboolean can = FALSE;

  for (guint u = 0; u < module->n_units; u++)
    can |= module->units[u].layer + 1 < self->analysis->detection->n_layers;
  gtk_widget_set_sensitive (GTK_WIDGET (self->knock_out_button), can);
}

static void
on_knock_out_toggled (SculptorModuleInspector *self,
                      GtkToggleButton         *button)
{
  if (!self->syncing)
    g_signal_emit (self, signals[KNOCK_OUT], 0, gtk_toggle_button_get_active (button));
}

/**
 * sculptor_module_inspector_set_lesion:
 * @knocked_out: the module shown is silenced
 * @task: (nullable): names and test set of the evaluations
 * @base: (nullable): the network's own evaluation; NULL: no what-if
 * @eval: (nullable): the changed network's; NULL while it is computed
 *
 * Shows the state of a what-if change (any change, not only this module's);
 * the evaluations are borrowed for this call only.
 */
void
sculptor_module_inspector_set_lesion (SculptorModuleInspector *self,
                                      gboolean                 knocked_out,
                                      ScTask                  *task,
                                      const ScLesionEval      *base,
                                      const ScLesionEval      *eval)
{
  g_return_if_fail (SCULPTOR_IS_MODULE_INSPECTOR (self));

  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->knock_out_button, knocked_out);
  self->syncing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->lesion_view), base != NULL);
  if (base != NULL)
    sculptor_lesion_view_set (self->lesion_view, task, base, eval);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

static void
fill (SculptorModuleInspector *self)
{
  const ScModule *module = current_module (self);

  gtk_stack_set_visible_child_name (self->stack, module ? "module" : "empty");
  if (module == NULL)
    {
      self->shown_id = -1;
      return;
    }

  /* Another module starts at the top; a live update of the same one keeps
   * the place the user scrolled to. */
  if ((int) module->id != self->shown_id)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  self->shown_id = (int) module->id;

  fill_title (self, module);
  fill_knock_out (self, module);
  fill_units (self, module);
  fill_inputs (self, module);
  fill_truth_table (self, module);
  fill_outputs (self, module);
  fill_links (self, (guint) self->module);
  fill_truth_node (self);
}

/**
 * sculptor_module_inspector_set_module:
 * @task: (nullable): names, truth table and ground truth
 * @analysis: (nullable): the modules @module indexes; its score (the
 *   final network's) gives the matching ground-truth node
 * @module: index into the analysis's modules, or -1 for nothing
 */
void
sculptor_module_inspector_set_module (SculptorModuleInspector *self,
                                      ScTask                  *task,
                                      ScAnalysis              *analysis,
                                      int                      module)
{
  g_return_if_fail (SCULPTOR_IS_MODULE_INSPECTOR (self));

  if (module < 0 || (guint) module >= sc_analysis_n_modules (analysis))
    module = -1;

  if (task != self->task)
    {
      g_clear_pointer (&self->task, sc_task_unref);
      self->task = task ? sc_task_ref (task) : NULL;
    }
  if (analysis != self->analysis)
    {
      g_clear_pointer (&self->analysis, sc_analysis_unref);
      self->analysis = analysis ? sc_analysis_ref (analysis) : NULL;
    }
  self->module = module;

  fill (self);
}

int
sculptor_module_inspector_get_module (SculptorModuleInspector *self)
{
  g_return_val_if_fail (SCULPTOR_IS_MODULE_INSPECTOR (self), -1);

  return self->module;
}

static void
sculptor_module_inspector_dispose (GObject *object)
{
  SculptorModuleInspector *self = (SculptorModuleInspector *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SCULPTOR_TYPE_MODULE_INSPECTOR);
  /* The template's root is not a bound child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->task, sc_task_unref);
  g_clear_pointer (&self->analysis, sc_analysis_unref);
  g_clear_object (&self->units_titles);

  G_OBJECT_CLASS (sculptor_module_inspector_parent_class)->dispose (object);
}

static void
bind_children (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, scroller);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, title_swatch);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, shared_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, lesion_section);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, knock_out_button);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, lesion_view);
  gtk_widget_class_bind_template_callback (widget_class, on_knock_out_toggled);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, units_section);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, units_box);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, inputs_count);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, inputs_elsewhere);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, input_chips);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, input_image);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, inputs_empty);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, truth_section);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, truth_scroller);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, truth_grid);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, truth_caption);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, output_chips);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, outputs_empty);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, feeds_box);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, fed_by_box);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, truth_node_section);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, truth_node_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorModuleInspector, truth_node_chips);
}

static void
sculptor_module_inspector_class_init (SculptorModuleInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sculptor_module_inspector_dispose;

  /**
   * SculptorModuleInspector::module-activated:
   * @module: index into the analysis's modules
   *
   * The user clicked a module in the "Feeds" or "Fed by" lists.
   */
  signals[MODULE_ACTIVATED] =
    g_signal_new ("module-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * SculptorModuleInspector::knock-out:
   * @silenced: TRUE to silence the module shown, FALSE to bring it back
   *
   * The user toggled "Knock Out".
   */
  signals[KNOCK_OUT] =
    g_signal_new ("knock-out",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (SCULPTOR_TYPE_MODULE_SWATCH);
  g_type_ensure (SCULPTOR_TYPE_LESION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sculptor/Sculptor/ui/sculptor-module-inspector.ui");
  bind_children (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "moduleinspector");
}

static void
sculptor_module_inspector_init (SculptorModuleInspector *self)
{
  self->module = -1;
  self->shown_id = -1;
  self->units_titles = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  gtk_widget_init_template (GTK_WIDGET (self));
  units_row_new (self);
  gtk_drawing_area_set_draw_func (self->input_image, draw_input_image, self, NULL);
  forward_table_scroll (self);
}
