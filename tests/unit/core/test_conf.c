#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "kam/conf.h"

/* Writes text to a temporary file and returns its path (static buffer). */
static const char *
conf_file(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof path, "/tmp/kam-test-conf.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* Loads text; returns the error ("" when it loaded). */
static char *
load(struct kam_conf *c, const char *text)
{
	static char err[512];
	const char *path = conf_file(text);
	struct kam_buf b;

	buf_init(&b);
	conf_init(c);
	if (conf_load_file(c, path, true, &b))
		err[0] = '\0';
	else
		snprintf(err, sizeof err, "%s", b.data + strlen(path));
	unlink(path);
	buf_free(&b);
	return err;
}

static void
test_defaults(void **state)
{
	struct kam_conf c;

	(void)state;
	conf_init(&c);
	assert_null(c.db_conninfo);
	assert_int_equal(c.db_connect_timeout, 10);
	assert_string_equal(c.ui_theme, "default");
	assert_string_equal(c.erp_profile, "native");
	assert_int_equal(c.erp_lookback, 300);
	assert_true(c.ui_mouse);
	conf_free(&c);
}

static void
test_sections_comments_quotes(void **state)
{
	struct kam_conf c;

	(void)state;
	assert_string_equal(load(&c,
	    "# kam settings\n"
	    "\n"
	    "[database]\n"
	    "conninfo = host=/run/pg dbname=kam\n"
	    "  connect_timeout=5  \r\n"
	    "[ui]\n"
	    "theme = \"  light \\\"x\\\" \"\n"
	    "mouse = off\n"
	    "[erp]\n"
	    "base_url = https://erp.example.com/api#v2\n"), "");
	assert_string_equal(c.db_conninfo, "host=/run/pg dbname=kam");
	assert_int_equal(c.db_connect_timeout, 5);
	assert_string_equal(c.ui_theme, "  light \"x\" ");
	assert_false(c.ui_mouse);
	assert_string_equal(c.erp_base_url, "https://erp.example.com/api#v2");
	conf_free(&c);
}

static void
test_errors_name_file_and_line(void **state)
{
	struct kam_conf c;

	(void)state;
	assert_string_equal(load(&c, "[database]\nport = 5\n"),
	    ":2: unknown setting 'database.port'");
	conf_free(&c);
	assert_string_equal(load(&c, "\n\n[nosuch]\n"), ":3: unknown section 'nosuch'");
	conf_free(&c);
	assert_string_equal(load(&c, "theme = x\n"),
	    ":1: setting outside a [section]: 'theme'");
	conf_free(&c);
	assert_string_equal(load(&c, "[ui]\ntheme\n"), ":2: expected key = value");
	conf_free(&c);
	assert_string_equal(load(&c, "[database]\nconnect_timeout = soon\n"),
	    ":2: database.connect_timeout: 'soon' is not a whole number");
	conf_free(&c);
	assert_string_equal(load(&c, "[database]\nconnect_timeout = 0\n"),
	    ":2: database.connect_timeout: 0 is out of range (1 to 3600)");
	conf_free(&c);
	assert_string_equal(load(&c, "[ui]\nmouse = maybe\n"),
	    ":2: ui.mouse: 'maybe' is not yes or no");
	conf_free(&c);
	assert_string_equal(load(&c, "[ui]\ntheme = \"open\n"),
	    ":2: unterminated or trailing text after quoted value");
	conf_free(&c);
	assert_string_equal(load(&c, "[ui\n"), ":1: expected [section]");
	conf_free(&c);
	assert_string_equal(load(&c, "[ui]\ntheme = \xff\n"), ":2: invalid UTF-8");
	conf_free(&c);
}

static void
test_escape_in_error_is_visible(void **state)
{
	struct kam_conf c;

	(void)state;
	assert_string_equal(load(&c, "[\x1b[2J]\n"), ":1: unknown section '^[[2J'");
	conf_free(&c);
}

static void
test_missing_file(void **state)
{
	struct kam_conf c;
	struct kam_buf err;

	(void)state;
	conf_init(&c);
	buf_init(&err);
	assert_true(conf_load_file(&c, "/nonexistent/kam.conf", false, &err));
	assert_false(conf_load_file(&c, "/nonexistent/kam.conf", true, &err));
	assert_string_equal(err.data,
	    "/nonexistent/kam.conf: No such file or directory");
	buf_free(&err);
	conf_free(&c);
}

static void
test_environment_overrides_file(void **state)
{
	struct kam_conf c;
	struct kam_buf err;

	(void)state;
	assert_string_equal(load(&c, "[ui]\ntheme = light\n"), "");
	setenv("KAM_THEME", "mono", 1);
	buf_init(&err);
	assert_true(conf_load_env(&c, &err));
	assert_string_equal(c.ui_theme, "mono");
	/* a flag comes last and wins */
	assert_true(conf_set(&c, "ui.theme", "high-contrast", &err));
	assert_string_equal(c.ui_theme, "high-contrast");
	unsetenv("KAM_THEME");
	buf_free(&err);
	conf_free(&c);
}

static void
test_default_path_follows_xdg(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	p = conf_default_path();
	assert_string_equal(p, "/x/conf/kam/kam.conf");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/anna", 1);
	p = conf_default_path();
	assert_string_equal(p, "/home/anna/.config/kam/kam.conf");
	free(p);
}

/* kam.conf(5) must describe every setting the table knows. */
static void
test_every_option_documented(void **state)
{
	const struct conf_option *o;
	const char *src = getenv("KAM_SRCDIR");
	char path[4096], line[512];
	size_t n;
	FILE *f;

	(void)state;
	if (src == NULL)
		skip();
	snprintf(path, sizeof path, "%s/man/kam.conf.5", src);
	assert_non_null(f = fopen(path, "r"));
	o = conf_options(&n);
	for (size_t i = 0; i < n; i++) {
		const char *key = strchr(o[i].name, '.') + 1;
		char want[128];
		int found = 0;

		snprintf(want, sizeof want, ".It Cm %s\n", key);
		rewind(f);
		while (!found && fgets(line, sizeof line, f))
			found = strcmp(line, want) == 0;
		if (!found)
			fail_msg("%s is not documented in kam.conf.5", o[i].name);
	}
	fclose(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_sections_comments_quotes),
		cmocka_unit_test(test_errors_name_file_and_line),
		cmocka_unit_test(test_escape_in_error_is_visible),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_environment_overrides_file),
		cmocka_unit_test(test_default_path_follows_xdg),
		cmocka_unit_test(test_every_option_documented),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
