/* The exchange-rate file, a line at a time (kam/ratefile.h). */
#include <string.h>

#include "kam/decimal.h"
#include "kam/money.h"
#include "kam/ratefile.h"

static const char *const col_names[RATE_NCOLS] = {
	[RATE_DATE] = "date", [RATE_CURRENCY] = "currency",
	[RATE_QUOTE] = "quote", [RATE_RATE] = "rate",
};

#define MAX_FIELDS 16

struct field {
	const char	*s;
	size_t		 len;
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

static struct field
trimmed(const char *s, size_t len)
{
	while (len > 0 && is_space(*s))
		s++, len--;
	while (len > 0 && is_space(s[len - 1]))
		len--;
	return (struct field){ s, len };
}

/* Splits at commas; a field may stand in double quotes (spreadsheets
 * quote everything), but no value of this file holds a comma or a quote.
 * Returns the number of fields, or -1 (err says why). */
static int
split(const char *line, size_t len, struct field *f, struct kam_buf *err)
{
	size_t start = 0;
	int n = 0;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != ',')
			continue;
		if (n == MAX_FIELDS) {
			buf_addf(err, "more than %d fields", MAX_FIELDS);
			return -1;
		}
		f[n] = trimmed(line + start, i - start);
		if (f[n].len >= 2 && f[n].s[0] == '"' && f[n].s[f[n].len - 1] == '"')
			f[n].s++, f[n].len -= 2;
		if (memchr(f[n].s, '"', f[n].len) != NULL) {
			buf_addf(err, "field %d: a stray double quote", n + 1);
			return -1;
		}
		n++;
		start = i + 1;
	}
	return n;
}

static bool
field_is(struct field f, const char *name)
{
	size_t n = strlen(name);

	if (f.len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((f.s[i] | 0x20) != name[i])
			return false;
	return true;
}

bool
ratefile_blank(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_space(line[i]) && line[i] != '\r')
			return false;
	return true;
}

/* Printable ASCII only reaches err: the file is not to be trusted. */
static void
add_shown(struct kam_buf *err, struct field f)
{
	for (size_t i = 0; i < f.len && i < 20; i++)
		buf_addc(err, f.s[i] >= 0x20 && f.s[i] < 0x7f ? f.s[i] : '?');
}

static int
column_of(struct field f)
{
	for (int c = 0; c < RATE_NCOLS; c++)
		if (field_is(f, col_names[c]))
			return c;
	return -1;
}

bool
ratefile_header(const char *line, size_t len, struct rate_header *h,
    struct kam_buf *err)
{
	struct field f[MAX_FIELDS];
	int n, c;

	if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3, len -= 3;
	if ((n = split(line, len, f, err)) < 0)
		return false;
	for (c = 0; c < RATE_NCOLS; c++)
		h->pos[c] = -1;
	h->nfields = n;
	for (int i = 0; i < n; i++) {
		if ((c = column_of(f[i])) < 0) {
			buf_addf(err, "the header names column %d '", i + 1);
			add_shown(err, f[i]);
			buf_adds(err, "'; the columns are date, currency, rate "
			    "and (optionally) quote");
			return false;
		}
		if (h->pos[c] >= 0) {
			buf_addf(err, "the header names '%s' twice", col_names[c]);
			return false;
		}
		h->pos[c] = i;
	}
	for (c = 0; c < RATE_NCOLS; c++)
		if (h->pos[c] < 0 && c != RATE_QUOTE) {
			buf_addf(err, "the header has no '%s' column (expected "
			    "date,currency,rate)", col_names[c]);
			return false;
		}
	return true;
}

static bool
read_date(struct field f, char out[DATE_STRLEN], struct kam_buf *err)
{
	struct kam_date d;

	if (f.len == DATE_STRLEN - 1) {
		memcpy(out, f.s, f.len);
		out[f.len] = '\0';
		if (date_parse_iso(out, &d))
			return true;
	}
	buf_adds(err, "date '");
	add_shown(err, f);
	buf_adds(err, "' is not a date YYYY-MM-DD");
	return false;
}

static bool
read_currency(struct field f, const char *what, char out[4],
    struct kam_buf *err)
{
	if (f.len == 3) {
		memcpy(out, f.s, 3);
		out[3] = '\0';
		if (currency_known(out))
			return true;
	}
	buf_addf(err, "unknown %s '", what);
	add_shown(err, f);
	buf_adds(err, "' (an ISO 4217 code such as EUR)");
	return false;
}

static bool
read_rate(struct field f, char out[RATE_TEXT_MAX + 1], struct kam_buf *err)
{
	struct decimal d;

	if (!decimal_parse(f.s, f.len, DECIMAL_PLAIN, &d)) {
		buf_adds(err, "rate '");
		add_shown(err, f);
		buf_adds(err, "' is not a decimal number such as 0.0925");
		return false;
	}
	if (d.negative || d.nint + d.nfrac == 0) {
		buf_adds(err, "a rate must be above 0");
		return false;
	}
	if (f.len > RATE_TEXT_MAX || d.nint > 12) {
		buf_addf(err, "rate has more than %d characters or 12 digits "
		    "before the point", RATE_TEXT_MAX);
		return false;
	}
	memcpy(out, f.s, f.len);
	out[f.len] = '\0';
	return true;
}

bool
ratefile_row(const struct rate_header *h, const char *line, size_t len,
    struct rate_row *row, struct kam_buf *err)
{
	struct field f[MAX_FIELDS];
	int n;

	if ((n = split(line, len, f, err)) < 0)
		return false;
	if (n != h->nfields) {
		buf_addf(err, "%d fields where the header has %d", n, h->nfields);
		return false;
	}
	row->quote[0] = '\0';
	if (!read_date(f[h->pos[RATE_DATE]], row->date, err) ||
	    !read_currency(f[h->pos[RATE_CURRENCY]], "currency", row->currency,
	    err) || (h->pos[RATE_QUOTE] >= 0 && !read_currency(
	    f[h->pos[RATE_QUOTE]], "quote currency", row->quote, err)) ||
	    !read_rate(f[h->pos[RATE_RATE]], row->rate, err))
		return false;
	if (strcmp(row->currency, row->quote) == 0) {
		buf_addf(err, "a rate from %s to itself", row->currency);
		return false;
	}
	return true;
}
