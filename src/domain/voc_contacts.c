/* The contacts an announcement told, as CSV for a mail merge: one piece
 * that kam --announce and the client's announcement both write with, by
 * the export's writer (format.c: quoting, formulas neutralised), every
 * cell with its controls made visible. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "kam/buf.h"
#include "kam/format.h"
#include "kam/utf8.h"
#include "kam/voc.h"

#include "kam/countof.h"

static const struct export_column contact_cols[] = {
	{ "name", COL_TEXT, NULL },
	{ "email", COL_TEXT, NULL },
	{ "account", COL_TEXT, NULL },
};

/* A cell as the contact list carries it: controls made visible. */
static void
cell(struct kam_buf *safe, const char *s, struct copy_field *f)
{
	buf_reset(safe);
	if (s != NULL)
		utf8_sanitize(safe, s, strlen(s));
	*f = (struct copy_field){ .data = safe->data, .len = safe->len,
	    .null = s == NULL };
}

int
voc_contacts_write(FILE *fp, const struct voc_rows *r, bool raw)
{
	const struct export_column *cols[] = { &contact_cols[0],
	    &contact_cols[1], &contact_cols[2] };
	static const int fields[] = { VA_CONTACT, VA_EMAIL, VA_ACCOUNT };
	struct format fmt = { .kind = EXPORT_CSV, .raw = raw, .columns = cols,
	    .ncolumns = countof(cols) };
	struct kam_buf line, safe[countof(fields)];
	struct copy_field f[countof(fields)];
	bool ok;

	buf_init(&line);
	for (size_t i = 0; i < countof(fields); i++)
		buf_init(&safe[i]);
	format_header(&fmt, &line);
	for (size_t i = 0; i < r->nrows; i++) {
		if (strcmp(voc_get(r, i, VA_PART), "told") != 0)
			continue;
		for (size_t c = 0; c < countof(fields); c++)
			cell(&safe[c], voc_get(r, i, fields[c]), &f[c]);
		format_row(&fmt, f, &line);
	}
	for (size_t i = 0; i < countof(fields); i++)
		buf_free(&safe[i]);
	ok = fwrite(line.data, 1, line.len, fp) == line.len && fflush(fp) == 0;
	buf_free(&line);
	return ok ? EX_OK : EX_IOERR;
}
