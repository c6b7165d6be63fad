/* kam's data files (profiles, themes): the user's own first, then kam's
 * folder, which KAM_DATADIR names when it is set; a miss says where kam
 * looked. (The build tree is found by tests/erp/profiles.bats and the
 * screen tests, which run the kam built there.) */
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

#include "kam/datafile.h"

static char top[] = "/tmp/kam-datafile-XXXXXX";

static void
put(const char *rel)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", top, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("x\n", f);
	fclose(f);
}

static void
dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", top, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(top) == NULL)
		return -1;
	dir("xdg");
	dir("xdg/kam");
	dir("xdg/kam/themes");
	dir("data");
	dir("data/themes");
	dir("data/profiles");
	put("data/themes/light.theme");
	put("data/themes/mono.theme");
	put("xdg/kam/themes/mono.theme");
	put("data/profiles/native.json");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
	return system(cmd) == 0 ? 0 : -1;
}

static void
env(const char *name, const char *rel)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", top, rel);
	setenv(name, path, 1);
}

static void
expect(const char *kind, const char *name, const char *rel)
{
	char want[512];
	struct kam_buf path;

	snprintf(want, sizeof want, "%s/%s", top, rel);
	buf_init(&path);
	assert_true(datafile_find(kind, name, &path));
	assert_string_equal(path.data, want);
	buf_free(&path);
}

static void
test_kam_datadir_names_kams_folder(void **state)
{
	char want[512];

	(void)state;
	env("XDG_CONFIG_HOME", "xdg");
	env("KAM_DATADIR", "data");
	snprintf(want, sizeof want, "%s/data", top);
	assert_string_equal(datafile_dir(), want);
	expect("themes", "light.theme", "data/themes/light.theme");
	expect("profiles", "native.json", "data/profiles/native.json");
	unsetenv("KAM_DATADIR");
	assert_string_not_equal(datafile_dir(), want);
	setenv("KAM_DATADIR", "", 1);
	assert_string_not_equal(datafile_dir(), want);
	unsetenv("KAM_DATADIR");
}

static void
test_the_users_own_come_first(void **state)
{
	(void)state;
	env("XDG_CONFIG_HOME", "xdg");
	env("KAM_DATADIR", "data");
	expect("themes", "mono.theme", "xdg/kam/themes/mono.theme");
	/* without XDG_CONFIG_HOME: ~/.config/kam */
	unsetenv("XDG_CONFIG_HOME");
	env("HOME", "home");
	dir("home");
	dir("home/.config");
	dir("home/.config/kam");
	dir("home/.config/kam/profiles");
	put("home/.config/kam/profiles/native.json");
	expect("profiles", "native.json", "home/.config/kam/profiles/native.json");
	unsetenv("KAM_DATADIR");
}

static void
test_a_miss_says_where_kam_looked(void **state)
{
	char want[1024];
	struct kam_buf path;

	(void)state;
	env("XDG_CONFIG_HOME", "xdg");
	env("KAM_DATADIR", "data");
	buf_init(&path);
	assert_false(datafile_find("themes", "nope.theme", &path));
	snprintf(want, sizeof want, "%s/xdg/kam/themes/nope.theme or "
	    "%s/data/themes/nope.theme", top, top);
	assert_string_equal(path.data, want);
	buf_free(&path);
	unsetenv("KAM_DATADIR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kam_datadir_names_kams_folder),
		cmocka_unit_test(test_the_users_own_come_first),
		cmocka_unit_test(test_a_miss_says_where_kam_looked),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
