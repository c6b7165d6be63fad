/* Feedback from a survey or a web form into the database (migration
 * 0048; kam/fbfile.h reads the file): one transaction, the rows staged
 * with COPY in batches, then matched to their accounts, written where the
 * user may, and counted. Each returns a sysexits code and has said why on
 * stderr when it is not EX_OK. */
#ifndef KAM_FBIMPORT_H
#define KAM_FBIMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"
#include "kam/db.h"
#include "kam/fbfile.h"

struct fbimport_summary {
	long	rows;		/* in the file */
	long	added;		/* new entries */
	long	already;	/* imported before (same source and id) */
	long	unmatched;	/* no account, or more than one */
	long	refused;	/* an account the user may not write */
};

/* A row not imported: its line and why, in words. */
typedef void (*fbimport_report)(void *ctx, long line, const char *why);

/* Opens the transaction and the staging table. */
int	fbimport_begin(struct kam_db *db);
/* Appends a row as a line of COPY text to batch. */
void	fbimport_row(struct kam_buf *batch, const struct fb_row *row);
/* Stages the complete lines of batch. */
int	fbimport_stage(struct kam_db *db, const char *lines, size_t len);
/* Matches, reports every row not imported (in the order of the file),
 * writes the rest under source and commits, or (dry_run) rolls back after
 * counting. An id twice in the file is bad data: nothing is written. */
int	fbimport_finish(struct kam_db *db, const char *source, bool dry_run,
	    fbimport_report report, void *ctx, struct fbimport_summary *s);
/* Rolls back whatever the import staged. */
void	fbimport_abort(struct kam_db *db);

#endif
