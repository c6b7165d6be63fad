#include <string.h>

#include "kam/decimal.h"
#include "kam/format.h"
#include "kam/utf8.h"

/* Spreadsheets run cells that start with = + - @ (and tab or CR before
 * them); a leading apostrophe makes them text. */
static bool
needs_neutralising(const struct format *f, const struct export_column *c,
    const struct copy_field *v)
{
	return !f->raw && c->type == COL_TEXT && v->len > 0 &&
	    strchr("=+-@\t\r", v->data[0]) != NULL;
}

static void
csv_cell(const struct format *f, const struct export_column *c,
    const struct copy_field *v, struct kam_buf *out)
{
	bool quote = v->len == 0 || memchr(v->data, ',', v->len) ||
	    memchr(v->data, '"', v->len) || memchr(v->data, '\n', v->len) ||
	    memchr(v->data, '\r', v->len);
	const char *p = v->data, *end = v->data + v->len, *q;

	if (v->null)
		return;		/* NULL is empty, "" the empty string */
	if (quote)
		buf_addc(out, '"');
	if (needs_neutralising(f, c, v))
		buf_addc(out, '\'');
	while (quote && (q = memchr(p, '"', (size_t)(end - p))) != NULL) {
		buf_add(out, p, (size_t)(q - p) + 1);
		buf_addc(out, '"');
		p = q + 1;
	}
	buf_add(out, p, (size_t)(end - p));
	if (quote)
		buf_addc(out, '"');
}

/* TSV keeps one row a line: tabs, newlines and backslashes escaped as in
 * PostgreSQL's text format; NULL is empty. */
static void
tsv_cell(const struct format *f, const struct export_column *c,
    const struct copy_field *v, struct kam_buf *out)
{
	if (v->null)
		return;
	if (needs_neutralising(f, c, v))
		buf_addc(out, '\'');
	copytext_escape(out, v->data, v->len);
}

/* C0 and C1 controls, DEL and the bidi overrides as \u escapes, so that
 * JSON shown on a terminal cannot drive it; all of them are in the BMP. */
static void
json_u_escape(struct kam_buf *out, uint32_t cp)
{
	buf_addf(out, "\\u%04x", (unsigned)cp);
}

/* The character at p needs escaping in a JSON string: *cp is set, *len
 * its bytes. */
static bool
json_needs_escape(const char *p, const char *end, uint32_t *cp, int *len)
{
	if ((*len = utf8_decode(p, (size_t)(end - p), cp)) < 0) {
		*len = 1;	/* invalid bytes cannot come from the server */
		return false;
	}
	return *cp == '"' || *cp == '\\' || utf8_is_unsafe(*cp);
}

static void
json_string(const char *s, size_t len, struct kam_buf *out)
{
	const char *p = s, *end = s + len, *run = s;
	uint32_t cp;
	int n;

	buf_addc(out, '"');
	for (; p < end; p += n) {
		if (!json_needs_escape(p, end, &cp, &n))
			continue;
		buf_add(out, run, (size_t)(p - run));
		run = p + n;
		if (cp == '"' || cp == '\\') {
			buf_addc(out, '\\');
			buf_addc(out, (char)cp);
		} else if (cp == '\n')
			buf_adds(out, "\\n");
		else if (cp == '\t')
			buf_adds(out, "\\t");
		else if (cp == '\r')
			buf_adds(out, "\\r");
		else
			json_u_escape(out, cp);
	}
	buf_add(out, run, (size_t)(end - run));
	buf_addc(out, '"');
}

void
format_json_safe(struct kam_buf *out, const char *json, size_t len)
{
	const char *p = json, *end = json + len, *run = json;
	uint32_t cp;
	int n;

	for (; p < end; p += n) {
		/* outside strings only whitespace may be a control */
		if (!json_needs_escape(p, end, &cp, &n) || cp == '"' ||
		    cp == '\\' || cp == '\n' || cp == '\t' || cp == '\r')
			continue;
		buf_add(out, run, (size_t)(p - run));
		run = p + n;
		json_u_escape(out, cp);
	}
	buf_add(out, run, (size_t)(end - run));
}

/* "2026-01-31 10:00:00+01" (DateStyle ISO) as ISO 8601,
 * "2026-01-31T10:00:00+01:00"; anything else ("infinity") as it is. */
static void
json_timestamp(const struct copy_field *v, struct kam_buf *out)
{
	char ts[64];
	size_t len = v->len, sign;

	if (len < 22 || len > sizeof ts - 4 || v->data[10] != ' ') {
		json_string(v->data, v->len, out);
		return;
	}
	memcpy(ts, v->data, len);
	ts[10] = 'T';
	for (sign = len - 1; sign > 19 && ts[sign] != '+' && ts[sign] != '-'; sign--)
		;
	if ((ts[sign] == '+' || ts[sign] == '-') && len - sign == 3) {
		memcpy(ts + len, ":00", 3);
		len += 3;
	}
	json_string(ts, len, out);
}

static void
json_value(const struct export_column *c, const struct copy_field *v,
    struct kam_buf *out)
{
	if (v->null)
		buf_adds(out, "null");
	else if ((c->type == COL_INT || c->type == COL_NUMERIC) &&
	    decimal_parse(v->data, v->len, DECIMAL_JSON, NULL))
		buf_add(out, v->data, v->len);
	else if (c->type == COL_BOOL && v->len == 1)
		buf_adds(out, v->data[0] == 't' ? "true" : "false");
	else if (c->type == COL_TIMESTAMP)
		json_timestamp(v, out);
	else if (c->type == COL_TEXT_ARRAY || c->type == COL_INT_ARRAY)
		buf_add(out, v->data, v->len);	/* the server's to_json() */
	else
		json_string(v->data, v->len, out);
}

static void
json_object(const struct format *f, const struct copy_field *fields,
    struct kam_buf *out)
{
	buf_addc(out, '{');
	for (size_t i = 0; i < f->ncolumns; i++) {
		if (i > 0)
			buf_addc(out, ',');
		json_string(f->columns[i]->name, strlen(f->columns[i]->name), out);
		buf_addc(out, ':');
		json_value(f->columns[i], &fields[i], out);
	}
	buf_addc(out, '}');
}

void
format_header(const struct format *f, struct kam_buf *out)
{
	for (size_t i = 0; i < f->ncolumns; i++) {
		if (i > 0)
			buf_addc(out, f->kind == EXPORT_TSV ? '\t' : ',');
		buf_adds(out, f->columns[i]->name);
	}
	buf_addc(out, '\n');
}

void
format_row(const struct format *f, const struct copy_field *fields,
    struct kam_buf *out)
{
	if (f->kind == EXPORT_JSON || f->kind == EXPORT_JSONL) {
		json_object(f, fields, out);
		return;
	}
	for (size_t i = 0; i < f->ncolumns; i++) {
		if (i > 0)
			buf_addc(out, f->kind == EXPORT_TSV ? '\t' : ',');
		if (f->kind == EXPORT_TSV)
			tsv_cell(f, f->columns[i], &fields[i], out);
		else
			csv_cell(f, f->columns[i], &fields[i], out);
	}
	buf_addc(out, '\n');
}
