#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "trace.h"
#include "kam/tui.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

struct tui_trace {
	FILE	*f;
	double	 t0;
};

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
	struct tui_trace *tr;
	FILE *f = open_private(path);

	if (f == NULL)
		return NULL;
	tr = xcalloc(1, sizeof *tr);
	tr->f = f;
	tr->t0 = now_ms();
	trace_event(tr, "start", NULL);
	return tr;
}

void
trace_event(struct tui_trace *tr, const char *event, const char *detail)
{
	struct kam_buf safe;

	if (tr == NULL)
		return;
	buf_init(&safe);
	if (detail != NULL)
		utf8_sanitize(&safe, detail, strlen(detail));
	fprintf(tr->f, "%.3f %s%s%s\n", now_ms() - tr->t0, event,
	    detail ? " " : "", safe.data);
	fflush(tr->f);
	buf_free(&safe);
}

void
tui_trace_close(struct tui_trace *tr)
{
	trace_close(tr);
}

void
trace_close(struct tui_trace *tr)
{
	if (tr == NULL)
		return;
	trace_event(tr, "exit", NULL);
	fclose(tr->f);
	free(tr);
}
