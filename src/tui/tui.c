/* The main loop: waits on the terminal, the database socket, signals and
 * timers together, hands keys to the top view through the key table, and
 * keeps the database connection alive (reconnecting with backoff). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "keymap.h"
#include "trace.h"
#include "view.h"
#include "kam/log.h"
#include "kam/tui.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

#define BACKOFF_FIRST	250.0	/* ms */
#define BACKOFF_MAX	8000.0
#define SPIN_MS		100

void
tui_message(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&t->message);
	va_start(ap, fmt);
	buf_vaddf(&t->message, fmt, ap);
	va_end(ap);
	t->message_error = error;
	t->dirty = true;
}

void
tui_ask(struct tui *t, struct view *owner, int what, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&t->ask.question);
	va_start(ap, fmt);
	buf_vaddf(&t->ask.question, fmt, ap);
	va_end(ap);
	buf_adds(&t->ask.question, " (y/n)");
	t->ask.active = true;
	t->ask.owner = owner;
	t->ask.what = what;
	t->dirty = true;
}

void
tui_cursor(struct tui *t, int y, int x)
{
	t->cursor_on = true;
	t->cursor_y = y;
	t->cursor_x = x;
}

int
tui_body_rows(const struct tui *t)
{
	return t->rows - 3;
}

void
tui_push(struct tui *t, struct view *v)
{
	v->below = t->top;
	t->top = v;
	t->dirty = true;
	if (v->ops->reload != NULL)
		v->ops->reload(v, t);
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

static void
lost(struct tui *t)
{
	t->dbstate = TDB_LOST;
	t->backoff = t->backoff > 0 ? t->backoff * 2 : BACKOFF_FIRST;
	if (t->backoff > BACKOFF_MAX)
		t->backoff = BACKOFF_MAX;
	t->retry_at = now_ms() + t->backoff;
	req_lost(t);
	t->dirty = true;
}

void
tui_db_error(struct tui *t)
{
	if (!db_connected(t->db)) {
		tui_message(t, true, "Lost the database connection; kam reconnects "
		    "and reads the screen again.");
		lost(t);
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

void
tui_reload_all(struct tui *t)
{
	struct view *stack[32];
	int n = 0;

	for (struct view *v = t->top; v != NULL && n < 32; v = v->below)
		stack[n++] = v;
	while (n-- > 0)
		if (stack[n]->ops->reload != NULL)
			stack[n]->ops->reload(stack[n], t);
}

static void
reconnected(struct tui *t)
{
	t->dbstate = TDB_OK;
	t->backoff = 0;
	tui_message(t, false, "Reconnected to the database.");
	tui_reload_all(t);
}

/* The database socket's events to wait for, 0 for none. */
static enum db_wait reset_wait;

static short
db_events(const struct tui *t)
{
	if (t->dbstate == TDB_LOST || db_socket(t->db) < 0)
		return 0;
	if (t->dbstate == TDB_RESETTING)
		return reset_wait == DB_WAIT_WRITE ? POLLOUT : POLLIN;
	return POLLIN;
}

static void
db_activity(struct tui *t)
{
	enum db_wait w;

	if (t->dbstate == TDB_RESETTING) {
		reset_wait = db_reset_poll(t->db);
		if (reset_wait == DB_READY)
			reconnected(t);
		else if (reset_wait == DB_BROKEN)
			lost(t);
		t->dirty = true;
		return;
	}
	w = db_poll(t->db);
	if (w == DB_BROKEN)
		tui_db_error(t);
	else if (w == DB_READY && t->busy)
		req_ready(t);
}

static void
timers(struct tui *t)
{
	double now = now_ms();

	if (t->busy && now - t->busy_since > SPIN_MS) {
		t->spinner++;
		t->dirty = true;
	}
	if (t->dbstate == TDB_LOST) {
		t->dirty = true;	/* the countdown */
		if (now < t->retry_at)
			return;
		if (!db_reset_start(t->db)) {
			lost(t);
			return;
		}
		t->dbstate = TDB_RESETTING;
		reset_wait = DB_WAIT_WRITE;
	}
}

static int
db_timeout(const struct tui *t)
{
	if (t->busy)
		return SPIN_MS;
	/* Statements wait in the queue while a cancel request goes out or
	 * the last statement's end is read. The cancel thread that finishes
	 * wakes nothing that poll watches (and it may finish between the
	 * pump's look and this one): look again soon, whatever the reason. */
	if (t->nqueued > 0 && t->dbstate == TDB_OK)
		return 5;
	if (t->dbstate == TDB_LOST) {
		double wait = t->retry_at - now_ms();

		return wait < 0 ? 0 : wait > 1000 ? 1000 : (int)wait + 1;
	}
	return t->dbstate == TDB_RESETTING ? 1000 : -1;
}

/* The sooner of the database's and the sync's timers; -1 waits for
 * events only. */
static int
poll_timeout(const struct tui *t)
{
	int db = db_timeout(t), sync = tui_sync_timeout(t);

	return db < 0 ? sync : sync < 0 || db < sync ? db : sync;
}

static void
on_signal(struct tui *t, int sig)
{
	if (sig == SIGWINCH) {
		term_size(t);
		t->dirty = true;
		return;
	}
	t->quit = true;
	trace_event(t->trace, "signal", sig == SIGINT ? "INT" :
	    sig == SIGTERM ? "TERM" : sig == SIGHUP ? "HUP" : "QUIT");
}

static void
read_keys(struct tui *t)
{
	wint_t wc;
	int r;

	while (!t->quit && (r = get_wch(&wc)) != ERR)
		tui_key(t, r == KEY_CODE_YES ? KEYMAP_FKEY((int)wc) : (int)wc);
}

static void
wait_events(struct tui *t)
{
	struct pollfd fds[4] = {
		{ STDIN_FILENO, POLLIN, 0 }, { term_signal_fd(), POLLIN, 0 },
		{ tui_sync_fd(t), POLLIN, 0 }, { db_socket(t->db), db_events(t), 0 },
	};
	int n = fds[3].events ? 4 : 3, sig;

	if (poll(fds, (nfds_t)n, poll_timeout(t)) < 0 && errno != EINTR)
		t->quit = true;
	while (term_take_signal(&sig))
		on_signal(t, sig);
	if (fds[2].revents)
		tui_sync_activity(t);
	if (n == 4 && fds[3].revents)
		db_activity(t);
	read_keys(t);
	timers(t);
	tui_sync_timers(t);
	req_pump(t);
}

static bool
start(struct tui *t)
{
	struct kam_buf err;
	bool theme_ok;

	buf_init(&err);
	theme_ok = theme_load(&t->theme, t->conf->ui_theme, &err);
	t->theme_name = xstrdup(theme_ok ? t->conf->ui_theme : "default");
	if (!term_start(t)) {
		buf_free(&err);
		return false;
	}
	draw_apply_theme(t);
	if (!theme_ok)
		tui_message(t, true, "%s; using the default theme", err.data);
	buf_free(&err);
	tui_push(t, view_accounts_new(t));
	view_drafts_offer(t);
	return true;
}

static void
finish(struct tui *t)
{
	while (t->top != NULL)
		tui_pop(t);
	term_stop();
	bgsync_free(&t->sync);
	if (t->busy)
		db_cancel(t->db);
	user_free(&t->user);
	acct_session_free(&t->session);
	prompt_free(&t->prompt);
	buf_free(&t->message);
	buf_free(&t->key_name);
	buf_free(&t->ask.question);
	free(t->theme_name);
	free(t->search);
	free(t->search_before);
	hist_filter_free(&t->hist);
}

int
tui_run(struct kam_db *db, const struct kam_conf *conf, struct tui_trace *trace)
{
	struct tui t;
	int rc = EX_OK;

	memset(&t, 0, sizeof t);
	t.db = db;
	t.conf = conf;
	t.trace = trace;
	t.dirty = true;
	prompt_init(&t.prompt);
	buf_init(&t.message);
	buf_init(&t.key_name);
	bgsync_init(&t.sync);
	buf_init(&t.ask.question);
	if ((rc = user_whoami(db, &t.user)) == EX_OK) {
		if (!start(&t))
			rc = EX_UNAVAILABLE;
		while (rc == EX_OK && !(t.quit && tui_sync_may_quit(&t))) {
			if (t.dirty)
				draw_screen(&t);
			wait_events(&t);
		}
	}
	finish(&t);
	if (rc == EX_UNAVAILABLE)
		log_warn("cannot take over this terminal (TERM=%s)",
		    getenv("TERM") ? getenv("TERM") : "");
	trace_close(trace);
	return rc;
}

void
tui_keys_mdoc(FILE *out)
{
	struct kam_buf b;

	buf_init(&b);
	keymap_mdoc(&b);
	fputs(b.data, out);
	buf_free(&b);
}
