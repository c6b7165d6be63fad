#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam/buf.h"
#include "kam/xalloc.h"

static char empty[1];

void
buf_init(struct kam_buf *b)
{
	b->data = empty;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct kam_buf *b)
{
	if (b->cap > 0)
		free(b->data);
	buf_init(b);
}

void
buf_reset(struct kam_buf *b)
{
	b->len = 0;
	if (b->cap > 0)
		b->data[0] = '\0';
}

static void
buf_reserve(struct kam_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap = b->cap ? b->cap : 64;

	if (need <= b->cap)
		return;
	while (cap < need)
		cap *= 2;
	b->data = b->cap ? xrealloc(b->data, cap) : xmalloc(cap);
	if (b->cap == 0)
		b->data[0] = '\0';
	b->cap = cap;
}

void
buf_add(struct kam_buf *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct kam_buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct kam_buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vaddf(struct kam_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_addf(struct kam_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
buf_detach(struct kam_buf *b)
{
	char *s = b->cap ? b->data : xstrdup("");

	buf_init(b);
	return s;
}
