#include "listnav.h"

static size_t
last_top(const struct listnav *nav)
{
	return nav->n > nav->height ? nav->n - nav->height : 0;
}

void
listnav_fix(struct listnav *nav)
{
	size_t h = nav->height ? nav->height : 1;

	if (nav->scroll_only) {
		if (nav->top > last_top(nav))
			nav->top = last_top(nav);
		nav->cursor = nav->top;
		return;
	}
	if (nav->cursor >= nav->n)
		nav->cursor = nav->n ? nav->n - 1 : 0;
	if (nav->top > nav->cursor)
		nav->top = nav->cursor;
	if (nav->cursor >= nav->top + h)
		nav->top = nav->cursor - h + 1;
	if (nav->top > last_top(nav))
		nav->top = last_top(nav);
}

void
listnav_set(struct listnav *nav, size_t cursor)
{
	if (nav->scroll_only)
		nav->top = cursor;
	else
		nav->cursor = cursor;
	listnav_fix(nav);
}

static void
move_by(struct listnav *nav, long delta)
{
	size_t *pos = nav->scroll_only ? &nav->top : &nav->cursor;

	if (delta < 0 && (size_t)-delta > *pos)
		*pos = 0;
	else
		*pos += (size_t)delta;
	/* a page move takes the window along, as in less and vi */
	if (!nav->scroll_only && (delta > 1 || delta < -1)) {
		if (delta < 0 && (size_t)-delta > nav->top)
			nav->top = 0;
		else
			nav->top += (size_t)delta;
	}
	listnav_fix(nav);
}

bool
listnav_act(struct listnav *nav, enum kam_action a)
{
	long h = nav->height > 1 ? (long)nav->height : 1;

	switch (a) {
	case ACT_MOVE_DOWN: move_by(nav, 1); return true;
	case ACT_MOVE_UP: move_by(nav, -1); return true;
	case ACT_MOVE_HALF_DOWN: move_by(nav, h / 2 ? h / 2 : 1); return true;
	case ACT_MOVE_HALF_UP: move_by(nav, -(h / 2 ? h / 2 : 1)); return true;
	case ACT_MOVE_PAGE_DOWN: move_by(nav, h); return true;
	case ACT_MOVE_PAGE_UP: move_by(nav, -h); return true;
	case ACT_MOVE_FIRST: listnav_set(nav, 0); return true;
	case ACT_MOVE_LAST: listnav_set(nav, nav->n ? nav->n - 1 : 0); return true;
	default: return false;
	}
}
