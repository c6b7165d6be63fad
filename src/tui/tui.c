/* The main loop: waits on the terminal, the database socket, signals and
 * timers together, hands keys to the top view through the key table, and
 * keeps the database connection alive (reconnecting with backoff). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "account_screen.h"
#include "accounts_screen.h"
#include "calendars_screen.h"
#include "client.h"
#include "kam/mono.h"
#include "drafts_dialog.h"
#include "input.h"
#include "keymap.h"
#include "live.h"
#include "message.h"
#include "queue_screen.h"
#include "requests.h"
#include "services.h"
#include "status_line.h"
#include "sync_command.h"
#include "terminal.h"
#include "trace.h"
#include "voc_screen.h"
#include "kam/log.h"
#include "kam/tui.h"
#include "kam/xalloc.h"

#define SPIN_MS		100

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
			tui_db_lost(t);
		t->dirty = true;
		return;
	}
	w = db_poll(t->db);
	if (w == DB_BROKEN)
		tui_db_error(t);
	else if (w == DB_READY && t->busy)
		req_ready(t);
}

/* When the view in front wants to be read again by the clock (view.h,
 * wake); 0: not. */
static double
wake_at(const struct tui *t)
{
	if (t->top == NULL || t->top->ops->wake == NULL)
		return 0;
	return t->top->ops->wake(t->top);
}

static void
timers(struct tui *t)
{
	double now = mono_ms();

	if (t->busy && now - t->busy_since > SPIN_MS) {
		t->spinner++;
		t->dirty = true;
	}
	if (t->dbstate == TDB_OK && wake_at(t) > 0 && now >= wake_at(t)) {
		trace_event(t->trace, "wake", t->top->ops->name);
		tui_reload(t, t->top);
	}
	if (t->dbstate == TDB_LOST) {
		t->dirty = true;	/* the countdown */
		if (now < t->retry_at)
			return;
		if (!db_reset_start(t->db)) {
			tui_db_lost(t);
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
		double wait = t->retry_at - mono_ms();

		return wait < 0 ? 0 : wait > 1000 ? 1000 : (int)wait + 1;
	}
	return t->dbstate == TDB_RESETTING ? 1000 : -1;
}

static int
sooner(int a, int b)
{
	return a < 0 ? b : b < 0 || a < b ? a : b;
}

static int
wake_timeout(const struct tui *t)
{
	double at = wake_at(t), wait;

	if (at <= 0 || t->dbstate != TDB_OK)
		return -1;
	wait = at - mono_ms();
	return wait < 0 ? 0 : wait > 60000 ? 60000 : (int)wait + 1;
}

/* The soonest of the database's, the sync's, the live screens', the
 * waiting requests' and the view's timers; -1 waits for events only. */
static int
poll_timeout(const struct tui *t)
{
	return sooner(sooner(sooner(sooner(db_timeout(t), tui_sync_timeout(t)),
	    live_timeout(t)), req_later_timeout(t)), wake_timeout(t));
}

static void
on_signal(struct tui *t, int sig)
{
	if (sig == SIGWINCH) {
		term_size(t);
		t->dirty = true;
		return;
	}
	/* Ctrl-C in a form or on a screen above the list does what Esc
	 * does there: asks before changes are lost, or goes back */
	if (sig == SIGINT && t->top->below != NULL) {
		trace_event(t->trace, "signal", "INT");
		tui_key(t, 27);
		return;
	}
	t->quit = true;
	trace_event(t->trace, "signal", sig == SIGINT ? "INT" :
	    sig == SIGTERM ? "TERM" : sig == SIGHUP ? "HUP" : "QUIT");
}

static void
read_keys(struct tui *t)
{
	int key;

	while (!t->quit && term_read_key(&key))
		tui_key(t, key);
}

static void
wait_events(struct tui *t)
{
	/* a socket with no events to wait for is left out (fd -1) */
	struct pollfd fds[5] = {
		{ STDIN_FILENO, POLLIN, 0 }, { term_signal_fd(), POLLIN, 0 },
		{ tui_sync_fd(t), POLLIN, 0 },
		{ db_events(t) ? db_socket(t->db) : -1, db_events(t), 0 },
		{ live_events(t) ? live_fd(t) : -1, live_events(t), 0 },
	};
	int sig;

	if (poll(fds, 5, poll_timeout(t)) < 0 && errno != EINTR)
		t->quit = true;
	while (term_take_signal(&sig))
		on_signal(t, sig);
	if (fds[2].revents)
		tui_sync_activity(t);
	if (fds[3].revents)
		db_activity(t);
	if (fds[4].revents)
		live_activity(t);
	read_keys(t);
	timers(t);
	tui_sync_timers(t);
	live_timers(t);
	req_later_due(t);
	req_pump(t);
}

/* The theme once the terminal can show it: a bad one is said on the
 * bottom line, and the default is used. */
static bool
start(struct tui *t)
{
	if (!term_start(t))
		return false;
	tui_set_theme(t, t->conf->ui_theme);
	if (t->wall)
		view_voc_show(t, NULL);
	else if (t->user.kind != NULL && strcmp(t->user.kind, "support") == 0) {
		/* support works the queue first (issue 16); the list lies
		 * below it, where Esc goes back to, and reads after it: the
		 * queue's first page is the new session's first statement */
		struct view *list = view_accounts_new(t);

		tui_place(t, list);
		view_queue_show(t);
		tui_reload(t, list);
		view_drafts_offer(t);
	} else {
		tui_push(t, view_accounts_new(t));
		view_drafts_offer(t);
	}
	live_start(t);
	return true;
}

static void
finish(struct tui *t)
{
	while (t->top != NULL)
		tui_pop(t);
	term_stop();
	live_stop(t);
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
	free(t->merge_contact);
	hist_filter_free(&t->hist);
	acct_filter_free(&t->portfolio.filter);
	free(t->portfolio.teams);
	voc_state_free(&t->voc);
	calendar_open_free(&t->calendar);
}

/* wall: kam --voc --watch's period and team, or NULL for the client */
static int
run(struct kam_db *db, const struct kam_conf *conf, struct tui_trace *trace,
    const struct tui_wall *wall)
{
	struct tui t;
	int rc = EX_OK;
	struct kam_buf err;

	memset(&t, 0, sizeof t);
	buf_init(&err);
	if (wall != NULL) {
		t.wall = true;
		t.voc.team = wall->team ? xstrdup(wall->team) : NULL;
		if (wall->since != NULL && !voc_state_parse(wall->since, &t.voc, &err)) {
			log_warn("%s", err.data);
			buf_free(&err);
			voc_state_free(&t.voc);
			trace_close(trace);
			return EX_USAGE;
		}
	}
	buf_free(&err);
	t.db = db;
	t.conf = conf;
	t.open_account = view_account_open;
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

int
tui_run(struct kam_db *db, const struct kam_conf *conf, struct tui_trace *trace)
{
	return run(db, conf, trace, NULL);
}

int
tui_run_wall(struct kam_db *db, const struct kam_conf *conf,
    struct tui_trace *trace, const struct tui_wall *wall)
{
	return run(db, conf, trace, wall);
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
