/* --trace opened and closed for the client's start and end (kam/tui.h);
 * apart from trace.c, so that a widget that traces links no client. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace.h"
#include "kam/tui.h"

/* The trace records every key typed, so all text the user writes: it
 * is the user's alone (0600, also when it existed), and a link is not
 * followed. */
static FILE *
open_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY, 0600);
	struct stat st;
	FILE *f;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || (S_ISREG(st.st_mode) && fchmod(fd, 0600) != 0) ||
	    (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		return NULL;
	}
	return f;
}

struct tui_trace *
tui_trace_open(const char *path)
{
	FILE *f = open_private(path);

	if (f == NULL)
		return NULL;
	return trace_new(f);
}

void
tui_trace_close(struct tui_trace *tr)
{
	trace_close(tr);
}

