/* sculptor-settings-panel.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-mnist.h"
#include "sculptor-settings-panel.h"

typedef enum
{
  FIELD_ENTRY,
  FIELD_SWITCH,
  FIELD_CHOICE,
} FieldKind;

typedef struct
{
  const char *key;          /* sc-hyper key */
  const char *label;
  const char *section;      /* starts a new section when not NULL */
  FieldKind   kind;
} FieldSpec;

static const FieldSpec field_specs[] = {
  { "arch",                N_("Architecture"),           N_("Network"),   FIELD_ENTRY },
  { "seed",                N_("Seed"),                   NULL,            FIELD_ENTRY },
  { "lr",                  N_("Learning rate"),          N_("Training"),  FIELD_ENTRY },
  { "batch-size",          N_("Batch size"),             NULL,            FIELD_ENTRY },
  { "epochs",              N_("Epochs"),                 NULL,            FIELD_ENTRY },
  { "retrain-epochs",      N_("Epochs after pruning"),   NULL,            FIELD_ENTRY },
  { "noise",               N_("Input noise σ"),          NULL,            FIELD_ENTRY },
  { "weight-decay",        N_("Weight decay"),           NULL,            FIELD_ENTRY },
  { "reference-val-loss",  N_("Reference loss bug"),     NULL,            FIELD_SWITCH },
  { "unit-step",           N_("Unit step Pu (%)"),       N_("Pruning"),   FIELD_ENTRY },
  { "edge-steps",          N_("Edge steps Pe (%)"),      NULL,            FIELD_ENTRY },
  { "edge-min-step",       N_("Smallest edge step (%)"), NULL,            FIELD_ENTRY },
  { "edge-prune-dense",    N_("Edge-prune if no unit step"), NULL,        FIELD_SWITCH },
  { "threshold",           N_("Accuracy threshold"),     NULL,            FIELD_ENTRY },
  { "threshold-mode",      N_("Threshold rule"),         NULL,            FIELD_CHOICE },
  { "feature-step",        N_("Feature step size"),      N_("Detection"), FIELD_ENTRY },
  { "clusterability-step", N_("Clusterability step"),    NULL,            FIELD_ENTRY },
  { "mm-threshold",        N_("Modularity threshold"),   NULL,            FIELD_ENTRY },
  { "merge-threshold",     N_("Merge threshold"),        NULL,            FIELD_ENTRY },
};

/* Values of the threshold-mode choice, in dropdown order. */
static const char * const threshold_modes[] = { "absolute", "below-dense", NULL };

typedef struct
{
  const FieldSpec *spec;
  GtkWidget       *editor;    /* GtkEntry, GtkSwitch or GtkDropDown */
  GtkWidget       *message;   /* inline error */
} Field;

struct _SculptorSettingsPanel
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *scroller;
  GtkMenuButton  *task_button;
  GtkPopover     *task_popover;
  GtkSearchEntry *task_search;
  GtkLabel       *task_empty;     /* the list's placeholder */
  GtkListBox     *task_list;
  GtkLabel       *task_title;
  GtkLabel       *task_subtitle;
  GtkLabel       *task_description;
  GtkLabel       *task_error;
  GtkBox         *fields_box;
  GtkWidget      *reset_button;

  /* Owned references */
  ScTask         *task;
  Field           fields[G_N_ELEMENTS (field_specs)];
  GtkSwitch      *live_detection;
};

enum {
  TASK_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SculptorSettingsPanel, sculptor_settings_panel, GTK_TYPE_WIDGET)

static char *
field_text (Field *field)
{
  switch (field->spec->kind)
    {
    case FIELD_SWITCH:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->editor)) ? "true" : "false");
    case FIELD_CHOICE:
      return g_strdup (threshold_modes[gtk_drop_down_get_selected (GTK_DROP_DOWN (field->editor))]);
    case FIELD_ENTRY:
    default:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->editor)));
    }
}

static void
field_set_text (Field      *field,
                const char *text)
{
  switch (field->spec->kind)
    {
    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->editor), g_strcmp0 (text, "true") == 0);
      break;
    case FIELD_CHOICE:
      gtk_drop_down_set_selected (GTK_DROP_DOWN (field->editor),
                                  g_strcmp0 (text, threshold_modes[1]) == 0 ? 1 : 0);
      break;
    case FIELD_ENTRY:
    default:
      gtk_editable_set_text (GTK_EDITABLE (field->editor), text);
      break;
    }
}

static void
field_show_error (Field      *field,
                  const char *message)
{
  gtk_label_set_text (GTK_LABEL (field->message), message ? message : "");
  gtk_widget_set_visible (field->message, message != NULL);
  if (message)
    gtk_widget_add_css_class (field->editor, "error");
  else
    gtk_widget_remove_css_class (field->editor, "error");
}

/* Checks one field on its own (sc_hyper_set's range checks) and shows the
 * message inline. */
static gboolean
field_validate (Field *field)
{
  g_autofree char *text = field_text (field);
  g_autoptr(GError) error = NULL;
  ScHyper scratch;
  gboolean ok;

  sc_hyper_init_defaults (&scratch);
  ok = sc_hyper_set (&scratch, field->spec->key, text, &error);
  sc_hyper_clear (&scratch);
  field_show_error (field, ok ? NULL : error->message);

  return ok;
}

static void
on_entry_changed (GtkEditable *editable,
                  Field       *field)
{
  field_validate (field);
}

static GtkWidget *
make_editor (SculptorSettingsPanel *self,
             Field                 *field)
{
  const char *description = sc_hyper_describe (field->spec->key);
  GtkWidget *editor;

  switch (field->spec->kind)
    {
    case FIELD_SWITCH:
      editor = gtk_switch_new ();
      gtk_widget_set_halign (editor, GTK_ALIGN_END);
      gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
      break;
    case FIELD_CHOICE:
      {
        const char *labels[] = { _("At least the threshold"), _("Within threshold of dense"), NULL };
        editor = gtk_drop_down_new_from_strings (labels);
      }
      break;
    case FIELD_ENTRY:
    default:
      editor = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (editor), 10);
      gtk_entry_set_activates_default (GTK_ENTRY (editor), TRUE);
      g_signal_connect (editor, "changed", G_CALLBACK (on_entry_changed), field);
      break;
    }

  gtk_widget_set_tooltip_text (editor, description ? _(description) : NULL);
  gtk_widget_set_hexpand (editor, TRUE);
  return editor;
}

static void
build_fields (SculptorSettingsPanel *self)
{
  g_autoptr(GtkSizeGroup) labels = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GtkGrid *grid = NULL;
  int row = 0;

  for (guint f = 0; f < G_N_ELEMENTS (field_specs); f++)
    {
      Field *field = &self->fields[f];
      GtkWidget *label;

      field->spec = &field_specs[f];
      if (field->spec->section)
        {
          GtkWidget *heading = gtk_label_new (_(field->spec->section));

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          gtk_widget_set_margin_top (heading, 12);
          gtk_box_append (self->fields_box, heading);
          grid = GTK_GRID (gtk_grid_new ());
          gtk_grid_set_column_spacing (grid, 12);
          gtk_grid_set_row_spacing (grid, 4);
          gtk_box_append (self->fields_box, GTK_WIDGET (grid));
          row = 0;
        }

      label = gtk_label_new (_(field->spec->label));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      /* one label column for all sections */
      gtk_size_group_add_widget (labels, label);
      field->editor = make_editor (self, field);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field->editor),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      field->message = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (field->message), 0);
      gtk_label_set_wrap (GTK_LABEL (field->message), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (field->message), 30);
      gtk_widget_add_css_class (field->message, "error");
      gtk_widget_add_css_class (field->message, "caption");
      gtk_widget_set_visible (field->message, FALSE);

      gtk_grid_attach (grid, label, 0, row, 1, 1);
      gtk_grid_attach (grid, field->editor, 1, row++, 1, 1);
      gtk_grid_attach (grid, field->message, 0, row++, 2, 1);
    }

  /* Not a hyper-parameter of the method: whether the app detects modules
   * on every accepted step. */
  {
    GtkWidget *label = gtk_label_new (_("Live module detection"));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_size_group_add_widget (labels, label);
    self->live_detection = GTK_SWITCH (gtk_switch_new ());
    gtk_switch_set_active (self->live_detection, TRUE);
    gtk_widget_set_halign (GTK_WIDGET (self->live_detection), GTK_ALIGN_END);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->live_detection),
                                 _("Detect modules after every accepted pruning step"));
    gtk_grid_attach (grid, label, 0, row, 1, 1);
    gtk_grid_attach (grid, GTK_WIDGET (self->live_detection), 1, row, 1, 1);
  }
}

static GtkWidget *
make_task_row (const char *name,
               ScTask     *task)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *family = sc_task_get_family (task);
  GtkWidget *title = gtk_label_new (sc_task_get_title (task));
  g_autofree char *sub = g_strdup_printf ("%s  %s", name, task->spec ? task->spec : "");
  /* the words of the title and family in English too: the task names are */
  g_autofree char *search = g_strjoin (" ", name, sc_task_get_title (task),
                                       task->title ? task->title : "", family ? family : "",
                                       task->family ? task->family : "",
                                       task->spec ? task->spec : "", NULL);
  GtkWidget *subtitle = gtk_label_new (sub);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "task-name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (row), "task-family",
                          g_strdup (family ? family : _("Other")), g_free);
  g_object_set_data_full (G_OBJECT (row), "task-search", g_utf8_casefold (search, -1), g_free);

  return row;
}

static void
task_list_header (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  const char *family = g_object_get_data (G_OBJECT (row), "task-family");
  const char *prev = before ? g_object_get_data (G_OBJECT (before), "task-family") : NULL;
  GtkWidget *header;

  if (g_strcmp0 (family, prev) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (family);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_top (header, before ? 12 : 6);
  gtk_widget_set_margin_bottom (header, 3);
  gtk_list_box_row_set_header (row, header);
}

static gboolean
task_list_filter (GtkListBoxRow *row,
                  gpointer       user_data)
{
  SculptorSettingsPanel *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->task_search));
  g_autofree char *needle = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = g_strsplit_set (needle, " \t/", -1);
  const char *haystack = g_object_get_data (G_OBJECT (row), "task-search");

  /* every word, in any order: "levels k8" finds levels/k8 */
  for (guint i = 0; words[i]; i++)
    if (words[i][0] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
fill_task_list (SculptorSettingsPanel *self)
{
  const char * const *names = sc_task_bundled_names ();

  for (guint i = 0; names && names[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScTask) task = sc_task_load_bundled (names[i], &error);

      if (task == NULL)
        {
          g_warning ("Bundled task %s: %s", names[i], error->message);
          continue;
        }
      gtk_list_box_append (self->task_list, make_task_row (names[i], task));
    }

  /* The vision tasks need MNIST digits, loaded when chosen; a few
   * synthetic digits describe them in the list. */
  for (const char * const *mnist = sc_mnist_task_names (); *mnist; mnist++)
    {
      g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (4, 0);
      g_autoptr(ScTask) task = NULL;
      ScMnistKind kind;

      sc_mnist_kind_from_name (*mnist, &kind);
      if ((task = sc_mnist_task_new (kind, digits, NULL, NULL)))
        gtk_list_box_append (self->task_list, make_task_row (*mnist, task));
    }
}

static void
on_task_popover_show (SculptorSettingsPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->task_search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->task_search));
}

static void
on_task_search_changed (SculptorSettingsPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->task_search));
  g_autofree char *message = g_strdup_printf (_("No task matches “%s”"), text);

  /* what an empty list means */
  gtk_label_set_text (self->task_empty, message);
  gtk_list_box_invalidate_filter (self->task_list);
}

static void
choose_task (SculptorSettingsPanel *self,
             const char            *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_lookup (name, &error);

  gtk_popover_popdown (self->task_popover);
  gtk_label_set_text (self->task_error, task ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->task_error), task == NULL);
  if (task)
    sculptor_settings_panel_set_task (self, task);
}

static void
on_task_row_activated (SculptorSettingsPanel *self,
                       GtkListBoxRow         *row)
{
  choose_task (self, g_object_get_data (G_OBJECT (row), "task-name"));
}

static void
on_task_search_activate (SculptorSettingsPanel *self)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->task_list, i);

      if (row == NULL)
        return;
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)) && task_list_filter (row, self))
        {
          choose_task (self, g_object_get_data (G_OBJECT (row), "task-name"));
          return;
        }
    }
}

static void
on_reset_clicked (SculptorSettingsPanel *self)
{
  if (self->task)
    sculptor_settings_panel_set_hyper (self, &self->task->defaults);
}

void
sculptor_settings_panel_set_hyper (SculptorSettingsPanel *self,
                                   const ScHyper         *hyper)
{
  g_return_if_fail (SCULPTOR_IS_SETTINGS_PANEL (self));

  for (guint f = 0; f < G_N_ELEMENTS (field_specs); f++)
    {
      g_autofree char *text = sc_hyper_get (hyper, field_specs[f].key);

      field_set_text (&self->fields[f], text);
      field_show_error (&self->fields[f], NULL);
    }
}

void
sculptor_settings_panel_set_task (SculptorSettingsPanel *self,
                                  ScTask                *task)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (SCULPTOR_IS_SETTINGS_PANEL (self));
  g_return_if_fail (task != NULL);

  if (self->task != task)
    {
      g_clear_pointer (&self->task, sc_task_unref);
      self->task = sc_task_ref (task);
    }

  subtitle = g_strdup_printf ("%s%s%s", task->name, task->spec ? "  " : "",
                              task->spec ? task->spec : "");
  gtk_label_set_text (self->task_title, sc_task_get_title (task));
  gtk_label_set_text (self->task_subtitle, subtitle);
  gtk_label_set_text (self->task_description, task->description ? sc_task_get_description (task) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->task_description), task->description != NULL);
  sculptor_settings_panel_set_hyper (self, &task->defaults);

  g_signal_emit (self, signals[TASK_CHANGED], 0);
}

ScTask *
sculptor_settings_panel_get_task (SculptorSettingsPanel *self)
{
  g_return_val_if_fail (SCULPTOR_IS_SETTINGS_PANEL (self), NULL);

  return self->task;
}

gboolean
sculptor_settings_panel_get_hyper (SculptorSettingsPanel  *self,
                                   ScHyper                *hyper,
                                   GError                **error)
{
  Field *first_bad = NULL;

  g_return_val_if_fail (SCULPTOR_IS_SETTINGS_PANEL (self), FALSE);

  for (guint f = 0; f < G_N_ELEMENTS (field_specs); f++)
    {
      Field *field = &self->fields[f];
      g_autofree char *text = field_text (field);
      g_autoptr(GError) local_error = NULL;

      if (!sc_hyper_set (hyper, field->spec->key, text, &local_error))
        {
          field_show_error (field, local_error->message);
          if (first_bad == NULL)
            {
              first_bad = field;
              g_propagate_error (error, g_steal_pointer (&local_error));
            }
        }
    }

  if (first_bad == NULL && self->task &&
      !sc_hyper_validate (hyper, self->task->n_in, self->task->n_out, error))
    {
      /* Cross-field problems (arch against the task) belong to arch. */
      first_bad = &self->fields[0];
      field_show_error (first_bad, (*error)->message);
    }

  if (first_bad)
    {
      gtk_widget_grab_focus (first_bad->editor);
      return FALSE;
    }

  return TRUE;
}

gboolean
sculptor_settings_panel_get_live_detection (SculptorSettingsPanel *self)
{
  g_return_val_if_fail (SCULPTOR_IS_SETTINGS_PANEL (self), TRUE);

  return gtk_switch_get_active (self->live_detection);
}

void
sculptor_settings_panel_set_live_detection (SculptorSettingsPanel *self,
                                            gboolean               live)
{
  g_return_if_fail (SCULPTOR_IS_SETTINGS_PANEL (self));

  gtk_switch_set_active (self->live_detection, live);
}

void
sculptor_settings_panel_set_locked (SculptorSettingsPanel *self,
                                    gboolean               locked)
{
  g_return_if_fail (SCULPTOR_IS_SETTINGS_PANEL (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_box), !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->task_button), !locked);
  gtk_widget_set_sensitive (self->reset_button, !locked);
}

GtkWidget *
sculptor_settings_panel_new (void)
{
  return g_object_new (SCULPTOR_TYPE_SETTINGS_PANEL, NULL);
}

static void
sculptor_settings_panel_dispose (GObject *object)
{
  SculptorSettingsPanel *self = SCULPTOR_SETTINGS_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCULPTOR_TYPE_SETTINGS_PANEL);
  g_clear_pointer (&self->task, sc_task_unref);

  G_OBJECT_CLASS (sculptor_settings_panel_parent_class)->dispose (object);
}

static void
sculptor_settings_panel_class_init (SculptorSettingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sculptor_settings_panel_dispose;

  /**
   * SculptorSettingsPanel::task-changed:
   *
   * Another task was chosen; the fields hold its defaults.
   */
  signals[TASK_CHANGED] = g_signal_new ("task-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sculptor/Sculptor/ui/sculptor-settings-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "settingspanel");
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, task_button);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, task_popover);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, task_search);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, task_list);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, task_title);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, task_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, task_description);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, task_error);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, fields_box);
  gtk_widget_class_bind_template_child (widget_class, SculptorSettingsPanel, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, on_task_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_task_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_task_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_task_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
}

static void
sculptor_settings_panel_init (SculptorSettingsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_fields (self);
  gtk_list_box_set_header_func (self->task_list, task_list_header, NULL, NULL);
  gtk_list_box_set_filter_func (self->task_list, task_list_filter, self, NULL);
  self->task_empty = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->task_empty, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->task_empty), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->task_empty), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->task_empty), 12);
  gtk_list_box_set_placeholder (self->task_list, GTK_WIDGET (self->task_empty));
  fill_task_list (self);
}
