#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "kam/log.h"
#include "kam/migrate.h"
#include "kam/xalloc.h"

/* What the database says it has applied. */
struct applied {
	int	 version;
	char	*name;
	char	*checksum;
	char	*at;
};

struct applied_set {
	struct applied	*rows;
	size_t		 n;
	int		 max;
};

int
migrate_latest(void)
{
	return kam_migrations_count ? kam_migrations[kam_migrations_count - 1].version : 0;
}

/* FNV-1a: enough to notice that an applied migration's text changed. */
static void
checksum(const char *sql, char out[17])
{
	uint64_t h = 1469598103934665603ULL;

	for (const unsigned char *p = (const unsigned char *)sql; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static void
applied_free(struct applied_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].name);
		free(s->rows[i].checksum);
		free(s->rows[i].at);
	}
	free(s->rows);
	memset(s, 0, sizeof *s);
}

/* The columns of kam.schema_migration that applied_load reads, by name. */
enum { AP_VERSION, AP_NAME, AP_CHECKSUM, AP_AT, AP_NCOLS };
static const char *const applied_names[AP_NCOLS] = {
	[AP_VERSION] = "version", [AP_NAME] = "name",
	[AP_CHECKSUM] = "checksum", [AP_AT] = "applied_at",
};
static const struct db_columns applied_cols = DB_COLUMNS("applied migrations",
    applied_names);

/* Returns false on a database error; an empty set when kam's schema has
 * not been created yet. */
static bool
applied_load(struct kam_db *db, struct applied_set *s)
{
	struct kam_res *r;
	int i;

	memset(s, 0, sizeof *s);
	r = db_query(db, "SELECT to_regclass('kam.schema_migration') IS NOT NULL",
	    0, NULL);
	if (r == NULL)
		return false;
	i = strcmp(res_get(r, 0, 0), "t") == 0;
	res_free(r);
	if (!i)
		return true;
	r = res_columns(db, db_query(db, "SELECT version, name, checksum, "
	    "to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS TZH:TZM') AS applied_at "
	    "FROM kam.schema_migration ORDER BY version", 0, NULL), &applied_cols);
	if (r == NULL)
		return false;
	s->n = (size_t)res_rows(r);
	s->rows = xcalloc(s->n, sizeof *s->rows);
	for (i = 0; i < res_rows(r); i++) {
		s->rows[i].version = (int)strtol(res_get(r, i, AP_VERSION), NULL, 10);
		s->rows[i].name = xstrdup(res_get(r, i, AP_NAME));
		s->rows[i].checksum = xstrdup(res_get(r, i, AP_CHECKSUM));
		s->rows[i].at = xstrdup(res_get(r, i, AP_AT));
		if (s->rows[i].version > s->max)
			s->max = s->rows[i].version;
	}
	res_free(r);
	return true;
}

static const struct applied *
applied_find(const struct applied_set *s, int version)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->rows[i].version == version)
			return &s->rows[i];
	return NULL;
}

static int
refuse_newer(int max)
{
	log_warn("the database schema is at version %d, but this kam knows "
	    "versions up to %d only: upgrade kam before using this database",
	    max, migrate_latest());
	return EX_DATAERR;
}

static int
db_failed(struct kam_db *db)
{
	log_warn("%s", db_error(db));
	return db_error_code(db);
}

static void
status_known(FILE *out, const struct kam_migration *m, const struct applied *a)
{
	char sum[17];

	checksum(m->sql, sum);
	if (a == NULL)
		fprintf(out, "%04d  %-20s  pending\n", m->version, m->name);
	else if (strcmp(a->checksum, sum) != 0)
		fprintf(out, "%04d  %-20s  changed since applied %s\n",
		    m->version, m->name, a->at);
	else
		fprintf(out, "%04d  %-20s  applied %s\n", m->version, m->name, a->at);
}

int
migrate_status(struct kam_db *db, FILE *out)
{
	struct applied_set s;
	size_t pending = 0;
	int rc = EX_OK;

	if (!applied_load(db, &s))
		return db_failed(db);
	for (size_t i = 0; i < kam_migrations_count; i++) {
		const struct applied *a = applied_find(&s, kam_migrations[i].version);

		status_known(out, &kam_migrations[i], a);
		pending += a == NULL;
	}
	for (size_t i = 0; i < s.n; i++)
		if (s.rows[i].version > migrate_latest())
			fprintf(out, "%04d  %-20s  unknown to this kam (applied %s)\n",
			    s.rows[i].version, s.rows[i].name, s.rows[i].at);
	if (s.max > migrate_latest())
		rc = refuse_newer(s.max);
	else if (pending > 0)
		fprintf(out, "%zu pending: run kam --db migrate\n", pending);
	else
		fprintf(out, "schema is up to date (version %d)\n", migrate_latest());
	applied_free(&s);
	return rc;
}

/* Takes the migration lock and tells whether m is still to be applied:
 * another kam may have applied it while this one waited. */
static int
lock_and_check(struct kam_db *db, const struct kam_migration *m, bool *todo)
{
	struct applied_set s;

	if (db_command(db, "SELECT pg_advisory_xact_lock(7206351)", 0, NULL) < 0)
		return db_failed(db);
	if (!applied_load(db, &s))
		return db_failed(db);
	*todo = applied_find(&s, m->version) == NULL;
	applied_free(&s);
	return EX_OK;
}

static int
apply_one(struct kam_db *db, const struct kam_migration *m, FILE *out)
{
	char ver[16], sum[17];
	const char *params[] = { ver, m->name, sum };
	bool todo = false;
	int rc;

	snprintf(ver, sizeof ver, "%d", m->version);
	checksum(m->sql, sum);
	if (db_command(db, "BEGIN", 0, NULL) < 0)
		return db_failed(db);
	if ((rc = lock_and_check(db, m, &todo)) != EX_OK || !todo)
		goto out;
	/* a migration may switch to kam_owner; the record is the migrator's */
	if (!db_script(db, m->sql) ||
	    db_command(db, "RESET ROLE", 0, NULL) < 0 ||
	    db_command(db, "INSERT INTO kam.schema_migration (version, name, "
	    "checksum) VALUES ($1, $2, $3)", 3, params) < 0) {
		log_warn("migration %04d %s failed, nothing of it was applied",
		    m->version, m->name);
		rc = db_failed(db);
		goto out;
	}
	if (db_command(db, "COMMIT", 0, NULL) < 0)
		return db_failed(db);
	fprintf(out, "applied %04d %s\n", m->version, m->name);
	return EX_OK;
out:
	db_command(db, "ROLLBACK", 0, NULL);
	return rc;
}

/* Migrations rewrite tables and build indexes: the planner's statistics
 * and the visibility map (which index-only scans need) are brought up to
 * date now, not whenever autovacuum gets round to it. */
static int
vacuum_after(struct kam_db *db)
{
	return db_script(db, "VACUUM (ANALYZE)") ? EX_OK : db_failed(db);
}

int
migrate_apply(struct kam_db *db, FILE *out)
{
	struct applied_set s;
	int rc = EX_OK, done = 0;

	if (!applied_load(db, &s))
		return db_failed(db);
	if (s.max > migrate_latest()) {
		rc = refuse_newer(s.max);
		applied_free(&s);
		return rc;
	}
	for (size_t i = 0; i < kam_migrations_count && rc == EX_OK; i++) {
		if (applied_find(&s, kam_migrations[i].version) != NULL)
			continue;
		rc = apply_one(db, &kam_migrations[i], out);
		done += rc == EX_OK;
	}
	applied_free(&s);
	if (rc == EX_OK && done == 0)
		fprintf(out, "schema is up to date (version %d)\n", migrate_latest());
	else if (rc == EX_OK)
		rc = vacuum_after(db);
	return rc;
}

/* What migrate_require reads, by name. */
enum { MC_COUNT, MC_LATEST, MC_NCOLS };
static const char *const count_names[MC_NCOLS] = {
	[MC_COUNT] = "n", [MC_LATEST] = "latest",
};
static const struct db_columns count_cols = DB_COLUMNS("schema version",
    count_names);

int
migrate_verdict(int n, int max)
{
	if (max > migrate_latest())
		return refuse_newer(max);
	if (n < (int)kam_migrations_count) {
		log_warn("the database schema is at version %d, kam needs %d: "
		    "run kam --db migrate", max, migrate_latest());
		return EX_UNAVAILABLE;
	}
	return EX_OK;
}

/* One round trip, since every data command pays it before its real work:
 * the count tells a partly migrated database, the maximum a newer one. */
int
migrate_require(struct kam_db *db)
{
	struct kam_res *r;
	int n, max;

	r = res_columns(db, db_query(db, MIGRATE_COUNT_SQL, 0, NULL),
	    &count_cols);
	if (r == NULL) {
		const char *state = db_error_sqlstate(db);

		/* undefined table or schema: nobody has migrated yet */
		if (strcmp(state, "42P01") != 0 && strcmp(state, "3F000") != 0)
			return db_failed(db);
		n = max = 0;
	} else {
		n = (int)strtol(res_get(r, 0, MC_COUNT), NULL, 10);
		max = (int)strtol(res_get(r, 0, MC_LATEST), NULL, 10);
		res_free(r);
	}
	return migrate_verdict(n, max);
}
