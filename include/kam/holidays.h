/* A calendar's holidays from an iCalendar file (kam --import holidays,
 * migration 0035): the occurrences kam/ics.h read, written in one
 * transaction. Each returns a sysexits code and has said why on stderr
 * when it is not EX_OK. */
#ifndef KAM_HOLIDAYS_H
#define KAM_HOLIDAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/db.h"

/* What an import did (or, in a dry run, would have done). */
struct holidays_summary {
	long	days;		/* holidays (days, or parts of days) in the file */
	long	added;		/* new in the calendar */
	long	changed;	/* there already, renamed or now from the file */
	long	removed;	/* of the file's events, no longer in it */
	char	first[11], last[11];	/* the days, YYYY-MM-DD */
};

/* Checks that the user may keep holidays and that the calendar exists;
 * its time zone (for the message) in zone. */
int	holidays_calendar(struct kam_db *db, const char *calendar,
	    char zone[64]);
/* What the file held: its occurrences as lines of COPY text (uid, name,
 * kind, start, end: kam/ics.h) and the window they were read over. */
struct holidays_batch {
	const char	*calendar;
	const char	*lines;
	size_t		 len;
	const char	*from, *until;	/* YYYY-MM-DD */
};

/* Writes the occurrences to the calendar; commits, or (dry_run) rolls
 * back after counting. An event of the file that held other days of the
 * window before loses them: the file says where its events fall now. */
int	holidays_import(struct kam_db *db, const struct holidays_batch *b,
	    bool dry_run, struct holidays_summary *s);

#endif
