/* Feedback files (kam --import feedback, kam/fbfile.h): any bytes as a
 * file, CSV or JSON Lines by the first byte picked off the input, fed a
 * line at a time as the import does. A row taken holds valid UTF-8
 * without control characters (a text's line ends and tabs aside), an
 * id, a date, an e-mail or an account, a kind or a score from 0 to 10;
 * a refusal says why in printable ASCII and names a line read so far. */
#include "fuzz.h"
#include "kam/fbfile.h"

static void
check_value(int f, const char *v)
{
	uint32_t cp;
	int n;

	if (v == NULL)
		return;
	for (size_t i = 0, len = strlen(v); i < len; i += (size_t)n) {
		if ((n = utf8_decode(v + i, len - i, &cp)) < 0)
			abort();
		if ((cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) &&
		    !(f == FB_TEXT && (cp == '\n' || cp == '\t')))
			abort();
	}
}

static void
check_row(const struct fb_row *row, long line)
{
	const char *nps = row->v[FB_NPS], *kind = row->v[FB_KIND];

	if (row->line < 1 || row->line > line || row->v[FB_ID] == NULL ||
	    row->v[FB_DATE] == NULL ||
	    (row->v[FB_EMAIL] == NULL && row->v[FB_ACCOUNT] == NULL) ||
	    (kind == NULL && nps == NULL))
		abort();
	if (nps != NULL && (strlen(nps) > 2 || strtol(nps, NULL, 10) > 10 ||
	    strspn(nps, "0123456789") != strlen(nps)))
		abort();
	if (kind != NULL && strcmp(kind, "compliment") != 0 &&
	    strcmp(kind, "idea") != 0 && strcmp(kind, "complaint") != 0)
		abort();
	for (int f = 0; f < FB_NFIELDS; f++)
		check_value(f, row->v[f]);
}

static void
check_words(const struct kam_buf *err, const struct fb_row *row, long line)
{
	if (err->len == 0 || row->line < 1 || row->line > line)
		abort();
	for (size_t i = 0; i < err->len; i++)
		if (err->data[i] < 0x20 || err->data[i] > 0x7e)
			abort();
}

static void
took(enum fb_result r, const struct fb_row *row, const struct kam_buf *err,
    long line)
{
	if (r == FB_ROW)
		check_row(row, line);
	else if (r == FB_BAD || r == FB_FATAL)
		check_words(err, row, line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum fb_format format = fuzz_pick(&data, &size, 2) ? FB_JSONL : FB_CSV;
	const char *p = (const char *)data, *end = p + size, *nl;
	struct fbfile f;
	struct fb_row row;
	struct kam_buf err;
	enum fb_result r = FB_NONE;
	long line = 0;

	fbfile_init(&f, format);
	fb_row_init(&row);
	buf_init(&err);
	for (; p < end && r != FB_FATAL; p = nl + 1) {
		/* each line in a buffer of its own size: a read past it is found */
		size_t len = (nl = memchr(p, '\n', (size_t)(end - p))) ?
		    (size_t)(nl - p) : (size_t)(end - p);
		char *s = xmalloc(len ? len : 1);

		memcpy(s, p, len);
		buf_reset(&err);
		r = fbfile_line(&f, ++line, s, len, &row, &err);
		took(r, &row, &err, line);
		free(s);
		if (nl == NULL)
			break;
	}
	buf_reset(&err);
	if (r != FB_FATAL)
		took(fbfile_end(&f, &row, &err), &row, &err, line);
	buf_free(&err);
	fb_row_free(&row);
	fbfile_free(&f);
	return 0;
}
