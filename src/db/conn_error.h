/* What libpq says of a failed connect, taken apart host by host: with a
 * multi-host connection string libpq tries each host in turn and keeps
 * every attempt's message, each beginning "connection to server ...
 * failed:" (PostgreSQL 15 libpq, fe-connect.c; libpq-connect.html,
 * "Specifying Multiple Hosts"). Kept apart from libpq so that it can be
 * tested and fuzzed alone. */
#ifndef KAM_CONN_ERROR_H
#define KAM_CONN_ERROR_H

#include <stdbool.h>
#include <stddef.h>

/* The most hosts kam reports of one connect. */
#define DB_MAX_HOSTS	32

struct conn_error_host {
	const char	*text;		/* the attempt's first line, in msg */
	size_t		 len;
	bool		 temporary;	/* full, starting, stopping, a standby */
};

/* Splits msg into the attempts it reports, at most max of them, and
 * returns how many it found (text without a host prefix is one). Lines
 * that carry on an attempt (a tab, DETAIL:, HINT:) are left out. */
size_t	conn_error_split(const char *msg, struct conn_error_host *hosts,
	    size_t max);

#endif
