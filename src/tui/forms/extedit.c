#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "extedit.h"
#include "terminal.h"
#include "textedit.h"
#include "kam/draft.h"

static const char *
editor(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	return e != NULL && *e != '\0' ? e : "vi";
}

/* A private file holding text; its path into path. */
static int
make_file(const char *text, struct kam_buf *path, struct kam_buf *err)
{
	const char *tmp = getenv("TMPDIR");
	size_t len = strlen(text);
	ssize_t n;
	int fd;

	buf_addf(path, "%s/kam-edit-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
	if ((fd = mkstemp(path->data)) < 0) {
		buf_addf(err, "Cannot make a file for the editor: %s", strerror(errno));
		return -1;
	}
	n = write(fd, text, len);
	if (n != (ssize_t)len || (len > 0 && write(fd, "\n", 1) != 1)) {
		buf_addf(err, "Cannot write %s for the editor", path->data);
		close(fd);
		unlink(path->data);
		return -1;
	}
	return fd;
}

/* The editor as the shell runs it, the file as its argument ($1), so
 * that EDITOR="emacs -nw" works and the path needs no quoting. */
static int
run(const char *path)
{
	struct sigaction ign, old_int, old_quit;
	struct kam_buf cmd;
	pid_t pid;
	int status = -1;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	/* Ctrl-C in the editor is the editor's, not a reason to quit kam */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	buf_init(&cmd);
	buf_addf(&cmd, "%s \"$1\"", editor());
	if ((pid = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd.data, "sh", path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	buf_free(&cmd);
	return pid < 0 ? -1 : status;
}

/* What the editor left, at most DRAFT_MAX_BYTES, as safe text. */
static bool
take_back(int fd, struct kam_buf *out, struct kam_buf *err)
{
	struct kam_buf raw;
	char chunk[8192];
	ssize_t n;
	bool ok = true;

	buf_init(&raw);
	lseek(fd, 0, SEEK_SET);
	while (ok && (n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0 && raw.len + (size_t)n <= DRAFT_MAX_BYTES;
		if (ok)
			buf_add(&raw, chunk, (size_t)n);
	}
	if (ok) {
		/* only the line break make_file added (or the editor did) goes:
		 * a CR or line break the text had stays */
		if (raw.len > 0 && raw.data[raw.len - 1] == '\n')
			raw.data[--raw.len] = '\0';
		textedit_clean(out, raw.data, raw.len);
	} else
		buf_adds(err, "The editor's text is too large or cannot be read; "
		    "the field is unchanged.");
	buf_free(&raw);
	return ok;
}

bool
extedit_run(const char *text, struct kam_buf *out, struct kam_buf *err)
{
	struct kam_buf path;
	bool ok = false;
	int fd, status;

	buf_init(&path);
	if ((fd = make_file(text, &path, err)) < 0)
		goto out;
	term_suspend();
	status = run(path.data);
	term_resume();
	/* editors write a new file and rename it over the old one */
	close(fd);
	fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (status != 0 || fd < 0)
		buf_addf(err, "The editor (%s) failed; the field is unchanged.", editor());
	else
		ok = take_back(fd, out, err);
	if (fd >= 0)
		close(fd);
	unlink(path.data);
out:
	buf_free(&path);
	return ok;
}
