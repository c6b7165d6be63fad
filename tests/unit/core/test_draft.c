/* Drafts on disk: the format both ways, hostile files refused with the
 * line that is wrong, the folder made private, files written whole with
 * mode 0600 and read only when they are private regular files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "kam/draft.h"
#include "kam/xalloc.h"

static void
test_format_and_parse(void **state)
{
	struct kam_draft d, back;
	struct kam_buf text, err;

	(void)state;
	draft_init(&d);
	buf_init(&text);
	buf_init(&err);
	draft_set(&d, "form", "contact");
	draft_set(&d, "field.body", "a\\b\nc\td\r\x01 é");
	draft_set(&d, "field.empty", "");
	draft_set(&d, "gone", "x");
	draft_set(&d, "gone", NULL);
	draft_format(&d, &text);
	assert_string_equal(text.data, "kam-draft 1\nform\tcontact\n"
	    "field.body\ta\\\\b\\nc\\td\\r\x01 é\nfield.empty\t\n");
	assert_true(draft_parse(text.data, text.len, &back, &err));
	assert_string_equal(draft_get(&back, "field.body"), "a\\b\nc\td\r\x01 é");
	assert_string_equal(draft_get(&back, "field.empty"), "");
	assert_null(draft_get(&back, "gone"));
	draft_free(&d);
	draft_free(&back);
	buf_free(&text);
	buf_free(&err);
}

static void
refused(const char *text, size_t len, const char *why)
{
	struct kam_draft d;
	struct kam_buf err;

	buf_init(&err);
	assert_false(draft_parse(text, len, &d, &err));
	assert_int_equal(d.n, 0);
	if (strstr(err.data, why) == NULL)
		fail_msg("'%s' does not say '%s'", err.data, why);
	buf_free(&err);
}

#define REFUSED(s, why) refused(s, sizeof s - 1, why)

static void
test_hostile_text(void **state)
{
	char *big;

	(void)state;
	REFUSED("", "line 1");
	REFUSED("kam-draft 2\nform x\n", "line 1");
	REFUSED("kam-draft 1", "line 1");
	REFUSED("kam-draft 1\nform\tx\nform\ty\n", "line 3: form given twice");
	REFUSED("kam-draft 1\nForm\tx\n", "line 2: not a KEY<tab>VALUE line");
	REFUSED("kam-draft 1\nform x\n", "line 2: not a KEY<tab>VALUE line");
	REFUSED("kam-draft 1\nform\tx\ty\n", "not a KEY<tab>VALUE line");
	REFUSED("kam-draft 1\nform\t\\N\n", "not a KEY<tab>VALUE line");
	REFUSED("kam-draft 1\n\n", "line 2");
	REFUSED("kam-draft 1\nx\t\xc3\x28\n", "line 2: x: not UTF-8");
	REFUSED("kam-draft 1\nx\t\\xff\n", "not UTF-8");
	REFUSED("kam-draft 1\nx\ta\\x00b\n", "not UTF-8 text");
	REFUSED("kam-draft 1\nx\ta\0b\n", "not text");
	big = malloc(DRAFT_MAX_BYTES + 2);
	memset(big, 'a', DRAFT_MAX_BYTES + 1);
	refused(big, DRAFT_MAX_BYTES + 1, "too large");
	free(big);
}

static void
test_files(void **state)
{
	char base[] = "/tmp/kam-draft-test-XXXXXX", path[256], link[300];
	struct kam_buf dir, err;
	struct kam_draft d, back;
	struct stat st;
	char **paths;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(base));
	setenv("XDG_STATE_HOME", base, 1);
	buf_init(&dir);
	buf_init(&err);
	assert_true(draft_dir(&dir, &err));
	assert_int_equal(stat(dir.data, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	draft_init(&d);
	draft_set(&d, "form", "contact");
	snprintf(path, sizeof path, "%s/one.draft", dir.data);
	assert_true(draft_write(path, &d, &err));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_true(draft_read(path, &back, &err));
	assert_string_equal(draft_get(&back, "form"), "contact");
	draft_free(&back);
	n = draft_list(dir.data, &paths);
	assert_int_equal(n, 1);
	assert_string_equal(paths[0], path);
	strv_free(paths, n);
	/* others may read it: refused, not shown */
	chmod(path, 0644);
	assert_false(draft_read(path, &back, &err));
	assert_non_null(strstr(err.data, "not private"));
	/* a symbolic link is never followed */
	chmod(path, 0600);
	snprintf(link, sizeof link, "%s/two.draft", dir.data);
	assert_int_equal(symlink(path, link), 0);
	buf_reset(&err);
	assert_false(draft_read(link, &back, &err));
	unlink(link);
	unlink(path);
	/* a drafts folder others could read is made private */
	chmod(dir.data, 0755);
	assert_true(draft_dir(&dir, &err));
	assert_int_equal(stat(dir.data, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	rmdir(dir.data);
	snprintf(path, sizeof path, "%s/kam", base);
	rmdir(path);
	rmdir(base);
	unsetenv("XDG_STATE_HOME");
	draft_free(&d);
	buf_free(&dir);
	buf_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_and_parse),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
