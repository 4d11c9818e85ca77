/* sculptor-hierarchy-view.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-module-tree.h"
#include "sc-render.h"
#include "sculptor-hierarchy-view.h"
#include "sculptor-stable-rows.h"

/* Above this many rows the tree starts collapsed: a DAG with much sharing
 * has very many paths, and every one is a row when all are expanded. */
#define MAX_EXPANDED_ROWS 400

/* A new tree longer than the last one gets this many more rows per frame:
 * a row widget costs the main thread about 0.15 ms to make and style, a
 * tree up to 200 of them (GTK's list view makes them for rows off screen
 * too), and a frame has 16 ms. The rows on screen come first. */
#define ROWS_PER_FRAME 16

struct _SculptorHierarchyView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkLabel           *count_label;
  GtkListView        *list_view;
  GtkSingleSelection *selection;

  /* Owned references */
  ScAnalysis         *analysis;
  GtkTreeListModel   *tree;
  SculptorStableRows *rows;        /* the tree's rows, in slots the row widgets keep */
  GHashTable         *expansion;   /* row path → expanded, over all trees shown */

  int                 selected;    /* module index, or -1 */
  guint               updating;    /* > 0: selection changes are ours */
  guint               grow_id;     /* tick callback adding pending rows */
};

G_DEFINE_FINAL_TYPE (SculptorHierarchyView, sculptor_hierarchy_view, GTK_TYPE_WIDGET)

enum {
  MODULE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
sculptor_hierarchy_view_new (void)
{
  return g_object_new (SCULPTOR_TYPE_HIERARCHY_VIEW, NULL);
}

/* Remembers the expansion state of every expandable row by its path of
 * merged ids. Live updates come one after the other, and a row missing
 * from one of them gets its state back when it returns. */
static void
save_expansion (SculptorHierarchyView *self)
{
  guint n = self->tree ? g_list_model_get_n_items (G_LIST_MODEL (self->tree)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(ScModuleNode) node = gtk_tree_list_row_get_item (row);

      if (gtk_tree_list_row_is_expandable (row))
        g_hash_table_insert (self->expansion, g_strdup (sc_module_node_get_path (node)),
                             GINT_TO_POINTER (gtk_tree_list_row_get_expanded (row)));
    }
}

/* Rows keep the state they had in the previous tree; new rows keep the
 * default. Walking in order reaches the children a row reveals. */
static void
restore_expansion (SculptorHierarchyView *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(ScModuleNode) node = gtk_tree_list_row_get_item (row);
      gpointer state;

      if (gtk_tree_list_row_is_expandable (row) &&
          g_hash_table_lookup_extended (self->expansion, sc_module_node_get_path (node),
                                        NULL, &state))
        gtk_tree_list_row_set_expanded (row, GPOINTER_TO_INT (state));
    }
}

static const ScModuleGraph *
current_graph (SculptorHierarchyView *self)
{
  return self->analysis ? self->analysis->modules : NULL;
}

/* TRUE when module is target or (transitively) feeds it, that is when
 * target's subtree holds module. */
static gboolean
subtree_holds (const ScModuleGraph *graph,
               guint                target,
               guint                module)
{
  g_autofree gboolean *seen = g_new0 (gboolean, graph->n_modules);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_val (queue, target);
  seen[target] = TRUE;
  for (guint q = 0; q < queue->len; q++)
    {
      const GArray *fed_by = graph->modules[g_array_index (queue, guint, q)].fed_by;

      if (g_array_index (queue, guint, q) == module)
        return TRUE;
      for (guint c = 0; c < fed_by->len; c++)
        {
          guint child = g_array_index (fed_by, guint, c);

          if (!seen[child])
            {
              seen[child] = TRUE;
              g_array_append_val (queue, child);
            }
        }
    }

  return FALSE;
}

/* The first row showing module, in display order; collapsed rows on the
 * way are expanded. */
static guint
find_module_row (SculptorHierarchyView *self,
                 guint                  module)
{
  const ScModuleGraph *graph = current_graph (self);

  for (guint i = 0; self->tree && i < g_list_model_get_n_items (G_LIST_MODEL (self->tree)); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
      g_autoptr(ScModuleNode) node = gtk_tree_list_row_get_item (row);
      guint here = sc_module_node_get_module (node);

      if (here == module)
        return i;
      if (gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row) &&
          subtree_holds (graph, here, module))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
select_row (SculptorHierarchyView *self,
            guint                  position,
            gboolean               scroll)
{
  /* a row the tree has not shown yet comes at once */
  sculptor_stable_rows_reveal (self->rows, position);
  self->updating++;
  gtk_single_selection_set_selected (self->selection, position);
  self->updating--;

  /* GTK 4.8 has no gtk_list_view_scroll_to(); the action scrolls only. */
  if (scroll && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                "u", position);
}

/* The module of the selected row, or -1. */
static int
selected_row_module (SculptorHierarchyView *self)
{
  SculptorRowSlot *slot = gtk_single_selection_get_selected_item (self->selection);
  GtkTreeListRow *row = slot ? sculptor_row_slot_get_item (slot) : NULL;
  g_autoptr(ScModuleNode) node = row ? gtk_tree_list_row_get_item (row) : NULL;

  return node ? (int) sc_module_node_get_module (node) : -1;
}

static void
on_selected_item_changed (SculptorHierarchyView *self)
{
  int module;

  if (self->updating > 0)
    return;

  /* A selection that goes away (its parent collapsed) is not a choice of
   * the user: the module stays selected elsewhere. */
  module = selected_row_module (self);
  if (module < 0 || module == self->selected)
    return;

  self->selected = module;
  g_signal_emit (self, signals[MODULE_SELECTED], 0, module);
}

/* Left and Right collapse and expand the focused row. The row (not its
 * expander) has the focus, so that moving it with Up and Down selects, as
 * in any list; the keys are caught here and handed to the row's expander
 * as listitem.collapse and listitem.expand. */
static gboolean
expand_focused_row (GtkWidget *list_view,
                    GVariant  *args,
                    gpointer   user_data)
{
  GtkWidget *row = gtk_widget_get_focus_child (list_view);
  GtkWidget *expander = row ? gtk_widget_get_first_child (row) : NULL;
  GtkTreeListRow *list_row;

  if (!GTK_IS_TREE_EXPANDER (expander))
    return FALSE;

  list_row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander));
  if (list_row == NULL || !gtk_tree_list_row_is_expandable (list_row))
    return FALSE;

  return gtk_widget_activate_action (expander,
                                     GPOINTER_TO_INT (user_data) ? "listitem.expand"
                                                                 : "listitem.collapse",
                                     NULL);
}

static void
add_expand_shortcuts (SculptorHierarchyView *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                      gtk_callback_action_new (expand_focused_row, GINT_TO_POINTER (TRUE), NULL)));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0),
                      gtk_callback_action_new (expand_focused_row, GINT_TO_POINTER (FALSE), NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}

/* ---- rows ------------------------------------------------------------ */

/* A row: expander › [swatch | label, "shared ×n" badge, cycle icon
 * / summary]. Built in C: a builder template parsed for every row made a
 * new tree (each detected step of a run) cost a frame or two. A row
 * widget shows a slot (SculptorStableRows): a new tree puts new rows into
 * the slots, and the widget follows its slot's "item" instead of being
 * made again. */
typedef struct
{
  GtkWidget *expander;
  GtkWidget *swatch;
  GtkWidget *label;
  GtkWidget *badge;
  GtkWidget *cycle;
  GtkWidget *summary;
  SculptorRowSlot *slot;   /* bound, or NULL */
  gulong     item_changed;
} RowWidgets;

/* Tooltips are asked for when shown: GTK 4.8's gtk_widget_set_tooltip_text()
 * asks the X server where the pointer is, a round trip per row. */
static gboolean
query_fixed_tooltip (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     const char *text)
{
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
query_summary_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_tooltip_query (GtkWidget *widget,
                   GCallback  query,
                   gpointer   data)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", query, data);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  RowWidgets *row = g_new0 (RowWidgets, 1);

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  row->swatch = sculptor_module_swatch_new (0);
  gtk_widget_set_valign (row->swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), row->swatch);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  row->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->label), 0.0f);
  gtk_widget_add_css_class (row->label, "module-label");
  gtk_box_append (GTK_BOX (line), row->label);
  row->badge = gtk_label_new (NULL);
  gtk_widget_set_valign (row->badge, GTK_ALIGN_CENTER);
  set_tooltip_query (row->badge, G_CALLBACK (query_fixed_tooltip),
                     (gpointer) _("Used by several modules: shown under each of them"));
  gtk_widget_add_css_class (row->badge, "shared-badge");
  gtk_box_append (GTK_BOX (line), row->badge);
  row->cycle = gtk_image_new_from_icon_name ("media-playlist-repeat-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (row->cycle), 12);
  set_tooltip_query (row->cycle, G_CALLBACK (query_fixed_tooltip),
                     (gpointer) _("Already shown above: these modules feed each other"));
  gtk_widget_add_css_class (row->cycle, "dim-label");
  gtk_box_append (GTK_BOX (line), row->cycle);
  gtk_box_append (GTK_BOX (text), line);

  row->summary = gtk_inscription_new (NULL);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (row->summary), 0.0f);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (row->summary),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (row->summary, "dim-label");
  gtk_widget_add_css_class (row->summary, "caption");
  set_tooltip_query (row->summary, G_CALLBACK (query_summary_tooltip), NULL);
  gtk_box_append (GTK_BOX (text), row->summary);
  gtk_box_append (GTK_BOX (box), text);

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  row->expander = expander;
  g_object_set_data_full (G_OBJECT (item), "sculptor-row", row, g_free);
  gtk_list_item_set_child (item, expander);
}

/* Setting what a widget already shows costs nothing: a new tree mostly
 * repeats the rows of the one before. */
static void
show_row (SculptorRowSlot *slot,
          GParamSpec      *pspec,
          RowWidgets      *row)
{
  GtkTreeListRow *list_row = sculptor_row_slot_get_item (slot);
  g_autoptr(ScModuleNode) node = gtk_tree_list_row_get_item (list_row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (row->expander), list_row);
  sculptor_module_swatch_set_module_id (SCULPTOR_MODULE_SWATCH (row->swatch),
                                        sc_module_node_get_id (node));
  /* the same id may have another colour in the new step's colours */
  gtk_widget_queue_draw (row->swatch);
  gtk_label_set_label (GTK_LABEL (row->label), sc_module_node_get_label (node));
  gtk_label_set_label (GTK_LABEL (row->badge), sc_module_node_get_shared_text (node));
  gtk_widget_set_visible (row->badge, sc_module_node_get_shared (node));
  gtk_widget_set_visible (row->cycle, sc_module_node_get_cycle (node));
  gtk_inscription_set_text (GTK_INSCRIPTION (row->summary), sc_module_node_get_summary (node));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  SculptorRowSlot *slot = gtk_list_item_get_item (item);
  RowWidgets *row = g_object_get_data (G_OBJECT (item), "sculptor-row");

  show_row (slot, NULL, row);
  row->slot = slot;
  row->item_changed = g_signal_connect (slot, "notify::item", G_CALLBACK (show_row), row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  RowWidgets *row = g_object_get_data (G_OBJECT (item), "sculptor-row");

  g_clear_signal_handler (&row->item_changed, row->slot);
  row->slot = NULL;
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (row->expander), NULL);
}

static void
set_row_factory (SculptorHierarchyView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}

static void
update_count (SculptorHierarchyView *self)
{
  const ScModuleGraph *graph = current_graph (self);
  g_autofree char *text = NULL;

  if (graph && graph->n_modules > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u module", "%u modules",
                                         graph->n_modules),
                            graph->n_modules);
  gtk_label_set_text (self->count_label, text ? text : "");
  gtk_stack_set_visible_child_name (self->stack, text ? "tree" : "empty");
}

static GtkTreeListModel *
create_tree (ScTask     *task,
             ScAnalysis *analysis)
{
  const ScModuleGraph *graph = analysis->modules;
  GListModel *roots;

  roots = sc_module_tree_new (graph,
                              task ? (const char * const *) task->input_names : NULL,
                              task ? (const char * const *) task->output_names : NULL,
                              task && task->kind == SC_TASK_IMAGE,
                              sc_analysis_ref (analysis),
                              (GDestroyNotify) sc_analysis_unref);

  return gtk_tree_list_model_new (roots, FALSE,
                                  sc_module_tree_count_rows (graph, MAX_EXPANDED_ROWS)
                                    <= MAX_EXPANDED_ROWS,
                                  sc_module_tree_create_child_model, NULL, NULL);
}

static gboolean
grow_rows (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  SculptorHierarchyView *self = SCULPTOR_HIERARCHY_VIEW (widget);
  gboolean more;

  self->updating++;
  more = sculptor_stable_rows_grow (self->rows);
  self->updating--;
  if (more)
    return G_SOURCE_CONTINUE;
  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * sculptor_hierarchy_view_set_modules:
 * @task: (nullable): names of the inputs and outputs
 * @owner: (nullable): the analysis whose modules to show
 *
 * Replaces the tree. Rows keep their expansion state and the module with
 * the same merged id stays selected (without "module-selected": the window
 * decides what is selected after a change of network).
 */
void
sculptor_hierarchy_view_set_modules (SculptorHierarchyView *self,
                                     ScTask                *task,
                                     ScAnalysis            *owner)
{
  int selected_id = -1;

  g_return_if_fail (SCULPTOR_IS_HIERARCHY_VIEW (self));

  if (self->selected >= 0 && current_graph (self))
    selected_id = (int) current_graph (self)->modules[self->selected].id;
  save_expansion (self);

  g_clear_pointer (&self->analysis, sc_analysis_unref);
  if (sc_analysis_n_modules (owner) > 0)
    self->analysis = sc_analysis_ref (owner);
  else if (owner == NULL)
    g_hash_table_remove_all (self->expansion);   /* a new run */

  self->updating++;
  g_clear_object (&self->tree);
  if (self->analysis)
    {
      self->tree = create_tree (task, self->analysis);
      /* before the list sees the tree: rows change once */
      restore_expansion (self);
    }
  sculptor_stable_rows_set_source (self->rows, G_LIST_MODEL (self->tree));
  self->updating--;
  if (sculptor_stable_rows_get_n_pending (self->rows) > 0 && self->grow_id == 0)
    self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_rows, NULL, NULL);

  self->selected = selected_id >= 0 && self->analysis
                   ? sc_module_graph_find (self->analysis->modules, (guint) selected_id) : -1;
  /* Live updates leave the scroll position to the user. */
  select_row (self,
              self->selected >= 0 ? find_module_row (self, (guint) self->selected)
                                  : GTK_INVALID_LIST_POSITION,
              FALSE);
  update_count (self);
}

/**
 * sculptor_hierarchy_view_set_selected_module:
 * @module: index into the analysis's modules, or -1
 *
 * Selects the first row showing @module (expanding its parents) without
 * emitting "module-selected".
 */
void
sculptor_hierarchy_view_set_selected_module (SculptorHierarchyView *self,
                                             int                    module)
{
  const ScModuleGraph *graph;

  g_return_if_fail (SCULPTOR_IS_HIERARCHY_VIEW (self));

  graph = current_graph (self);
  if (graph == NULL || module < 0 || (guint) module >= graph->n_modules)
    module = -1;

  /* Already showing it (the window repeats the selection after each live
   * update): leave the row, and the scroll position, alone. */
  if (module >= 0 && module == self->selected && selected_row_module (self) == module)
    return;

  self->selected = module;
  select_row (self,
              module >= 0 ? find_module_row (self, (guint) module) : GTK_INVALID_LIST_POSITION,
              TRUE);
}

int
sculptor_hierarchy_view_get_selected_module (SculptorHierarchyView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_HIERARCHY_VIEW (self), -1);

  return self->selected;
}

gboolean
sculptor_hierarchy_view_has_pending_rows (SculptorHierarchyView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_HIERARCHY_VIEW (self), FALSE);

  return sculptor_stable_rows_get_n_pending (self->rows) > 0;
}

static void
sculptor_hierarchy_view_dispose (GObject *object)
{
  SculptorHierarchyView *self = (SculptorHierarchyView *) object;
  GtkWidget *child;

  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_id);
  self->grow_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), SCULPTOR_TYPE_HIERARCHY_VIEW);
  /* The template's root is not a bound child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->tree);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->analysis, sc_analysis_unref);
  g_clear_pointer (&self->expansion, g_hash_table_unref);

  G_OBJECT_CLASS (sculptor_hierarchy_view_parent_class)->dispose (object);
}

static void
sculptor_hierarchy_view_class_init (SculptorHierarchyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sculptor_hierarchy_view_dispose;

  /**
   * SculptorHierarchyView::module-selected:
   * @module: index into the analysis's modules
   *
   * The user selected a row showing another module.
   */
  signals[MODULE_SELECTED] =
    g_signal_new ("module-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  /* Types the row factory names. */
  g_type_ensure (SC_TYPE_MODULE_NODE);
  g_type_ensure (SCULPTOR_TYPE_MODULE_SWATCH);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sculptor/Sculptor/ui/sculptor-hierarchy-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SculptorHierarchyView, stack);
  gtk_widget_class_bind_template_child (widget_class, SculptorHierarchyView, count_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorHierarchyView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SculptorHierarchyView, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_item_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hierarchyview");
}

static void
sculptor_hierarchy_view_init (SculptorHierarchyView *self)
{
  self->selected = -1;
  self->expansion = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = sculptor_stable_rows_new ();
  sculptor_stable_rows_set_max_growth (self->rows, ROWS_PER_FRAME);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  set_row_factory (self);
  add_expand_shortcuts (self);
  update_count (self);
}

/* ------------------------------------------------------------------ */
/* Module swatch                                                       */
/* ------------------------------------------------------------------ */

#define SWATCH_SIZE 12

struct _SculptorModuleSwatch
{
  GtkWidget parent_instance;
  guint     module_id;
};

G_DEFINE_FINAL_TYPE (SculptorModuleSwatch, sculptor_module_swatch, GTK_TYPE_WIDGET)

enum {
  SWATCH_PROP_0,
  SWATCH_PROP_MODULE_ID,
  SWATCH_N_PROPS
};

static GParamSpec *swatch_properties[SWATCH_N_PROPS];

/* The theme is dark when its text is light (GTK 4.8 has no
 * gtk_widget_get_color()). */
static gboolean
widget_is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  return 0.299 * fg.red + 0.587 * fg.green + 0.114 * fg.blue > 0.5;
}

void
sculptor_module_get_rgba (GtkWidget *widget,
                          guint      module_id,
                          GdkRGBA   *rgba)
{
  ScRgba color;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (rgba != NULL);

  /* The colours the window follows the run with, if an ancestor has them. */
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const ScModuleColors *colors = g_object_get_data (G_OBJECT (w), SCULPTOR_MODULE_COLORS_KEY);

      if (colors != NULL)
        {
          module_id = sc_module_colors_key (colors, module_id);
          break;
        }
    }
  sc_render_module_color (module_id, widget_is_dark (widget), &color);
  *rgba = (GdkRGBA) { color.red, color.green, color.blue, color.alpha };
}

GtkWidget *
sculptor_module_swatch_new (guint module_id)
{
  return g_object_new (SCULPTOR_TYPE_MODULE_SWATCH, "module-id", module_id, NULL);
}

guint
sculptor_module_swatch_get_module_id (SculptorModuleSwatch *self)
{
  g_return_val_if_fail (SCULPTOR_IS_MODULE_SWATCH (self), 0);

  return self->module_id;
}

void
sculptor_module_swatch_set_module_id (SculptorModuleSwatch *self,
                                      guint                 module_id)
{
  g_return_if_fail (SCULPTOR_IS_MODULE_SWATCH (self));

  if (self->module_id == module_id)
    return;

  self->module_id = module_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), swatch_properties[SWATCH_PROP_MODULE_ID]);
}

static void
sculptor_module_swatch_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  *minimum = *natural = SWATCH_SIZE;
}

static void
sculptor_module_swatch_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  SculptorModuleSwatch *self = SCULPTOR_MODULE_SWATCH (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  GskRoundedRect rect;
  GdkRGBA color;

  sculptor_module_get_rgba (widget, self->module_id, &color);
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (0, 0, width, height),
                                   MIN (width, height) / 4);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &color, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
sculptor_module_swatch_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SculptorModuleSwatch *self = SCULPTOR_MODULE_SWATCH (object);

  switch (prop_id)
    {
    case SWATCH_PROP_MODULE_ID:
      g_value_set_uint (value, self->module_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sculptor_module_swatch_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SculptorModuleSwatch *self = SCULPTOR_MODULE_SWATCH (object);

  switch (prop_id)
    {
    case SWATCH_PROP_MODULE_ID:
      sculptor_module_swatch_set_module_id (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sculptor_module_swatch_class_init (SculptorModuleSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sculptor_module_swatch_get_property;
  object_class->set_property = sculptor_module_swatch_set_property;
  widget_class->measure = sculptor_module_swatch_measure;
  widget_class->snapshot = sculptor_module_swatch_snapshot;

  swatch_properties[SWATCH_PROP_MODULE_ID] =
    g_param_spec_uint ("module-id", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SWATCH_N_PROPS, swatch_properties);

  gtk_widget_class_set_css_name (widget_class, "moduleswatch");
  /* Decoration: the module's label is always next to it. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
sculptor_module_swatch_init (SculptorModuleSwatch *self)
{
}
