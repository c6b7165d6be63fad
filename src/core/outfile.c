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

/* Gives the temporary file the replaced file's owner and permission bits
 * (a new file's follow the umask). A file kam cannot hand back to its
 * owner is not replaced. */
static bool
take_over_attributes(int fd, const char *path, const struct stat *old,
    struct kam_buf *err)
{
	struct stat now;
	mode_t mask;

	if (old == NULL) {
		/* mkstemp makes 0600; the result should look like any new file */
		mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
		return true;
	}
	/* the new file's group may be the folder's (set-group-ID) */
	if (fstat(fd, &now) != 0 || ((old->st_uid != now.st_uid ||
	    old->st_gid != now.st_gid) &&
	    fchown(fd, old->st_uid, old->st_gid) != 0)) {
		buf_addf(err, "cannot replace %s: it belongs to another user or "
		    "group, which kam cannot give the new file (%s)", path,
		    strerror(errno));
		return false;
	}
	if (fchmod(fd, old->st_mode & 0777) != 0) {
		buf_addf(err, "cannot replace %s: %s", path, strerror(errno));
		return false;
	}
	return true;
}

/* A regular file, or nothing yet: a temporary file beside it. */
static bool
open_replacing(struct outfile *o, const char *path, const struct stat *old,
    struct kam_buf *err)
{
	struct kam_buf tmp;
	int fd;

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
	if (!take_over_attributes(fd, path, old, err)) {
		close(fd);
		unlink(tmp.data);
		buf_free(&tmp);
		return false;
	}
	if (o->guarded)
		guard(tmp.data);
	o->fp = fdopen(fd, "w");
	o->path = xstrdup(path);
	o->tmp = buf_detach(&tmp);
	if ((o->existed = old != NULL)) {
		o->dev = old->st_dev;
		o->ino = old->st_ino;
	}
	return true;
}

/* A pipe, a terminal, a device or a symbolic link: written straight, as
 * the shell's ">" would, and never replaced. A link that leads nowhere
 * creates nothing. */
static bool
open_straight(struct outfile *o, const char *path, struct kam_buf *err)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		buf_addf(err, "cannot write %s: %s", path, errno == ENOENT ?
		    "a symbolic link to nothing (kam creates no file through "
		    "a link)" : strerror(errno));
		return false;
	}
	o->fp = fdopen(fd, "w");
	o->path = xstrdup(path);
	return true;
}

static bool
open_any(struct outfile *o, const char *path, bool guarded,
    struct kam_buf *err)
{
	struct stat st;

	memset(o, 0, sizeof *o);
	o->guarded = guarded;
	if (lstat(path, &st) == 0)
		return S_ISREG(st.st_mode) ? open_replacing(o, path, &st, err) :
		    open_straight(o, path, err);
	if (errno != ENOENT) {
		buf_addf(err, "cannot create %s: %s", path, strerror(errno));
		return false;
	}
	return open_replacing(o, path, NULL, err);
}

bool
outfile_open(struct outfile *o, const char *path, struct kam_buf *err)
{
	return open_any(o, path, true, err);
}

bool
outfile_open_unguarded(struct outfile *o, const char *path,
    struct kam_buf *err)
{
	return open_any(o, path, false, err);
}

static void
outfile_release(struct outfile *o)
{
	unguard();
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof *o);
}

/* What is at path now is still the file that was there when the export
 * began, or still nothing: else it is left alone. */
static bool
target_unchanged(const struct outfile *o)
{
	struct stat st;

	if (lstat(o->path, &st) != 0)
		return errno == ENOENT && !o->existed;
	return o->existed && S_ISREG(st.st_mode) && st.st_dev == o->dev &&
	    st.st_ino == o->ino;
}

/* A new file never replaces one that appeared meanwhile: link() refuses
 * to; a file system without hard links gets a rename. */
static bool
put_in_place(const struct outfile *o)
{
	if (o->existed)
		return rename(o->tmp, o->path) == 0;
	if (link(o->tmp, o->path) == 0) {
		unlink(o->tmp);
		return true;
	}
	if (errno == EEXIST)
		return false;
	return rename(o->tmp, o->path) == 0;
}

static bool
commit_straight(struct outfile *o, struct kam_buf *err)
{
	bool ok = fflush(o->fp) == 0 || errno == EPIPE;

	if (!ok)
		buf_addf(err, "cannot write %s: %s", o->path, strerror(errno));
	if (fclose(o->fp) != 0 && ok && errno != EPIPE) {
		buf_addf(err, "cannot write %s: %s", o->path, strerror(errno));
		ok = false;
	}
	outfile_release(o);
	return ok;
}

bool
outfile_commit(struct outfile *o, struct kam_buf *err)
{
	bool ok;

	if (o->tmp == NULL)
		return commit_straight(o, err);
	ok = fflush(o->fp) == 0 && fsync(fileno(o->fp)) == 0;
	if (!ok)
		buf_addf(err, "cannot write %s: %s", o->path, strerror(errno));
	if (fclose(o->fp) != 0 && ok) {
		buf_addf(err, "cannot write %s: %s", o->path, strerror(errno));
		ok = false;
	}
	if (ok && !target_unchanged(o)) {
		buf_addf(err, "cannot create %s: something else took its place "
		    "while the export ran; it is left as it is", o->path);
		ok = false;
	} else if (ok && !put_in_place(o)) {
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
	if (o->tmp != NULL)
		unlink(o->tmp);
	outfile_release(o);
}
