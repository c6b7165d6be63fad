/* The stack of open views: the loop draws the top one, keys go to it,
 * and closing it drops its requests and its question. */
#include <stdlib.h>

#include "client.h"
#include "draw.h"
#include "message.h"
#include "requests.h"
#include "services.h"
#include "kam/xalloc.h"

int
tui_body_rows(const struct tui *t)
{
	return t->rows - 2 - tui_message_rows(t);
}

void
tui_reload(struct tui *t, struct view *v)
{
	if (v->ops->reload != NULL)
		v->ops->reload(v, t);
}

void
tui_place(struct tui *t, struct view *v)
{
	v->below = t->top;
	t->top = v;
	t->dirty = true;
}

void
tui_push(struct tui *t, struct view *v)
{
	tui_place(t, v);
	tui_reload(t, v);
}

void
tui_pop(struct tui *t)
{
	struct view *v = t->top;

	if (v == NULL)
		return;
	t->top = v->below;
	req_forget(t, v);
	if (t->ask.active && (t->ask.owner == v || t->ask.owner->parent == v))
		t->ask.active = false;
	v->ops->free(v);
	t->dirty = true;
}

bool
tui_set_theme(struct tui *t, const char *name)
{
	struct kam_buf err;
	bool ok;

	buf_init(&err);
	ok = theme_load(&t->theme, name, &err);
	if (!ok)
		tui_message(t, true, "%s; using the default theme", err.data);
	free(t->theme_name);
	t->theme_name = xstrdup(ok ? name : "default");
	buf_free(&err);
	draw_apply_theme(t);
	t->dirty = true;
	return ok;
}

/* Bottom up, so a view reads before the views opened over it. */
void
tui_reload_all(struct tui *t)
{
	struct view *stack[32];
	int n = 0;

	for (struct view *v = t->top; v != NULL && n < 32; v = v->below)
		stack[n++] = v;
	while (n-- > 0)
		tui_reload(t, stack[n]);
}
