/* sc-graph.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <stdio.h>

/* igraph's headers test an undefined macro; keep -Wundef for our code. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <igraph.h>
#pragma GCC diagnostic pop

#include "sc-error.h"
#include "sc-file.h"
#include "sc-graph.h"

/* Debian's igraph keeps its error, RNG and attribute state in globals
 * (IGRAPH_THREAD_SAFE is 0): every call goes through this lock. */
static GMutex graph_mutex;

void
sc_graph_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mutex_lock (&graph_mutex);
      /* The default handler aborts; this one prints and returns the code. */
      igraph_set_error_handler (igraph_error_handler_printignore);
      igraph_set_warning_handler (igraph_warning_handler_ignore);
      g_mutex_unlock (&graph_mutex);
      g_once_init_leave (&initialized, 1);
    }
}

void
sc_graph_lock (void)
{
  g_mutex_lock (&graph_mutex);
}

void
sc_graph_unlock (void)
{
  g_mutex_unlock (&graph_mutex);
}

static gboolean
check (igraph_error_t   rc,
       const char      *what,
       GError         **error)
{
  if (rc == IGRAPH_SUCCESS)
    return TRUE;

  g_set_error (error, SC_ERROR, SC_ERROR_IGRAPH,
               "igraph could not %s: %s", what, igraph_strerror (rc));
  return FALSE;
}

/* The condensed network on the kept units (vertex p = kept position p),
 * one edge per surviving connection, pointing upward. Caller holds the
 * lock. */
static igraph_error_t
build_graph (const ScDetection *det,
             igraph_bool_t      directed,
             igraph_t          *graph)
{
  const ScMask *cm = det->condensed;
  igraph_vector_int_t edges;
  igraph_error_t rc;
  guint first = 0;

  rc = igraph_vector_int_init (&edges, 0);
  if (rc != IGRAPH_SUCCESS)
    return rc;

  for (guint k = 0; k + 1 < det->n_layers && rc == IGRAPH_SUCCESS; k++)
    {
      guint next = first + det->new_arch[k];

      for (guint a = first; a < next && rc == IGRAPH_SUCCESS; a++)
        for (guint b = next; b < next + det->new_arch[k + 1]; b++)
          if (sc_mask_get (cm, k, det->kept_index[a], det->kept_index[b]))
            {
              rc = igraph_vector_int_push_back (&edges, a);
              if (rc == IGRAPH_SUCCESS)
                rc = igraph_vector_int_push_back (&edges, b);
              if (rc != IGRAPH_SUCCESS)
                break;
            }
      first = next;
    }

  if (rc == IGRAPH_SUCCESS)
    rc = igraph_create (graph, &edges, det->n_kept, directed);
  igraph_vector_int_destroy (&edges);
  return rc;
}

static igraph_error_t
membership_vector (const ScDetection   *det,
                   igraph_vector_int_t *membership)
{
  igraph_error_t rc = igraph_vector_int_init (membership, det->n_kept);

  if (rc != IGRAPH_SUCCESS)
    return rc;
  for (guint p = 0; p < det->n_kept; p++)
    VECTOR (*membership)[p] = det->merged[p];

  return IGRAPH_SUCCESS;
}

gboolean
sc_graph_modularity (const ScDetection  *detection,
                     double             *q_out,
                     GError            **error)
{
  igraph_t graph;
  igraph_vector_int_t membership;
  igraph_real_t q = NAN;
  gboolean ok;

  g_return_val_if_fail (detection != NULL, FALSE);
  g_return_val_if_fail (q_out != NULL, FALSE);

  sc_graph_init ();
  g_mutex_lock (&graph_mutex);
  ok = check (build_graph (detection, FALSE, &graph), "build the condensed graph", error);
  if (ok)
    {
      ok = check (membership_vector (detection, &membership), "allocate", error);
      if (ok)
        {
          ok = check (igraph_modularity (&graph, &membership, NULL, 1.0, FALSE, &q),
                      "compute the modularity", error);
          igraph_vector_int_destroy (&membership);
        }
      igraph_destroy (&graph);
    }
  g_mutex_unlock (&graph_mutex);

  if (ok)
    *q_out = q;
  return ok;
}

/* Renumbers labels 0, 1, … in order of first appearance; returns the
 * number of distinct labels. */
static guint
renumber (const int *labels,
          guint      n,
          int       *out)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int_hash, g_int_equal);

  for (guint i = 0; i < n; i++)
    {
      gpointer id;

      if (!g_hash_table_lookup_extended (ids, &labels[i], NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids));
          g_hash_table_insert (ids, (gpointer) &labels[i], id);
        }
      out[i] = (int) GPOINTER_TO_UINT (id);
    }

  return g_hash_table_size (ids);
}

gboolean
sc_graph_adjusted_rand (const int  *a,
                        const int  *b,
                        guint       n,
                        double     *ari_out,
                        GError    **error)
{
  g_autofree int *ra = NULL;
  g_autofree int *rb = NULL;
  igraph_vector_int_t va, vb;
  igraph_real_t ari = NAN;
  guint ka, kb;
  gboolean ok;

  g_return_val_if_fail (a != NULL || n == 0, FALSE);
  g_return_val_if_fail (b != NULL || n == 0, FALSE);
  g_return_val_if_fail (ari_out != NULL, FALSE);

  ra = g_new (int, MAX (n, 1));
  rb = g_new (int, MAX (n, 1));
  ka = renumber (a, n, ra);
  kb = renumber (b, n, rb);

  /* igraph refuses fewer than two items and divides 0 by 0 when both
   * partitions are the same trivial one; those are identical partitions. */
  if (n < 2 || (ka == 1 && kb == 1) || (ka == n && kb == n))
    {
      *ari_out = 1.0;
      return TRUE;
    }

  sc_graph_init ();
  g_mutex_lock (&graph_mutex);
  ok = check (igraph_vector_int_init (&va, n), "allocate", error);
  if (ok)
    {
      ok = check (igraph_vector_int_init (&vb, n), "allocate", error);
      if (ok)
        {
          for (guint i = 0; i < n; i++)
            {
              VECTOR (va)[i] = ra[i];
              VECTOR (vb)[i] = rb[i];
            }
          ok = check (igraph_compare_communities (&va, &vb, &ari, IGRAPH_COMMCMP_ADJUSTED_RAND),
                      "compare the partitions", error);
          igraph_vector_int_destroy (&vb);
        }
      igraph_vector_int_destroy (&va);
    }
  g_mutex_unlock (&graph_mutex);

  if (ok)
    *ari_out = ari;
  return ok;
}

static igraph_error_t
set_vertex_attributes (const ScDetection *det,
                       igraph_t          *graph)
{
  const char *names[] = { "layer", "index", "module" };
  const guint *values[] = { det->kept_layer, det->kept_index, det->merged };
  igraph_vector_t v;
  igraph_error_t rc = igraph_vector_init (&v, det->n_kept);

  if (rc != IGRAPH_SUCCESS)
    return rc;

  for (guint a = 0; a < G_N_ELEMENTS (names) && rc == IGRAPH_SUCCESS; a++)
    {
      for (guint p = 0; p < det->n_kept; p++)
        VECTOR (v)[p] = values[a][p];
      rc = igraph_cattribute_VAN_setv (graph, names[a], &v);
    }

  igraph_vector_destroy (&v);
  return rc;
}

/* Writes the GraphML into memory. The C attribute handler is installed
 * only for the life of this graph, so no other igraph user sees it. */
static gboolean
graphml_to_memory (const ScDetection  *det,
                   char              **text,
                   gsize              *length,
                   GError            **error)
{
  igraph_attribute_table_t *old_table;
  igraph_t graph;
  FILE *stream;
  size_t size = 0;
  gboolean ok;

  old_table = igraph_set_attribute_table (&igraph_cattribute_table);
  ok = check (build_graph (det, TRUE, &graph), "build the condensed graph", error);
  if (ok)
    {
      ok = check (set_vertex_attributes (det, &graph), "set vertex attributes", error);
      if (ok)
        {
          stream = open_memstream (text, &size);
          if (stream == NULL)
            {
              g_set_error (error, SC_ERROR, SC_ERROR_IO, "out of memory for GraphML");
              ok = FALSE;
            }
          else
            {
              ok = check (igraph_write_graph_graphml (&graph, stream, FALSE),
                          "write GraphML", error);
              fclose (stream);
              *length = size;
              if (!ok)
                g_clear_pointer (text, free);
            }
        }
      igraph_destroy (&graph);
    }
  igraph_set_attribute_table (old_table);

  return ok;
}

gboolean
sc_graph_write_graphml (const ScDetection  *detection,
                        const char         *path,
                        GError            **error)
{
  char *text = NULL;
  gsize length = 0;
  gboolean ok;

  g_return_val_if_fail (detection != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  sc_graph_init ();
  g_mutex_lock (&graph_mutex);
  ok = graphml_to_memory (detection, &text, &length, error);
  g_mutex_unlock (&graph_mutex);

  if (ok)
    ok = sc_file_write_atomic (path, text, length, error);

  free (text);
  return ok;
}

/* Leiden optimising Newman modularity: node weights = degree and
 * resolution 1 / (2m); otherwise igraph optimises CPM. */
static igraph_error_t
run_leiden (const igraph_t      *graph,
            igraph_vector_int_t *membership)
{
  igraph_vector_int_t degree;
  igraph_vector_t weights;
  igraph_integer_t n_clusters;
  igraph_real_t quality;
  igraph_error_t rc;
  double m = (double) igraph_ecount (graph);

  rc = igraph_vector_int_init (&degree, 0);
  if (rc != IGRAPH_SUCCESS)
    return rc;
  rc = igraph_degree (graph, &degree, igraph_vss_all (), IGRAPH_ALL, TRUE);
  if (rc == IGRAPH_SUCCESS)
    rc = igraph_vector_init (&weights, igraph_vector_int_size (&degree));
  if (rc == IGRAPH_SUCCESS)
    {
      for (igraph_integer_t v = 0; v < igraph_vector_int_size (&degree); v++)
        VECTOR (weights)[v] = VECTOR (degree)[v];
      rc = igraph_community_leiden (graph, NULL, &weights, 1.0 / (2.0 * m), 0.01,
                                    FALSE, -1, membership, &n_clusters, &quality);
      igraph_vector_destroy (&weights);
    }
  igraph_vector_int_destroy (&degree);

  return rc;
}

static igraph_error_t
run_alt (const igraph_t      *graph,
         ScAltDetector        method,
         igraph_vector_int_t *membership)
{
  if (method == SC_ALT_LEIDEN)
    return run_leiden (graph, membership);

  return igraph_community_multilevel (graph, NULL, 1.0, membership, NULL, NULL);
}

static gboolean
alt_detect_locked (const ScDetection  *det,
                   ScAltDetector       method,
                   guint64             seed,
                   guint              *labels_out,
                   double             *q_out,
                   GError            **error)
{
  igraph_t graph;
  igraph_vector_int_t membership;
  igraph_real_t q = NAN;
  gboolean ok;

  if (!check (build_graph (det, FALSE, &graph), "build the condensed graph", error))
    return FALSE;

  if (!check (igraph_vector_int_init (&membership, det->n_kept), "allocate", error))
    {
      igraph_destroy (&graph);
      return FALSE;
    }

  ok = TRUE;
  if (igraph_ecount (&graph) == 0)
    {
      /* Nothing to optimise: every unit is its own community. */
      for (guint p = 0; p < det->n_kept; p++)
        VECTOR (membership)[p] = p;
    }
  else
    {
      ok = check (igraph_rng_seed (igraph_rng_default (), seed), "seed its generator", error) &&
           check (run_alt (&graph, method, &membership), "detect communities", error) &&
           check (igraph_modularity (&graph, &membership, NULL, 1.0, FALSE, &q),
                  "compute the modularity", error);
    }

  if (ok)
    {
      for (guint p = 0; p < det->n_kept; p++)
        labels_out[p] = (guint) VECTOR (membership)[p];
      if (q_out != NULL)
        *q_out = q;
    }

  igraph_vector_int_destroy (&membership);
  igraph_destroy (&graph);
  return ok;
}

gboolean
sc_graph_alt_detect (const ScDetection  *detection,
                     ScAltDetector       method,
                     guint64             seed,
                     guint              *labels_out,
                     double             *q_out,
                     GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (detection != NULL, FALSE);
  g_return_val_if_fail (method == SC_ALT_LOUVAIN || method == SC_ALT_LEIDEN, FALSE);
  g_return_val_if_fail (labels_out != NULL || detection->n_kept == 0, FALSE);

  sc_graph_init ();
  g_mutex_lock (&graph_mutex);
  ok = alt_detect_locked (detection, method, seed, labels_out, q_out, error);
  g_mutex_unlock (&graph_mutex);

  return ok;
}
