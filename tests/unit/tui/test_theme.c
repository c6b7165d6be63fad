/* Theme files: the format, errors as file:line, the shipped themes, and
 * fitting colours to 8 and 16 colour terminals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sys/stat.h>
#include <unistd.h>

#include "theme.h"

static void
test_parse_line(void **state)
{
	struct kam_theme t;
	struct kam_buf err;

	(void)state;
	theme_default(&t);
	buf_init(&err);
	assert_true(theme_parse(&t, "x.theme", "# comment\n\nlist.selected = "
	    "color214 brightblue bold underline  # trailing\n", &err));
	assert_int_equal(t.style[TE_SELECTED].fg, 214);
	assert_int_equal(t.style[TE_SELECTED].bg, 12);
	assert_int_equal(t.style[TE_SELECTED].attrs, THEME_BOLD | THEME_UNDERLINE);
	assert_string_equal(err.data, "");
	buf_free(&err);
}

static void
test_bad_lines_name_file_and_line(void **state)
{
	struct kam_theme t;
	struct kam_buf err;

	(void)state;
	theme_default(&t);
	buf_init(&err);
	assert_false(theme_parse(&t, "bad.theme", "normal = default default\n"
	    "no.such = red blue\nlabel = purple default\nlabel red\n"
	    "label = red blue shiny\nlabel = color256 red\n", &err));
	assert_string_equal(err.data,
	    "bad.theme:2: unknown element 'no.such'\n"
	    "bad.theme:3: 'purple' is not a colour (default, red, brightred, "
	    "color0 to color255, ...)\n"
	    "bad.theme:4: expected 'element = foreground background attributes'\n"
	    "bad.theme:5: unknown attribute 'shiny'\n"
	    "bad.theme:6: 'color256' is not a colour (default, red, brightred, "
	    "color0 to color255, ...)");
	buf_free(&err);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = calloc(1, 65536);

	assert_non_null(f);
	assert_true(fread(s, 1, 65535, f) > 0);
	fclose(f);
	return s;
}

/* Every shipped theme parses and names every element; default.theme is
 * exactly the built-in default. */
static void
test_shipped_themes(void **state)
{
	static const char *const names[] = { "default", "light", "high-contrast",
	    "mono" };
	const char *src = getenv("KAM_SRCDIR");
	struct kam_theme t, builtin;
	struct kam_buf err, path;
	char *text;

	(void)state;
	assert_non_null(src);
	buf_init(&err);
	buf_init(&path);
	for (size_t i = 0; i < 4; i++) {
		buf_reset(&path);
		buf_addf(&path, "%s/themes/%s.theme", src, names[i]);
		text = slurp(path.data);
		for (int e = 0; e < TE_COUNT; e++)
			assert_non_null(strstr(text, theme_elem_name((enum theme_elem)e)));
		memset(&t, 0x55, sizeof t);
		assert_true(theme_parse(&t, path.data, text, &err));
		if (i == 0) {
			theme_default(&builtin);
			assert_memory_equal(&t, &builtin, sizeof t);
		}
		free(text);
	}
	buf_free(&err);
	buf_free(&path);
}

static void
test_load_falls_back_to_default(void **state)
{
	struct kam_theme t, def;
	struct kam_buf err;

	(void)state;
	theme_default(&def);
	buf_init(&err);
	assert_false(theme_load(&t, "../etc/passwd", &err));
	assert_memory_equal(&t, &def, sizeof t);
	buf_reset(&err);
	assert_false(theme_load(&t, "no-such-theme", &err));
	assert_non_null(strstr(err.data, "no theme 'no-such-theme'"));
	buf_free(&err);
}

/* A FIFO named as the theme would block kam for good; an alarm turns
 * such a hang into a failure. */
static void
test_load_refuses_a_fifo(void **state)
{
	char dir[] = "/tmp/kam-theme-XXXXXX";
	struct kam_theme t;
	struct kam_buf err, path;

	(void)state;
	assert_non_null(mkdtemp(dir));
	buf_init(&path);
	buf_init(&err);
	buf_addf(&path, "%s/fifo.theme", dir);
	assert_int_equal(mkfifo(path.data, 0600), 0);
	alarm(10);
	assert_false(theme_load(&t, path.data, &err));
	alarm(0);
	assert_non_null(strstr(err.data, "not a regular file"));
	unlink(path.data);
	rmdir(dir);
	buf_free(&err);
	buf_free(&path);
}

static void
test_fit_colour(void **state)
{
	(void)state;
	assert_int_equal(theme_fit_colour(-1, 8), -1);
	assert_int_equal(theme_fit_colour(3, 8), 3);
	assert_int_equal(theme_fit_colour(9, 8), 1);	/* bright red: red */
	assert_int_equal(theme_fit_colour(9, 16), 9);
	assert_int_equal(theme_fit_colour(196, 16), 9);	/* xterm red */
	assert_int_equal(theme_fit_colour(196, 8), 1);
	assert_int_equal(theme_fit_colour(21, 8), 4);	/* blue */
	assert_int_equal(theme_fit_colour(231, 16), 15);	/* white */
	assert_int_equal(theme_fit_colour(244, 8), 7);	/* grey: never black */
	assert_int_equal(theme_fit_colour(214, 256), 214);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_line),
		cmocka_unit_test(test_bad_lines_name_file_and_line),
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_load_refuses_a_fifo),
		cmocka_unit_test(test_load_falls_back_to_default),
		cmocka_unit_test(test_fit_colour),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
