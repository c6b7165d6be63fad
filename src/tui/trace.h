/* --trace: one line per event, milliseconds since kam started, for the
 * benchmark ("12.345 paint idle", "80.100 key j"). */
#ifndef KAM_TUI_TRACE_H
#define KAM_TUI_TRACE_H

struct tui_trace;

#include <stdio.h>

/* A trace writing to f (taken). */
struct tui_trace	*trace_new(FILE *f);
void	trace_event(struct tui_trace *tr, const char *event, const char *detail);
void	trace_close(struct tui_trace *tr);

#endif
