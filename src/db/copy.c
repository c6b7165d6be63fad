/* COPY ... TO STDOUT streamed row by row: memory stays flat whatever the
 * row count, and the server does the formatting at its own speed. COPY
 * ... FROM STDIN takes a batch of rows in one go (the ERP sync's pages). */
#include <libpq-fe.h>
#include <stdbool.h>

#include "kam/db.h"
#include "db_private.h"

/* A sink that gave up leaves the server still sending: cancel the
 * statement and drain, so the connection is usable (or at least closed
 * cleanly) afterwards. */
static void
copy_abandon(PGconn *conn)
{
	PGcancel *cancel = PQgetCancel(conn);
	char err[256];
	PGresult *res;
	char *buf;

	if (cancel != NULL) {
		PQcancel(cancel, err, sizeof err);
		PQfreeCancel(cancel);
	}
	while (PQgetCopyData(conn, &buf, 0) > 0)
		PQfreemem(buf);
	while ((res = PQgetResult(conn)) != NULL)
		PQclear(res);
}

bool
db_copy_out(struct kam_db *db, const char *sql, db_copy_sink sink, void *ctx)
{
	PGresult *res = PQexec(db->conn, sql);
	bool ok = true;
	char *buf;
	int n;

	if (PQresultStatus(res) != PGRES_COPY_OUT)
		return db_fail(db, res);
	PQclear(res);
	while ((n = PQgetCopyData(db->conn, &buf, 0)) > 0) {
		ok = sink(ctx, buf, (size_t)n);
		PQfreemem(buf);
		if (!ok) {
			copy_abandon(db->conn);
			return true;	/* the sink knows why it stopped */
		}
	}
	res = PQgetResult(db->conn);
	if (n == -2 || PQresultStatus(res) != PGRES_COMMAND_OK)
		return db_fail(db, res);
	PQclear(res);
	while ((res = PQgetResult(db->conn)) != NULL)
		PQclear(res);
	return true;
}

#define COPY_CHUNK	(1 << 20)

bool
db_copy_in(struct kam_db *db, const char *sql, const char *data, size_t len)
{
	PGresult *res = PQexec(db->conn, sql);
	int sent = 1;
	size_t n;

	if (PQresultStatus(res) != PGRES_COPY_IN)
		return db_fail(db, res);
	PQclear(res);
	for (; len > 0 && sent == 1; data += n, len -= n) {
		n = len > COPY_CHUNK ? COPY_CHUNK : len;
		sent = PQputCopyData(db->conn, data, (int)n);
	}
	if (sent == 1)
		PQputCopyEnd(db->conn, NULL);
	res = PQgetResult(db->conn);
	if (sent != 1 || PQresultStatus(res) != PGRES_COMMAND_OK)
		return db_fail(db, res);
	PQclear(res);
	while ((res = PQgetResult(db->conn)) != NULL)
		PQclear(res);
	return true;
}
