/* A feedback file a line at a time (kam/fbfile.h): CSV records (RFC 4180:
 * a field in double quotes may hold the separator, "" for a quote, and
 * line ends), their header, and JSON Lines handed to fbfile_json.c. */
#include <string.h>

#include "fbfile_row.h"
#include "kam/utf8.h"

void
fbfile_init(struct fbfile *p, enum fb_format format)
{
	memset(p, 0, sizeof *p);
	p->format = format;
	p->sep = ',';
	buf_init(&p->rec);
}

void
fbfile_free(struct fbfile *p)
{
	buf_free(&p->rec);
}

void
fb_row_init(struct fb_row *row)
{
	memset(row, 0, sizeof *row);
	buf_init(&row->store);
}

void
fb_row_free(struct fb_row *row)
{
	buf_free(&row->store);
}

static bool
blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* One field of a CSV record from *at: unquoted as it stands, quoted
 * with its quotes undone into out. False: err says why. */
static bool
csv_field(const char *s, size_t len, size_t *at, char sep,
    struct kam_buf *out, struct kam_buf *err)
{
	size_t i = *at;

	buf_reset(out);
	while (i < len && s[i] == ' ')
		i++;
	if (i == len || s[i] != '"') {
		for (i = *at; i < len && s[i] != sep; i++)
			if (s[i] == '"') {
				buf_adds(err, "broken quoting: a double quote inside "
				    "a field that does not start with one");
				return false;
			}
		buf_add(out, s + *at, i - *at);
		*at = i;
		return true;
	}
	for (i++;; i++) {
		if (i == len) {
			buf_adds(err, "broken quoting: a quoted field never closes");
			return false;
		}
		if (s[i] == '"' && i + 1 < len && s[i + 1] == '"')
			buf_addc(out, s[i++]);
		else if (s[i] == '"')
			break;
		else
			buf_addc(out, s[i]);
	}
	for (i++; i < len && s[i] == ' '; i++)
		;
	if (i < len && s[i] != sep) {
		buf_adds(err, "broken quoting: text after a closing double quote");
		return false;
	}
	*at = i;
	return true;
}

/* Calls take(ctx, column, text, len) for each field of the record;
 * returns the number of fields, or -1 (err says why). */
typedef bool (*csv_take)(void *ctx, int col, const char *s, size_t len);

static int
csv_split(const char *s, size_t len, char sep, csv_take take, void *ctx,
    struct kam_buf *err)
{
	struct kam_buf f, why;
	size_t at = 0;
	int n = 0;
	bool ok = true;

	buf_init(&f);
	buf_init(&why);
	for (;;) {
		if (!(ok = csv_field(s, len, &at, sep, &f, &why))) {
			buf_addf(err, "column %d: %s", n + 1, why.data);
			break;
		}
		if (n == FB_MAX_COLS) {
			buf_addf(err, "more than %d columns", FB_MAX_COLS);
			ok = false;
			break;
		}
		if (!(ok = take(ctx, n, f.data ? f.data : "", f.len)))
			break;
		n++;
		if (at == len)
			break;
		at++;	/* the separator */
	}
	buf_free(&f);
	buf_free(&why);
	return ok ? n : -1;
}

struct header_ctx {
	struct fbfile	*p;
	struct kam_buf	*err;
};

static bool
take_name(void *ctx, int col, const char *s, size_t len)
{
	struct header_ctx *h = ctx;
	int f = fb_field_named(s, len);

	h->p->col[col] = (signed char)f;
	for (int c = 0; f >= 0 && c < col; c++)
		if (h->p->col[c] == f) {
			buf_addf(h->err, "header: column %s twice (columns %d "
			    "and %d)", fb_field_name(f), c + 1, col + 1);
			return false;
		}
	return true;
}

static bool
has(const struct fbfile *p, int field)
{
	for (int c = 0; c < p->ncols; c++)
		if (p->col[c] == field)
			return true;
	return false;
}

/* The header: which column holds which field; the separator is the
 * header's (a spreadsheet in a language with a decimal comma writes
 * semicolons). */
static bool
header(struct fbfile *p, const char *s, size_t len, struct kam_buf *err)
{
	struct header_ctx h = { p, err };

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3, len -= 3;
	if (!utf8_valid(s, len)) {
		buf_adds(err, "header: not UTF-8");
		return false;
	}
	p->sep = memchr(s, ',', len) == NULL && memchr(s, ';', len) != NULL ?
	    ';' : ',';
	if ((p->ncols = csv_split(s, len, p->sep, take_name, &h, err)) < 0)
		return false;
	if (!has(p, FB_ID) || !has(p, FB_DATE))
		buf_addf(err, "header: no column %s", has(p, FB_ID) ? "date" : "id");
	else if (!has(p, FB_EMAIL) && !has(p, FB_ACCOUNT))
		buf_adds(err, "header: no column email or account");
	else if (!has(p, FB_KIND) && !has(p, FB_NPS))
		buf_adds(err, "header: no column kind or nps");
	else
		return p->have_header = true;
	return false;
}

struct row_ctx {
	struct fbfile	*p;
	struct fb_build	*b;
};

static bool
take_value(void *ctx, int col, const char *s, size_t len)
{
	struct row_ctx *r = ctx;

	return col >= r->p->ncols || fb_build_set(r->b, r->p->col[col], s, len);
}

static enum fb_result
csv_row(struct fbfile *p, struct fb_row *row, struct kam_buf *err)
{
	struct fb_build b;
	struct row_ctx r = { p, &b };
	int n;

	fb_build_start(&b, row, p->rec_line, err);
	if ((n = csv_split(p->rec.data, p->rec.len, p->sep, take_value, &r,
	    err)) < 0) {
		fb_build_abandon(&b);
		return FB_BAD;
	}
	if (n != p->ncols) {
		buf_addf(err, "%d field%s where the header has %d", n,
		    n == 1 ? "" : "s", p->ncols);
		fb_build_abandon(&b);
		return FB_BAD;
	}
	return fb_build_finish(&b) ? FB_ROW : FB_BAD;
}

/* Where a record stands after s: inside quotes, at a field's start. A
 * quote opens quoted text only at the start of a field, so a stray one
 * in a field does not swallow the lines after it. */
static void
scan(struct fbfile *p, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (p->in_quotes) {
			if (c == '"')
				p->in_quotes = false, p->after_close = true;
		} else if (p->after_close) {
			p->after_close = false;
			p->in_quotes = c == '"';	/* "" inside the text */
			p->field_start = c == p->sep;
		} else if (p->field_start && c == '"')
			p->in_quotes = true, p->field_start = false;
		else if (c != ' ')
			p->field_start = c == p->sep;
	}
}

static enum fb_result
csv_line(struct fbfile *p, long lineno, const char *s, size_t len,
    struct fb_row *row, struct kam_buf *err)
{
	bool more = p->in_quotes;

	if (!p->have_header) {
		if (blank(s, len))
			return FB_NONE;
		row->line = lineno;
		return header(p, s, len, err) ? FB_NONE : FB_FATAL;
	}
	if (!more) {
		if (blank(s, len))
			return FB_NONE;
		buf_reset(&p->rec);
		p->rec_line = lineno;
		p->too_long = false;
		p->field_start = true;
		p->after_close = false;
	} else if (!p->too_long)
		buf_addc(&p->rec, '\n');
	scan(p, s, len);
	if (!p->too_long && p->rec.len + len > FB_MAX_RECORD) {
		p->too_long = true;
		buf_reset(&p->rec);
	}
	if (!p->too_long)
		buf_add(&p->rec, s, len);
	if (p->in_quotes)
		return FB_NONE;
	row->line = p->rec_line;
	if (p->too_long) {
		buf_addf(err, "a record longer than %d KiB", FB_MAX_RECORD / 1024);
		return FB_BAD;
	}
	return csv_row(p, row, err);
}

enum fb_result
fbfile_line(struct fbfile *p, long lineno, const char *line, size_t len,
    struct fb_row *row, struct kam_buf *err)
{
	struct fb_build b;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (p->format == FB_CSV)
		return csv_line(p, lineno, line, len, row, err);
	row->line = lineno;
	if (lineno == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3, len -= 3;
	if (blank(line, len))
		return FB_NONE;
	if (len > FB_MAX_RECORD) {
		buf_addf(err, "a record longer than %d KiB", FB_MAX_RECORD / 1024);
		return FB_BAD;
	}
	fb_build_start(&b, row, lineno, err);
	if (!fb_json_object(&b, line, len)) {
		fb_build_abandon(&b);
		return FB_BAD;
	}
	return fb_build_finish(&b) ? FB_ROW : FB_BAD;
}

enum fb_result
fbfile_end(struct fbfile *p, struct fb_row *row, struct kam_buf *err)
{
	if (p->format != FB_CSV || !p->in_quotes)
		return FB_NONE;
	p->in_quotes = false;
	row->line = p->rec_line;
	buf_adds(err, "broken quoting: a quoted field never closes");
	return FB_BAD;
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	if (n < m)
		return false;
	for (size_t i = 0; i < m; i++)
		if ((s[n - m + i] | 0x20) != tail[i])
			return false;
	return true;
}

enum fb_format
fbfile_guess(const char *name, const char *first, size_t len)
{
	if (name != NULL && ends_with(name, ".csv"))
		return FB_CSV;
	if (name != NULL && (ends_with(name, ".jsonl") ||
	    ends_with(name, ".ndjson") || ends_with(name, ".json")))
		return FB_JSONL;
	if (len >= 3 && memcmp(first, "\xef\xbb\xbf", 3) == 0)
		first += 3, len -= 3;
	while (len > 0 && (*first == ' ' || *first == '\t'))
		first++, len--;
	return len > 0 && *first == '{' ? FB_JSONL : FB_CSV;
}
