/* Schema migrations: numbered SQL files embedded in the binary, applied in
 * order, one transaction each, recorded in kam.schema_migration. */
#ifndef KAM_MIGRATE_H
#define KAM_MIGRATE_H

#include <stddef.h>
#include <stdio.h>

#include "kam/db.h"

struct kam_migration {
	int		 version;
	const char	*name;
	const char	*sql;
};

/* Generated from src/db/migrations/ at build time, in version order. */
extern const struct kam_migration	kam_migrations[];
extern const size_t			kam_migrations_count;

int	migrate_latest(void);	/* highest version this binary knows */

/* Lists every migration as applied, pending, changed (applied from a
 * different text) or unknown (the database is newer). Returns an exit code. */
int	migrate_status(struct kam_db *db, FILE *out);
/* Applies what is pending; refuses a database newer than the binary. */
int	migrate_apply(struct kam_db *db, FILE *out);
/* For commands that need the schema: 0 when it is exactly current, else
 * prints why and returns the exit code. */
int	migrate_require(struct kam_db *db);
/* The same verdict on what MIGRATE_COUNT_SQL returned (n, latest), for a
 * command that folds the check into its own statement. */
int	migrate_verdict(int n, int latest);
#define MIGRATE_COUNT_SQL "SELECT count(*) AS n, coalesce(max(version), 0) " \
	"AS latest FROM kam.schema_migration"

#endif
