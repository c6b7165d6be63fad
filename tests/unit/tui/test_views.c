/* The views' state machines driven by keys through the key table, as the
 * loop hands them over (input.c), without a terminal or a database: the
 * screen is fake_screen.c, and requests stay queued where a test sees
 * them (the connection counts as lost). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "account_screen.h"
#include "accounts_screen.h"
#include "agenda_screen.h"
#include "drafts_dialog.h"
#include "fake_screen.h"
#include "help_screen.h"
#include "input.h"
#include "message.h"
#include "services.h"
#include "status_line.h"
#include "table_tab.h"
#include "kam/xalloc.h"

static void
keys(struct tui *t, const char *s)
{
	for (; *s; s++)
		tui_key(t, (unsigned char)*s);
}

static void
paint(struct tui *t)
{
	fake_screen_clear();
	draw_screen(t);
}

/* Line y of the screen as painted now. */
static const char *
painted(struct tui *t, int y)
{
	paint(t);
	return fake_screen_line(y);
}

static bool
queued_for(const struct tui *t, const struct view *v)
{
	for (int i = 0; i < t->nqueued; i++)
		if (t->queue[i].owner == v || t->queue[i].owner->parent == v)
			return true;
	return false;
}

static int
setup(void **state)
{
	struct tui *t = xcalloc(1, sizeof *t);

	fake_tui_init(t, 100, 30);
	t->user.role_name = xstrdup("anna");
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct tui *t = *state;

	fake_tui_free(t);
	free(t->user.role_name);
	free(t);
	return 0;
}

/* The frame: title, the view's status and the database's state on the
 * status line, messages and questions on the bottom line. */
static void
test_status_line(void **state)
{
	struct tui *t = *state;

	tui_push(t, view_help_new(t));
	assert_non_null(strstr(painted(t, 0), "kam - Help"));
	assert_non_null(strstr(fake_screen_line(0), "? help"));
	assert_non_null(strstr(fake_screen_line(28), "lines 1-"));
	assert_non_null(strstr(fake_screen_line(28), "anna | db LOST, retry in"));
	tui_message(t, true, "Something went wrong.");
	assert_string_equal(painted(t, 29), "Something went wrong.");
	tui_ask(t, t->top, 1, "Really?");
	assert_string_equal(painted(t, 29), "Really? (y/n)");
	t->ask.active = false;
	t->cols = 60;
	paint(t);
	assert_true(fake_screen_has("Terminal too small: 60x30"));
}

static void
test_help_opens_once_finds_and_closes(void **state)
{
	struct tui *t = *state;

	tui_push(t, view_accounts_new(t));
	keys(t, "?");
	assert_true(view_is_help(t->top));
	keys(t, "?");
	assert_true(view_is_help(t->top));
	assert_false(view_is_help(t->top->below));
	keys(t, "/quit\r");
	assert_string_equal(t->search, "quit");
	assert_non_null(strstr(painted(t, 1), "quit on the list"));
	keys(t, "n");
	assert_string_equal(t->message.data, "");	/* found again */
	keys(t, "/no such thing\r");
	keys(t, "n");
	assert_string_equal(t->message.data, "Not found: no such thing");
	keys(t, "q");
	assert_false(view_is_help(t->top));
	assert_non_null(t->top);
	keys(t, "q");				/* the last screen: quits */
	assert_true(t->quit);
}

static void
test_accounts_list_asks_and_sorts(void **state)
{
	struct tui *t = *state;
	int asked;

	tui_push(t, view_accounts_new(t));
	assert_true(queued_for(t, t->top));
	asked = t->nqueued;
	assert_non_null(strstr(painted(t, 1), "Name ^"));
	keys(t, "s");
	assert_non_null(strstr(painted(t, 1), "Tier ^"));
	keys(t, "r");
	assert_non_null(strstr(painted(t, 1), "Tier v"));
	/* a newer request replaces the waiting one of the same slot */
	assert_true(t->nqueued <= asked + 1);
	keys(t, "jjkG");			/* no rows yet: nothing moves */
	assert_false(t->quit);
}

static void
test_account_tabs(void **state)
{
	struct tui *t = *state;
	struct view *account;

	tui_push(t, view_accounts_new(t));
	account = view_account_open(t, "42", "Müller GmbH", 0);
	assert_ptr_equal(t->top, account);
	assert_true(queued_for(t, account));	/* the overview and the rights */
	assert_non_null(strstr(painted(t, 0), "kam - Müller GmbH"));
	assert_non_null(strstr(fake_screen_line(1), "Overview"));
	assert_non_null(strstr(fake_screen_line(1), "Contacts"));
	assert_non_null(strstr(fake_screen_line(28), "Overview"));
	keys(t, "\t");
	assert_non_null(strstr(painted(t, 28), "Contacts"));
	keys(t, "h");
	assert_non_null(strstr(painted(t, 28), "Overview"));
	keys(t, "h");				/* wraps to the last tab */
	assert_non_null(strstr(painted(t, 28), "Changes"));
	keys(t, "l");
	assert_non_null(strstr(painted(t, 28), "Overview"));
	keys(t, "7");
	assert_non_null(strstr(painted(t, 28), "Orders"));
	/* the service level tab has no ":" commands: the account view does
	 * not forward one to it */
	keys(t, "4:filter mine\r");
	assert_non_null(strstr(painted(t, 28), "Service level"));
	keys(t, "/x\rn");
	assert_string_equal(t->message.data, "Not found: x");
	/* forms wait for what the user may change here */
	keys(t, "L");
	assert_non_null(strstr(t->message.data, "Still reading what you may change"));
	keys(t, "q");
	assert_ptr_not_equal(t->top, account);
	assert_false(queued_for(t, account));	/* its requests went with it */
}

/* issue 12: "/x" then Enter on an empty agenda */
static void
test_empty_agenda(void **state)
{
	struct tui *t = *state;
	struct table_tab *tt;

	tui_push(t, view_accounts_new(t));
	keys(t, "A");
	tt = (struct table_tab *)t->top;
	assert_true(queued_for(t, t->top));
	assert_non_null(strstr(painted(t, 0), "Agenda"));
	assert_true(fake_screen_has("Loading..."));
	tt->tb.loaded = true;			/* the rows came: none */
	paint(t);
	assert_true(fake_screen_has("Nothing due"));
	keys(t, "/x\r");
	keys(t, "\rjG");
	keys(t, "n");
	assert_string_equal(t->message.data, "Not found: x");
	keys(t, "A");				/* in front: read again */
	assert_ptr_equal(t->top, &tt->v);
	keys(t, "q");
	assert_ptr_not_equal(t->top, &tt->v);
}

static void
test_no_drafts_no_dialog(void **state)
{
	struct tui *t = *state;
	char dir[] = "/tmp/kam-test-views-XXXXXX";

	assert_non_null(mkdtemp(dir));
	setenv("XDG_STATE_HOME", dir, 1);
	tui_push(t, view_accounts_new(t));
	view_drafts_offer(t);
	assert_null(t->top->below);		/* nothing offered */
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_status_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_opens_once_finds_and_closes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_accounts_list_asks_and_sorts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_account_tabs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_agenda, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_drafts_no_dialog, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
