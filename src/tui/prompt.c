#include <string.h>

#include "prompt.h"
#include "kam/utf8.h"

#define PROMPT_MAX 256	/* bytes: a search or command, not a document */

void
prompt_init(struct prompt *p)
{
	memset(p, 0, sizeof *p);
	buf_init(&p->text);
}

void
prompt_free(struct prompt *p)
{
	buf_free(&p->text);
}

void
prompt_open(struct prompt *p, char lead, const char *text)
{
	p->active = true;
	p->lead = lead;
	buf_reset(&p->text);
	buf_adds(&p->text, text ? text : "");
	p->cursor = p->text.len;
}

void
prompt_close(struct prompt *p)
{
	p->active = false;
}

enum prompt_result
prompt_insert(struct prompt *p, uint32_t cp)
{
	char s[4], *tail;
	size_t n, tail_len;

	if (utf8_is_unsafe(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
		return PROMPT_IGNORED;
	n = (size_t)utf8_encode(cp, s);
	if (p->text.len + n > PROMPT_MAX)
		return PROMPT_IGNORED;
	tail_len = p->text.len - p->cursor;
	buf_add(&p->text, s, n);	/* grows; the tail moves below */
	tail = p->text.data + p->cursor;
	memmove(tail + n, tail, tail_len);
	memcpy(tail, s, n);
	p->cursor += n;
	return PROMPT_EDITED;
}

static size_t
prev_char(const struct prompt *p)
{
	size_t i = p->cursor;

	while (i > 0 && ((unsigned char)p->text.data[--i] & 0xc0) == 0x80)
		;
	return i;
}

static size_t
next_char(const struct prompt *p)
{
	size_t i = p->cursor;

	if (i < p->text.len)
		i++;
	while (i < p->text.len && ((unsigned char)p->text.data[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static enum prompt_result
erase(struct prompt *p)
{
	size_t from = prev_char(p), n = p->cursor - from;

	if (n == 0)
		return p->text.len == 0 ? PROMPT_CANCEL : PROMPT_IGNORED;
	memmove(p->text.data + from, p->text.data + p->cursor,
	    p->text.len - p->cursor + 1);
	p->text.len -= n;
	p->cursor = from;
	return PROMPT_EDITED;
}

enum prompt_result
prompt_act(struct prompt *p, enum kam_action a)
{
	switch (a) {
	case ACT_ENTER: return PROMPT_ACCEPT;
	case ACT_BACK: return PROMPT_CANCEL;
	case ACT_ERASE: return erase(p);
	case ACT_MOVE_LEFT: p->cursor = prev_char(p); return PROMPT_MOVED;
	case ACT_MOVE_RIGHT: p->cursor = next_char(p); return PROMPT_MOVED;
	case ACT_MOVE_FIRST: p->cursor = 0; return PROMPT_MOVED;
	case ACT_MOVE_LAST: p->cursor = p->text.len; return PROMPT_MOVED;
	default: return PROMPT_IGNORED;
	}
}
