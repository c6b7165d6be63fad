/* The terminal sanitiser: any bytes through every way text reaches the
 * screen (utf8_sanitize, text_walk, text_fit, text_wrap); textedit_clean
 * keeps stored text as it was, valid UTF-8 only.
 * Nothing that comes out may hold a raw control character, a bidi
 * override or invalid UTF-8, and widths must be what was asked for. */
#include "fuzz.h"
#include "text.h"
#include "textedit.h"

struct walk {
	size_t	cols;
};

static void
walk_emit(void *ctx, const char *s, size_t n, size_t cols, bool escaped)
{
	struct walk *w = ctx;

	(void)escaped;
	fuzz_assert_safe("text_walk", s, n, false);
	if (utf8_width(s, n) != cols)
		abort();
	w->cols += cols;
}

static void
check_lines(const char *s, size_t cols)
{
	char **lines;
	size_t n = text_wrap(s, cols, &lines);

	for (size_t i = 0; i < n; i++) {
		fuzz_assert_safe("text_wrap", lines[i], strlen(lines[i]), false);
		if (utf8_width(lines[i], strlen(lines[i])) > cols)
			abort();
	}
	strv_free(lines, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cols = 1 + fuzz_pick(&data, &size, 120);
	char *s = fuzz_text(data, size);
	struct kam_buf out;
	struct walk w = { 0 };
	size_t used;

	buf_init(&out);
	utf8_sanitize(&out, s, size);
	fuzz_assert_safe("utf8_sanitize", out.data, out.len, false);
	if (utf8_width(s, size) != utf8_width(out.data, out.len))
		abort();
	if (utf8_fit(out.data, out.len, cols, &used) > out.len || used > cols)
		abort();
	if (text_walk(s, size, cols, walk_emit, &w) != w.cols || w.cols > cols)
		abort();
	buf_reset(&out);
	text_fit(&out, s, cols, ALIGN_LEFT);
	fuzz_assert_safe("text_fit", out.data, out.len, false);
	if (utf8_width(out.data, out.len) != cols)
		abort();
	check_lines(s, cols);
	/* the editor keeps stored controls as they were (issue 13): what it
	 * holds is valid UTF-8, and what it shows goes through the sanitiser */
	buf_reset(&out);
	textedit_clean(&out, s, size);
	if (!utf8_valid(out.data, out.len) ||
	    (utf8_valid(s, size) && (out.len != size || memcmp(out.data, s, size))))
		abort();
	check_lines(out.data, cols);
	buf_free(&out);
	free(s);
	return 0;
}
