/* The :sync command: an ERP sync in the background (sync_process.c), its
 * progress in the status line, its outcome on the bottom line, and the
 * screen read again afterwards. Quitting stops it between two pages and
 * waits for that, a few seconds at most; what it stored stays. */
#include <string.h>
#include <sys/wait.h>

#include "client.h"
#include "kam/mono.h"
#include "message.h"
#include "services.h"
#include "sync_command.h"

#define REAP_POLL_MS	20	/* the pipe has ended, the exit is near */
#define STOP_POLL_MS	100
#define STOP_GRACE_MS	5000	/* then it is killed, which loses nothing */

static void
start(struct tui *t)
{
	struct kam_buf err;

	buf_init(&err);
	if (bgsync_running(&t->sync))
		tui_message(t, true, "An ERP sync is running already; :sync stop "
		    "stops it.");
	else if (!bgsync_start(&t->sync, t->conf, &err))
		tui_message(t, true, "%s", err.data);
	else
		tui_message(t, false, "ERP sync started in the background.");
	buf_free(&err);
}

void
tui_sync_command(struct tui *t, const char *arg)
{
	if (*arg == '\0')
		start(t);
	else if (strcmp(arg, "stop") != 0)
		tui_message(t, true, ":sync takes nothing, or stop");
	else if (!bgsync_running(&t->sync))
		tui_message(t, true, "No ERP sync is running.");
	else {
		bgsync_stop(&t->sync, mono_ms());
		tui_message(t, false, "Stopping the ERP sync after the page it is "
		    "storing.");
	}
	t->dirty = true;
}

int
tui_sync_fd(const struct tui *t)
{
	return t->sync.fd;
}

static void
finished(struct tui *t, int status)
{
	struct kam_buf words;
	bool error;

	buf_init(&words);
	error = bgsync_outcome(&t->sync, status, &words);
	if (!t->quit) {
		tui_message(t, error, "%s", words.data);
		tui_reload_all(t);	/* new figures, and the last sync's time */
	}
	buf_free(&words);
	t->dirty = true;
}

void
tui_sync_timers(struct tui *t)
{
	int status;

	if (!bgsync_running(&t->sync))
		return;
	if (t->sync.fd < 0 && bgsync_reap(&t->sync, &status))
		finished(t, status);
	else if (t->sync.stopping && mono_ms() - t->sync.stop_at > STOP_GRACE_MS)
		bgsync_kill(&t->sync);
}

void
tui_sync_activity(struct tui *t)
{
	if (bgsync_read(&t->sync))
		t->dirty = true;
	tui_sync_timers(t);
}

int
tui_sync_timeout(const struct tui *t)
{
	if (!bgsync_running(&t->sync))
		return -1;
	if (t->sync.fd < 0)
		return REAP_POLL_MS;
	return t->sync.stopping ? STOP_POLL_MS : -1;
}

bool
tui_sync_may_quit(struct tui *t)
{
	if (!bgsync_running(&t->sync))
		return true;
	if (!t->sync.stopping) {
		bgsync_stop(&t->sync, mono_ms());
		tui_message(t, false, "Stopping the ERP sync before quitting; what it "
		    "stored stays.");
	}
	return false;
}

void
tui_sync_status(const struct tui *t, struct kam_buf *out)
{
	if (bgsync_running(&t->sync))
		bgsync_progress(&t->sync, out);
	else
		buf_addf(out, "ERP sync %s", t->session.last_sync ?
		    t->session.last_sync : "never");
}
