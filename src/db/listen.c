/* The LISTEN connection (kam/listen.h): connects without blocking
 * (PQconnectStartParams and PQconnectPoll, libpq-connect.html), sends
 * LISTEN, then hands each notification's payload on (libpq-notify.html:
 * PQconsumeInput, then PQnotifies until NULL). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kam/buf.h"
#include "kam/listen.h"
#include "kam/log.h"
#include "kam/mono.h"
#include "kam/xalloc.h"
#include "db_private.h"

enum phase { PH_CONNECTING, PH_SUBSCRIBING, PH_READY, PH_BROKEN };

struct kam_listen {
	PGconn		*conn;
	enum phase	 phase;
	bool		 write;		/* the connect waits to write */
	char		*conninfo, *over;
	char		 tmo[16];
	long long	 deadline;	/* of the connect, in ms */
	struct kam_buf	 error;
};

static long long
clock_ms(void)
{
	return (long long)mono_ms();
}

static void
broken(struct kam_listen *l, const char *why)
{
	size_t n = strcspn(why, "\n");

	buf_reset(&l->error);
	buf_add(&l->error, why, n);
	l->phase = PH_BROKEN;
	PQfinish(l->conn);
	l->conn = NULL;
}

/* False for a bad over. */
static bool
start(struct kam_listen *l)
{
	PQconninfoOption *parsed;
	const char **keys, **vals;

	l->conn = NULL;
	if (!db_connect_params(l->conninfo, l->over, "database.listen_conninfo",
	    l->tmo, &keys, &vals, &parsed)) {
		broken(l, "a bad database.listen_conninfo");
		return false;
	}
	l->conn = PQconnectStartParams(keys, vals, 1);
	free(keys);
	free(vals);
	PQconninfoFree(parsed);
	l->phase = PH_CONNECTING;
	l->write = true;	/* PQconnectPoll's first wait, as documented */
	/* connect_timeout is the caller's to keep with PQconnectPoll */
	l->deadline = clock_ms() + atoll(l->tmo) * 1000;
	if (l->conn == NULL || PQstatus(l->conn) == CONNECTION_BAD)
		broken(l, l->conn ? PQerrorMessage(l->conn) : "out of memory");
	return true;
}

struct kam_listen *
listen_open(const char *conninfo, const char *over, int timeout)
{
	struct kam_listen *l = xcalloc(1, sizeof *l);

	l->conninfo = conninfo ? xstrdup(conninfo) : NULL;
	l->over = over ? xstrdup(over) : NULL;
	snprintf(l->tmo, sizeof l->tmo, "%d", timeout > 0 ? timeout : 10);
	buf_init(&l->error);
	if (!start(l)) {
		listen_close(l);
		return NULL;
	}
	return l;
}

void
listen_close(struct kam_listen *l)
{
	if (l == NULL)
		return;
	PQfinish(l->conn);
	free(l->conninfo);
	free(l->over);
	buf_free(&l->error);
	free(l);
}

void
listen_restart(struct kam_listen *l)
{
	PQfinish(l->conn);
	(void)start(l);	/* over was good the first time */
}

int
listen_socket(const struct kam_listen *l)
{
	return l->conn != NULL && l->phase != PH_BROKEN ? PQsocket(l->conn) : -1;
}

bool
listen_wants_write(const struct kam_listen *l)
{
	return l->phase == PH_CONNECTING && l->write;
}

const char *
listen_error(const struct kam_listen *l)
{
	return l->error.data;
}

/* The connect's next step; once connected, LISTEN goes out. */
static void
connecting(struct kam_listen *l)
{
	switch (PQconnectPoll(l->conn)) {
	case PGRES_POLLING_WRITING:
		l->write = true;
		break;
	case PGRES_POLLING_READING:
		l->write = false;
		break;
	case PGRES_POLLING_OK:
		if (PQsetnonblocking(l->conn, 1) != 0 ||
		    !PQsendQuery(l->conn, "LISTEN " LISTEN_CHANNEL))
			broken(l, PQerrorMessage(l->conn));
		else
			l->phase = PH_SUBSCRIBING;
		break;
	default:
		broken(l, PQerrorMessage(l->conn));
		return;
	}
	if (l->phase == PH_CONNECTING && clock_ms() > l->deadline)
		broken(l, "timeout expired");
}

/* LISTEN's answer, as far as it has come. */
static void
subscribing(struct kam_listen *l)
{
	PGresult *res;

	while (l->phase == PH_SUBSCRIBING && !PQisBusy(l->conn)) {
		if ((res = PQgetResult(l->conn)) == NULL) {
			l->phase = PH_READY;
			break;
		}
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			PQclear(res);
			broken(l, PQerrorMessage(l->conn));
			return;
		}
		PQclear(res);
	}
}

enum listen_state
listen_poll(struct kam_listen *l, void (*sink)(void *ctx, const char *payload),
    void *ctx)
{
	PGnotify *n;

	if (l->phase == PH_CONNECTING)
		connecting(l);
	else if (l->phase != PH_BROKEN) {
		if (PQflush(l->conn) < 0 || !PQconsumeInput(l->conn) ||
		    PQstatus(l->conn) != CONNECTION_OK)
			broken(l, PQerrorMessage(l->conn));
		else if (l->phase == PH_SUBSCRIBING)
			subscribing(l);
	}
	while (l->phase != PH_BROKEN && (n = PQnotifies(l->conn)) != NULL) {
		sink(ctx, n->extra);
		PQfreemem(n);
	}
	return l->phase == PH_BROKEN ? LISTEN_BROKEN :
	    l->phase == PH_READY ? LISTEN_READY : LISTEN_CONNECTING;
}
