#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kam/outfile.h"
#include "kam/xalloc.h"

/* The one temporary file a signal must remove; a fixed buffer because a
 * signal handler may not allocate. */
static char pending[4096];

static void
outfile_on_signal(int sig)
{
	if (pending[0] != '\0')
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
guard(const char *tmp)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = outfile_on_signal;
	sigemptyset(&sa.sa_mask);
	strncpy(pending, tmp, sizeof pending - 1);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void
unguard(void)
{
	pending[0] = '\0';
}

bool
outfile_open(struct outfile *o, const char *path, struct kam_buf *err)
{
	struct kam_buf tmp;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof *o);
	buf_init(&tmp);
	buf_addf(&tmp, "%s.kam-XXXXXX", path);
	if (tmp.len >= sizeof pending) {
		buf_addf(err, "%s: path too long", path);
		buf_free(&tmp);
		return false;
	}
	if ((fd = mkstemp(tmp.data)) < 0) {
		buf_addf(err, "cannot create %s: %s", path, strerror(errno));
		buf_free(&tmp);
		return false;
	}
	/* mkstemp makes 0600; the result should look like any new file */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	guard(tmp.data);
	o->fp = fdopen(fd, "w");
	o->path = xstrdup(path);
	o->tmp = buf_detach(&tmp);
	return true;
}

static void
outfile_release(struct outfile *o)
{
	unguard();
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

bool
outfile_commit(struct outfile *o, struct kam_buf *err)
{
	bool ok = fflush(o->fp) == 0 && fsync(fileno(o->fp)) == 0;

	if (!ok)
		buf_addf(err, "cannot write %s: %s", o->path, strerror(errno));
	if (fclose(o->fp) != 0 && ok) {
		buf_addf(err, "cannot write %s: %s", o->path, strerror(errno));
		ok = false;
	}
	if (ok && rename(o->tmp, o->path) != 0) {
		buf_addf(err, "cannot create %s: %s", o->path, strerror(errno));
		ok = false;
	}
	if (!ok)
		unlink(o->tmp);
	outfile_release(o);
	return ok;
}

void
outfile_abort(struct outfile *o)
{
	if (o->fp == NULL)
		return;
	fclose(o->fp);
	unlink(o->tmp);
	outfile_release(o);
}
