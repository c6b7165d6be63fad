/* The background sync's process and its pipe. The child is the same kam,
 * run as "kam --sync --progress-fd 2" with the pipe as its standard error:
 * events and messages arrive in the order they happened. It runs in a
 * process group of its own, so keys typed at the client never reach it,
 * and ignores SIGPIPE, so a client that dies leaves it to finish. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "sync_process.h"
#include "kam/xalloc.h"

#define SELF		"/proc/self/exe"
#define MAX_FDS		256	/* descriptors the child closes */

extern char **environ;

void
bgsync_init(struct bgsync *b)
{
	memset(b, 0, sizeof *b);
	b->fd = -1;
	buf_init(&b->partial);
	buf_init(&b->fail);
	buf_init(&b->last);
}

bool
bgsync_running(const struct bgsync *b)
{
	return b->pid > 0;
}

/* The environment with "NAME=value" put in (or replacing NAME's). */
static char **
env_with(char **env, const char *name, const char *value, size_t *n)
{
	size_t len = strlen(name), i;
	struct kam_buf b;

	buf_init(&b);
	buf_addf(&b, "%s=%s", name, value);
	for (i = 0; i < *n; i++)
		if (strncmp(env[i], name, len) == 0 && env[i][len] == '=')
			break;
	if (i == *n) {
		env = xrealloc(env, (*n + 2) * sizeof *env);
		(*n)++;
	} else
		free(env[i]);
	env[i] = buf_detach(&b);
	env[*n] = NULL;
	return env;
}

char **
bgsync_env(const struct kam_conf *c)
{
	size_t n = 0;
	char **env;

	while (environ[n] != NULL)
		n++;
	env = xcalloc(n + 1, sizeof *env);
	for (size_t i = 0; i < n; i++)
		env[i] = xstrdup(environ[i]);
	if (c->path != NULL)
		env = env_with(env, "KAM_CONFIG", c->path, &n);
	if (c->db_conninfo != NULL)
		env = env_with(env, "KAM_DATABASE", c->db_conninfo, &n);
	return env;
}

void
bgsync_env_free(char **env)
{
	for (size_t i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(env);
}

/* Descriptors above stderr the child must not keep (the trace file, say);
 * read before fork, since the child may only make async-signal-safe
 * calls. */
static int
open_fds(int *fds, int keep)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0, fd;

	if (d == NULL) {
		for (fd = 3; fd < MAX_FDS; fd++)
			if (fd != keep)
				fds[n++] = fd;
		return n;
	}
	while ((e = readdir(d)) != NULL && n < MAX_FDS)
		if ((fd = (int)strtol(e->d_name, NULL, 10)) > 2 && fd != keep &&
		    fd != dirfd(d))
			fds[n++] = fd;
	closedir(d);
	return n;
}

static _Noreturn void
child(int out, char **env, const int *fds, int nfds)
{
	static const char failed[] = "kam: cannot run " SELF " --sync\n";
	char *argv[] = { "kam", "--sync", "--progress-fd", "2", NULL };
	sigset_t none;
	int null = open("/dev/null", O_RDWR);

	setpgid(0, 0);
	/* until exec, no handler of the client's may run here: they write
	 * to its signal pipe and its terminal */
	for (int sig = 1; sig <= SIGRTMAX; sig++)
		signal(sig, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
	    dup2(null, STDOUT_FILENO) < 0 || dup2(out, STDERR_FILENO) < 0)
		_exit(EX_OSERR);
	for (int i = 0; i < nfds; i++)
		if (fds[i] != null && fds[i] != out)
			close(fds[i]);
	close(null);
	close(out);
	execve(SELF, argv, env);
	if (write(STDERR_FILENO, failed, sizeof failed - 1) < 0) {
		/* nobody to tell */
	}
	_exit(EX_OSERR);
}

static void
reset_outcome(struct bgsync *b)
{
	buf_reset(&b->partial);
	buf_reset(&b->fail);
	buf_reset(&b->last);
	b->cut = b->stopping = false;
	b->resource[0] = '\0';
	b->records = b->rate = 0;
	memset(&b->done, 0, sizeof b->done);
	b->nresources = 0;
}

bool
bgsync_start(struct bgsync *b, const struct kam_conf *c, struct kam_buf *err)
{
	int p[2], fds[MAX_FDS], nfds;
	sigset_t all, old;
	char **env;
	pid_t pid;

	if (pipe(p) != 0) {
		buf_addf(err, "cannot start the sync: %s", strerror(errno));
		return false;
	}
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	env = bgsync_env(c);
	nfds = open_fds(fds, p[1]);
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if ((pid = fork()) == 0)
		child(p[1], env, fds, nfds);
	sigprocmask(SIG_SETMASK, &old, NULL);
	bgsync_env_free(env);
	close(p[1]);
	if (pid < 0) {
		buf_addf(err, "cannot start the sync: %s", strerror(errno));
		close(p[0]);
		return false;
	}
	reset_outcome(b);
	b->pid = pid;
	b->fd = p[0];
	return true;
}

/* Copies field f (0-based, tab-separated) of line into out. */
static bool
field(const char *line, int f, char *out, size_t size)
{
	size_t n;

	for (; f > 0; f--)
		if ((line = strchr(line, '\t')) == NULL)
			return false;
		else
			line++;
	n = strcspn(line, "\t");
	if (n >= size)
		n = size - 1;
	memcpy(out, line, n);
	out[n] = '\0';
	return true;
}

static long
number(const char *line, int f)
{
	char text[24];

	return field(line, f, text, sizeof text) ? strtol(text, NULL, 10) : 0;
}

static void
take_done(struct bgsync *b, const char *line)
{
	long *sums[] = { &b->done.fetched, &b->done.inserted, &b->done.updated,
	    &b->done.unchanged, &b->done.deleted, &b->done.errors };

	for (int i = 0; i < 6; i++)
		*sums[i] += number(line, i + 2);
	b->nresources++;
}

static void
take_line(struct bgsync *b, const char *line)
{
	if (strncmp(line, "page\t", 5) == 0) {
		field(line, 1, b->resource, sizeof b->resource);
		b->records = number(line, 3);
		b->rate = number(line, 4);
	} else if (strncmp(line, "done\t", 5) == 0)
		take_done(b, line);
	else if (strncmp(line, "fail\t", 5) == 0) {
		buf_reset(&b->fail);
		buf_adds(&b->fail, line + 5);
	} else if (*line != '\0') {
		buf_reset(&b->last);
		buf_adds(&b->last, strncmp(line, "kam: ", 5) == 0 ? line + 5 : line);
	}
}

void
bgsync_feed(struct bgsync *b, const char *data, size_t n)
{
	const char *end = data + n, *nl;
	size_t room;

	while (data < end) {
		nl = memchr(data, '\n', (size_t)(end - data));
		room = BGSYNC_LINE_MAX - b->partial.len;
		if (!b->cut) {
			size_t take = (size_t)((nl ? nl : end) - data);

			b->cut = take > room;
			buf_add(&b->partial, data, take > room ? room : take);
		}
		if (nl == NULL)
			return;
		take_line(b, b->partial.data);
		buf_reset(&b->partial);
		b->cut = false;
		data = nl + 1;
	}
}

bool
bgsync_read(struct bgsync *b)
{
	char chunk[4096];
	bool any = false;
	ssize_t n;

	while (b->fd >= 0) {
		n = read(b->fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		any = true;
		if (n <= 0) {
			bgsync_feed(b, "\n", 1);	/* a last line without its end */
			close(b->fd);
			b->fd = -1;
			break;
		}
		bgsync_feed(b, chunk, (size_t)n);
	}
	return any;
}

bool
bgsync_reap(struct bgsync *b, int *status)
{
	if (b->pid <= 0 || waitpid(b->pid, status, WNOHANG) != b->pid)
		return false;
	b->pid = 0;
	return true;
}

void
bgsync_stop(struct bgsync *b, double now_ms)
{
	if (b->pid <= 0 || b->stopping)
		return;
	kill(b->pid, SIGTERM);
	b->stopping = true;
	b->stop_at = now_ms;
}

void
bgsync_kill(struct bgsync *b)
{
	if (b->pid > 0)
		kill(b->pid, SIGKILL);
}

void
bgsync_free(struct bgsync *b)
{
	int status;

	if (b->pid > 0) {
		kill(b->pid, SIGKILL);
		while (waitpid(b->pid, &status, 0) < 0 && errno == EINTR)
			;
		b->pid = 0;
	}
	if (b->fd >= 0)
		close(b->fd);
	b->fd = -1;
	buf_free(&b->partial);
	buf_free(&b->fail);
	buf_free(&b->last);
}

void
bgsync_progress(const struct bgsync *b, struct kam_buf *out)
{
	if (b->stopping)
		buf_adds(out, "stopping the sync");
	else if (b->resource[0] == '\0')
		buf_adds(out, "syncing: starting");
	else
		buf_addf(out, "syncing %s: %ld records, %ld/s", b->resource,
		    b->records, b->rate);
}

static void
counts(const struct bgsync_counts *c, struct kam_buf *out)
{
	buf_addf(out, "%ld fetched, %ld new, %ld updated, %ld deleted, "
	    "%ld unchanged", c->fetched, c->inserted, c->updated, c->deleted,
	    c->unchanged);
}

bool
bgsync_outcome(const struct bgsync *b, int status, struct kam_buf *out)
{
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

	if (b->stopping && code != EX_OK) {
		buf_adds(out, "ERP sync stopped; what it stored stays, and the next "
		    "sync goes on from there.");
		return false;
	}
	if (code == EX_OK || (code == EX_DATAERR && b->fail.len == 0 &&
	    b->nresources > 0)) {
		buf_adds(out, "ERP sync done: ");
		counts(&b->done, out);
		if (b->done.errors > 0)
			buf_addf(out, "; %ld refused (kam --sync --status names "
			    "them)", b->done.errors);
		buf_addc(out, '.');
		return code != EX_OK;
	}
	if (b->fail.len > 0)
		buf_addf(out, "ERP sync failed: %s", b->fail.data);
	else if (b->last.len > 0)
		buf_addf(out, "ERP sync failed: %s", b->last.data);
	else if (code >= 0)
		buf_addf(out, "ERP sync failed (exit status %d).", code);
	else
		buf_addf(out, "ERP sync ended by signal %d.", WTERMSIG(status));
	return true;
}
