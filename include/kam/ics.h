/* Holidays out of an iCalendar file (RFC 5545), parsed with libical: each
 * event's occurrences within a window of dates, its recurrence rules
 * (RRULE), extra dates (RDATE), exceptions (EXDATE) and moved occurrences
 * (RECURRENCE-ID) applied. The file is untrusted: anything malformed, or a
 * rule that would run away, ends the reading with a message that says
 * which event and why (printable, whatever bytes the file held). */
#ifndef KAM_ICS_H
#define KAM_ICS_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"
#include "kam/date.h"

struct ics_window {
	struct kam_date	from;		/* occurrences starting on or after */
	struct kam_date	until;		/* ... and on or before */
	long		max_steps;	/* of one rule's expansion, from DTSTART */
	long		max_occurrences;	/* of the whole file */
};

enum ics_kind {
	ICS_DATE,	/* whole days: YYYY-MM-DD, the end day not included */
	ICS_LOCAL,	/* floating local time: the calendar's own zone */
	ICS_UTC		/* an instant, in UTC */
};

#define ICS_TIME_STRLEN	20	/* "YYYY-MM-DD HH:MM:SS" and NUL */

struct ics_occurrence {
	const char	*uid;
	const char	*name;		/* SUMMARY: valid UTF-8, not blank */
	enum ics_kind	 kind;
	char		 start[ICS_TIME_STRLEN];
	char		 end[ICS_TIME_STRLEN];
};

struct ics_counts {
	long	events;		/* VEVENTs read */
	long	occurrences;	/* handed to the sink */
	long	outside;	/* occurrences left out: outside the window */
	long	cancelled;	/* events with STATUS:CANCELLED, left out */
};

/* Loads libical, which kam opens only when a file is to be read (kam/dl.h);
 * false with err saying why when it cannot. ics_holidays loads it too. */
bool	ics_load(struct kam_buf *err);

/* False stops the reading (the sink has said why). */
typedef bool	(*ics_sink)(void *ctx, const struct ics_occurrence *o);

/* Reads the len bytes of text (text[len] must be NUL) and hands every
 * occurrence within w to sink, in file order. False when the file is not
 * one kam can take (err says why) or the sink stopped. */
bool	ics_holidays(const char *text, size_t len, const struct ics_window *w,
	    ics_sink sink, void *ctx, struct ics_counts *counts,
	    struct kam_buf *err);

#endif
