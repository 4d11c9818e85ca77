/* sculptor-about.c — the About dialog
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sculptor-about.h"

#define PAPER_URL "https://arxiv.org/abs/2305.18402"

/* The paper, as it should be cited (NeurIPS 2023). */
#define PAPER_CITATION \
  "Shreyas Malakarjun Patil, Loizos Michael, Constantine Dovrolis: Neural Sculpting: " \
  "Uncovering hierarchically modular task structure in neural networks through pruning " \
  "and network analysis. NeurIPS 2023. arXiv:2305.18402"

GtkWidget *
sculptor_about_dialog_new (GtkWindow *parent)
{
  static const char *authors[] = { "The Sculptor authors", NULL };
  static const char *method_authors[] = {
    "Shreyas Malakarjun Patil",
    "Loizos Michael",
    "Constantine Dovrolis",
    NULL
  };
  static const char *paper[] = {
    "Neural Sculpting (NeurIPS 2023) " PAPER_URL,
    NULL
  };
  g_autofree char *comments = NULL;
  GtkAboutDialog *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  comments = g_strdup_printf ("%s\n\n%s\n%s",
                              _("Train, prune and discover the modules of neural networks"),
                              _("A reimplementation of the method of:"),
                              PAPER_CITATION);

  dialog = GTK_ABOUT_DIALOG (gtk_about_dialog_new ());
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_set_modal (GTK_WINDOW (dialog), parent != NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_about_dialog_set_program_name (dialog, _("Sculptor"));
  gtk_about_dialog_set_logo_icon_name (dialog, APP_ID);
  gtk_about_dialog_set_version (dialog, PACKAGE_VERSION);
  gtk_about_dialog_set_comments (dialog, comments);
  gtk_about_dialog_set_license_type (dialog, GTK_LICENSE_GPL_3_0);
  gtk_about_dialog_set_authors (dialog, authors);
  gtk_about_dialog_set_copyright (dialog, "© 2026 The Sculptor authors");
  gtk_about_dialog_set_website (dialog, "https://github.com/sculptor-app/sculptor");
  gtk_about_dialog_set_website_label (dialog, _("Website"));
  /* Translators: put your name and e-mail here, one translator per line. */
  gtk_about_dialog_set_translator_credits (dialog, _("translator-credits"));
  gtk_about_dialog_add_credit_section (dialog, _("Method by"), method_authors);
  gtk_about_dialog_add_credit_section (dialog, _("Paper"), paper);

  return GTK_WIDGET (dialog);
}
