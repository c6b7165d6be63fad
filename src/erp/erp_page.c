#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "erp_page.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

struct erp_page *
erp_page_new(long number)
{
	struct erp_page *pg = xcalloc(1, sizeof *pg);

	pg->number = number;
	pg->total = -1;
	pg->code = EX_OK;
	buf_init(&pg->copy);
	buf_init(&pg->message);
	return pg;
}

static char *
clean(const char *s)
{
	struct kam_buf b;

	buf_init(&b);
	utf8_sanitize(&b, s, strlen(s) > 300 ? 300 : strlen(s));
	return buf_detach(&b);
}

void
erp_page_error(struct erp_page *pg, const char *id, const char *message)
{
	if (pg->nerrors == pg->caperrors) {
		pg->caperrors = pg->caperrors ? pg->caperrors * 2 : 16;
		pg->errors = xrealloc(pg->errors, pg->caperrors * sizeof *pg->errors);
	}
	pg->errors[pg->nerrors].id = clean(id);
	pg->errors[pg->nerrors].message = clean(message);
	pg->nerrors++;
}

void
erp_page_free(struct erp_page *pg)
{
	if (pg == NULL)
		return;
	for (size_t i = 0; i < pg->nerrors; i++) {
		free(pg->errors[i].id);
		free(pg->errors[i].message);
	}
	free(pg->errors);
	buf_free(&pg->copy);
	buf_free(&pg->message);
	free(pg);
}
