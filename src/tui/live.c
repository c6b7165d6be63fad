/* Live screens (live.h): notifications of committed changes, the first
 * of a burst at once and the rest gathered for LIVE_GATHER_MS, then each
 * open view that shows a changed table of
 * a changed account reads again through its own reload (or is told,
 * changed). Views say what they show with their interest operation
 * (view.h); the loop knows no view. */
#include <poll.h>
#include <string.h>

#include "client.h"
#include "kam/mono.h"
#include "live.h"
#include "message.h"
#include "services.h"
#include "trace.h"
#include "kam/listen.h"
#include "kam/log.h"

#define LIVE_CONNECT_MS	1000	/* connect's deadline looked at */

void
live_start(struct tui *t)
{
	struct tui_live *l = &t->live;

	memset(l, 0, sizeof *l);
	l->listen = listen_open(t->conf->db_conninfo, t->conf->db_listen_conninfo,
	    t->conf->db_connect_timeout);
	if (l->listen == NULL) {
		l->polled = l->told = true;
		tui_message(t, true, "database.listen_conninfo is not a connection "
		    "string: kam reads the screen again every %d s.",
		    LIVE_POLL_MS / 1000);
	}
	l->poll_at = mono_ms() + LIVE_POLL_MS;
}

void
live_stop(struct tui *t)
{
	listen_close(t->live.listen);
	t->live.listen = NULL;
}

int
live_fd(const struct tui *t)
{
	return t->live.listen ? listen_socket(t->live.listen) : -1;
}

short
live_events(const struct tui *t)
{
	if (live_fd(t) < 0)
		return 0;
	return listen_wants_write(t->live.listen) ? POLLOUT : POLLIN;
}

static bool
view_concerned(struct view *v, const struct tui_live *l)
{
	struct live_interest in = { NULL, NULL };

	if (v->ops->interest == NULL)
		return false;
	v->ops->interest(v, &in);
	if (l->all)
		return in.tables != NULL;
	for (const char *const *tb = in.tables; tb != NULL && *tb != NULL; tb++)
		for (int i = 0; i < l->nhints; i++)
			if (change_hint_concerns(&l->hint[i], *tb, in.account))
				return true;
	return false;
}

#define LIVE_PARTS 16

/* v, or its parts, as the change concerns them. */
static void
offer(struct tui *t, struct view *v, const struct tui_live *l)
{
	struct view *part[LIVE_PARTS];
	int n = v->ops->parts ? v->ops->parts(v, part, LIVE_PARTS) : 0;

	for (int i = 0; i < n; i++)
		offer(t, part[i], l);
	if (!view_concerned(v, l))
		return;
	trace_event(t->trace, "live", v->ops->name);
	if (v->ops->changed != NULL)
		v->ops->changed(v, t);
	else
		tui_reload(t, v);
	t->dirty = true;
}

void
live_dispatch(struct tui *t, const struct change_hint *h, int n, bool all)
{
	struct tui_live l = { .all = all || n > LIVE_HINTS };
	struct view *stack[32];
	int depth = 0;

	if (!l.all) {
		memcpy(l.hint, h, (size_t)n * sizeof *h);
		l.nhints = n;
	}
	/* bottom up, as tui_reload_all: a view reads before those over it */
	for (struct view *v = t->top; v != NULL && depth < 32; v = v->below)
		stack[depth++] = v;
	while (depth-- > 0)
		offer(t, stack[depth], &l);
}

/* A notification's payload, kept for the burst's end. */
static void
noted(void *ctx, const char *payload)
{
	struct tui *t = ctx;
	struct tui_live *l = &t->live;
	struct change_hint h;

	if (!change_hint_parse(payload, &h)) {
		log_debug("a change notification kam does not read: %.80s", payload);
		return;
	}
	trace_event(t->trace, "note", h.table);
	t->dirty = true;	/* a trace's last line stays a paint */
	/* the first of a burst at once, the rest LIVE_GATHER_MS after the
	 * last read: one read a view at most so often */
	if (l->due == 0)
		l->due = l->last + LIVE_GATHER_MS > mono_ms() ?
		    l->last + LIVE_GATHER_MS : mono_ms();
	if (l->nhints < LIVE_HINTS)
		l->hint[l->nhints++] = h;
	else
		l->all = true;
}

/* Without LISTEN: said once, then every view reads every LIVE_POLL_MS
 * while LISTEN is tried again. */
static void
fall_back(struct tui *t)
{
	struct tui_live *l = &t->live;

	l->ready = false;
	/* the bottom line once, when it never listened; a connection lost
	 * later (a server restart) is the status line's alone, beside the
	 * database's own message */
	if (!l->told && !l->was_ready)
		tui_message(t, true, "No live updates (%s): kam reads the screen "
		    "again every %d s.", listen_error(l->listen), LIVE_POLL_MS / 1000);
	l->polled = l->told = true;
	l->poll_at = mono_ms() + LIVE_POLL_MS;
	t->dirty = true;
}

static void
listening(struct tui *t)
{
	struct tui_live *l = &t->live;

	if (l->ready)
		return;
	l->ready = true;
	/* what changed while nobody listened is read now */
	if (l->was_ready || l->told) {
		l->all = true;
		l->due = mono_ms();
	}
	l->polled = l->told = false;
	l->was_ready = true;
	t->dirty = true;
}

static void
step(struct tui *t)
{
	switch (listen_poll(t->live.listen, noted, t)) {
	case LISTEN_READY:
		listening(t);
		break;
	case LISTEN_BROKEN:
		fall_back(t);
		break;
	case LISTEN_CONNECTING:
		break;
	}
}

void
live_activity(struct tui *t)
{
	if (t->live.listen != NULL)
		step(t);
}

void
live_timers(struct tui *t)
{
	struct tui_live *l = &t->live;
	double now = mono_ms();

	if (l->listen != NULL && !l->ready && !l->polled)
		step(t);	/* the connect's deadline */
	if (l->polled && now >= l->poll_at) {
		l->all = true;
		l->due = now;
		l->poll_at = now + LIVE_POLL_MS;
		if (l->listen != NULL)
			listen_restart(l->listen);
		l->polled = l->listen == NULL;	/* until it fails again */
	}
	if (l->due != 0 && now >= l->due) {
		/* with the database away, its reconnect reads every view */
		if (t->dbstate == TDB_OK)
			live_dispatch(t, l->hint, l->nhints, l->all);
		l->last = now;
		l->due = 0;
		l->all = false;
		l->nhints = 0;
	}
}

int
live_timeout(const struct tui *t)
{
	const struct tui_live *l = &t->live;
	double now = mono_ms(), at = -1;

	if (l->due != 0)
		at = l->due;
	if (l->polled && (at < 0 || l->poll_at < at))
		at = l->poll_at;
	if (at < 0)
		return l->listen != NULL && !l->ready && !l->polled ?
		    LIVE_CONNECT_MS : -1;
	return at <= now ? 0 : (int)(at - now) + 1;
}
