#include <stdlib.h>
#include <string.h>

#include "textedit.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

void
textedit_init(struct textedit *e, size_t max, bool multiline)
{
	memset(e, 0, sizeof *e);
	buf_init(&e->text);
	e->max = max;
	e->multiline = multiline;
}

void
textedit_free(struct textedit *e)
{
	buf_free(&e->text);
}

static bool
allowed(uint32_t cp, bool multiline)
{
	if (cp == '\n')
		return multiline;
	return !utf8_is_unsafe(cp) && cp <= 0x10ffff &&
	    !(cp >= 0xd800 && cp < 0xe000);
}

void
textedit_clean(struct kam_buf *out, const char *s, size_t len)
{
	static const char replacement[] = "\xef\xbf\xbd";
	uint32_t cp;
	int n;

	for (size_t i = 0; i < len; i += (size_t)n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			buf_adds(out, replacement);
			n = 1;
		} else
			buf_add(out, s + i, (size_t)n);
	}
}

void
textedit_set(struct textedit *e, const char *s)
{
	struct kam_buf clean;
	size_t cut;

	buf_init(&clean);
	if (s != NULL)
		textedit_clean(&clean, s, strlen(s));
	cut = utf8_cut(clean.data, clean.len, e->max);
	buf_reset(&e->text);
	buf_add(&e->text, clean.data, cut);
	buf_free(&clean);
	e->cursor = e->text.len;
	e->scroll = 0;
}

static void
insert_bytes(struct textedit *e, const char *s, size_t n)
{
	size_t tail = e->text.len - e->cursor;
	char *at;

	buf_add(&e->text, s, n);	/* grows; the tail moves below */
	at = e->text.data + e->cursor;
	memmove(at + n, at, tail);
	memcpy(at, s, n);
	e->cursor += n;
}

enum tx_result
textedit_insert(struct textedit *e, uint32_t cp)
{
	char s[4];
	size_t n;

	if (!allowed(cp, e->multiline))
		return TX_NONE;
	n = (size_t)utf8_encode(cp, s);
	if (e->text.len + n > e->max)
		return TX_NONE;
	insert_bytes(e, s, n);
	return TX_EDITED;
}

static size_t
prev_char(const struct textedit *e, size_t i)
{
	while (i > 0 && ((unsigned char)e->text.data[--i] & 0xc0) == 0x80)
		;
	return i;
}

static size_t
next_char(const struct textedit *e, size_t i)
{
	if (i < e->text.len)
		i++;
	while (i < e->text.len && ((unsigned char)e->text.data[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static size_t
line_start(const struct textedit *e, size_t i)
{
	while (i > 0 && e->text.data[i - 1] != '\n')
		i--;
	return i;
}

static size_t
line_end(const struct textedit *e, size_t i)
{
	while (i < e->text.len && e->text.data[i] != '\n')
		i++;
	return i;
}

/* Removes bytes from .. to and leaves the cursor at from. */
static enum tx_result
cut(struct textedit *e, size_t from, size_t to)
{
	if (from >= to)
		return TX_NONE;
	memmove(e->text.data + from, e->text.data + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cursor = from;
	return TX_EDITED;
}

static size_t
word_start(const struct textedit *e, size_t i)
{
	while (i > 0 && (e->text.data[i - 1] == ' ' || e->text.data[i - 1] == '\n'))
		i--;
	while (i > 0 && e->text.data[i - 1] != ' ' && e->text.data[i - 1] != '\n')
		i--;
	return i;
}

static enum tx_result
move_to(struct textedit *e, size_t at)
{
	e->cursor = at;
	return TX_MOVED;
}

enum tx_result
textedit_act(struct textedit *e, enum kam_action a)
{
	switch (a) {
	case ACT_CURSOR_LEFT: return move_to(e, prev_char(e, e->cursor));
	case ACT_CURSOR_RIGHT: return move_to(e, next_char(e, e->cursor));
	case ACT_CURSOR_HOME: return move_to(e, line_start(e, e->cursor));
	case ACT_CURSOR_END: return move_to(e, line_end(e, e->cursor));
	case ACT_ERASE: return cut(e, prev_char(e, e->cursor), e->cursor);
	case ACT_DELETE: return cut(e, e->cursor, next_char(e, e->cursor));
	case ACT_KILL_TO_START: return cut(e, line_start(e, e->cursor), e->cursor);
	case ACT_KILL_TO_END: return cut(e, e->cursor, line_end(e, e->cursor));
	case ACT_ERASE_WORD: return cut(e, word_start(e, e->cursor), e->cursor);
	default: return TX_NONE;
	}
}

/* The width of the character at i, and its length in *len. The text is
 * valid UTF-8 by construction. */
static size_t
char_width(const struct textedit *e, size_t i, size_t *len)
{
	uint32_t cp;
	int n = utf8_decode(e->text.data + i, e->text.len - i, &cp);

	*len = n > 0 ? (size_t)n : 1;
	return n > 0 ? (size_t)utf8_cp_width(cp) : 1;
}

static size_t
span_width(const struct textedit *e, size_t from, size_t to)
{
	size_t w = 0, len;

	for (size_t i = from; i < to; i += len)
		w += char_width(e, i, &len);
	return w;
}

static void
push_row(struct tx_row **rows, size_t *n, size_t *cap, size_t start, size_t end)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*rows = xrealloc(*rows, *cap * sizeof **rows);
	}
	(*rows)[(*n)++] = (struct tx_row){ start, end };
}

size_t
textedit_rows(const struct textedit *e, size_t cols, struct tx_row **rows)
{
	size_t n = 0, cap = 0, start = 0, w = 0, len, cw, room;

	room = cols > 2 ? cols - 1 : 1;
	*rows = NULL;
	for (size_t i = 0; i < e->text.len; i += len) {
		if (e->text.data[i] == '\n') {
			push_row(rows, &n, &cap, start, i);
			start = i + 1;
			w = 0;
			len = 1;
			continue;
		}
		cw = char_width(e, i, &len);
		if (w + cw > room && i > start) {
			push_row(rows, &n, &cap, start, i);
			start = i;
			w = 0;
		}
		w += cw;
	}
	push_row(rows, &n, &cap, start, e->text.len);
	return n;
}

size_t
textedit_row_of(const struct textedit *e, const struct tx_row *rows, size_t n,
    size_t at, size_t *col)
{
	size_t r = 0;

	while (r + 1 < n && rows[r + 1].start <= at)
		r++;
	*col = span_width(e, rows[r].start, at < rows[r].end ? at : rows[r].end);
	return r;
}

/* The byte offset in row that is nearest to column col, not past it. */
static size_t
at_column(const struct textedit *e, const struct tx_row *row, size_t col)
{
	size_t w = 0, len, cw, i;

	for (i = row->start; i < row->end; i += len) {
		cw = char_width(e, i, &len);
		if (w + cw > col)
			break;
		w += cw;
	}
	return i;
}

bool
textedit_vertical(struct textedit *e, size_t cols, int dir)
{
	struct tx_row *rows;
	size_t n = textedit_rows(e, cols, &rows), col, r;
	bool moved = false;

	r = textedit_row_of(e, rows, n, e->cursor, &col);
	if ((dir < 0 && r > 0) || (dir > 0 && r + 1 < n)) {
		e->cursor = at_column(e, &rows[dir < 0 ? r - 1 : r + 1], col);
		moved = true;
	}
	free(rows);
	return moved;
}

size_t
textedit_view(struct textedit *e, size_t cols)
{
	size_t room = cols > 1 ? cols - 1 : 1, len;

	if (e->scroll > e->cursor)
		e->scroll = e->cursor;
	while (e->scroll < e->cursor && span_width(e, e->scroll, e->cursor) > room) {
		char_width(e, e->scroll, &len);
		e->scroll += len;
	}
	return span_width(e, e->scroll, e->cursor);
}
