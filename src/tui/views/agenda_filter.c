#include <stdlib.h>
#include <string.h>

#include "agenda_filter.h"
#include "kam/agenda.h"
#include "kam/xalloc.h"

static const char *const kinds[] = {
	AGENDA_FOLLOW_UP, AGENDA_ACTION, AGENDA_TALK, AGENDA_CONTACT,
	AGENDA_RENEWAL, AGENDA_CONDITION, NULL
};

static bool
agenda_word(const char *w, struct agenda_filter *f, struct kam_buf *err)
{
	if (strcmp(w, "overdue") == 0) {
		f->overdue = true;
		return true;
	}
	if (strncmp(w, "kind=", 5) == 0) {
		for (size_t i = 0; kinds[i] != NULL; i++) {
			if (strcmp(w + 5, kinds[i]) == 0) {
				f->kind = kinds[i];
				return true;
			}
		}
		buf_addf(err, "kind cannot be '%s' (follow-up, action, talk, "
		    "contact, renewal, condition)", w + 5);
		return false;
	}
	buf_addf(err, "unknown agenda filter '%s' (overdue, kind=)", w);
	return false;
}

bool
agenda_filter_parse(const char *args, struct agenda_filter *f,
    struct kam_buf *err)
{
	struct agenda_filter parsed = { 0 };
	char *copy = xstrdup(args), *w, *save = NULL;
	bool ok = true;

	for (w = strtok_r(copy, " \t", &save); w && ok;
	    w = strtok_r(NULL, " \t", &save))
		ok = agenda_word(w, &parsed, err);
	free(copy);
	if (ok)
		*f = parsed;
	return ok;
}

void
agenda_filter_describe(struct kam_buf *out, const struct agenda_filter *f)
{
	size_t start = out->len;

	if (f->overdue)
		buf_adds(out, "overdue");
	if (f->kind != NULL)
		buf_addf(out, "%skind=%s", out->len > start ? " " : "", f->kind);
}
