#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "kam/spark.h"

/* U+2581 LOWER ONE EIGHTH BLOCK to U+2588 FULL BLOCK */
static const char *const blocks[8] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};
static const char ascii_levels[] = "_.-:=+*#";
#define FULL_BLOCK "\xe2\x96\x88"
#define LIGHT_SHADE "\xe2\x96\x91"	/* U+2591 */

bool
spark_unicode(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

void
spark_line(struct kam_buf *out, const char *levels, bool unicode)
{
	if (levels == NULL)
		return;
	for (const char *p = levels; *p != '\0'; p++) {
		if (*p < '0' || *p > '7')
			buf_adds(out, " ");
		else if (unicode)
			buf_adds(out, blocks[*p - '0']);
		else
			buf_addf(out, "%c", ascii_levels[*p - '0']);
	}
}

void
spark_bar(struct kam_buf *out, const char *pct, int width, bool unicode)
{
	char *end;
	long v;
	int filled;

	if (pct == NULL || *pct == '\0')
		return;
	v = strtol(pct, &end, 10);
	if (*end != '\0' || end == pct)
		return;
	filled = v <= 0 ? 0 : v >= 100 ? width : (int)(v * width / 100);
	for (int i = 0; i < width; i++)
		buf_adds(out, i < filled ? (unicode ? FULL_BLOCK : "#") :
		    (unicode ? LIGHT_SHADE : "."));
	buf_addf(out, " %ld%%", v);
}
