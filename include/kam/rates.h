/* Exchange rates and the reporting currency in the database (migration
 * 0017): an import in one transaction, streamed through a staging table,
 * and the company's reporting currency. Each returns a sysexits code and
 * has said why on stderr when it is not EX_OK. */
#ifndef KAM_RATES_H
#define KAM_RATES_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/db.h"

/* What an import did (or, in a dry run, would have done). */
struct rates_summary {
	long	rows;		/* rates in the file */
	long	added;		/* new in the database */
	long	changed;	/* an existing day's rate replaced */
	long	currencies;
	char	first[11], last[11];	/* the days, YYYY-MM-DD */
};

/* Starts an import: checks that the user may write rates, opens the
 * transaction and the staging table, and gives the reporting currency
 * (what a file without a quote column quotes in). */
int	rates_import_begin(struct kam_db *db, char reporting[4]);
/* Stages complete lines of COPY text: line, date, currency, quote, rate. */
int	rates_import_stage(struct kam_db *db, const char *lines, size_t len);
/* Writes the staged rates and commits, or (dry_run) rolls back after
 * counting. A day given twice for one pair is bad data. */
int	rates_import_finish(struct kam_db *db, bool dry_run,
	    struct rates_summary *s);
/* Rolls back whatever the import staged. */
void	rates_import_abort(struct kam_db *db);

/* The reporting currency (kam.reporting_currency()), and setting it
 * (administrators only: kam.set_reporting_currency). */
int	rates_reporting_get(struct kam_db *db, char out[4]);
int	rates_reporting_set(struct kam_db *db, const char *code);

#endif
