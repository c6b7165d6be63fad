/* What the tests of saving from the client share (tests/unit/db/
 * test_edit*.c, under tests/lib/with-pg). */
#ifndef KAM_TEST_EDITTEST_H
#define KAM_TEST_EDITTEST_H

#include "kam/db.h"
#include "kam/edit.h"

/* Waits for the statement sent; reads the end of the one taken. */
void	edittest_settle(struct kam_db *db);
void	edittest_drain(struct kam_db *db);
/* A save, and its check when it changed nothing. */
enum edit_outcome edittest_save(struct kam_db *db, struct edit_row *mine,
	    struct edit_row *theirs, struct edit_error *err);
void	edittest_set(struct edit_row *r, const char *column, const char *v);
/* Reads row id of e into row (initialised here). */
void	edittest_read_row(struct kam_db *db, struct edit_row *row,
	    enum edit_entity e, const char *id);

/* One user editing one row: their connection, the row as read, what
 * a check finds, the error. */
struct edit_case {
	struct kam_db		*db;
	struct edit_row		 mine, theirs;
	struct edit_error	 err;
};

/* user's connection, and row id of e as read (a new row when NULL) */
void	edittest_case_open(struct edit_case *c, const char *user,
	    enum edit_entity e, const char *id);
enum edit_outcome edittest_case_save(struct edit_case *c);
void	edittest_case_close(struct edit_case *c);

#endif
