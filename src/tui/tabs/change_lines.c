#include <stdlib.h>
#include <string.h>

#include "change_lines.h"
#include "text.h"
#include "kam/account_detail.h"
#include "kam/words.h"
#include "kam/xalloc.h"

#define LABEL_COLS 13	/* "When         " */

struct lines {
	char	**line;
	size_t	  n;
};

static void
add(struct lines *l, char *line)
{
	l->line = xrealloc(l->line, (l->n + 1) * sizeof *l->line);
	l->line[l->n++] = line;
}

/* lead (ASCII), then value wrapped to what is left of cols, its further
 * lines under its first. */
static void
add_wrapped(struct lines *l, const char *lead, const char *value, size_t cols)
{
	size_t indent = strlen(lead), n;
	char **wrapped;
	struct kam_buf b;

	n = text_wrap(value, cols > indent + 8 ? cols - indent : 8, &wrapped);
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		buf_addf(&b, "%*s%s", (int)indent, i == 0 ? lead : "", wrapped[i]);
		add(l, buf_detach(&b));
	}
	buf_free(&b);
	strv_free(wrapped, n);
}

static void
add_label(struct lines *l, const char *label, const char *value, size_t cols)
{
	struct kam_buf lead;

	buf_init(&lead);
	buf_addf(&lead, "%-*s", LABEL_COLS, label);
	add_wrapped(l, lead.data, value ? value : "", cols);
	buf_free(&lead);
}

/* An added row shows what it held, a deleted one what it had held; a
 * change shows both sides. Empty fields of added and deleted rows say
 * nothing and are left out. */
static void
add_field(struct lines *l, const struct acct_rows *r, size_t row, bool added,
    bool deleted, size_t cols)
{
	const char *old = acct_rows_get(r, row, CE_OLD);
	const char *new = acct_rows_get(r, row, CE_NEW);
	const char *field = acct_rows_get(r, row, CE_FIELD);
	struct kam_buf v;

	if ((added && new == NULL) || (deleted && old == NULL))
		return;
	buf_init(&v);
	add_wrapped(l, "", words_of(field), cols);
	if (!added) {
		words_value(&v, field ? field : "", old, 0);
		add_wrapped(l, "  old: ", v.data, cols);
	}
	if (!deleted) {
		buf_reset(&v);
		words_value(&v, field ? field : "", new, 0);
		add_wrapped(l, "  new: ", v.data, cols);
	}
	buf_free(&v);
}

size_t
change_lines(const struct acct_rows *r, size_t cols, char ***lines)
{
	const char *op = acct_rows_get(r, 0, CE_OP);
	bool added = op && strcmp(op, "added") == 0;
	bool deleted = op && strcmp(op, "deleted") == 0;
	struct lines l = { NULL, 0 };

	add_label(&l, "When", acct_rows_get(r, 0, CE_AT), cols);
	add_label(&l, "Who", acct_rows_get(r, 0, CE_WHO), cols);
	add_label(&l, "What", acct_rows_get(r, 0, CE_WHAT), cols);
	add_label(&l, "Change", op, cols);
	add(&l, xstrdup(""));
	for (size_t i = 0; i < r->nrows; i++)
		add_field(&l, r, i, added, deleted, cols);
	*lines = l.line;
	return l.n;
}
