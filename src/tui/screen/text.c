#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

/* The visible form of an unsafe character or invalid byte. */
static void
escape_form(struct kam_buf *b, const char *s, size_t len, int *used)
{
	uint32_t cp;
	int n = utf8_decode(s, len, &cp);

	if (n < 0) {
		buf_addf(b, "\\x%02X", (unsigned char)*s);
		*used = 1;
		return;
	}
	utf8_sanitize(b, s, (size_t)n);
	*used = n;
}

static bool
unsafe_at(const char *s, size_t len)
{
	uint32_t cp;

	return utf8_decode(s, len, &cp) < 0 || utf8_is_unsafe(cp);
}

/* Emits the escaped form, cut to the columns left (it is ASCII). */
static size_t
walk_escape(const char *s, size_t len, size_t room, int *used, text_emit emit,
    void *ctx)
{
	struct kam_buf e;
	size_t cols;

	buf_init(&e);
	escape_form(&e, s, len, used);
	cols = e.len < room ? e.len : room;
	if (cols > 0)
		emit(ctx, e.data, cols, cols, true);
	buf_free(&e);
	return cols;
}

/* The length of the run of safe characters at s that fits in room
 * columns; *cols receives their width. */
static size_t
safe_run(const char *s, size_t len, size_t room, size_t *cols)
{
	size_t off = 0;
	uint32_t cp;
	int n, w;

	*cols = 0;
	while (off < len) {
		n = utf8_decode(s + off, len - off, &cp);
		if (n < 0 || utf8_is_unsafe(cp))
			break;
		w = utf8_cp_width(cp);
		if (*cols + (size_t)w > room)
			break;
		*cols += (size_t)w;
		off += (size_t)n;
	}
	return off;
}

size_t
text_walk(const char *s, size_t len, size_t cols, text_emit emit, void *ctx)
{
	size_t used = 0, run, w;
	int n;

	while (len > 0 && used < cols) {
		run = safe_run(s, len, cols - used, &w);
		if (run > 0) {
			emit(ctx, s, run, w, false);
			used += w;
			s += run;
			len -= run;
			continue;
		}
		/* either unsafe, or a safe character too wide for the room */
		if (!unsafe_at(s, len))
			break;
		used += walk_escape(s, len, cols - used, &n, emit, ctx);
		s += n;
		len -= (size_t)n;
	}
	return used;
}

static void
emit_buf(void *ctx, const char *s, size_t n, size_t cols, bool escaped)
{
	(void)cols;
	(void)escaped;
	buf_add(ctx, s, n);
}

static void
pad(struct kam_buf *out, size_t n)
{
	while (n-- > 0)
		buf_addc(out, ' ');
}

void
text_fit(struct kam_buf *out, const char *s, size_t cols, enum text_align align)
{
	struct kam_buf tmp;
	size_t used;

	buf_init(&tmp);
	used = s ? text_walk(s, strlen(s), cols, emit_buf, &tmp) : 0;
	if (align == ALIGN_RIGHT)
		pad(out, cols - used);
	buf_add(out, tmp.data, tmp.len);
	if (align == ALIGN_LEFT)
		pad(out, cols - used);
	buf_free(&tmp);
}

static void
emit_none(void *ctx, const char *s, size_t n, size_t cols, bool escaped)
{
	(void)ctx, (void)s, (void)n, (void)cols, (void)escaped;
}

size_t
text_width(const char *s)
{
	return s ? text_walk(s, strlen(s), (size_t)-1 / 2, emit_none, NULL) : 0;
}

/* Bytes of the sanitised line s that fit in cols, broken after the last
 * space when there is one. Always at least one character. */
static size_t
wrap_point(const char *s, size_t len, size_t cols)
{
	size_t off = 0, width = 0, last_space = 0;
	uint32_t cp;
	int n, w;

	while (off < len) {
		if ((n = utf8_decode(s + off, len - off, &cp)) < 0)
			n = 1, cp = '?';
		w = utf8_cp_width(cp);
		if (width + (size_t)w > cols)
			break;
		width += (size_t)w;
		off += (size_t)n;
		if (cp == ' ')
			last_space = off;
	}
	if (off == len)
		return len;
	if (last_space > 0)
		return last_space;
	return off > 0 ? off : (size_t)(n > 0 ? n : 1);
}

static void
wrap_line(const char *raw, size_t rawlen, size_t cols, char ***lines,
    size_t *n, size_t *cap)
{
	struct kam_buf safe;
	size_t off = 0, take;

	buf_init(&safe);
	utf8_sanitize(&safe, raw, rawlen);
	do {
		take = wrap_point(safe.data + off, safe.len - off, cols);
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*lines = xrealloc(*lines, *cap * sizeof **lines);
		}
		(*lines)[(*n)++] = xstrndup(safe.data + off, take);
		off += take;
	} while (off < safe.len);
	buf_free(&safe);
}

size_t
text_wrap(const char *s, size_t cols, char ***lines)
{
	size_t n = 0, cap = 0, len;
	const char *nl;

	*lines = NULL;
	if (cols == 0)
		cols = 1;
	for (; s != NULL; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		wrap_line(s, len, cols, lines, &n, &cap);
	}
	return n;
}

/* Case-insensitive for ASCII; other characters must match exactly. */
bool
text_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (hay == NULL)
		return false;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}
