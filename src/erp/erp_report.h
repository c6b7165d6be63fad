/* What a run tells: counts per resource, the first record errors (on
 * stderr and in sync_run.details), the summary on stdout, a progress
 * line on a terminal, and the same as events for a program (--progress-fd;
 * the format is in kam-erp(5)). */
#ifndef KAM_ERP_REPORT_H
#define KAM_ERP_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "erp_page.h"
#include "erp_resource.h"
#include "erp_runlog.h"

#define ERP_KEPT_ERRORS		100	/* in sync_run.details */
#define ERP_SHOWN_ERRORS	20	/* on stderr */

struct erp_kept {
	enum erp_res	 res;
	char		*id;
	char		*message;
};

struct erp_tally {
	struct erp_counts	per[ERP_NRES];
	struct erp_counts	total;
	bool			ran[ERP_NRES];
	struct erp_kept		kept[ERP_KEPT_ERRORS];
	size_t			nkept;
	long			shown;
};

/* A point to roll the tally back to when a page's transaction fails. */
struct erp_tally_mark {
	struct erp_counts	per, total;
	size_t			nkept;
};

void	erp_tally_add(struct erp_tally *t, enum erp_res r, const struct erp_counts *c);
/* Keeps an error for sync_run.details (the first ERP_KEPT_ERRORS). */
void	erp_tally_note(struct erp_tally *t, enum erp_res r, const char *id,
	    const char *message);
/* Keeps the page's record errors. */
void	erp_tally_keep(struct erp_tally *t, enum erp_res r, const struct erp_page *pg);
void	erp_tally_save(const struct erp_tally *t, enum erp_res r, struct erp_tally_mark *m);
void	erp_tally_undo(struct erp_tally *t, enum erp_res r, const struct erp_tally_mark *m);
/* Prints the page's errors while fewer than ERP_SHOWN_ERRORS were. */
void	erp_tally_show(struct erp_tally *t, enum erp_res r, const struct erp_page *pg);
/* sync_run.details as JSON text; the caller frees. */
char	*erp_tally_details(const struct erp_tally *t);
void	erp_tally_summary(const struct erp_tally *t, FILE *out, bool dry_run);
/* The summary as "done" events, one per resource that ran. */
void	erp_tally_events(const struct erp_tally *t, FILE *events);
/* The "fail" event: why the run ended early, on one line. */
void	erp_event_fail(FILE *events, const char *message);
void	erp_tally_free(struct erp_tally *t);

struct erp_progress {
	bool		 on;		/* the line on stderr */
	FILE		*events;	/* "page" events, or NULL */
	const char	*what;
	long		 pages, records;
	double		 start;
	int		 width;
};

void	erp_progress_start(struct erp_progress *p, bool on, FILE *events,
	    const char *what);
void	erp_progress_page(struct erp_progress *p, const struct erp_page *pg);
void	erp_progress_end(struct erp_progress *p);

#endif
