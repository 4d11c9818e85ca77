/* sc-linkage.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sc-linkage.h"

/* Binary features make many distances tie exactly, and SciPy's choices
 * depend on the last bit of every value (method.md §9.11): a fused
 * multiply-add in the linkage update would change them. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

double
sc_cosine_distance (guint dot,
                    guint norm2_u,
                    guint norm2_v)
{
  double cosine;

  if (norm2_u == 0 || norm2_v == 0)
    return 1.0;

  /* scipy/spatial/src/distance_impl.h: dot / (‖u‖·‖v‖), each norm its own
   * sqrt, then clipped to ±1. */
  cosine = (double) dot / (sqrt ((double) norm2_u) * sqrt ((double) norm2_v));
  if (fabs (cosine) > 1.0)
    cosine = copysign (1.0, cosine);

  return 1.0 - cosine;
}

double *
sc_cosine_condensed (const ScBitRows *rows)
{
  g_autofree guint *norm2 = NULL;
  double *condensed;
  guint n;

  g_return_val_if_fail (rows != NULL, NULL);

  n = rows->n;
  norm2 = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    norm2[i] = sc_bit_rows_popcount (rows, i);

  condensed = g_new (double, MAX ((gsize) n * (n - (n > 0)) / 2, 1));
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      condensed[sc_condensed_index (n, i, j)] =
        sc_cosine_distance (sc_bit_rows_dot (rows, i, j), norm2[i], norm2[j]);

  return condensed;
}

typedef struct
{
  guint  x;
  guint  y;
  double d;
} Record;

/* Grows the chain of nearest neighbours until its top two elements are
 * mutual nearest neighbours x, y (SciPy's _hierarchy.nn_chain scan, §5.5
 * step 2); returns their distance and leaves them on the chain. */
static double
nn_chain_find_pair (const double *D,
                    guint         n,
                    const guint  *size,
                    guint        *chain,
                    guint        *chain_length,
                    guint        *x_out,
                    guint        *y_out)
{
  double current_min;
  guint x, y = 0;

  if (*chain_length == 0)
    {
      for (guint i = 0; i < n; i++)
        if (size[i] > 0)
          {
            chain[0] = i;
            break;
          }
      *chain_length = 1;
    }

  for (;;)
    {
      x = chain[*chain_length - 1];

      /* The previous chain element wins ties, so the chain never cycles;
       * otherwise the earliest index wins (strict <). */
      if (*chain_length > 1)
        {
          y = chain[*chain_length - 2];
          current_min = D[sc_condensed_index (n, x, y)];
        }
      else
        current_min = INFINITY;

      for (guint i = 0; i < n; i++)
        {
          double dist;

          if (size[i] == 0 || i == x)
            continue;

          dist = D[sc_condensed_index (n, x, i)];
          if (dist < current_min)
            {
              current_min = dist;
              y = i;
            }
        }

      if (*chain_length > 1 && y == chain[*chain_length - 2])
        break;

      g_assert (*chain_length < n);
      chain[(*chain_length)++] = y;
    }

  *x_out = x;
  *y_out = y;
  return current_min;
}

/* NN-chain average linkage: records the n - 1 merges in the order found.
 * D is the working copy of the condensed matrix. */
static void
nn_chain (double  *D,
          guint    n,
          Record  *records)
{
  g_autofree guint *size = g_new (guint, n);
  g_autofree guint *chain = g_new (guint, n);
  guint chain_length = 0;

  for (guint i = 0; i < n; i++)
    size[i] = 1;

  for (guint k = 0; k + 1 < n; k++)
    {
      guint x, y, nx, ny;
      double d = nn_chain_find_pair (D, n, size, chain, &chain_length, &x, &y);

      chain_length -= 2;
      if (x > y)
        {
          guint t = x;
          x = y;
          y = t;
        }

      /* x is dropped, the merged cluster takes index y. */
      nx = size[x];
      ny = size[y];
      records[k] = (Record) { x, y, d };
      size[x] = 0;
      size[y] = nx + ny;

      for (guint i = 0; i < n; i++)
        {
          gsize iy;

          if (size[i] == 0 || i == y)
            continue;

          iy = sc_condensed_index (n, i, y);
          D[iy] = ((double) nx * D[sc_condensed_index (n, i, x)] +
                   (double) ny * D[iy]) / (double) (nx + ny);
        }
    }
}

/* numpy's stable argsort (kind='mergesort'): equal heights keep the order
 * in which NN-chain produced them. */
static int
compare_records (const void *a,
                 const void *b,
                 void       *user_data)
{
  const Record *records = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  if (records[ia].d < records[ib].d)
    return -1;
  if (records[ia].d > records[ib].d)
    return 1;
  return (ia > ib) - (ia < ib);
}

static guint
uf_find (guint *parent,
         guint  x)
{
  guint root = x;

  while (parent[root] != root)
    root = parent[root];
  while (parent[x] != root)
    {
      guint next = parent[x];
      parent[x] = root;
      x = next;
    }

  return root;
}

ScLinkage *
sc_linkage_average (const double *condensed,
                    guint         n)
{
  g_autoptr(ScLinkage) linkage = NULL;
  g_autofree double *D = NULL;
  g_autofree Record *records = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *parent = NULL;
  gsize n_pairs;

  g_return_val_if_fail (n >= 1, NULL);
  g_return_val_if_fail (condensed != NULL || n == 1, NULL);

  linkage = g_new0 (ScLinkage, 1);
  linkage->n = n;
  linkage->left = g_new (guint, n);
  linkage->right = g_new (guint, n);
  linkage->height = g_new (double, n);
  if (n == 1)
    return g_steal_pointer (&linkage);

  n_pairs = (gsize) n * (n - 1) / 2;
  D = g_memdup2 (condensed, sizeof (double) * n_pairs);
  records = g_new (Record, n - 1);
  nn_chain (D, n, records);

  order = g_new (guint, n - 1);
  for (guint j = 0; j + 1 < n; j++)
    order[j] = j;
  g_qsort_with_data (order, n - 1, sizeof (guint), compare_records, records);

  /* scipy's label(): union-find over the points named by each record, so
   * the j-th sorted merge becomes node n + j. */
  parent = g_new (guint, 2 * n - 1);
  for (guint i = 0; i < 2 * n - 1; i++)
    parent[i] = i;
  for (guint j = 0; j + 1 < n; j++)
    {
      const Record *r = &records[order[j]];
      guint xr = uf_find (parent, r->x);
      guint yr = uf_find (parent, r->y);

      linkage->left[j] = MIN (xr, yr);
      linkage->right[j] = MAX (xr, yr);
      linkage->height[j] = r->d;
      parent[xr] = n + j;
      parent[yr] = n + j;
    }

  return g_steal_pointer (&linkage);
}

void
sc_linkage_free (ScLinkage *linkage)
{
  if (linkage == NULL)
    return;

  g_free (linkage->left);
  g_free (linkage->right);
  g_free (linkage->height);
  g_free (linkage);
}

/* Python's heapq on negated node ids, so the heap-array order — which
 * sklearn uses to number the clusters — is reproduced exactly. */
static void
heap_siftdown (int   *heap,
               guint  startpos,
               guint  pos)
{
  int newitem = heap[pos];

  while (pos > startpos)
    {
      guint parentpos = (pos - 1) >> 1;

      if (newitem < heap[parentpos])
        {
          heap[pos] = heap[parentpos];
          pos = parentpos;
          continue;
        }
      break;
    }
  heap[pos] = newitem;
}

static void
heap_siftup (int   *heap,
             guint  len,
             guint  pos)
{
  guint startpos = pos;
  guint childpos = 2 * pos + 1;
  int newitem = heap[pos];

  while (childpos < len)
    {
      guint rightpos = childpos + 1;

      if (rightpos < len && !(heap[childpos] < heap[rightpos]))
        childpos = rightpos;
      heap[pos] = heap[childpos];
      pos = childpos;
      childpos = 2 * pos + 1;
    }
  heap[pos] = newitem;
  heap_siftdown (heap, startpos, pos);
}

static void
label_descendants (const ScLinkage *linkage,
                   guint            node,
                   guint            label,
                   guint           *labels,
                   guint           *stack)
{
  guint depth = 0;

  stack[depth++] = node;
  while (depth > 0)
    {
      guint v = stack[--depth];

      if (v < linkage->n)
        {
          labels[v] = label;
          continue;
        }
      stack[depth++] = linkage->right[v - linkage->n];
      stack[depth++] = linkage->left[v - linkage->n];
    }
}

void
sc_linkage_cut (const ScLinkage *linkage,
                guint            k,
                guint           *labels)
{
  g_autofree int *heap = NULL;
  g_autofree guint *stack = NULL;
  guint n, len = 0;

  g_return_if_fail (linkage != NULL);
  g_return_if_fail (k >= 1 && k <= linkage->n);

  n = linkage->n;
  if (n == 1)
    {
      labels[0] = 0;
      return;
    }

  /* sklearn's _hc_cut: start from the root, repeatedly replace the largest
   * node by its two children (heappush, then heappushpop). */
  heap = g_new (int, k + 1);
  heap[len++] = -(int) (MAX (linkage->left[n - 2], linkage->right[n - 2]) + 1);
  for (guint step = 0; step + 1 < k; step++)
    {
      guint merge = (guint) -heap[0] - n;
      int child1 = -(int) linkage->right[merge];

      heap[len++] = -(int) linkage->left[merge];
      heap_siftdown (heap, 0, len - 1);
      if (heap[0] < child1)
        {
          heap[0] = child1;
          heap_siftup (heap, len, 0);
        }
    }

  stack = g_new (guint, 2 * n);
  for (guint i = 0; i < len; i++)
    label_descendants (linkage, (guint) -heap[i], i, labels, stack);
}

/* Python's round(x, 8) on a numpy float64: rint(x · 1e8) / 1e8. */
static double
round8 (double x)
{
  return rint (x * 1e8) / 1e8;
}

static double
condensed_scale (const double *condensed,
                 guint         n)
{
  gsize n_pairs = (gsize) n * (n - 1) / 2;
  double total = 0.0;

  for (gsize p = 0; p < n_pairs; p++)
    total += condensed[p];
  total *= 2.0;   /* both triangles of the square matrix */

  return total == 0.0 ? 1.0 : total;
}

double
sc_modularity_metric (const double *condensed,
                      guint         n,
                      const guint  *labels)
{
  g_autofree double *e = NULL;
  g_autofree double *a = NULL;
  guint n_labels = 0;
  double scale, q = 0.0;

  g_return_val_if_fail (labels != NULL || n == 0, NAN);

  for (guint i = 0; i < n; i++)
    n_labels = MAX (n_labels, labels[i] + 1);
  if (n < 2)
    return 0.0;

  scale = condensed_scale (condensed, n);
  e = g_new0 (double, n_labels);
  a = g_new0 (double, n_labels);
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double d = condensed[sc_condensed_index (n, i, j)] / scale;

        a[labels[i]] += d;
        a[labels[j]] += d;
        if (labels[i] == labels[j])
          e[labels[i]] += 2.0 * d;
      }

  for (guint c = 0; c < n_labels; c++)
    q += e[c] - a[c] * a[c];

  return round8 (q);
}

typedef struct
{
  guint   n;
  double *e;        /* 2n - 1 nodes: within-cluster sum */
  double *a;        /* 2n - 1 nodes: row sums */
  guint  *head;     /* first leaf of each node */
  guint  *tail;     /* last leaf of each node */
  guint  *next;     /* n leaves: next leaf of the same node, G_MAXUINT ends */
  gboolean *active;
} Curve;

static double
curve_cross (const Curve  *curve,
             const double *condensed,
             double        scale,
             guint         left,
             guint         right)
{
  double cross = 0.0;

  for (guint u = curve->head[left]; u != G_MAXUINT; u = curve->next[u])
    for (guint v = curve->head[right]; v != G_MAXUINT; v = curve->next[v])
      cross += condensed[sc_condensed_index (curve->n, u, v)] / scale;

  return cross;
}

static double
curve_value (const Curve *curve)
{
  double q = 0.0;

  for (guint v = 0; v < 2 * curve->n - 1; v++)
    if (curve->active[v])
      q += curve->e[v] - curve->a[v] * curve->a[v];

  return round8 (q);
}

void
sc_linkage_modularity_curve (const ScLinkage *linkage,
                             const double    *condensed,
                             double          *q_out)
{
  guint n, n_nodes;
  double scale;
  Curve curve;

  g_return_if_fail (linkage != NULL);
  g_return_if_fail (q_out != NULL);

  n = linkage->n;
  if (n < 3)
    return;

  n_nodes = 2 * n - 1;
  scale = condensed_scale (condensed, n);
  curve.n = n;
  curve.e = g_new0 (double, n_nodes);
  curve.a = g_new0 (double, n_nodes);
  curve.head = g_new (guint, n_nodes);
  curve.tail = g_new (guint, n_nodes);
  curve.next = g_new (guint, n);
  curve.active = g_new0 (gboolean, n_nodes);

  for (guint i = 0; i < n; i++)
    {
      curve.head[i] = curve.tail[i] = i;
      curve.next[i] = G_MAXUINT;
      curve.active[i] = TRUE;
      for (guint j = 0; j < n; j++)
        if (j != i)
          curve.a[i] += condensed[sc_condensed_index (n, i, j)] / scale;
    }

  /* After j + 1 merges there are k = n - j - 1 clusters. */
  for (guint j = 0; j + 3 <= n; j++)
    {
      guint l = linkage->left[j], r = linkage->right[j], v = n + j;

      curve.e[v] = curve.e[l] + curve.e[r] +
                   2.0 * curve_cross (&curve, condensed, scale, l, r);
      curve.a[v] = curve.a[l] + curve.a[r];
      curve.head[v] = curve.head[l];
      curve.next[curve.tail[l]] = curve.head[r];
      curve.tail[v] = curve.tail[r];
      curve.active[l] = curve.active[r] = FALSE;
      curve.active[v] = TRUE;
      q_out[n - j - 1] = curve_value (&curve);
    }

  g_free (curve.e);
  g_free (curve.a);
  g_free (curve.head);
  g_free (curve.tail);
  g_free (curve.next);
  g_free (curve.active);
}
