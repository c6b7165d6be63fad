/* Requests to the database: one statement runs at a time on the
 * connection, the rest wait in a short queue. A newer request from the
 * same view and slot replaces a waiting one and cancels a running one,
 * so typing a search never piles up statements. */
#include <string.h>

#include "client.h"
#include "kam/mono.h"
#include "message.h"
#include "requests.h"

#define BACKOFF_FIRST	250.0	/* ms */
#define BACKOFF_MAX	8000.0

/* A view's requests, its tabs' included. */
static bool
owned_by(const struct req *r, const struct view *v)
{
	return r->owner == v || r->owner->parent == v;
}

static bool
same(const struct req *r, struct view *owner, int slot)
{
	return r->owner == owner && r->slot == slot;
}

static void
drop_queued(struct tui *t, int i)
{
	memmove(&t->queue[i], &t->queue[i + 1],
	    (size_t)(t->nqueued - i - 1) * sizeof t->queue[0]);
	t->nqueued--;
}

static void
drop_later(struct tui *t, int i)
{
	memmove(&t->later[i], &t->later[i + 1],
	    (size_t)(t->nlater - i - 1) * sizeof t->later[0]);
	t->nlater--;
}

static void
abandon_inflight(struct tui *t)
{
	if (t->busy && !t->inflight.abandoned) {
		t->inflight.abandoned = true;
		t->cancel_at = mono_ms();
		db_cancel(t->db);
	}
}

void
req_drop(struct tui *t, struct view *owner, int slot)
{
	for (int i = t->nlater - 1; i >= 0; i--)
		if (same(&t->later[i].r, owner, slot))
			drop_later(t, i);
	for (int i = t->nqueued - 1; i >= 0; i--)
		if (same(&t->queue[i], owner, slot))
			drop_queued(t, i);
	if (t->busy && same(&t->inflight, owner, slot))
		abandon_inflight(t);
}

void
req_submit(struct tui *t, struct view *owner, int slot, int arg)
{
	req_drop(t, owner, slot);
	if (t->nqueued == REQ_QUEUE_MAX)
		drop_queued(t, 0);	/* cannot happen with kam's views */
	t->queue[t->nqueued++] = (struct req){ owner, slot, arg, false, false };
	req_pump(t);
}

void
req_submit_after(struct tui *t, struct view *owner, int slot, int arg, int ms)
{
	for (int i = t->nlater - 1; i >= 0; i--)
		if (same(&t->later[i].r, owner, slot))
			drop_later(t, i);
	if (t->nlater == REQ_QUEUE_MAX)
		drop_later(t, 0);	/* cannot happen with kam's views */
	t->later[t->nlater++] = (struct req_later){
	    { owner, slot, arg, false, false }, mono_ms() + ms };
}

int
req_later_timeout(const struct tui *t)
{
	double now = mono_ms(), wait = -1;

	for (int i = 0; i < t->nlater; i++)
		if (wait < 0 || t->later[i].at - now < wait)
			wait = t->later[i].at - now;
	return wait < 0 && t->nlater > 0 ? 0 : wait < 0 ? -1 : (int)wait + 1;
}

void
req_later_due(struct tui *t)
{
	double now = mono_ms();

	for (int i = 0; i < t->nlater; ) {
		struct req r = t->later[i].r;

		if (t->later[i].at > now) {
			i++;
			continue;
		}
		drop_later(t, i);
		req_submit(t, r.owner, r.slot, r.arg);
	}
}

void
req_forget(struct tui *t, struct view *owner)
{
	for (int i = t->nlater - 1; i >= 0; i--)
		if (owned_by(&t->later[i].r, owner))
			drop_later(t, i);
	for (int i = t->nqueued - 1; i >= 0; i--)
		if (owned_by(&t->queue[i], owner))
			drop_queued(t, i);
	/* an abandoned statement's owner may have been freed already */
	if (t->busy && !t->inflight.abandoned && owned_by(&t->inflight, owner))
		abandon_inflight(t);
}

/* Whether to let a cancel request reach the server before the next
 * statement goes: not for ever, since a server under load may answer the
 * request late (a statement it then hits is sent again once). */
static bool
req_cancel_wait(const struct tui *t)
{
	return db_cancel_pending() && mono_ms() - t->cancel_at < REQ_CANCEL_WAIT_MS;
}

void
req_pump(struct tui *t)
{
	struct req r;

	if (t->busy || t->nqueued == 0 || t->dbstate != TDB_OK ||
	    !db_idle(t->db) || req_cancel_wait(t))
		return;
	r = t->queue[0];
	drop_queued(t, 0);
	if (!r.owner->ops->send(r.owner, t, r.slot, r.arg)) {
		tui_db_error(t);
		return;
	}
	t->inflight = r;
	t->busy = true;
	t->busy_since = mono_ms();
}

/* A statement that a late cancel request meant for its predecessor hit:
 * it goes again, first. */
static void
requeue(struct tui *t, struct req r)
{
	if (t->nqueued == REQ_QUEUE_MAX)
		t->nqueued--;
	memmove(&t->queue[1], &t->queue[0], (size_t)t->nqueued * sizeof t->queue[0]);
	r.retried = true;
	t->queue[0] = r;
	t->nqueued++;
}

void
req_ready(struct tui *t)
{
	struct req r = t->inflight;

	t->busy = false;
	if (r.abandoned)
		db_discard(t->db);
	else {
		t->in_recv = true;
		t->retry = false;
		r.owner->ops->recv(r.owner, t, r.slot, r.arg);
		t->in_recv = false;
		if (t->retry)
			requeue(t, r);
	}
	t->dirty = true;
	if (t->dbstate == TDB_OK && !db_connected(t->db))
		tui_db_error(t);
	req_pump(t);
}

bool
req_cancel(struct tui *t)
{
	bool any = t->busy && !t->inflight.abandoned;

	abandon_inflight(t);
	t->nqueued = t->nlater = 0;
	return any;
}

void
tui_db_lost(struct tui *t)
{
	t->busy = false;
	t->nqueued = t->nlater = 0;
	t->dbstate = TDB_LOST;
	t->backoff = t->backoff > 0 ? t->backoff * 2 : BACKOFF_FIRST;
	if (t->backoff > BACKOFF_MAX)
		t->backoff = BACKOFF_MAX;
	t->retry_at = mono_ms() + t->backoff;
	t->dirty = true;
}

void
tui_db_error(struct tui *t)
{
	if (!db_connected(t->db)) {
		tui_message(t, true, "Lost the database connection; kam reconnects "
		    "and reads the screen again.");
		tui_db_lost(t);
		return;
	}
	/* cancelled, but not by us: a cancel meant for the statement before */
	if (t->in_recv && !t->inflight.retried &&
	    strcmp(db_error_sqlstate(t->db), "57014") == 0) {
		t->retry = true;
		return;
	}
	tui_message(t, true, "%s", db_error(t->db));
}
