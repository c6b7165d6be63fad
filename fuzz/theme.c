/* Themes (kam-themes(5)): any text as a themes/NAME.theme file. */
#include "fuzz.h"
#include "theme.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct kam_theme t;
	struct kam_buf err;

	theme_default(&t);
	buf_init(&err);
	(void)theme_parse(&t, "fuzz.theme", text, &err);
	for (int e = 0; e < TE_COUNT; e++)
		if (t.style[e].fg < -1 || t.style[e].fg > 255 ||
		    t.style[e].bg < -1 || t.style[e].bg > 255)
			abort();
	buf_free(&err);
	free(text);
	return 0;
}
