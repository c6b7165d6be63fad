/* The agenda's and the Changes tab's state without a terminal: the
 * agenda's filter words, ":agenda", and an audit entry in full as pager
 * lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "agenda_filter.h"
#include "change_lines.h"
#include "cmdline.h"
#include "text.h"
#include "kam/agenda.h"
#include "kam/xalloc.h"

static void
test_agenda_filter(void **state)
{
	struct agenda_filter f = { 0 };
	struct kam_buf err, d;

	(void)state;
	buf_init(&err);
	buf_init(&d);
	assert_true(agenda_filter_parse(" overdue  kind=action", &f, &err));
	assert_true(f.overdue);
	assert_string_equal(f.kind, AGENDA_ACTION);
	agenda_filter_describe(&d, &f);
	assert_string_equal(d.data, "overdue kind=action");
	assert_true(agenda_filter_parse("kind=talk", &f, &err));
	assert_false(f.overdue);	/* the words replace the filter */
	assert_string_equal(f.kind, AGENDA_TALK);
	assert_false(agenda_filter_parse("kind=meeting", &f, &err));
	assert_string_equal(err.data,
	    "kind cannot be 'meeting' (follow-up, action, talk, "
	    "contact, renewal, condition)");
	assert_string_equal(f.kind, AGENDA_TALK);	/* unchanged on error */
	buf_reset(&err);
	assert_false(agenda_filter_parse("overdue tier=key", &f, &err));
	assert_string_equal(err.data, "unknown agenda filter 'tier=key' (overdue, kind=)");
	assert_false(f.overdue);
	assert_true(agenda_filter_parse("", &f, &err));
	assert_null(f.kind);
	buf_reset(&d);
	agenda_filter_describe(&d, &f);
	assert_string_equal(d.data, "");
	buf_free(&err);
	buf_free(&d);
}

static void
test_agenda_command(void **state)
{
	char line[16];
	struct cmd c;
	struct kam_buf err;

	(void)state;
	buf_init(&err);
	snprintf(line, sizeof line, " agenda ");
	assert_true(cmd_parse(line, &c, &err));
	assert_int_equal(c.kind, CMD_AGENDA);
	buf_free(&err);
}

/* rows of AQ_CHANGE: at, who, what, op, field, old, new */
static void
change_rows(struct acct_rows *r, const char *op, const char *const *fields,
    size_t n)
{
	r->nrows = n;
	r->ncols = CE_NFIELDS;
	r->cell = xcalloc(n * CE_NFIELDS + 1, sizeof *r->cell);
	for (size_t i = 0; i < n; i++) {
		char **row = r->cell + i * CE_NFIELDS;

		row[CE_AT] = xstrdup("2026-12-02 10:15");
		row[CE_WHO] = xstrdup("Anna Lindqvist (anna)");
		row[CE_WHAT] = xstrdup("contact Jana Novak");
		row[CE_OP] = xstrdup(op);
		row[CE_FIELD] = xstrdup(fields[3 * i]);
		row[CE_OLD] = fields[3 * i + 1] ? xstrdup(fields[3 * i + 1]) : NULL;
		row[CE_NEW] = fields[3 * i + 2] ? xstrdup(fields[3 * i + 2]) : NULL;
	}
}

static void
test_change_lines_old_and_new(void **state)
{
	static const char *const fields[] = {
		"email", NULL, "jana@example.com",
		"notes", "short", "a long note that wraps at the pager's width \x1b[2J",
	};
	struct acct_rows r;
	char **lines;
	size_t n;

	(void)state;
	change_rows(&r, "changed", fields, 2);
	n = change_lines(&r, 30, &lines);
	assert_string_equal(lines[0], "When         2026-12-02 10:15");
	assert_string_equal(lines[1], "Who          Anna Lindqvist ");
	assert_string_equal(lines[2], "             (anna)");
	assert_string_equal(lines[3], "What         contact Jana ");
	assert_string_equal(lines[4], "             Novak");
	assert_string_equal(lines[5], "Change       changed");
	assert_string_equal(lines[6], "");
	assert_string_equal(lines[7], "email");
	assert_string_equal(lines[8], "  old: (none)");
	assert_string_equal(lines[9], "  new: jana@example.com");
	assert_string_equal(lines[10], "notes");
	assert_string_equal(lines[11], "  old: short");
	assert_string_equal(lines[12], "  new: a long note that wraps ");
	assert_string_equal(lines[13], "       at the pager's width ");
	/* the escape is made visible, never sent as it is */
	assert_string_equal(lines[14], "       ^[[2J");
	assert_int_equal(n, 15);
	for (size_t i = 0; i < n; i++)
		assert_true(text_width(lines[i]) <= 30);
	strv_free(lines, n);
	acct_rows_free(&r);
}

static void
test_change_lines_added_row(void **state)
{
	static const char *const fields[] = {
		"name", NULL, "Jana Novak", "phone", NULL, NULL,
	};
	struct acct_rows r;
	char **lines;
	size_t n;

	(void)state;
	change_rows(&r, "added", fields, 2);
	n = change_lines(&r, 60, &lines);
	/* what the row held; its empty fields say nothing */
	assert_int_equal(n, 7);
	assert_string_equal(lines[5], "name");
	assert_string_equal(lines[6], "  new: Jana Novak");
	strv_free(lines, n);
	acct_rows_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agenda_filter),
		cmocka_unit_test(test_agenda_command),
		cmocka_unit_test(test_change_lines_old_and_new),
		cmocka_unit_test(test_change_lines_added_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
