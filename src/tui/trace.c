/* --trace: its events (trace_open.c opens and closes it for the client). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam/mono.h"
#include "trace.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

struct tui_trace {
	FILE	*f;
	double	 t0;
};

struct tui_trace *
trace_new(FILE *f)
{
	struct tui_trace *tr = xcalloc(1, sizeof *tr);

	tr->f = f;
	tr->t0 = mono_ms();
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
	fprintf(tr->f, "%.3f %s%s%s\n", mono_ms() - tr->t0, event,
	    detail ? " " : "", safe.data);
	fflush(tr->f);
	buf_free(&safe);
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
