/* sculptor-stable-rows.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sculptor-stable-rows.h"

/* GTK 4.8's list views keep a row's widget only while its item stays in
 * the model: a new model, item for item new, has every row widget made
 * and styled again (up to 200 of them, whatever is on screen). Slots are
 * the items that stay. */

/* ---- slot --------------------------------------------------------------- */

struct _SculptorRowSlot
{
  GObject  parent_instance;
  GObject *item;
};

G_DEFINE_FINAL_TYPE (SculptorRowSlot, sculptor_row_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_ITEM,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

gpointer
sculptor_row_slot_get_item (SculptorRowSlot *self)
{
  g_return_val_if_fail (SCULPTOR_IS_ROW_SLOT (self), NULL);

  return self->item;
}

/* Takes item. */
static void
slot_take_item (SculptorRowSlot *self,
                GObject         *item)
{
  if (self->item == item)
    {
      g_clear_object (&item);
      return;
    }
  g_clear_object (&self->item);
  self->item = item;
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ITEM]);
}

static SculptorRowSlot *
slot_new (GObject *item)
{
  SculptorRowSlot *self = g_object_new (SCULPTOR_TYPE_ROW_SLOT, NULL);

  self->item = item;
  return self;
}

static void
sculptor_row_slot_finalize (GObject *object)
{
  SculptorRowSlot *self = (SculptorRowSlot *) object;

  g_clear_object (&self->item);

  G_OBJECT_CLASS (sculptor_row_slot_parent_class)->finalize (object);
}

static void
sculptor_row_slot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SculptorRowSlot *self = SCULPTOR_ROW_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sculptor_row_slot_class_init (SculptorRowSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sculptor_row_slot_finalize;
  object_class->get_property = sculptor_row_slot_get_property;

  slot_properties[SLOT_PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
sculptor_row_slot_init (SculptorRowSlot *self)
{
}

/* ---- the model ---------------------------------------------------------- */

struct _SculptorStableRows
{
  GObject     parent_instance;

  GListModel *source;
  gulong      changed_id;
  GPtrArray  *slots;       /* SculptorRowSlot for the source's first items */
  guint       max_growth;  /* slots added at most by a new source, 0: all */
};

static GType
get_item_type (GListModel *model)
{
  return SCULPTOR_TYPE_ROW_SLOT;
}

static guint
get_n_items (GListModel *model)
{
  return SCULPTOR_STABLE_ROWS (model)->slots->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SculptorStableRows *self = SCULPTOR_STABLE_ROWS (model);

  return position < self->slots->len ? g_object_ref (g_ptr_array_index (self->slots, position))
                                     : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (SculptorStableRows, sculptor_stable_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static guint
source_n_items (SculptorStableRows *self)
{
  return self->source ? g_list_model_get_n_items (self->source) : 0;
}

/* Slots for the source's items from slots->len up to (not including) end. */
static void
grow_to (SculptorStableRows *self,
         guint               end)
{
  guint before = self->slots->len;

  end = MIN (end, source_n_items (self));
  if (end <= before)
    return;
  for (guint i = before; i < end; i++)
    g_ptr_array_add (self->slots, slot_new (g_list_model_get_item (self->source, i)));
  g_list_model_items_changed (G_LIST_MODEL (self), before, 0, end - before);
}

/* Rows expanded or collapsed: new slots for the new items, all of them
 * (the user asked for them). Items not shown yet stay so. */
static void
on_source_items_changed (GListModel         *source,
                         guint               position,
                         guint               removed,
                         guint               added,
                         SculptorStableRows *self)
{
  guint shown = self->slots->len;

  if (position >= shown)
    return;

  removed = MIN (removed, shown - position);
  g_ptr_array_remove_range (self->slots, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->slots, position + i, slot_new (g_list_model_get_item (source, position + i)));
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/**
 * sculptor_stable_rows_set_max_growth:
 * @max_growth: slots a new source adds at most, 0 for no limit
 *
 * A list view makes and styles a widget for every new slot at once (up to
 * 200): a long new list is shown max_growth rows at a time, one step per
 * sculptor_stable_rows_grow(), e.g. one per frame.
 */
void
sculptor_stable_rows_set_max_growth (SculptorStableRows *self,
                                     guint               max_growth)
{
  g_return_if_fail (SCULPTOR_IS_STABLE_ROWS (self));

  self->max_growth = max_growth;
}

/* The number of the source's items without a slot yet. */
guint
sculptor_stable_rows_get_n_pending (SculptorStableRows *self)
{
  g_return_val_if_fail (SCULPTOR_IS_STABLE_ROWS (self), 0);

  return source_n_items (self) - self->slots->len;
}

/* Adds the next max_growth slots; TRUE while items are still pending. */
gboolean
sculptor_stable_rows_grow (SculptorStableRows *self)
{
  g_return_val_if_fail (SCULPTOR_IS_STABLE_ROWS (self), FALSE);

  grow_to (self, self->max_growth > 0 ? self->slots->len + self->max_growth : G_MAXUINT);
  return sculptor_stable_rows_get_n_pending (self) > 0;
}

/* Shows every item up to and including position at once. */
void
sculptor_stable_rows_reveal (SculptorStableRows *self,
                             guint               position)
{
  g_return_if_fail (SCULPTOR_IS_STABLE_ROWS (self));

  if (position != G_MAXUINT)
    grow_to (self, position + 1);
}

SculptorStableRows *
sculptor_stable_rows_new (void)
{
  return g_object_new (SCULPTOR_TYPE_STABLE_ROWS, NULL);
}

GListModel *
sculptor_stable_rows_get_source (SculptorStableRows *self)
{
  g_return_val_if_fail (SCULPTOR_IS_STABLE_ROWS (self), NULL);

  return self->source;
}

/**
 * sculptor_stable_rows_set_source:
 * @source: (nullable): the items to show
 *
 * The slots that both sources have show the new items in place (their
 * "item" changes); only the slots beyond the shorter of the two come or go
 * (at most max_growth new ones: sculptor_stable_rows_grow() adds the rest).
 */
void
sculptor_stable_rows_set_source (SculptorStableRows *self,
                                 GListModel         *source)
{
  guint before, after;

  g_return_if_fail (SCULPTOR_IS_STABLE_ROWS (self));
  g_return_if_fail (source == NULL || G_IS_LIST_MODEL (source));

  if (source == self->source)
    return;

  g_clear_signal_handler (&self->changed_id, self->source);
  g_set_object (&self->source, source);

  before = self->slots->len;
  after = source ? g_list_model_get_n_items (source) : 0;
  if (after > before && self->max_growth > 0)
    after = MIN (after, before + self->max_growth);
  for (guint i = 0; i < MIN (before, after); i++)
    slot_take_item (g_ptr_array_index (self->slots, i), g_list_model_get_item (source, i));
  if (after < before)
    g_ptr_array_remove_range (self->slots, after, before - after);
  for (guint i = before; i < after; i++)
    g_ptr_array_add (self->slots, slot_new (g_list_model_get_item (source, i)));
  if (after != before)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (before, after),
                                before > after ? before - after : 0,
                                after > before ? after - before : 0);

  if (source)
    self->changed_id = g_signal_connect (source, "items-changed",
                                         G_CALLBACK (on_source_items_changed), self);
}

static void
sculptor_stable_rows_dispose (GObject *object)
{
  SculptorStableRows *self = (SculptorStableRows *) object;

  g_clear_signal_handler (&self->changed_id, self->source);
  g_clear_object (&self->source);
  g_ptr_array_set_size (self->slots, 0);

  G_OBJECT_CLASS (sculptor_stable_rows_parent_class)->dispose (object);
}

static void
sculptor_stable_rows_finalize (GObject *object)
{
  SculptorStableRows *self = (SculptorStableRows *) object;

  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (sculptor_stable_rows_parent_class)->finalize (object);
}

static void
sculptor_stable_rows_class_init (SculptorStableRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sculptor_stable_rows_dispose;
  object_class->finalize = sculptor_stable_rows_finalize;
}

static void
sculptor_stable_rows_init (SculptorStableRows *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
}
