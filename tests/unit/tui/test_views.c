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
#include <time.h>
#include <ftw.h>
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
#include "requests.h"
#include "services.h"
#include "status_line.h"
#include "table_tab.h"
#include "kam/draft.h"
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
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* A fresh XDG_STATE_HOME for drafts; rm_state takes it away again. */
static char *
new_state(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xcalloc(1, 4096);

	snprintf(dir, 4096, "%s/kam-test-views-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	setenv("XDG_STATE_HOME", dir, 1);
	return dir;
}

static void
rm_state(char *dir)
{
	assert_int_equal(nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS), 0);
	free(dir);
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
	assert_non_null(strstr(painted(t, 1), "On the list q quits"));
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

static bool
queued_slot(const struct tui *t, const struct view *v, int slot)
{
	for (int i = 0; i < t->nqueued; i++)
		if (t->queue[i].owner == v && t->queue[i].slot == slot)
			return true;
	return false;
}

/* req_submit_after, the debounce: it waits its time, a newer one of the
 * same slot replaces it, then it is queued; req_drop and the view's
 * going drop it. */
static void
test_request_after(void **state)
{
	struct tui *t = *state;
	struct view *v;
	int wait;

	tui_push(t, view_accounts_new(t));
	v = t->top;
	req_submit_after(t, v, 99, 0, 60);
	req_submit_after(t, v, 99, 0, 60);
	assert_int_equal(t->nlater, 1);
	wait = req_later_timeout(t);
	assert_true(wait > 0 && wait <= 61);
	req_later_due(t);
	assert_false(queued_slot(t, v, 99));	/* not yet */
	nanosleep(&(struct timespec){ 0, 80 * 1000 * 1000 }, NULL);
	req_later_due(t);
	assert_int_equal(t->nlater, 0);
	assert_true(queued_slot(t, v, 99));
	assert_int_equal(req_later_timeout(t), -1);
	req_submit_after(t, v, 99, 0, 60);
	req_drop(t, v, 99);
	assert_int_equal(t->nlater, 0);
	assert_false(queued_slot(t, v, 99));
	req_submit_after(t, v, 99, 0, 60);
	tui_pop(t);
	assert_int_equal(t->nlater, 0);
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
	char *dir = new_state();

	tui_push(t, view_accounts_new(t));
	view_drafts_offer(t);
	assert_null(t->top->below);		/* nothing offered */
	rm_state(dir);
}

static void
write_draft(const char *dir, const char *name, const char *user,
    const char *subject)
{
	struct kam_draft d;
	struct kam_buf path, err;

	draft_init(&d);
	buf_init(&path);
	buf_init(&err);
	draft_set(&d, "user", user);
	draft_set(&d, "form", "interaction");
	draft_set(&d, "account", "42");
	draft_set(&d, "account-name", "Müller GmbH");
	draft_set(&d, "field.subject", subject);
	buf_addf(&path, "%s/%s.draft", dir, name);
	assert_true(draft_write(path.data, &d, &err));
	draft_free(&d);
	buf_free(&path);
	buf_free(&err);
}

/* The drafts dialog: this login's drafts only, j moves, d asks before it
 * discards, Esc keeps the rest for the next start. */
static void
test_drafts_dialog(void **state)
{
	struct tui *t = *state;
	char *state_dir = new_state();
	struct kam_buf dir, err, gone;

	buf_init(&dir);
	buf_init(&err);
	buf_init(&gone);
	assert_true(draft_dir(&dir, &err));
	write_draft(dir.data, "a", "anna", "Send the offer");
	write_draft(dir.data, "b", "anna", "Call back");
	write_draft(dir.data, "c", "bo", "Not anna's");
	tui_push(t, view_accounts_new(t));
	view_drafts_offer(t);
	assert_non_null(t->top->below);
	assert_non_null(strstr(painted(t, 0), "Unsaved drafts"));
	assert_non_null(strstr(fake_screen_line(28), "Draft 1 of 2"));
	assert_false(fake_screen_has("Not anna's"));
	keys(t, "j");
	assert_non_null(strstr(painted(t, 28), "Draft 2 of 2"));
	keys(t, "dn");				/* asked, and kept */
	assert_non_null(strstr(painted(t, 28), "Draft 2 of 2"));
	keys(t, "d");
	assert_string_equal(painted(t, 29), "Discard this draft for good? (y/n)");
	keys(t, "y");
	assert_string_equal(t->message.data, "Draft discarded.");
	assert_non_null(strstr(painted(t, 28), "Draft 1 of 1"));
	keys(t, "\033");
	assert_null(t->top->below);
	assert_string_equal(t->message.data, "The drafts stay for the next start.");
	/* one of the two is gone from the disk, bo's is untouched */
	buf_addf(&gone, "%s/a.draft", dir.data);
	assert_int_equal(access(gone.data, F_OK), 0);
	buf_reset(&gone);
	buf_addf(&gone, "%s/b.draft", dir.data);
	assert_int_not_equal(access(gone.data, F_OK), 0);
	buf_reset(&gone);
	buf_addf(&gone, "%s/c.draft", dir.data);
	assert_int_equal(access(gone.data, F_OK), 0);
	buf_free(&dir);
	buf_free(&err);
	buf_free(&gone);
	rm_state(state_dir);
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
		cmocka_unit_test_setup_teardown(test_request_after, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_agenda, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_drafts_no_dialog, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_drafts_dialog, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
