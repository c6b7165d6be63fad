/* The key table: lookups, names, and that the help and kam(1)'s list come
 * from it whole. No terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "keymap.h"
#include "text.h"
#include "kam/xalloc.h"

/* curses codes, so that no curses header is needed here */
#define KEY_DOWN_CODE	0402
#define KEY_BTAB_CODE	0541

static void
test_vi_and_arrow_keys(void **state)
{
	(void)state;
	assert_int_equal(keymap_action('j'), ACT_MOVE_DOWN);
	assert_int_equal(keymap_action(KEYMAP_FKEY(KEY_DOWN_CODE)), ACT_MOVE_DOWN);
	assert_int_equal(keymap_action('k'), ACT_MOVE_UP);
	assert_int_equal(keymap_action('G'), ACT_MOVE_LAST);
	assert_int_equal(keymap_action('g'), ACT_MOVE_FIRST);
	assert_int_equal(keymap_action(4), ACT_MOVE_HALF_DOWN);	/* Ctrl-D */
	assert_int_equal(keymap_action(21), ACT_MOVE_HALF_UP);	/* Ctrl-U */
	assert_int_equal(keymap_action('\t'), ACT_TAB_NEXT);
	assert_int_equal(keymap_action(KEYMAP_FKEY(KEY_BTAB_CODE)), ACT_TAB_PREV);
	assert_int_equal(keymap_action('3'), ACT_TAB_3);
	assert_int_equal(keymap_action('?'), ACT_HELP);
	assert_int_equal(keymap_action(27), ACT_BACK);
	assert_int_equal(keymap_action('q'), ACT_BACK);
	assert_int_equal(keymap_action('/'), ACT_SEARCH);
	assert_int_equal(keymap_action(':'), ACT_COMMAND);
	assert_int_equal(keymap_action('W'), ACT_NONE);
	assert_int_equal(keymap_action('J'), ACT_MERGE);
	assert_int_equal(keymap_action('X'), ACT_MERGE_SWAP);
	assert_int_equal(keymap_action('U'), ACT_UNMERGE);
	assert_int_equal(keymap_action_in(KC_QUESTION, 'o'), ACT_ANSWER_OPEN);
	/* the same key means other things in a form and in a question */
	assert_int_equal(keymap_action('x'), ACT_FORM_COMPLETE);
	assert_int_equal(keymap_action_in(KC_EDIT, 'j'), ACT_NONE);
	assert_int_equal(keymap_action_in(KC_EDIT, '\t'), ACT_FIELD_NEXT);
	assert_int_equal(keymap_action_in(KC_EDIT, 27), ACT_CANCEL);
	assert_int_equal(keymap_action_in(KC_EDIT, 19), ACT_FORM_SAVE);	/* Ctrl-S */
	assert_int_equal(keymap_action_in(KC_QUESTION, 'y'), ACT_ANSWER_YES);
	assert_int_equal(keymap_action_in(KC_QUESTION, 27), ACT_ANSWER_NO);
	/* a code point that equals a curses key code is still a character */
	assert_int_equal(keymap_action(0402), ACT_NONE);
}

static void
test_every_action_has_name_help_and_key(void **state)
{
	struct kam_buf keys;

	(void)state;
	buf_init(&keys);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		buf_reset(&keys);
		keymap_keys(&keys, (enum kam_action)a);
		assert_true(keys.len > 0);
		assert_true(strlen(keymap_action_help((enum kam_action)a)) > 0);
		assert_int_equal(keymap_action_find(keymap_action_name(
		    (enum kam_action)a)), a);
	}
	buf_free(&keys);
	assert_int_equal(keymap_action_find("no-such-action"), ACT_NONE);
}

static void
test_key_names(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	keymap_key_name(&b, 4);
	assert_string_equal(b.data, "Ctrl-D");
	buf_reset(&b);
	keymap_key_name(&b, KEYMAP_FKEY(KEY_BTAB_CODE));
	assert_string_equal(b.data, "Shift-Tab");
	buf_reset(&b);
	keymap_key_name(&b, 0xe4);
	assert_string_equal(b.data, "\xc3\xa4");	/* ä */
	buf_reset(&b);
	keymap_key_name(&b, 0x9b);	/* C1: never raw */
	assert_string_equal(b.data, "U+009B");
	buf_reset(&b);
	keymap_keys(&b, ACT_MOVE_DOWN);
	assert_string_equal(b.data, "j, Down");
	buf_free(&b);
}

static void
test_help_lists_every_action_once(void **state)
{
	char **lines;
	size_t n = keymap_help_lines(&lines), actions = 0, groups = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		if (lines[i][0] == '#')
			groups++;
		else {
			assert_non_null(strchr(lines[i], '\t'));
			actions++;
		}
	}
	assert_int_equal(actions, ACT_COUNT - 1);
	assert_true(groups >= 5);
	assert_string_equal(lines[0], "# Moving");
	assert_string_equal(lines[1], "j, Down\tMove the cursor one line down");
	strv_free(lines, n);
}

static void
test_mdoc_matches_help(void **state)
{
	struct kam_buf m;
	size_t items = 0;

	(void)state;
	buf_init(&m);
	keymap_mdoc(&m);
	for (const char *p = m.data; (p = strstr(p, "\n.It ")) != NULL; p++)
		items++;
	assert_int_equal(items + (strncmp(m.data, ".It ", 4) == 0), ACT_COUNT - 1);
	assert_non_null(strstr(m.data, ".It Ic j , Ic Down\nMove the cursor one line down.\n"));
	assert_non_null(strstr(m.data, ".It Ic \\&? , Ic F1\n"));
	buf_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vi_and_arrow_keys),
		cmocka_unit_test(test_every_action_has_name_help_and_key),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_help_lists_every_action_once),
		cmocka_unit_test(test_mdoc_matches_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
