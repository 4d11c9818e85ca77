/* sc-funcgraph.c — parser of Sculptor function-graph files (.sfg)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The format (README, section “tasks”) is line based:
 *
 *   name exemplar/input-separable        metadata: name, title, family,
 *   default lr 0.05                      spec, description, default
 *   paper 4-24-4 lr 0.05 batch-size 8 epochs 15     the authors' settings
 *   inputs x0 x1 x2 x3
 *   node s1 = xor(x0, x1), xnor(x0, x1)  one gate per output bit
 *   output y0 = s1.0
 *
 * Statements are read in two passes: the first collects every name with its
 * line, the second resolves references, so that a reference to a name
 * defined later can be reported as a forward reference or a cycle rather
 * than as an undefined name. */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sc-error.h"
#include "sc-funcgraph.h"
#include "sc-mask.h"
#include "sc-paper.h"
#include "sc-task-private.h"

typedef enum
{
  TOK_IDENT,
  TOK_NUMBER,
  TOK_TABLE,     /* text between [ and ] */
  TOK_PUNCT,     /* one of = ( ) , . */
} TokKind;

typedef struct
{
  TokKind  kind;
  guint    line;
  char    *text;
} Token;

typedef struct
{
  char  *name;
  int    bit;    /* -1 when not written */
  guint  line;
} RawRef;

typedef struct
{
  ScGateKind  kind;
  guint       line;
  GArray     *args;    /* RawRef */
  guint8     *table;
} RawGate;

typedef struct
{
  char      *name;
  guint      line;
  GPtrArray *gates;    /* RawGate */
} RawNode;

typedef struct
{
  char   *name;
  guint   line;
  RawRef  ref;
} RawOutput;

typedef enum
{
  SYM_INPUT,
  SYM_NODE,
  SYM_OUTPUT,
} SymKind;

typedef struct
{
  SymKind kind;
  guint   index;
  guint   line;
} Symbol;

typedef enum
{
  STMT_INPUTS,
  STMT_NODE,
  STMT_OUTPUTS,
} StmtKind;

typedef struct
{
  const char  *filename;
  guint        last_line;
  ScFuncGraph *graph;
  GHashTable  *symbols;         /* name → Symbol */
  GPtrArray   *raw_nodes;       /* RawNode */
  GPtrArray   *raw_outputs;     /* RawOutput */
  GHashTable  *meta_lines;      /* keyword → line */
  GHashTable  *default_lines;   /* dashed key → line */
  GHashTable  *paper_lines;     /* architecture "4-24-4" → line */
  GPtrArray   *pending;         /* Token: open statement, NULL when none */
  StmtKind     pending_kind;
  guint        pending_line;
} Parser;

typedef struct
{
  Parser    *p;
  GPtrArray *toks;
  guint      pos;
  guint      line;    /* first line of the statement */
} Cursor;

static const struct
{
  const char *name;
  ScGateKind  kind;
  guint       min_args;
  guint       max_args;
} gate_defs[] = {
  { "and",   SC_GATE_AND,   2, G_MAXUINT },
  { "or",    SC_GATE_OR,    2, G_MAXUINT },
  { "xor",   SC_GATE_XOR,   2, G_MAXUINT },
  { "xnor",  SC_GATE_XNOR,  2, G_MAXUINT },
  { "nand",  SC_GATE_NAND,  2, G_MAXUINT },
  { "nor",   SC_GATE_NOR,   2, G_MAXUINT },
  { "not",   SC_GATE_NOT,   1, 1 },
  { "buf",   SC_GATE_BUF,   1, 1 },
  { "table", SC_GATE_TABLE, 1, SC_FUNCGRAPH_MAX_INPUTS },
};

static const char * const meta_keywords[] = {
  "name", "title", "family", "spec", "description",
};

const char *
sc_gate_kind_name (ScGateKind kind)
{
  for (guint g = 0; g < G_N_ELEMENTS (gate_defs); g++)
    if (gate_defs[g].kind == kind)
      return gate_defs[g].name;

  g_return_val_if_reached (NULL);
}

/* ------------------------------------------------------------------ */
/* Memory */

static void
token_free (gpointer data)
{
  Token *tok = data;

  g_free (tok->text);
  g_free (tok);
}

static void
raw_ref_clear (gpointer data)
{
  RawRef *ref = data;

  g_free (ref->name);
}

static void
raw_gate_free (gpointer data)
{
  RawGate *gate = data;

  g_array_unref (gate->args);
  g_free (gate->table);
  g_free (gate);
}

static void
raw_node_free (gpointer data)
{
  RawNode *node = data;

  g_free (node->name);
  g_ptr_array_unref (node->gates);
  g_free (node);
}

static void
raw_output_free (gpointer data)
{
  RawOutput *output = data;

  g_free (output->name);
  raw_ref_clear (&output->ref);
  g_free (output);
}

static void
graph_node_clear (gpointer data)
{
  ScGraphNode *node = data;

  for (guint b = 0; b < node->n_bits; b++)
    {
      g_free (node->bits[b].args);
      g_free (node->bits[b].table);
    }
  g_free (node->bits);
  g_free (node->name);
}

void
sc_funcgraph_free (ScFuncGraph *graph)
{
  if (graph == NULL)
    return;

  g_free (graph->name);
  g_free (graph->title);
  g_free (graph->family);
  g_free (graph->spec);
  g_free (graph->description);
  g_ptr_array_unref (graph->inputs);
  g_array_unref (graph->nodes);
  g_ptr_array_unref (graph->outputs);
  g_array_unref (graph->output_node);
  g_array_unref (graph->output_bit);
  sc_hyper_clear (&graph->defaults);
  g_clear_pointer (&graph->paper, g_array_unref);
  g_free (graph);
}

static ScFuncGraph *
funcgraph_new (void)
{
  ScFuncGraph *graph = g_new0 (ScFuncGraph, 1);

  graph->inputs = g_ptr_array_new_with_free_func (g_free);
  graph->nodes = g_array_new (FALSE, TRUE, sizeof (ScGraphNode));
  g_array_set_clear_func (graph->nodes, graph_node_clear);
  graph->outputs = g_ptr_array_new_with_free_func (g_free);
  graph->output_node = g_array_new (FALSE, FALSE, sizeof (guint));
  graph->output_bit = g_array_new (FALSE, FALSE, sizeof (guint));
  sc_hyper_init_defaults (&graph->defaults);
  graph->paper = sc_paper_table_new ();

  return graph;
}

static void
parser_init (Parser     *p,
             const char *filename)
{
  memset (p, 0, sizeof *p);
  p->filename = filename;
  p->graph = funcgraph_new ();
  p->symbols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->raw_nodes = g_ptr_array_new_with_free_func (raw_node_free);
  p->raw_outputs = g_ptr_array_new_with_free_func (raw_output_free);
  p->meta_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->default_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->paper_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
parser_clear (Parser *p)
{
  g_clear_pointer (&p->graph, sc_funcgraph_free);
  g_clear_pointer (&p->symbols, g_hash_table_unref);
  g_clear_pointer (&p->raw_nodes, g_ptr_array_unref);
  g_clear_pointer (&p->raw_outputs, g_ptr_array_unref);
  g_clear_pointer (&p->meta_lines, g_hash_table_unref);
  g_clear_pointer (&p->default_lines, g_hash_table_unref);
  g_clear_pointer (&p->paper_lines, g_hash_table_unref);
  g_clear_pointer (&p->pending, g_ptr_array_unref);
}

/* ------------------------------------------------------------------ */
/* Errors: always "FILE:LINE: problem" */

/* "FILE:LINE: problem" (sc_set_parse_error). */
#define fail(p, line, error, ...) \
  sc_set_parse_error ((error), (p)->filename, (line), __VA_ARGS__)

/* ------------------------------------------------------------------ */
/* Lexer */

static void
push_token (GPtrArray  *tokens,
            TokKind     kind,
            guint       line,
            const char *start,
            gsize       len)
{
  Token *tok = g_new0 (Token, 1);

  tok->kind = kind;
  tok->line = line;
  tok->text = g_strndup (start, len);
  g_ptr_array_add (tokens, tok);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
lex_line (Parser      *p,
          const char  *s,
          guint        line,
          GPtrArray   *tokens,
          GError     **error)
{
  while (*s != '\0')
    {
      const char *start = s;

      if (g_ascii_isspace (*s))
        s++;
      else if (g_ascii_isalpha (*s) || *s == '_')
        {
          while (is_name_char (*s))
            s++;
          push_token (tokens, TOK_IDENT, line, start, s - start);
        }
      else if (g_ascii_isdigit (*s))
        {
          while (g_ascii_isdigit (*s))
            s++;
          push_token (tokens, TOK_NUMBER, line, start, s - start);
        }
      else if (*s == '[')
        {
          const char *end = strchr (s, ']');

          if (end == NULL)
            return fail (p, line, error, "missing “]” after the truth table “%s”", s);
          push_token (tokens, TOK_TABLE, line, s + 1, end - s - 1);
          s = end + 1;
        }
      else if (strchr ("=(),.", *s) != NULL)
        push_token (tokens, TOK_PUNCT, line, s++, 1);
      else
        {
          const char *next = g_utf8_next_char (s);

          return fail (p, line, error, "unexpected character “%.*s”", (int) (next - s), s);
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Token cursor */

static Token *
cur_peek (Cursor *c)
{
  return c->pos < c->toks->len ? g_ptr_array_index (c->toks, c->pos) : NULL;
}

static guint
cur_line (Cursor *c)
{
  Token *tok = cur_peek (c);

  if (tok != NULL)
    return tok->line;
  if (c->toks->len > 0)
    return ((Token *) g_ptr_array_index (c->toks, c->toks->len - 1))->line;
  return c->line;
}

static const char *
cur_describe (Cursor *c)
{
  Token *tok = cur_peek (c);

  if (tok == NULL)
    return "end of line";
  return tok->kind == TOK_TABLE ? "[…]" : tok->text;
}

static gboolean
cur_is_punct (Cursor *c,
              char    ch)
{
  Token *tok = cur_peek (c);

  return tok != NULL && tok->kind == TOK_PUNCT && tok->text[0] == ch;
}

static gboolean
cur_expect_punct (Cursor      *c,
                  char         ch,
                  const char  *context,
                  GError     **error)
{
  if (!cur_is_punct (c, ch))
    return fail (c->p, cur_line (c), error, "expected “%c” %s, got “%s”",
                 ch, context, cur_describe (c));
  c->pos++;
  return TRUE;
}

static Token *
cur_expect (Cursor      *c,
            TokKind      kind,
            const char  *what,
            GError     **error)
{
  Token *tok = cur_peek (c);

  if (tok == NULL || tok->kind != kind)
    {
      fail (c->p, cur_line (c), error, "expected %s, got “%s”", what, cur_describe (c));
      return NULL;
    }
  c->pos++;
  return tok;
}

/* ------------------------------------------------------------------ */
/* Names */

static gboolean
declare (Parser      *p,
         const char  *name,
         SymKind      kind,
         guint        index,
         guint        line,
         GError     **error)
{
  Symbol *sym = g_hash_table_lookup (p->symbols, name);

  if (sym != NULL)
    return fail (p, line, error, "duplicate name “%s” (first defined at line %u)",
                 name, sym->line);

  sym = g_new0 (Symbol, 1);
  sym->kind = kind;
  sym->index = index;
  sym->line = line;
  g_hash_table_insert (p->symbols, g_strdup (name), sym);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Statements: metadata and defaults (rest of the line is the value) */

static gboolean
is_meta_keyword (const char *word)
{
  for (guint k = 0; k < G_N_ELEMENTS (meta_keywords); k++)
    if (strcmp (word, meta_keywords[k]) == 0)
      return TRUE;
  return FALSE;
}

static char **
meta_slot (ScFuncGraph *graph,
           const char  *keyword)
{
  if (strcmp (keyword, "name") == 0)
    return &graph->name;
  if (strcmp (keyword, "title") == 0)
    return &graph->title;
  if (strcmp (keyword, "family") == 0)
    return &graph->family;
  if (strcmp (keyword, "spec") == 0)
    return &graph->spec;
  return &graph->description;
}

static gboolean
parse_meta (Parser      *p,
            const char  *keyword,
            const char  *value,
            guint        line,
            GError     **error)
{
  char **slot = meta_slot (p->graph, keyword);
  gpointer first;

  if (value[0] == '\0')
    return fail (p, line, error, "“%s” needs a value", keyword);

  /* description may span several lines; they are joined */
  if (strcmp (keyword, "description") == 0 && *slot != NULL)
    {
      char *joined = g_strconcat (*slot, " ", value, NULL);

      g_free (*slot);
      *slot = joined;
      return TRUE;
    }

  if (g_hash_table_lookup_extended (p->meta_lines, keyword, NULL, &first))
    return fail (p, line, error, "duplicate “%s” line (first at line %u)",
                 keyword, GPOINTER_TO_UINT (first));

  g_hash_table_insert (p->meta_lines, g_strdup (keyword), GUINT_TO_POINTER (line));
  *slot = g_strdup (value);
  return TRUE;
}

static gboolean
parse_default (Parser      *p,
               const char  *rest,
               guint        line,
               GError     **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *value = rest;
  gpointer first;

  while (*value != '\0' && !g_ascii_isspace (*value))
    value++;
  key = g_strndup (rest, value - rest);
  while (g_ascii_isspace (*value))
    value++;

  if (key[0] == '\0')
    return fail (p, line, error, "“default” needs a parameter and a value, e.g. “default lr 0.05”");
  if (!sc_hyper_is_key (key))
    return fail (p, line, error, "unknown parameter “%s” in “default” (try arch, lr, "
                 "batch-size, epochs, unit-step, edge-steps)", key);

  g_strdelimit (key, "_", '-');
  if (g_hash_table_lookup_extended (p->default_lines, key, NULL, &first))
    return fail (p, line, error, "duplicate default for “%s” (first at line %u)",
                 key, GPOINTER_TO_UINT (first));
  if (value[0] == '\0')
    return fail (p, line, error, "default %s needs a value", key);
  if (!sc_hyper_set (&p->graph->defaults, key, value, &local_error))
    return fail (p, line, error, "bad default: %s", local_error->message);

  g_hash_table_insert (p->default_lines, g_steal_pointer (&key), GUINT_TO_POINTER (line));
  return TRUE;
}

/* `paper ARCH lr X batch-size N epochs N`: one row of the authors'
 * per-architecture settings (method.md §7). The architecture is checked
 * against the inputs and outputs once they are known (finish_paper). */
static gboolean
parse_paper (Parser      *p,
             const char  *rest,
             guint        line,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  ScPaperSetting setting;
  gpointer first;

  if (!sc_paper_parse (rest, &setting, &local_error))
    return fail (p, line, error, "bad paper row: %s", local_error->message);

  key = sc_arch_to_string ((const guint *) setting.arch->data, setting.arch->len, '-');
  if (g_hash_table_lookup_extended (p->paper_lines, key, NULL, &first))
    {
      sc_paper_setting_clear (&setting);
      return fail (p, line, error, "duplicate paper row for %s (first at line %u)",
                   key, GPOINTER_TO_UINT (first));
    }

  setting.line = line;
  g_array_append_val (p->graph->paper, setting);
  g_hash_table_insert (p->paper_lines, g_steal_pointer (&key), GUINT_TO_POINTER (line));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Statements: inputs, nodes, outputs (token based) */

static gboolean
parse_inputs (Cursor  *c,
              GError **error)
{
  Parser *p = c->p;

  if (c->toks->len == 0)
    return fail (p, c->line, error, "“inputs” needs at least one name, e.g. “inputs x0 x1”");

  while (cur_peek (c) != NULL)
    {
      Token *tok;

      if (cur_is_punct (c, ','))
        {
          c->pos++;
          continue;
        }
      if (!(tok = cur_expect (c, TOK_IDENT, "an input name", error)))
        return FALSE;
      if (p->graph->inputs->len == SC_FUNCGRAPH_MAX_INPUTS)
        return fail (p, tok->line, error, "too many inputs: “%s” would be input %u, at most %u "
                     "are allowed (the truth table has 2^n rows)",
                     tok->text, p->graph->inputs->len + 1, SC_FUNCGRAPH_MAX_INPUTS);
      if (!declare (p, tok->text, SYM_INPUT, p->graph->inputs->len, tok->line, error))
        return FALSE;
      g_ptr_array_add (p->graph->inputs, g_strdup (tok->text));
    }

  return TRUE;
}

static gboolean
parse_ref (Cursor  *c,
           RawRef  *ref,
           GError **error)
{
  Token *name = cur_expect (c, TOK_IDENT, "a name (an input or a node bit like s1.0)", error);
  Token *bit;

  if (name == NULL)
    return FALSE;

  ref->name = g_strdup (name->text);
  ref->line = name->line;
  ref->bit = -1;
  if (!cur_is_punct (c, '.'))
    return TRUE;

  c->pos++;
  if (!(bit = cur_expect (c, TOK_NUMBER, "a bit number after “.”", error)))
    return FALSE;
  if (strlen (bit->text) > 4)
    return fail (c->p, bit->line, error, "bit number “%s” is too large", bit->text);
  ref->bit = atoi (bit->text);
  return TRUE;
}

static int
find_gate (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint g = 0; g < G_N_ELEMENTS (gate_defs); g++)
    if (strcmp (lower, gate_defs[g].name) == 0)
      return g;
  return -1;
}

static gboolean
decode_digit (char   ch,
              guint  base,
              guint *value)
{
  int v = g_ascii_xdigit_value (ch);

  if (v < 0 || (guint) v >= base)
    return FALSE;
  *value = v;
  return TRUE;
}

/* Rows 0..2^k−1 left to right, in binary or as 0x-hex of that bit string;
 * underscores and spaces are ignored. */
static gboolean
decode_table (Parser       *p,
              const Token  *tok,
              guint         n_args,
              guint8      **out,
              GError      **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gsize want = (gsize) 1 << n_args;
  gboolean hex;
  guint base;
  g_autofree guint8 *table = NULL;

  for (const char *s = tok->text; *s != '\0'; s++)
    if (*s != '_' && !g_ascii_isspace (*s))
      g_string_append_c (digits, *s);

  hex = digits->len >= 2 && digits->str[0] == '0' && (digits->str[1] | 0x20) == 'x';
  if (hex)
    g_string_erase (digits, 0, 2);
  base = hex ? 16 : 2;

  if (digits->len * (hex ? 4 : 1) != want)
    {
      if (hex && want < 4)
        return fail (p, tok->line, error, "a table over 1 argument has 2 rows: write it in "
                     "binary, e.g. [01]");
      if (hex)
        return fail (p, tok->line, error, "a table over %u arguments needs %zu hex digits "
                     "(%zu rows), got %zu", n_args, want / 4, want, digits->len);
      return fail (p, tok->line, error, "a table over %u argument%s needs %zu bits, got %zu",
                   n_args, n_args == 1 ? "" : "s", want, digits->len);
    }

  table = g_new0 (guint8, want);
  for (gsize d = 0; d < digits->len; d++)
    {
      guint value;

      if (!decode_digit (digits->str[d], base, &value))
        return fail (p, tok->line, error, hex ? "“%c” is not a hex digit in the table"
                     : "“%c” is not a binary digit in the table (write hex as 0x…)",
                     digits->str[d]);
      if (hex)
        for (guint b = 0; b < 4; b++)
          table[d * 4 + b] = (value >> (3 - b)) & 1;
      else
        table[d] = value;
    }

  *out = g_steal_pointer (&table);
  return TRUE;
}

static gboolean
check_arity (Parser     *p,
             int         def,
             guint       n_args,
             guint       line,
             GError    **error)
{
  const char *name = gate_defs[def].name;
  guint min = gate_defs[def].min_args;
  guint max = gate_defs[def].max_args;

  if (min == max && n_args != min)
    return fail (p, line, error, "“%s” takes exactly %u argument%s, got %u",
                 name, min, min == 1 ? "" : "s", n_args);
  if (n_args < min)
    return fail (p, line, error, "“%s” needs at least %u arguments, got %u", name, min, n_args);
  if (n_args > max)
    return fail (p, line, error, "“%s” takes at most %u arguments, got %u", name, max, n_args);
  return TRUE;
}

static gboolean
parse_gate_args (Cursor   *c,
                 RawGate  *gate,
                 GError  **error)
{
  if (cur_is_punct (c, ')'))
    {
      c->pos++;
      return TRUE;
    }

  for (;;)
    {
      RawRef ref = { NULL, -1, 0 };

      if (!parse_ref (c, &ref, error))
        {
          raw_ref_clear (&ref);
          return FALSE;
        }
      g_array_append_val (gate->args, ref);
      if (cur_is_punct (c, ')'))
        {
          c->pos++;
          return TRUE;
        }
      if (!cur_expect_punct (c, ',', "or “)” between gate arguments", error))
        return FALSE;
    }
}

static RawGate *
parse_gate (Cursor  *c,
            GError **error)
{
  Parser *p = c->p;
  g_autoptr(GPtrArray) holder = g_ptr_array_new_with_free_func (raw_gate_free);
  RawGate *gate;
  Token *name, *table = NULL;
  int def;

  if (!(name = cur_expect (c, TOK_IDENT, "a gate (and, or, xor, xnor, nand, nor, not, buf, "
                           "table)", error)))
    return NULL;
  if ((def = find_gate (name->text)) < 0)
    {
      fail (p, name->line, error, "unknown gate “%s” (expected and, or, xor, xnor, nand, nor, "
            "not, buf or table)", name->text);
      return NULL;
    }

  gate = g_new0 (RawGate, 1);
  g_ptr_array_add (holder, gate);
  gate->kind = gate_defs[def].kind;
  gate->line = name->line;
  gate->args = g_array_new (FALSE, TRUE, sizeof (RawRef));
  g_array_set_clear_func (gate->args, raw_ref_clear);

  if (cur_peek (c) != NULL && cur_peek (c)->kind == TOK_TABLE)
    table = g_ptr_array_index (c->toks, c->pos++);
  if (table != NULL && gate->kind != SC_GATE_TABLE)
    {
      fail (p, table->line, error, "only “table” gates take a truth table in [ ], not “%s”",
            name->text);
      return NULL;
    }
  if (gate->kind == SC_GATE_TABLE && table == NULL)
    {
      fail (p, name->line, error, "a table gate needs its truth table, e.g. table[0110](a, b)");
      return NULL;
    }

  if (!cur_expect_punct (c, '(', "after the gate name", error) ||
      !parse_gate_args (c, gate, error) ||
      !check_arity (p, def, gate->args->len, name->line, error))
    return NULL;
  if (table != NULL && !decode_table (p, table, gate->args->len, &gate->table, error))
    return NULL;

  return g_ptr_array_steal_index (holder, 0);
}

static gboolean
parse_node (Cursor  *c,
            GError **error)
{
  Parser *p = c->p;
  Token *name;
  RawNode *node;

  if (!(name = cur_expect (c, TOK_IDENT, "a node name after “node”", error)) ||
      !declare (p, name->text, SYM_NODE, p->raw_nodes->len, name->line, error) ||
      !cur_expect_punct (c, '=', "after the node name", error))
    return FALSE;

  node = g_new0 (RawNode, 1);
  node->name = g_strdup (name->text);
  node->line = name->line;
  node->gates = g_ptr_array_new_with_free_func (raw_gate_free);
  g_ptr_array_add (p->raw_nodes, node);

  for (;;)
    {
      RawGate *gate = parse_gate (c, error);

      if (gate == NULL)
        return FALSE;
      g_ptr_array_add (node->gates, gate);
      if (cur_peek (c) == NULL)
        return TRUE;
      if (!cur_expect_punct (c, ',', "between the bits of a node", error))
        return FALSE;
    }
}

static gboolean
parse_outputs (Cursor  *c,
               GError **error)
{
  Parser *p = c->p;

  if (c->toks->len == 0)
    return fail (p, c->line, error, "“output” needs an assignment, e.g. “output y0 = s1.0”");

  for (;;)
    {
      RawOutput *output;
      Token *name;

      if (!(name = cur_expect (c, TOK_IDENT, "an output name", error)) ||
          !declare (p, name->text, SYM_OUTPUT, p->raw_outputs->len, name->line, error) ||
          !cur_expect_punct (c, '=', "after the output name", error))
        return FALSE;

      output = g_new0 (RawOutput, 1);
      output->name = g_strdup (name->text);
      output->line = name->line;
      g_ptr_array_add (p->raw_outputs, output);
      if (!parse_ref (c, &output->ref, error))
        return FALSE;

      if (cur_peek (c) == NULL)
        return TRUE;
      if (!cur_expect_punct (c, ',', "between output assignments", error))
        return FALSE;
    }
}

static gboolean
finish_statement (Parser  *p,
                  GError **error)
{
  g_autoptr(GPtrArray) toks = g_steal_pointer (&p->pending);
  Cursor c = { p, toks, 0, p->pending_line };

  switch (p->pending_kind)
    {
    case STMT_INPUTS:
      return parse_inputs (&c, error);
    case STMT_NODE:
      return parse_node (&c, error);
    case STMT_OUTPUTS:
      return parse_outputs (&c, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
statement_kind (const char *keyword,
                StmtKind   *kind)
{
  if (strcmp (keyword, "inputs") == 0 || strcmp (keyword, "input") == 0)
    *kind = STMT_INPUTS;
  else if (strcmp (keyword, "node") == 0)
    *kind = STMT_NODE;
  else if (strcmp (keyword, "outputs") == 0 || strcmp (keyword, "output") == 0)
    *kind = STMT_OUTPUTS;
  else
    return FALSE;
  return TRUE;
}

static gboolean
ends_with_comma (GPtrArray *tokens)
{
  Token *last;

  if (tokens->len == 0)
    return FALSE;
  last = g_ptr_array_index (tokens, tokens->len - 1);
  return last->kind == TOK_PUNCT && last->text[0] == ',';
}

/* A statement starts with its keyword; inputs, node and output statements
 * continue on the next lines while a line ends with a comma. */
static gboolean
parse_line (Parser  *p,
            char    *text,
            guint    line,
            GError **error)
{
  g_autofree char *keyword = NULL;
  char *rest;

  if (strchr (text, '#') != NULL)
    *strchr (text, '#') = '\0';
  g_strstrip (text);

  if (p->pending == NULL && text[0] == '\0')
    return TRUE;

  if (p->pending == NULL)
    {
      for (rest = text; *rest != '\0' && !g_ascii_isspace (*rest); rest++)
        ;
      keyword = g_strndup (text, rest - text);
      rest = g_strchug (rest);

      if (is_meta_keyword (keyword))
        return parse_meta (p, keyword, rest, line, error);
      if (strcmp (keyword, "default") == 0)
        return parse_default (p, rest, line, error);
      if (strcmp (keyword, "paper") == 0)
        return parse_paper (p, rest, line, error);
      if (!statement_kind (keyword, &p->pending_kind))
        return fail (p, line, error, "unknown statement “%s” (expected name, title, family, "
                     "spec, description, default, paper, inputs, node or output)", keyword);

      p->pending = g_ptr_array_new_with_free_func (token_free);
      p->pending_line = line;
      text = rest;
    }

  if (!lex_line (p, text, line, p->pending, error))
    return FALSE;
  if (ends_with_comma (p->pending))
    return TRUE;
  return finish_statement (p, error);
}

/* ------------------------------------------------------------------ */
/* Second pass: resolve names */

static Symbol *
lookup (Parser     *p,
        const char *name)
{
  return g_hash_table_lookup (p->symbols, name);
}

/* Does node `from` depend (directly or not) on node `target`? Walks the
 * raw references, so it works before resolution. */
static gboolean
depends_on (Parser   *p,
            guint     from,
            guint     target,
            gboolean *visited)
{
  RawNode *node = g_ptr_array_index (p->raw_nodes, from);

  if (from == target)
    return TRUE;
  if (visited[from])
    return FALSE;
  visited[from] = TRUE;

  for (guint g = 0; g < node->gates->len; g++)
    {
      RawGate *gate = g_ptr_array_index (node->gates, g);

      for (guint a = 0; a < gate->args->len; a++)
        {
          Symbol *sym = lookup (p, g_array_index (gate->args, RawRef, a).name);

          if (sym != NULL && sym->kind == SYM_NODE && depends_on (p, sym->index, target, visited))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
check_node_order (Parser       *p,
                  const RawRef *ref,
                  const Symbol *sym,
                  guint         user,
                  GError      **error)
{
  RawNode *reader = g_ptr_array_index (p->raw_nodes, user);
  g_autofree gboolean *visited = NULL;

  if (sym->index < user)
    return TRUE;
  if (sym->index == user)
    return fail (p, ref->line, error, "cycle: node “%s” reads itself", ref->name);

  visited = g_new0 (gboolean, p->raw_nodes->len);
  if (depends_on (p, sym->index, user, visited))
    return fail (p, ref->line, error, "cycle: node “%s” reads “%s”, which depends on “%s”",
                 reader->name, ref->name, reader->name);
  return fail (p, ref->line, error, "forward reference to node “%s” (defined at line %u); "
               "define nodes before they are read", ref->name, sym->line);
}

static gboolean
resolve_node_ref (Parser       *p,
                  const RawRef *ref,
                  const Symbol *sym,
                  ScGateArg    *arg,
                  GError      **error)
{
  RawNode *node = g_ptr_array_index (p->raw_nodes, sym->index);
  guint n_bits = node->gates->len;
  guint bit = ref->bit < 0 ? 0 : (guint) ref->bit;

  if (bit >= n_bits)
    return fail (p, ref->line, error, "node “%s” has %u bit%s, so “%s.%u” does not exist",
                 ref->name, n_bits, n_bits == 1 ? "" : "s", ref->name, bit);
  arg->node = sym->index;
  arg->index = bit;
  return TRUE;
}

/* user: the reading node, or -1 for an output. */
static gboolean
resolve_ref (Parser       *p,
             const RawRef *ref,
             int           user,
             ScGateArg    *arg,
             GError      **error)
{
  Symbol *sym = lookup (p, ref->name);

  if (sym == NULL)
    return fail (p, ref->line, error, "undefined name “%s”", ref->name);

  switch (sym->kind)
    {
    case SYM_OUTPUT:
      return fail (p, ref->line, error, "“%s” is an output; only inputs and nodes can be read",
                   ref->name);

    case SYM_INPUT:
      if (user < 0)
        return fail (p, ref->line, error, "an output must copy a node bit, “%s” is an input "
                     "(add a node “node c = buf(%s)”)", ref->name, ref->name);
      if (sym->line > ref->line)
        return fail (p, ref->line, error, "forward reference to input “%s” (declared at line "
                     "%u); declare inputs before they are read", ref->name, sym->line);
      if (ref->bit > 0)
        return fail (p, ref->line, error, "input “%s” has a single bit, so “%s.%d” does not exist",
                     ref->name, ref->name, ref->bit);
      arg->node = -1;
      arg->index = sym->index;
      return TRUE;

    case SYM_NODE:
      if (user >= 0 && !check_node_order (p, ref, sym, user, error))
        return FALSE;
      if (user < 0 && sym->line > ref->line)
        return fail (p, ref->line, error, "forward reference to node “%s” (defined at line "
                     "%u); define nodes before outputs copy them", ref->name, sym->line);
      return resolve_node_ref (p, ref, sym, arg, error);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
resolve_gate (Parser  *p,
              RawGate *raw,
              guint    user,
              ScGate  *gate,
              GError **error)
{
  gate->kind = raw->kind;
  gate->n_args = raw->args->len;
  gate->args = g_new0 (ScGateArg, gate->n_args);
  gate->table = g_steal_pointer (&raw->table);

  for (guint a = 0; a < gate->n_args; a++)
    if (!resolve_ref (p, &g_array_index (raw->args, RawRef, a), user, &gate->args[a], error))
      return FALSE;
  return TRUE;
}

static gboolean
resolve_nodes (Parser  *p,
               GError **error)
{
  for (guint n = 0; n < p->raw_nodes->len; n++)
    {
      RawNode *raw = g_ptr_array_index (p->raw_nodes, n);
      ScGraphNode node = { 0 };

      node.name = g_strdup (raw->name);
      node.line = raw->line;
      node.n_bits = raw->gates->len;
      node.bits = g_new0 (ScGate, node.n_bits);
      /* appended first so that a failure frees it with the graph */
      g_array_append_val (p->graph->nodes, node);

      for (guint b = 0; b < node.n_bits; b++)
        if (!resolve_gate (p, g_ptr_array_index (raw->gates, b), n, &node.bits[b], error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_outputs (Parser  *p,
                 GError **error)
{
  for (guint o = 0; o < p->raw_outputs->len; o++)
    {
      RawOutput *raw = g_ptr_array_index (p->raw_outputs, o);
      ScGateArg arg;
      guint node;

      if (!resolve_ref (p, &raw->ref, -1, &arg, error))
        return FALSE;
      node = arg.node;
      g_ptr_array_add (p->graph->outputs, g_strdup (raw->name));
      g_array_append_val (p->graph->output_node, node);
      g_array_append_val (p->graph->output_bit, arg.index);
    }
  return TRUE;
}

static guint
default_line (Parser     *p,
              const char *key)
{
  gpointer line;

  if (g_hash_table_lookup_extended (p->default_lines, key, NULL, &line))
    return GPOINTER_TO_UINT (line);
  return p->last_line;
}

/* Every paper row's architecture must fit the task. */
static gboolean
finish_paper (Parser  *p,
              GError **error)
{
  guint n_in = p->graph->inputs->len;
  guint n_out = p->graph->outputs->len;

  for (guint i = 0; i < p->graph->paper->len; i++)
    {
      const ScPaperSetting *s = &g_array_index (p->graph->paper, ScPaperSetting, i);
      g_autoptr(GError) local_error = NULL;
      ScHyper hyper;
      gboolean ok;

      sc_hyper_init_defaults (&hyper);
      sc_paper_apply (s, &hyper);
      ok = sc_hyper_validate (&hyper, n_in, n_out, &local_error);
      sc_hyper_clear (&hyper);
      if (!ok)
        return fail (p, s->line, error, "bad paper row: %s", local_error->message);
    }

  return TRUE;
}

/* Defaults a file does not give: the paper row of the default architecture
 * for lr, batch-size and epochs when there is one, else the fallbacks. */
static gboolean
finish_defaults (Parser  *p,
                 GError **error)
{
  ScHyper *defaults = &p->graph->defaults;
  guint n_in = p->graph->inputs->len;
  guint n_out = p->graph->outputs->len;
  g_autoptr(GError) local_error = NULL;
  const ScPaperSetting *paper;

  if (!g_hash_table_contains (p->default_lines, "arch"))
    sc_task_fallback_arch (defaults, n_in, n_out);
  if (!g_hash_table_contains (p->default_lines, "batch-size"))
    defaults->batch_size = sc_task_fallback_batch_size (1u << n_in);

  paper = sc_paper_find (p->graph->paper, (const guint *) defaults->arch->data,
                         defaults->arch->len);
  if (paper != NULL)
    {
      if (!g_hash_table_contains (p->default_lines, "lr"))
        defaults->lr = paper->lr;
      if (!g_hash_table_contains (p->default_lines, "batch-size"))
        defaults->batch_size = paper->batch_size;
      if (!g_hash_table_contains (p->default_lines, "epochs"))
        defaults->epochs = paper->epochs;
    }

  if (!sc_hyper_validate (defaults, n_in, n_out, &local_error))
    return fail (p, default_line (p, "arch"), error, "bad default: %s", local_error->message);
  return TRUE;
}

static gboolean
finish (Parser  *p,
        GError **error)
{
  if (p->pending != NULL)
    return fail (p, p->last_line, error, "unexpected end of file: the statement of line %u "
                 "ends with “,”", p->pending_line);
  if (p->graph->inputs->len == 0)
    return fail (p, p->last_line, error, "no inputs (add a line “inputs x0 x1 …”)");
  if (p->raw_outputs->len == 0)
    return fail (p, p->last_line, error, "no outputs (add lines “output y0 = NODE.BIT”)");

  return resolve_nodes (p, error) &&
         resolve_outputs (p, error) &&
         finish_paper (p, error) &&
         finish_defaults (p, error);
}

ScFuncGraph *
sc_funcgraph_parse (const char  *text,
                    const char  *filename,
                    GError     **error)
{
  g_auto(GStrv) lines = NULL;
  ScFuncGraph *graph;
  Parser p;
  guint n_lines;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filename == NULL)
    filename = "<text>";

  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  if (n_lines > 1 && lines[n_lines - 1][0] == '\0')
    n_lines--;

  parser_init (&p, filename);
  p.last_line = MAX (n_lines, 1);

  if (!g_utf8_validate (text, -1, NULL))
    {
      fail (&p, 1, error, "not UTF-8 text");
      parser_clear (&p);
      return NULL;
    }

  for (guint l = 0; l < n_lines; l++)
    if (!parse_line (&p, lines[l], l + 1, error))
      {
        parser_clear (&p);
        return NULL;
      }

  if (!finish (&p, error))
    {
      parser_clear (&p);
      return NULL;
    }

  graph = g_steal_pointer (&p.graph);
  parser_clear (&p);
  return graph;
}
