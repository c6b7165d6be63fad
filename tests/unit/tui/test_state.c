/* View state without a terminal: the cursor, the account list's window
 * over a long result and the pages it asks for, the prompt's editing, and
 * ":" commands and filters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "accounts_paging.h"
#include "cmdline.h"
#include "listnav.h"
#include "prompt.h"
#include "client.h"
#include "requests.h"
#include "kam/xalloc.h"

static void
test_listnav_moves(void **state)
{
	struct listnav nav = { .n = 100, .height = 10 };

	(void)state;
	listnav_act(&nav, ACT_MOVE_DOWN);
	assert_int_equal(nav.cursor, 1);
	listnav_act(&nav, ACT_MOVE_HALF_DOWN);
	assert_int_equal(nav.cursor, 6);
	listnav_act(&nav, ACT_MOVE_PAGE_DOWN);
	assert_int_equal(nav.cursor, 16);
	assert_true(nav.cursor >= nav.top && nav.cursor < nav.top + nav.height);
	listnav_act(&nav, ACT_MOVE_LAST);
	assert_int_equal(nav.cursor, 99);
	assert_int_equal(nav.top, 90);
	listnav_act(&nav, ACT_MOVE_DOWN);
	assert_int_equal(nav.cursor, 99);
	listnav_act(&nav, ACT_MOVE_HALF_UP);
	assert_int_equal(nav.cursor, 94);
	listnav_act(&nav, ACT_MOVE_FIRST);
	assert_int_equal(nav.cursor, 0);
	assert_int_equal(nav.top, 0);
	listnav_act(&nav, ACT_MOVE_UP);
	assert_int_equal(nav.cursor, 0);
	assert_false(listnav_act(&nav, ACT_HELP));
}

static void
test_listnav_pager_and_empty(void **state)
{
	struct listnav pager = { .n = 30, .height = 10, .scroll_only = true };
	struct listnav empty = { .n = 0, .height = 10 };

	(void)state;
	listnav_act(&pager, ACT_MOVE_LAST);
	assert_int_equal(pager.top, 20);
	listnav_act(&pager, ACT_MOVE_PAGE_UP);
	assert_int_equal(pager.top, 10);
	listnav_act(&empty, ACT_MOVE_DOWN);
	listnav_act(&empty, ACT_MOVE_LAST);
	assert_int_equal(empty.cursor, 0);
}

/* A page of rows first .. first + n - 1 of a result, as the database
 * would send them for from. */
static void
make_page(struct acct_page *p, long first, size_t n)
{
	char s[32];

	p->n = n;
	p->rows = xcalloc(n + 1, sizeof *p->rows);
	for (size_t i = 0; i < n; i++) {
		snprintf(s, sizeof s, "%ld", first + (long)i);
		p->rows[i].key.sort = xstrdup(s);
		p->rows[i].key.id = xstrdup(s);
		p->rows[i].field[ACOL_NAME] = xstrdup(s);
	}
}

static void
test_acctlist_pages_forward_and_keeps_memory_flat(void **state)
{
	struct acctlist l;
	struct acct_page p;
	const struct acct_key *key = NULL;
	int need;

	(void)state;
	acctlist_init(&l);
	acctlist_set_height(&l, 20);
	make_page(&p, 0, ACCTLIST_PAGE);
	acctlist_take(&l, &p, ACCT_FIRST);
	acctlist_set_total(&l, 100000);
	assert_int_equal(acctlist_position(&l), 0);
	/* moving down near the end of the window asks for the next page */
	for (need = -1; need < 0;)
		need = acctlist_act(&l, ACT_MOVE_PAGE_DOWN, &key);
	assert_int_equal(need, ACCT_AFTER);
	assert_string_equal(key->id, "99");
	for (long first = 100; first < 1000; first += ACCTLIST_PAGE) {
		make_page(&p, first, ACCTLIST_PAGE);
		acctlist_take(&l, &p, ACCT_AFTER);
		assert_true(l.nav.n <= ACCTLIST_MAX);
		while (acctlist_act(&l, ACT_MOVE_PAGE_DOWN, &key) < 0)
			;
	}
	assert_int_equal(l.nav.n, ACCTLIST_MAX);
	assert_false(l.at_start);
	assert_int_equal(acctlist_position(&l),
	    strtol(acctlist_selected(&l)->key.id, NULL, 10));
	/* and back up: the window asks for what it dropped */
	acctlist_act(&l, ACT_MOVE_FIRST, &key);
	assert_int_equal(acctlist_act(&l, ACT_MOVE_FIRST, &key), ACCT_FIRST);
	acctlist_free(&l);
}

/* A reload that finds an account inserted above the cursor: the cursor
 * stays on its account (live screens), not on its line. */
static void
test_acctlist_reload_keeps_the_account(void **state)
{
	struct acctlist l;
	struct acct_page p;

	(void)state;
	acctlist_init(&l);
	acctlist_set_height(&l, 20);
	make_page(&p, 10, 5);
	acctlist_take(&l, &p, ACCT_FIRST);
	l.nav.cursor = 2;	/* on "12" */
	make_page(&p, 9, 6);	/* "9" came in before it */
	acctlist_take_reload(&l, &p, ACCT_FIRST, 0, 2);
	assert_string_equal(acctlist_selected(&l)->key.id, "12");
	assert_int_equal(l.nav.cursor, 3);
	acctlist_free(&l);
}

static void
test_acctlist_last_page_and_back(void **state)
{
	struct acctlist l;
	struct acct_page p;
	const struct acct_key *key = NULL;

	(void)state;
	acctlist_init(&l);
	acctlist_set_height(&l, 20);
	make_page(&p, 0, ACCTLIST_PAGE);
	acctlist_take(&l, &p, ACCT_FIRST);
	assert_int_equal(acctlist_act(&l, ACT_MOVE_LAST, &key), ACCT_LAST);
	make_page(&p, 99900, ACCTLIST_PAGE);
	acctlist_take(&l, &p, ACCT_LAST);
	assert_int_equal(acctlist_position(&l), -1);	/* not counted yet */
	assert_int_equal(acctlist_from_end(&l), 0);
	acctlist_act(&l, ACT_MOVE_UP, &key);
	assert_int_equal(acctlist_from_end(&l), 1);
	acctlist_act(&l, ACT_MOVE_LAST, &key);
	acctlist_set_total(&l, 100000);
	assert_int_equal(acctlist_position(&l), 99999);
	assert_string_equal(acctlist_selected(&l)->key.id, "99999");
	/* near the top of this window, the page before is wanted */
	while (acctlist_act(&l, ACT_MOVE_PAGE_UP, &key) != ACCT_BEFORE)
		;
	assert_string_equal(key->id, "99900");
	make_page(&p, 99800, ACCTLIST_PAGE);
	acctlist_take(&l, &p, ACCT_BEFORE);
	assert_int_equal(l.base, 99800);
	assert_int_equal(acctlist_position(&l),
	    strtol(acctlist_selected(&l)->key.id, NULL, 10));
	acctlist_free(&l);
}

static void
test_acctlist_short_result(void **state)
{
	struct acctlist l;
	struct acct_page p;
	const struct acct_key *key = NULL;

	(void)state;
	acctlist_init(&l);
	acctlist_set_height(&l, 20);
	make_page(&p, 0, 3);
	acctlist_take(&l, &p, ACCT_FIRST);
	assert_true(l.at_start && l.at_end);
	assert_int_equal(acctlist_act(&l, ACT_MOVE_LAST, &key), -1);
	assert_int_equal(acctlist_position(&l), 2);
	acctlist_clear(&l);
	assert_null(acctlist_selected(&l));
	acctlist_free(&l);
}

static void
test_prompt_edits_utf8(void **state)
{
	struct prompt p;

	(void)state;
	prompt_init(&p);
	prompt_open(&p, '/', "");
	prompt_insert(&p, 'm');
	prompt_insert(&p, 0xfc);	/* ü */
	prompt_insert(&p, 'l');
	assert_string_equal(p.ed.text.data, "m\xc3\xbcl");
	assert_int_equal(prompt_act(&p, ACT_CURSOR_LEFT), PROMPT_MOVED);
	assert_int_equal(prompt_act(&p, ACT_ERASE), PROMPT_EDITED);
	assert_string_equal(p.ed.text.data, "ml");
	assert_int_equal(prompt_insert(&p, 0x1b), PROMPT_IGNORED);
	assert_int_equal(prompt_insert(&p, 0x202e), PROMPT_IGNORED);
	assert_int_equal(prompt_act(&p, ACT_ACCEPT), PROMPT_ACCEPT);
	prompt_open(&p, ':', "");
	assert_int_equal(prompt_act(&p, ACT_ERASE), PROMPT_CANCEL);
	prompt_free(&p);
}

static void
test_commands(void **state)
{
	char line[64];
	struct cmd c;
	struct kam_buf err;

	(void)state;
	buf_init(&err);
	snprintf(line, sizeof line, "  account  M\xc3\xbcller GmbH ");
	assert_true(cmd_parse(line, &c, &err));
	assert_int_equal(c.kind, CMD_ACCOUNT);
	assert_string_equal(c.arg, "M\xc3\xbcller GmbH");
	snprintf(line, sizeof line, "q");
	assert_true(cmd_parse(line, &c, &err));
	assert_int_equal(c.kind, CMD_QUIT);
	snprintf(line, sizeof line, "theme");
	assert_false(cmd_parse(line, &c, &err));
	assert_string_equal(err.data, ":theme needs an argument");
	buf_reset(&err);
	snprintf(line, sizeof line, "frobnicate");
	assert_false(cmd_parse(line, &c, &err));
	buf_free(&err);
}

static void
test_filters(void **state)
{
	struct acct_filter af = { 0 };
	struct hist_filter hf = { 0 };
	struct kam_buf err, d;

	(void)state;
	buf_init(&err);
	buf_init(&d);
	af.search = xstrdup("nord");
	assert_true(filter_parse("tier=key mine status=at_risk channel=call",
	    &af, &hf, &err));
	assert_string_equal(af.tier, "key");
	assert_string_equal(af.status, "at_risk");
	assert_true(af.mine);
	assert_string_equal(hf.channel, "call");
	assert_string_equal(af.search, "nord");	/* untouched */
	filter_describe(&d, &af);
	assert_string_equal(d.data, "tier=key status=at_risk mine");
	assert_false(filter_parse("tier=gold", &af, &hf, &err));
	assert_string_equal(err.data, "tier cannot be 'gold'");
	assert_string_equal(af.tier, "key");	/* unchanged on error */
	assert_true(filter_parse("", &af, &hf, &err));
	assert_null(af.tier);
	assert_false(af.mine);
	assert_null(hf.channel);
	assert_string_equal(filter_cycle(hist_channels, NULL), "call");
	assert_string_equal(filter_cycle(hist_channels, "call"), "email");
	assert_null(filter_cycle(hist_channels, "chat"));
	acct_filter_free(&af);
	hist_filter_free(&hf);
	buf_free(&err);
	buf_free(&d);
}

/* Found by tests/screen/randkeys.bats (seed 2): ":sort name" over two
 * account views popped the first, whose tab's statement was running, and
 * then asked that freed tab, still the abandoned statement's owner,
 * whether it belonged to the second (ASan: heap-use-after-free). */
static void
test_forget_after_the_owner_is_gone(void **state)
{
	struct view account = { 0 }, other = { 0 };
	struct view *tab = xcalloc(1, sizeof *tab);
	struct tui *t = xcalloc(1, sizeof *t);

	(void)state;
	tab->parent = &account;
	t->busy = true;
	t->inflight = (struct req){ .owner = tab, .abandoned = true };
	free(tab);
	req_forget(t, &other);
	assert_true(t->inflight.abandoned);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listnav_moves),
		cmocka_unit_test(test_listnav_pager_and_empty),
		cmocka_unit_test(test_acctlist_pages_forward_and_keeps_memory_flat),
		cmocka_unit_test(test_acctlist_last_page_and_back),
		cmocka_unit_test(test_acctlist_reload_keeps_the_account),
		cmocka_unit_test(test_acctlist_short_result),
		cmocka_unit_test(test_prompt_edits_utf8),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_forget_after_the_owner_is_gone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
