/* PostgreSQL's COPY text format as the exports and the sync read it: any
 * bytes as one line, split into fields; the fields written again with
 * copytext_escape must split into the same fields. */
#include "fuzz.h"
#include "kam/copytext.h"

#define MAXF 64

static bool
same(const struct copy_field *a, const struct copy_field *b)
{
	return a->null == b->null && a->len == b->len &&
	    (a->null || memcmp(a->data, b->data, a->len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* exactly size bytes: a read past the end is an ASan finding */
	char *line = xmalloc(size ? size : 1);
	struct copy_field f[MAXF], g[MAXF];
	struct kam_buf again;
	size_t n;

	memcpy(line, data, size);
	n = copytext_split(line, size, f, MAXF);
	buf_init(&again);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&again, '\t');
		if (f[i].null)
			buf_adds(&again, "\\N");
		else
			copytext_escape(&again, f[i].data, f[i].len);
	}
	if (n > 0) {
		if (copytext_split(again.data, again.len, g, MAXF) != n)
			abort();
		for (size_t i = 0; i < n; i++)
			if (!same(&f[i], &g[i]))
				abort();
	}
	buf_free(&again);
	free(line);
	return 0;
}
