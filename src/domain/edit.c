/* Reads, saves with the version check, safe retries, operations, pick
 * lists and rights: one statement each, fixed text from edit_entities.c,
 * values as parameters. */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "edit_entity.h"
#include "kam/xalloc.h"

#define MAX_PARAMS 32

/* The columns of the statements with fixed results (edit_entity.h), by
 * name; a read's are its entity's own. */
enum { KEY_ID, KEY_VERSION, KEY_NCOLS };
static const char *const key_names[KEY_NCOLS] = {
	[KEY_ID] = "id", [KEY_VERSION] = "version",
};
static const struct db_columns key_cols = DB_COLUMNS("saved row", key_names);
static const char *const version_names[] = { "version" };
static const struct db_columns version_cols = DB_COLUMNS("update",
    version_names);
static const char *const done_names[] = { "done" };
static const struct db_columns done_cols = DB_COLUMNS("done", done_names);
enum { PICK_VALUE, PICK_LABEL, PICK_NCOLS };
static const char *const pick_names[PICK_NCOLS] = {
	[PICK_VALUE] = "value", [PICK_LABEL] = "label",
};
static const struct db_columns pick_cols = DB_COLUMNS("pick list", pick_names);
static const char *const warn_names[] = { "warning", "other_id", "other_name" };
static const struct db_columns warn_cols = DB_COLUMNS("warning", warn_names);
enum { RIGHTS_WRITE, RIGHTS_TICKETS, RIGHTS_SLA, RIGHTS_NCOLS };
static const char *const rights_names[RIGHTS_NCOLS] = {
	[RIGHTS_WRITE] = "may_write", [RIGHTS_TICKETS] = "tickets",
	[RIGHTS_SLA] = "may_write_sla",
};
static const struct db_columns rights_cols = DB_COLUMNS("rights",
    rights_names);

size_t
edit_ncolumns(enum edit_entity e)
{
	return edit_entities[e]->ncols;
}

const struct edit_column *
edit_column_at(enum edit_entity e, size_t i)
{
	return i < edit_entities[e]->ncols ? &edit_entities[e]->cols[i] : NULL;
}

const char *
edit_table(enum edit_entity e)
{
	return edit_entities[e]->table;
}

bool
edit_can_insert(enum edit_entity e)
{
	return edit_entities[e]->insert != NULL;
}

int
edit_column_find(enum edit_entity e, const char *name)
{
	for (size_t i = 0; name != NULL && i < edit_entities[e]->ncols; i++)
		if (strcmp(edit_entities[e]->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

void
edit_row_init(struct edit_row *r, enum edit_entity e)
{
	memset(r, 0, sizeof *r);
	r->entity = e;
	r->value = xcalloc(edit_ncolumns(e) + 1, sizeof *r->value);
}

void
edit_row_free(struct edit_row *r)
{
	for (size_t i = 0; r->value != NULL && i < edit_ncolumns(r->entity); i++)
		free(r->value[i]);
	free(r->value);
	free(r->id);
	free(r->version);
	free(r->parent);
	free(r->key);
	memset(r, 0, sizeof *r);
}

void
edit_str_set(char **slot, const char *v)
{
	char *copy = v ? xstrdup(v) : NULL;

	free(*slot);
	*slot = copy;
}

void
edit_row_set(struct edit_row *r, size_t col, const char *v)
{
	if (col < edit_ncolumns(r->entity))
		edit_str_set(&r->value[col], v);
}

void
edit_row_copy(struct edit_row *dst, const struct edit_row *src)
{
	edit_row_free(dst);
	edit_row_init(dst, src->entity);
	edit_str_set(&dst->id, src->id);
	edit_str_set(&dst->version, src->version);
	edit_str_set(&dst->parent, src->parent);
	edit_str_set(&dst->key, src->key);
	for (size_t i = 0; i < edit_ncolumns(src->entity); i++)
		edit_row_set(dst, i, src->value[i]);
}

bool
edit_value_equal(const struct edit_row *a, const struct edit_row *b, size_t col)
{
	const char *x = a->value[col], *y = b->value[col];

	return x == y || (x != NULL && y != NULL && strcmp(x, y) == 0);
}

bool
edit_new_key(char key[37])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	size_t k = 0;

	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		return false;
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);	/* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	for (size_t i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			key[k++] = '-';
		key[k++] = hex[r[i] >> 4];
		key[k++] = hex[r[i] & 0x0f];
	}
	key[k] = '\0';
	return true;
}

void
edit_error_init(struct edit_error *err)
{
	err->column = -1;
	err->lost = false;
	buf_init(&err->words);
}

void
edit_error_free(struct edit_error *err)
{
	buf_free(&err->words);
}

static const struct edit_constraint *
constraint_of(enum edit_entity e, const char *name)
{
	const struct edit_constraint *c = edit_entities[e]->constraints;

	for (; c != NULL && c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* The database's refusal in words a person can act on, at the column it
 * concerns when the server named a constraint or a column. */
static void
explain(struct kam_db *db, enum edit_entity e, struct edit_error *err)
{
	const char *state = db_error_sqlstate(db);
	const struct edit_constraint *c = constraint_of(e, db_error_constraint(db));

	buf_reset(&err->words);
	err->column = -1;
	if (c != NULL) {
		err->column = edit_column_find(e, c->column);
		buf_adds(&err->words, c->words);
	} else if (strcmp(state, "23502") == 0) {
		err->column = edit_column_find(e, db_error_column(db));
		buf_adds(&err->words, err->column >= 0 ? "is required" :
		    db_error(db));
	} else if (strcmp(state, "42501") == 0) {
		buf_adds(&err->words, edit_entities[e]->refused ?
		    edit_entities[e]->refused : "The database does not let your "
		    "login change this (your role, or not your account)");
	} else
		buf_adds(&err->words, db_error(db));
}

/* The connection is gone, or the server is going: a shutdown's error
 * comes while libpq still counts the connection as up. */
static bool
connection_lost(struct kam_db *db)
{
	const char *state = db_error_sqlstate(db);

	return !db_connected(db) || strncmp(state, "08", 2) == 0 ||
	    strncmp(state, "57P", 3) == 0;
}

static enum edit_outcome
failed(struct kam_db *db, enum edit_entity e, struct edit_error *err)
{
	err->lost = connection_lost(db);
	explain(db, e, err);
	return EDIT_FAILED;
}

bool
edit_read_send(struct kam_db *db, enum edit_entity e, const char *id)
{
	const char *p[] = { id };

	return db_send(db, edit_entities[e]->read, 1, p);
}

/* Checks that r, a read of e, returns the version and e's columns by
 * their names, as res_columns does. */
static struct kam_res *
read_columns(struct kam_db *db, struct kam_res *r, enum edit_entity e)
{
	const struct edit_entity_def *d = edit_entities[e];
	const char **names = xcalloc(d->ncols + 1, sizeof *names);
	struct db_columns want = { d->table, names, (int)d->ncols + 1 };

	names[0] = "version";
	for (size_t i = 0; i < d->ncols; i++)
		names[i + 1] = d->cols[i].name;
	r = res_columns(db, r, &want);
	free(names);
	return r;
}

/* The version and columns of a read row (see read_columns) into row. */
static void
take_row(const struct kam_res *r, struct edit_row *row)
{
	edit_str_set(&row->version, res_get(r, 0, 0));
	for (size_t i = 0; i < edit_ncolumns(row->entity); i++)
		edit_row_set(row, i, res_get(r, 0, (int)i + 1));
}

enum edit_outcome
edit_read_recv(struct kam_db *db, struct edit_row *row, struct edit_error *err)
{
	struct kam_res *r = read_columns(db, db_take(db), row->entity);

	if (r == NULL)
		return failed(db, row->entity, err);
	if (res_rows(r) == 0) {
		res_free(r);
		return EDIT_GONE;
	}
	take_row(r, row);
	res_free(r);
	return EDIT_SAVED;
}

/* The parameters of an insert (key, account) or update (id, version),
 * then the columns flagged so. */
static int
save_params(const struct edit_row *mine, const char **p)
{
	bool insert = mine->id == NULL;
	unsigned want = insert ? EC_INSERT : EC_UPDATE;
	int n = 0;

	p[n++] = insert ? mine->key : mine->id;
	p[n++] = insert ? mine->parent : mine->version;
	for (size_t i = 0; i < edit_ncolumns(mine->entity) && n < MAX_PARAMS; i++)
		if (edit_column_at(mine->entity, i)->flags & want)
			p[n++] = mine->value[i];
	return n;
}

bool
edit_save_send(struct kam_db *db, const struct edit_row *mine)
{
	const struct edit_entity_def *d = edit_entities[mine->entity];
	const char *p[MAX_PARAMS];
	int n = save_params(mine, p);

	return db_send(db, mine->id == NULL ? d->insert : d->update, n, p);
}

enum edit_outcome
edit_save_recv(struct kam_db *db, struct edit_row *mine, struct edit_error *err)
{
	bool insert = mine->id == NULL;
	struct kam_res *r = res_columns(db, db_take(db),
	    insert ? &key_cols : &version_cols);

	if (r == NULL)
		return failed(db, mine->entity, err);
	if (res_rows(r) == 0) {
		res_free(r);
		return EDIT_UNSURE;
	}
	if (insert)
		edit_str_set(&mine->id, res_get(r, 0, KEY_ID));
	edit_str_set(&mine->version, res_get(r, 0, insert ? KEY_VERSION : 0));
	res_free(r);
	return EDIT_SAVED;
}

bool
edit_check_send(struct kam_db *db, const struct edit_row *mine)
{
	const struct edit_entity_def *d = edit_entities[mine->entity];
	const char *p[] = { mine->id == NULL ? mine->key : mine->id };

	return db_send(db, mine->id == NULL ? d->find : d->read, 1, p);
}

/* Whether every column a save writes holds what mine would write. */
static bool
already_applied(const struct edit_row *mine, const struct edit_row *theirs)
{
	for (size_t i = 0; i < edit_ncolumns(mine->entity); i++)
		if ((edit_column_at(mine->entity, i)->flags & EC_UPDATE) &&
		    !edit_value_equal(mine, theirs, i))
			return false;
	return true;
}

static enum edit_outcome
check_update(struct kam_res *r, struct edit_row *mine, struct edit_row *theirs)
{
	edit_str_set(&theirs->id, mine->id);
	take_row(r, theirs);
	if (mine->version != NULL && strcmp(theirs->version, mine->version) == 0)
		return EDIT_REFUSED;
	if (!already_applied(mine, theirs))
		return EDIT_CONFLICT;
	edit_str_set(&mine->version, theirs->version);
	return EDIT_SAVED;
}

enum edit_outcome
edit_check_recv(struct kam_db *db, struct edit_row *mine, struct edit_row *theirs,
    struct edit_error *err)
{
	struct kam_res *r = db_take(db);
	enum edit_outcome o;

	r = mine->id != NULL ? read_columns(db, r, mine->entity) :
	    res_columns(db, r, &key_cols);
	if (r == NULL)
		return failed(db, mine->entity, err);
	if (res_rows(r) == 0)
		o = EDIT_GONE;
	else if (mine->id != NULL)
		o = check_update(r, mine, theirs);
	else {
		edit_str_set(&mine->id, res_get(r, 0, KEY_ID));
		edit_str_set(&mine->version, res_get(r, 0, KEY_VERSION));
		o = EDIT_SAVED;
	}
	res_free(r);
	return o;
}

bool
edit_op_send_value(struct kam_db *db, enum edit_op op, const char *id,
    const char *version, const char *value)
{
	const char *p[] = { id, version, value };

	return db_send(db, edit_ops[op]->update, edit_ops[op]->valued ? 3 : 2, p);
}

bool
edit_op_send(struct kam_db *db, enum edit_op op, const char *id,
    const char *version)
{
	return edit_op_send_value(db, op, id, version, NULL);
}

bool
edit_op_done_send_value(struct kam_db *db, enum edit_op op, const char *id,
    const char *value)
{
	const char *p[] = { id, value };

	return db_send(db, edit_ops[op]->done, edit_ops[op]->valued ? 2 : 1, p);
}

bool
edit_op_done_send(struct kam_db *db, enum edit_op op, const char *id)
{
	return edit_op_done_send_value(db, op, id, NULL);
}

/* Any row: SAVED; none: UNSURE. For an operation's update, and for its
 * "done" query when that says t. */
static enum edit_outcome
op_result(struct kam_db *db, struct edit_error *err, bool done_query)
{
	struct kam_res *r = res_columns(db, db_take(db),
	    done_query ? &done_cols : &version_cols);
	enum edit_outcome o;

	if (r == NULL) {
		err->lost = connection_lost(db);
		buf_reset(&err->words);
		buf_adds(&err->words, db_error(db));
		return EDIT_FAILED;
	}
	if (res_rows(r) == 0)
		o = done_query ? EDIT_GONE : EDIT_UNSURE;
	else if (done_query)
		o = strcmp(res_get(r, 0, 0), "t") == 0 ? EDIT_SAVED : EDIT_UNSURE;
	else
		o = EDIT_SAVED;
	res_free(r);
	return o;
}

enum edit_outcome
edit_op_recv(struct kam_db *db, struct edit_error *err)
{
	return op_result(db, err, false);
}

enum edit_outcome
edit_op_done_recv(struct kam_db *db, struct edit_error *err)
{
	return op_result(db, err, true);
}

bool
edit_pick_send(struct kam_db *db, enum edit_pick pick, const char *account_id,
    const char *current)
{
	const char *p[] = { account_id, current };

	return db_send(db, edit_picks[pick], 2, p);
}

bool
edit_pick_recv(struct kam_db *db, struct edit_choices *out)
{
	struct kam_res *r = res_columns(db, db_take(db), &pick_cols);

	memset(out, 0, sizeof *out);
	if (r == NULL)
		return false;
	out->n = (size_t)res_rows(r);
	out->item = xcalloc(out->n + 1, sizeof *out->item);
	for (size_t i = 0; i < out->n; i++) {
		const char *value = res_get(r, (int)i, PICK_VALUE);
		const char *label = res_get(r, (int)i, PICK_LABEL);

		out->item[i].value = xstrdup(value);
		out->item[i].label = xstrdup(label ? label : value);
	}
	res_free(r);
	return true;
}

bool
edit_pick_by_id(enum edit_pick p)
{
	return edit_pick_ids[p];
}

void
edit_choices_free(struct edit_choices *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->item[i].value);
		free(c->item[i].label);
	}
	free(c->item);
	memset(c, 0, sizeof *c);
}

bool
edit_warn_send(struct kam_db *db, enum edit_warn w, const struct edit_row *row)
{
	const struct edit_warn_def *d = edit_warns[w];
	const char *p[2 + 4] = { row->parent, row->id };
	int n = 2;

	for (const char *const *c = d->columns; *c != NULL && n < 6; c++) {
		int col = edit_column_find(row->entity, *c);

		p[n++] = col >= 0 ? row->value[col] : NULL;
	}
	return db_send(db, d->sql, n, p);
}

void
edit_lookalike_free(struct edit_lookalike *l)
{
	free(l->id);
	free(l->name);
	l->id = l->name = NULL;
}

bool
edit_warn_recv(struct kam_db *db, struct kam_buf *words,
    struct edit_lookalike *other, struct edit_error *err)
{
	struct kam_res *r = res_columns(db, db_take(db), &warn_cols);

	buf_reset(words);
	edit_lookalike_free(other);
	if (r == NULL) {
		err->lost = !db_connected(db);
		buf_reset(&err->words);
		buf_adds(&err->words, db_error(db));
		return false;
	}
	if (res_rows(r) > 0 && res_get(r, 0, 0) != NULL)
		buf_adds(words, res_get(r, 0, 0));
	if (res_rows(r) > 0 && res_get(r, 0, 1) != NULL && words->len > 0) {
		other->id = xstrdup(res_get(r, 0, 1));
		other->name = xstrdup(res_get(r, 0, 2) ? res_get(r, 0, 2) : "");
	}
	res_free(r);
	return true;
}

/* The policies of 0003_security.sql, asked of the database: they key on
 * role membership and on kam.can_write_account; the service level's on
 * kam.may_write_service_level (0050), managers' and support's alike. */
bool
edit_rights_send(struct kam_db *db, const char *account_id)
{
	const char *p[] = { account_id };

	return db_send_columns(db, "SELECT pg_has_role('kam_admin', 'USAGE') OR "
	    "(pg_has_role('kam_manager', 'USAGE') AND "
	    "kam.can_write_account($1::bigint)) AS may_write, "
	    "pg_has_role('kam_support', 'USAGE') AS tickets, "
	    "pg_has_role('kam_admin', 'USAGE') OR "
	    "((pg_has_role('kam_manager', 'USAGE') OR "
	    "pg_has_role('kam_support', 'USAGE')) AND "
	    "kam.may_write_service_level($1::bigint)) AS may_write_sla",
	    1, p, &rights_cols);
}

bool
edit_rights_recv(struct kam_db *db, struct edit_rights *rights)
{
	struct kam_res *r = db_take(db);

	memset(rights, 0, sizeof *rights);
	if (r == NULL)
		return false;
	if (res_rows(r) == 1) {
		rights->write = strcmp(res_get(r, 0, RIGHTS_WRITE), "t") == 0;
		rights->tickets = strcmp(res_get(r, 0, RIGHTS_TICKETS), "t") == 0;
		rights->sla = strcmp(res_get(r, 0, RIGHTS_SLA), "t") == 0;
	}
	res_free(r);
	return true;
}
