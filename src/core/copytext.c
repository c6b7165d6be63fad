#include "kam/copytext.h"

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* *rp points past a backslash; returns the byte the escape stands for.
 * The server writes only \b \f \n \r \t \v and \\, but COPY's own reader
 * also takes octal and \x forms, so this one does too. */
static char
unescape(char **rp, const char *end)
{
	char c = *(*rp)++;
	int v, d, i;

	switch (c) {
	case 'b': return '\b';
	case 'f': return '\f';
	case 'n': return '\n';
	case 'r': return '\r';
	case 't': return '\t';
	case 'v': return '\v';
	case 'x':
		for (v = 0, i = 0; i < 2 && *rp < end &&
		    (d = hex_value(**rp)) >= 0; i++, (*rp)++)
			v = v * 16 + d;
		return i ? (char)v : 'x';
	default:
		if (c < '0' || c > '7')
			return c;
		for (v = c - '0', i = 1; i < 3 && *rp < end && **rp >= '0' &&
		    **rp <= '7'; i++, (*rp)++)
			v = v * 8 + (**rp - '0');
		return (char)v;
	}
}

static bool
is_null(const char *r, const char *end)
{
	return end - r >= 2 && r[0] == '\\' && r[1] == 'N' &&
	    (end - r == 2 || r[2] == '\t');
}

size_t
copytext_split(char *line, size_t len, struct copy_field *f, size_t max)
{
	char *r = line, *end = line + len, *w;
	size_t n;

	if (len > 0 && end[-1] == '\n')
		end--;
	for (n = 0; n < max; n++) {
		f[n].data = w = r;
		f[n].null = is_null(r, end);
		if (f[n].null)
			r += 2;
		while (!f[n].null && r < end && *r != '\t') {
			if (*r == '\\' && r + 1 < end) {
				r++;
				*w++ = unescape(&r, end);
			} else
				*w++ = *r++;
		}
		f[n].len = (size_t)(w - f[n].data);
		if (r >= end)
			return n + 1;
		r++;	/* the tab between fields */
	}
	return 0;
}
