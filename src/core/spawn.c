/* A child process through posix_spawnp: its input and its error output
 * go through anonymous temporary files rather than pipes, so that
 * neither side can block the other however much either writes, and the
 * caller waits in one place. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kam/spawn.h"
#include "kam/utf8.h"

extern char **environ;

#define ERR_SHOWN	2000	/* bytes of the child's stderr reported */

static FILE *
input_file(const struct spawn_io *io)
{
	FILE *fp = tmpfile();

	if (fp == NULL)
		return NULL;
	if ((io->in_len > 0 &&
	    fwrite(io->in, 1, io->in_len, fp) != io->in_len) ||
	    fflush(fp) != 0 || fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return NULL;
	}
	return fp;
}

/* The child gets default signal handling and no blocked signal, whatever
 * the caller (the full-screen client) has set up. */
static void
child_attrs(posix_spawnattr_t *a)
{
	sigset_t all, none;

	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_init(a);
	posix_spawnattr_setsigdefault(a, &all);
	posix_spawnattr_setsigmask(a, &none);
	posix_spawnattr_setflags(a, POSIX_SPAWN_SETSIGDEF |
	    POSIX_SPAWN_SETSIGMASK);
}

static void
child_errors(FILE *errfp, struct kam_buf *err)
{
	char text[ERR_SHOWN];
	size_t n;

	if (fseek(errfp, 0, SEEK_SET) != 0 ||
	    (n = fread(text, 1, sizeof text, errfp)) == 0)
		return;
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
		n--;
	if (n == 0)
		return;
	buf_adds(err, ": ");
	utf8_sanitize(err, text, n);
}

static bool
run(char *const argv[], const struct spawn_io *io, FILE *in, FILE *errfp,
    struct kam_buf *err, bool *missing)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attrs;
	pid_t pid;
	int rc, status;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fileno(in), STDIN_FILENO);
	if (io->out_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, io->out_fd, STDOUT_FILENO);
	else
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
		    O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fileno(errfp), STDERR_FILENO);
	child_attrs(&attrs);
	rc = posix_spawnp(&pid, io->path ? io->path : argv[0], &fa, &attrs, argv,
	    io->env ? io->env : environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attrs);
	if (rc != 0) {
		*missing = rc == ENOENT;
		buf_addf(err, "cannot run %s: %s", argv[0], strerror(rc));
		return false;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			buf_addf(err, "%s: %s", argv[0], strerror(errno));
			return false;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	if (WIFEXITED(status))
		buf_addf(err, "%s failed (exit %d)", argv[0], WEXITSTATUS(status));
	else
		buf_addf(err, "%s ended by signal %d", argv[0],
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	child_errors(errfp, err);
	return false;
}

bool
spawn_wait(char *const argv[], const struct spawn_io *io,
    struct kam_buf *err, bool *missing)
{
	FILE *in, *errfp = NULL;
	bool ok;

	*missing = false;
	if ((in = input_file(io)) == NULL || (errfp = tmpfile()) == NULL) {
		buf_addf(err, "cannot run %s: no temporary file: %s", argv[0],
		    strerror(errno));
		if (in != NULL)
			fclose(in);
		return false;
	}
	ok = run(argv, io, in, errfp, err, missing);
	fclose(in);
	fclose(errfp);
	return ok;
}

bool
spawn_found(const char *name)
{
	const char *path = getenv("PATH");
	struct kam_buf full;
	bool found = false;
	size_t n;

	if (path == NULL)
		path = "/usr/bin:/bin";
	buf_init(&full);
	for (const char *p = path; !found; p += n + 1) {
		n = strcspn(p, ":");
		buf_reset(&full);
		buf_add(&full, n ? p : ".", n ? n : 1);
		buf_addf(&full, "/%s", name);
		found = access(full.data, X_OK) == 0;
		if (p[n] == '\0')
			break;
	}
	buf_free(&full);
	return found;
}
