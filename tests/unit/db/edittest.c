/* What the tests of saving from the client share (test_edit.c,
 * test_edit_forms.c): waiting for a statement as the main loop would, a
 * save with its check, and one user editing one row. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <poll.h>
#include <cmocka.h>

#include "edittest.h"
#include "pgtest.h"

/* Waits for the statement sent, as the client's main loop would. */
void
edittest_settle(struct kam_db *db)
{
	enum db_wait w;

	while ((w = db_poll(db)) != DB_READY) {
		struct pollfd p = { db_socket(db), w == DB_WAIT_WRITE ? POLLOUT : POLLIN, 0 };

		assert_int_not_equal(w, DB_BROKEN);
		poll(&p, 1, 5000);
	}
}

/* Reads the end of the statement taken, so that the next may go. */
void
edittest_drain(struct kam_db *db)
{
	while (!db_idle(db)) {
		struct pollfd p = { db_socket(db), POLLIN, 0 };

		poll(&p, 1, 5000);
		db_poll(db);
	}
}

enum edit_outcome
edittest_save(struct kam_db *db, struct edit_row *mine, struct edit_row *theirs,
    struct edit_error *err)
{
	enum edit_outcome o;

	assert_true(edit_save_send(db, mine));
	edittest_settle(db);
	o = edit_save_recv(db, mine, err);
	edittest_drain(db);
	if (o != EDIT_UNSURE)
		return o;
	assert_true(edit_check_send(db, mine));
	edittest_settle(db);
	o = edit_check_recv(db, mine, theirs, err);
	edittest_drain(db);
	return o;
}

void
edittest_set(struct edit_row *r, const char *column, const char *v)
{
	int col = edit_column_find(r->entity, column);

	assert_true(col >= 0);
	edit_row_set(r, (size_t)col, v);
}

void
edittest_read_row(struct kam_db *db, struct edit_row *row, enum edit_entity e,
    const char *id)
{
	struct edit_error err;

	edit_error_init(&err);
	edit_row_init(row, e);
	edit_str_set(&row->id, id);
	assert_true(edit_read_send(db, e, id));
	edittest_settle(db);
	assert_int_equal(edit_read_recv(db, row, &err), EDIT_SAVED);
	edittest_drain(db);
	edit_error_free(&err);
}

void
edittest_case_open(struct edit_case *c, const char *user, enum edit_entity e,
    const char *id)
{
	c->db = pgtest_login(user);
	edit_error_init(&c->err);
	edit_row_init(&c->theirs, e);
	if (id != NULL)
		edittest_read_row(c->db, &c->mine, e, id);
	else
		edit_row_init(&c->mine, e);
}

enum edit_outcome
edittest_case_save(struct edit_case *c)
{
	return edittest_save(c->db, &c->mine, &c->theirs, &c->err);
}

void
edittest_case_close(struct edit_case *c)
{
	edit_row_free(&c->mine);
	edit_row_free(&c->theirs);
	edit_error_free(&c->err);
	db_close(c->db);
}
