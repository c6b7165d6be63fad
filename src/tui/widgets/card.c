#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "text.h"
#include "client.h"
#include "draw.h"
#include "kam/xalloc.h"

#define LABEL_COLS 20

void
card_init(struct card *c)
{
	memset(c, 0, sizeof *c);
	c->nav.scroll_only = true;
}

void
card_clear(struct card *c)
{
	for (size_t i = 0; i < c->nav.n; i++) {
		free(c->lines[i].label);
		free(c->lines[i].value);
	}
	free(c->lines);
	c->lines = NULL;
	c->cap = 0;
	c->nav.n = 0;
	c->loaded = false;
}

static void
push(struct card *c, const char *label, const char *value, size_t len,
    enum theme_elem role)
{
	if (c->nav.n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->lines = xrealloc(c->lines, c->cap * sizeof *c->lines);
	}
	c->lines[c->nav.n++] = (struct card_line){ xstrdup(label),
	    xstrndup(value, len), role };
}

void
card_add(struct card *c, const char *label, const char *value,
    enum theme_elem role)
{
	const char *nl;

	if (value == NULL || *value == '\0')
		return;
	for (; value != NULL; value = nl ? nl + 1 : NULL, label = NULL) {
		nl = strchr(value, '\n');
		push(c, label ? label : "", value, nl ? (size_t)(nl - value) :
		    strlen(value), role);
	}
}

void
card_heading(struct card *c, const char *text)
{
	push(c, NULL, text, strlen(text), TE_HELP_GROUP);
}

void
card_draw(struct tui *t, struct card *c, int y0, int height)
{
	c->nav.height = (size_t)height;
	listnav_fix(&c->nav);
	if (!c->loaded) {
		draw_text(t, y0 + 1, 2, t->cols - 2, "Loading...", TE_NORMAL,
		    ALIGN_LEFT);
		return;
	}
	for (int i = 0; i < height && c->nav.top + (size_t)i < c->nav.n; i++) {
		const struct card_line *l = &c->lines[c->nav.top + (size_t)i];

		if (l->label == NULL) {
			draw_text(t, y0 + i, 1, t->cols - 1, l->value, l->role,
			    ALIGN_LEFT);
			continue;
		}
		draw_text(t, y0 + i, 2, LABEL_COLS - 2, l->label, TE_LABEL,
		    ALIGN_LEFT);
		draw_text(t, y0 + i, LABEL_COLS, t->cols - LABEL_COLS, l->value,
		    l->role, ALIGN_LEFT);
	}
}

bool
card_find(struct card *c, const char *text, int dir)
{
	size_t n = c->nav.n;

	for (size_t step = 1; text && step <= n; step++) {
		size_t k = (c->nav.top + n + (size_t)dir * step) % n;

		if (text_contains(c->lines[k].value, text) ||
		    text_contains(c->lines[k].label, text)) {
			listnav_set(&c->nav, k);
			return true;
		}
	}
	return false;
}
