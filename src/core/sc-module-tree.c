/* sc-module-tree.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-module-tree.h"

/* What every node of one tree shares: the graph, its owner and the names.
 * Reference counted, so the tree lives as long as any of its nodes. */
typedef struct
{
  const ScModuleGraph *graph;
  char               **input_names;    /* NULL: x0, x1, … */
  char               **output_names;   /* NULL: y0, y1, … */
  guint                n_input_names;
  guint                n_output_names;
  gboolean             image_input;
  gpointer             owner;
  GDestroyNotify       owner_free;
} TreeData;

static void
tree_data_clear (gpointer mem)
{
  TreeData *data = mem;

  g_strfreev (data->input_names);
  g_strfreev (data->output_names);
  if (data->owner_free && data->owner)
    data->owner_free (data->owner);
}

static void
tree_data_unref (TreeData *data)
{
  g_atomic_rc_box_release_full (data, tree_data_clear);
}

struct _ScModuleNode
{
  GObject   parent_instance;

  TreeData *data;
  guint    *path;          /* module indices from the root, depth + 1 */
  guint     depth;
  gboolean  cycle;

  char     *label;
  char     *inputs_text;
  char     *outputs_text;
  char     *summary;
  char     *shared_text;
  char     *path_key;
};

G_DEFINE_FINAL_TYPE (ScModuleNode, sc_module_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODULE,
  PROP_ID,
  PROP_DEPTH,
  PROP_SHARED,
  PROP_N_USES,
  PROP_CYCLE,
  PROP_HAS_CHILDREN,
  PROP_LABEL,
  PROP_INPUTS_TEXT,
  PROP_OUTPUTS_TEXT,
  PROP_SUMMARY,
  PROP_SHARED_TEXT,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const ScModule *
node_module (ScModuleNode *self)
{
  return &self->data->graph->modules[self->path[self->depth]];
}

/* A tree child of module m: a module of another cycle group feeding it
 * (the rule of the core hierarchy, sc-modules.c). */
static gboolean
is_tree_child (const ScModuleGraph *graph,
               guint                m,
               guint                child)
{
  return !sc_module_graph_same_group (graph, m, child);
}

static gboolean
has_tree_children (const ScModuleGraph *graph,
                   guint                m)
{
  const GArray *fed_by = graph->modules[m].fed_by;

  for (guint c = 0; c < fed_by->len; c++)
    if (is_tree_child (graph, m, g_array_index (fed_by, guint, c)))
      return TRUE;
  return FALSE;
}

static void
append_name (GString    *str,
             char      **names,
             guint       n_names,
             char        prefix,
             guint       index)
{
  if (str->len > 0)
    g_string_append_c (str, ' ');
  if (names && index < n_names)
    g_string_append (str, names[index]);
  else
    g_string_append_printf (str, "%c%u", prefix, index);
}

static char *
names_text (const GArray *indices,
            char        **names,
            guint         n_names,
            char          prefix)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < indices->len; i++)
    append_name (str, names, n_names, prefix, g_array_index (indices, guint, i));

  return g_string_free (str, FALSE);
}

static char *
inputs_text (const TreeData *data,
             const ScModule *module)
{
  /* Hundreds of pixel names would say nothing. */
  if (data->image_input && module->inputs->len > 0)
    return g_strdup_printf (_("%u px"), module->inputs->len);
  return names_text (module->inputs, data->input_names, data->n_input_names, 'x');
}

static char *
summary_text (const char *inputs,
              const char *outputs)
{
  if (*outputs == '\0')
    return g_strdup (inputs);
  if (*inputs == '\0')
    return g_strdup_printf ("→ %s", outputs);
  return g_strdup_printf ("%s → %s", inputs, outputs);
}

static char *
path_key (const ScModuleGraph *graph,
          const guint         *path,
          guint                depth)
{
  GString *str = g_string_new (NULL);

  for (guint d = 0; d <= depth; d++)
    g_string_append_printf (str, d ? "/%u" : "%u", graph->modules[path[d]].id);

  return g_string_free (str, FALSE);
}

static void
node_fill_texts (ScModuleNode *self)
{
  const TreeData *data = self->data;
  const ScModule *module = node_module (self);

  self->label = g_strdup_printf ("M%u", module->id);
  self->inputs_text = inputs_text (data, module);
  self->outputs_text = names_text (module->outputs, data->output_names,
                                   data->n_output_names, 'y');
  self->summary = summary_text (self->inputs_text, self->outputs_text);
  if (module->feeds->len >= 2)
    self->shared_text = g_strdup_printf (_("shared ×%u"), module->feeds->len);
  self->path_key = path_key (data->graph, self->path, self->depth);
}

static ScModuleNode *
node_new (TreeData     *data,
          ScModuleNode *parent,
          guint         module,
          gboolean      cycle)
{
  ScModuleNode *self = g_object_new (SC_TYPE_MODULE_NODE, NULL);

  g_assert (module < data->graph->n_modules);

  self->data = g_atomic_rc_box_acquire (data);
  self->depth = parent ? parent->depth + 1 : 0;
  self->cycle = cycle;
  self->path = g_new (guint, self->depth + 1);
  if (parent)
    memcpy (self->path, parent->path, sizeof (guint) * (parent->depth + 1));
  self->path[self->depth] = module;
  node_fill_texts (self);

  return self;
}

guint
sc_module_node_get_module (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), 0);

  return self->path[self->depth];
}

guint
sc_module_node_get_id (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), 0);

  return node_module (self)->id;
}

guint
sc_module_node_get_depth (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), 0);

  return self->depth;
}

gboolean
sc_module_node_get_shared (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), FALSE);

  return node_module (self)->feeds->len >= 2;
}

guint
sc_module_node_get_n_uses (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), 0);

  return node_module (self)->feeds->len;
}

gboolean
sc_module_node_get_cycle (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), FALSE);

  return self->cycle;
}

gboolean
sc_module_node_get_has_children (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), FALSE);

  return !self->cycle && has_tree_children (self->data->graph, self->path[self->depth]);
}

const char *
sc_module_node_get_label (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), NULL);

  return self->label;
}

const char *
sc_module_node_get_inputs_text (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), NULL);

  return self->inputs_text;
}

const char *
sc_module_node_get_outputs_text (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), NULL);

  return self->outputs_text;
}

const char *
sc_module_node_get_summary (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), NULL);

  return self->summary;
}

const char *
sc_module_node_get_shared_text (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), NULL);

  return self->shared_text;
}

const char *
sc_module_node_get_path (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), NULL);

  return self->path_key;
}

const ScModuleGraph *
sc_module_node_get_graph (ScModuleNode *self)
{
  g_return_val_if_fail (SC_IS_MODULE_NODE (self), NULL);

  return self->data->graph;
}

static void
sc_module_node_finalize (GObject *object)
{
  ScModuleNode *self = (ScModuleNode *) object;

  g_clear_pointer (&self->data, tree_data_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->inputs_text, g_free);
  g_clear_pointer (&self->outputs_text, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->shared_text, g_free);
  g_clear_pointer (&self->path_key, g_free);

  G_OBJECT_CLASS (sc_module_node_parent_class)->finalize (object);
}

static void
sc_module_node_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ScModuleNode *self = SC_MODULE_NODE (object);

  switch (prop_id)
    {
    case PROP_MODULE:       g_value_set_uint (value, sc_module_node_get_module (self)); break;
    case PROP_ID:           g_value_set_uint (value, sc_module_node_get_id (self)); break;
    case PROP_DEPTH:        g_value_set_uint (value, self->depth); break;
    case PROP_SHARED:       g_value_set_boolean (value, sc_module_node_get_shared (self)); break;
    case PROP_N_USES:       g_value_set_uint (value, sc_module_node_get_n_uses (self)); break;
    case PROP_CYCLE:        g_value_set_boolean (value, self->cycle); break;
    case PROP_HAS_CHILDREN: g_value_set_boolean (value, sc_module_node_get_has_children (self)); break;
    case PROP_LABEL:        g_value_set_string (value, self->label); break;
    case PROP_INPUTS_TEXT:  g_value_set_string (value, self->inputs_text); break;
    case PROP_OUTPUTS_TEXT: g_value_set_string (value, self->outputs_text); break;
    case PROP_SUMMARY:      g_value_set_string (value, self->summary); break;
    case PROP_SHARED_TEXT:  g_value_set_string (value, self->shared_text); break;
    case PROP_PATH:         g_value_set_string (value, self->path_key); break;
    default:                G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
uint_property (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_property (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
sc_module_node_class_init (ScModuleNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_module_node_finalize;
  object_class->get_property = sc_module_node_get_property;

  /* Read-only: nodes are immutable, so list rows can bind to them. */
  properties[PROP_MODULE] = uint_property ("module");
  properties[PROP_ID] = uint_property ("id");
  properties[PROP_DEPTH] = uint_property ("depth");
  properties[PROP_SHARED] = boolean_property ("shared");
  properties[PROP_N_USES] = uint_property ("n-uses");
  properties[PROP_CYCLE] = boolean_property ("cycle");
  properties[PROP_HAS_CHILDREN] = boolean_property ("has-children");
  properties[PROP_LABEL] = string_property ("label");
  properties[PROP_INPUTS_TEXT] = string_property ("inputs-text");
  properties[PROP_OUTPUTS_TEXT] = string_property ("outputs-text");
  properties[PROP_SUMMARY] = string_property ("summary");
  properties[PROP_SHARED_TEXT] = string_property ("shared-text");
  properties[PROP_PATH] = string_property ("path");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sc_module_node_init (ScModuleNode *self)
{
}

/* ------------------------------------------------------------------ */
/* The tree                                                            */
/* ------------------------------------------------------------------ */

static char **
copy_names (const char * const *names,
            guint              *n_names)
{
  *n_names = names ? g_strv_length ((char **) names) : 0;
  return names ? g_strdupv ((char **) names) : NULL;
}

GListModel *
sc_module_tree_new (const ScModuleGraph *graph,
                    const char * const  *input_names,
                    const char * const  *output_names,
                    gboolean             image_input,
                    gpointer             owner,
                    GDestroyNotify       owner_free)
{
  GListStore *roots;
  TreeData *data;

  g_return_val_if_fail (graph != NULL, NULL);

  data = g_atomic_rc_box_new0 (TreeData);
  data->graph = graph;
  data->input_names = copy_names (input_names, &data->n_input_names);
  data->output_names = copy_names (output_names, &data->n_output_names);
  data->image_input = image_input;
  data->owner = owner;
  data->owner_free = owner_free;

  roots = g_list_store_new (SC_TYPE_MODULE_NODE);
  for (guint r = 0; r < graph->n_roots; r++)
    {
      g_autoptr(ScModuleNode) node = node_new (data, NULL, graph->roots[r]->module, FALSE);

      g_list_store_append (roots, node);
    }
  /* The nodes hold the data now; with no roots this frees it (and owner). */
  tree_data_unref (data);

  return G_LIST_MODEL (roots);
}

static gboolean
node_on_path (ScModuleNode *node,
              guint         module)
{
  for (guint d = 0; d <= node->depth; d++)
    if (node->path[d] == module)
      return TRUE;
  return FALSE;
}

GListModel *
sc_module_tree_create_child_model (gpointer item,
                                   gpointer user_data)
{
  ScModuleNode *node = item;
  const ScModule *module;
  GListStore *children;

  g_return_val_if_fail (SC_IS_MODULE_NODE (node), NULL);

  if (!sc_module_node_get_has_children (node))
    return NULL;

  module = node_module (node);
  children = g_list_store_new (SC_TYPE_MODULE_NODE);
  for (guint c = 0; c < module->fed_by->len; c++)
    {
      guint child = g_array_index (module->fed_by, guint, c);
      g_autoptr(ScModuleNode) child_node = NULL;

      if (!is_tree_child (node->data->graph, node->path[node->depth], child))
        continue;
      child_node = node_new (node->data, node, child, node_on_path (node, child));
      g_list_store_append (children, child_node);
    }

  return G_LIST_MODEL (children);
}

typedef struct
{
  const ScModuleGraph *graph;
  gboolean            *on_path;
  guint                count;
  guint                limit;
} RowCount;

/* The same rule as sc_module_tree_create_child_model(). */
static void
count_rows (RowCount *rc,
            guint     m)
{
  const GArray *fed_by = rc->graph->modules[m].fed_by;

  if (++rc->count > rc->limit || rc->on_path[m])
    return;

  rc->on_path[m] = TRUE;
  for (guint c = 0; c < fed_by->len && rc->count <= rc->limit; c++)
    if (is_tree_child (rc->graph, m, g_array_index (fed_by, guint, c)))
      count_rows (rc, g_array_index (fed_by, guint, c));
  rc->on_path[m] = FALSE;
}

guint
sc_module_tree_count_rows (const ScModuleGraph *graph,
                           guint                limit)
{
  g_autofree gboolean *on_path = NULL;
  RowCount rc = { graph, NULL, 0, limit };

  g_return_val_if_fail (graph != NULL, 0);
  g_return_val_if_fail (limit < G_MAXUINT, 0);

  on_path = g_new0 (gboolean, MAX (graph->n_modules, 1));
  rc.on_path = on_path;
  for (guint r = 0; r < graph->n_roots && rc.count <= limit; r++)
    count_rows (&rc, graph->roots[r]->module);

  return MIN (rc.count, limit + 1);
}

/* ------------------------------------------------------------------ */
/* Restricted truth tables                                             */
/* ------------------------------------------------------------------ */

static guint
assignment_of_row (const ScDataset *data,
                   guint            row,
                   const guint     *inputs,
                   guint            n_inputs)
{
  const float *x = data->x + (gsize) row * data->n_in;
  guint assignment = 0;

  for (guint j = 0; j < n_inputs; j++)
    assignment = (assignment << 1) | (x[inputs[j]] > 0.5f);

  return assignment;
}

static void
merge_cell (guint8  *cell,
            gboolean value)
{
  if (*cell == SC_TRUTH_CELL_UNKNOWN)
    *cell = value ? SC_TRUTH_CELL_ONE : SC_TRUTH_CELL_ZERO;
  else if (*cell != (value ? SC_TRUTH_CELL_ONE : SC_TRUTH_CELL_ZERO))
    *cell = SC_TRUTH_CELL_VARIES;
}

guint8 *
sc_module_truth_table (const ScDataset *data,
                       const guint     *inputs,
                       guint            n_inputs,
                       const guint     *outputs,
                       guint            n_outputs)
{
  gsize n_cells;
  guint8 *cells;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (n_inputs <= 16, NULL);
  g_return_val_if_fail (n_inputs == 0 || inputs != NULL, NULL);
  g_return_val_if_fail (n_outputs == 0 || outputs != NULL, NULL);
  for (guint j = 0; j < n_inputs; j++)
    g_return_val_if_fail (inputs[j] < data->n_in, NULL);
  for (guint o = 0; o < n_outputs; o++)
    g_return_val_if_fail (outputs[o] < data->n_out, NULL);

  n_cells = ((gsize) 1 << n_inputs) * n_outputs;
  cells = g_malloc (MAX (n_cells, 1));
  memset (cells, SC_TRUTH_CELL_UNKNOWN, n_cells);

  for (guint row = 0; row < data->n_rows; row++)
    {
      guint assignment = assignment_of_row (data, row, inputs, n_inputs);
      const float *y = data->y + (gsize) row * data->n_out;

      for (guint o = 0; o < n_outputs; o++)
        merge_cell (&cells[(gsize) assignment * n_outputs + o], y[outputs[o]] > 0.5f);
    }

  return cells;
}
