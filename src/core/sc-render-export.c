/* sc-render-export.c — SVG, PNG and PDF files of the figures
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-render-private.h"

/* PNG files are drawn at twice the size so that lines and text stay crisp
 * on high-density screens and in slides. */
#define PNG_SCALE 2.0
#define MAX_SIDE  16384.0

gboolean
sc_export_format_from_string (const char     *text,
                              ScExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "svg") == 0)
    *format = SC_EXPORT_SVG;
  else if (g_ascii_strcasecmp (text, "png") == 0)
    *format = SC_EXPORT_PNG;
  else if (g_ascii_strcasecmp (text, "pdf") == 0)
    *format = SC_EXPORT_PDF;
  else
    return FALSE;

  return TRUE;
}

const char *
sc_export_format_extension (ScExportFormat format)
{
  switch (format)
    {
    case SC_EXPORT_SVG: return "svg";
    case SC_EXPORT_PNG: return "png";
    case SC_EXPORT_PDF: return "pdf";
    default:            g_return_val_if_reached ("svg");
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (ScExportFormat format,
                double         width,
                double         height,
                GByteArray    *out)
{
  cairo_surface_t *surface;

  switch (format)
    {
    case SC_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, out, width, height);
      /* the default unit is pt: a 1200 px figure would come out 1600 px */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      return surface;
    case SC_EXPORT_PDF:
      return cairo_pdf_surface_create_for_stream (append_bytes, out, width, height);
    case SC_EXPORT_PNG:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                         (int) ceil (width * PNG_SCALE),
                                         (int) ceil (height * PNG_SCALE));
    }
}

static cairo_status_t
draw_into (cairo_surface_t *surface,
           ScExportFormat   format,
           double           width,
           double           height,
           ScDrawFunc       func,
           gpointer         user_data,
           GByteArray      *out)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  if (format == SC_EXPORT_PNG)
    cairo_scale (cr, PNG_SCALE, PNG_SCALE);
  func (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == SC_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, out);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);

  return status;
}

gboolean
sc_render_export_to_bytes (ScExportFormat format,
                           double         width,
                           double         height,
                           ScDrawFunc     func,
                           gpointer       user_data,
                           GByteArray    *out,
                           GError       **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  guint start;

  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (format <= SC_EXPORT_PDF, FALSE);

  if (!(width >= 1.0 && height >= 1.0 && width <= MAX_SIDE && height <= MAX_SIDE))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "a figure must be between 1 and %.0f pixels wide and high, not %g × %g",
                   MAX_SIDE, width, height);
      return FALSE;
    }

  start = out->len;
  surface = create_surface (format, width, height, out);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = draw_into (surface, format, width, height, func, user_data, out);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_set_size (out, start);
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "Cairo could not draw the %s figure: %s",
                   sc_export_format_extension (format), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

gboolean
sc_render_export (ScExportFormat format,
                  const char    *path,
                  double         width,
                  double         height,
                  ScDrawFunc     func,
                  gpointer       user_data,
                  GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!sc_render_export_to_bytes (format, width, height, func, user_data, bytes, error))
    return FALSE;

  /* A temporary file in the same directory, then rename(): on failure or
   * a signal path is left alone. */
  return sc_file_write_atomic (path, bytes->data, bytes->len, error);
}

static void
draw_network (cairo_t *cr,
              double   width,
              double   height,
              gpointer user_data)
{
  const ScScene *scene = user_data;
  g_autoptr(ScLayout) layout = sc_layout_compute (scene, width, height);

  sc_render_network (cr, scene, layout);
}

gboolean
sc_render_export_network (ScExportFormat format,
                          const char    *path,
                          const ScScene *scene,
                          double         width,
                          double         height,
                          GError       **error)
{
  g_return_val_if_fail (scene != NULL && scene->mask != NULL, FALSE);

  return sc_render_export (format, path, width, height, draw_network, (gpointer) scene, error);
}

typedef struct
{
  const ScModuleGraph      *graph;
  const ScHierarchyOptions *options;
} HierarchyData;

static void
draw_hierarchy (cairo_t *cr,
                double   width,
                double   height,
                gpointer user_data)
{
  const HierarchyData *data = user_data;

  sc_render_hierarchy (cr, data->graph, data->options, width, height);
}

gboolean
sc_render_export_hierarchy (ScExportFormat            format,
                            const char               *path,
                            const ScModuleGraph      *graph,
                            const ScHierarchyOptions *options,
                            double                    width,
                            double                    height,
                            GError                  **error)
{
  HierarchyData data = { graph, options };

  g_return_val_if_fail (graph != NULL, FALSE);

  return sc_render_export (format, path, width, height, draw_hierarchy, &data, error);
}
