/* Draft files (kam/draft.h): any bytes as a draft read back after a
 * crash. What parses must format and parse to the same items, and must
 * restore into each form or be refused with a reason. */
#include <time.h>

#include "form.h"
#include "form_view.h"
#include "forms.h"
#include "fuzz.h"
#include "kam/draft.h"

static const struct form_def *const forms[] = {
	&form_interaction, &form_ticket, &form_contact, &form_account,
	&form_condition, &form_service_level, &form_plan, &form_action,
};
#define NFORMS (sizeof forms / sizeof forms[0])

static void
check_round_trip(const struct kam_draft *d)
{
	struct kam_draft again;
	struct kam_buf text, err;

	buf_init(&text);
	buf_init(&err);
	draft_init(&again);
	draft_format(d, &text);
	if (!draft_parse(text.data, text.len, &again, &err) || again.n != d->n)
		abort();
	for (size_t i = 0; i < d->n; i++) {
		const char *v = draft_get(&again, d->item[i].key);

		if (v == NULL || strcmp(v, d->item[i].value) != 0)
			abort();
	}
	draft_free(&again);
	buf_free(&text);
	buf_free(&err);
}

static void
restore(const struct form_def *def, const struct kam_draft *d)
{
	struct form f;
	struct edit_row row;
	struct kam_buf err;

	buf_init(&err);
	form_init(&f, def, "1", "fuzz", NULL, (time_t)1767225600);
	if (form_from_draft(&f, d, &err)) {
		edit_row_init(&row, def->entity);
		(void)form_to_row(&f, &row);
		edit_row_free(&row);
	}
	form_free(&f);
	buf_free(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct form_def *def = forms[fuzz_pick(&data, &size, NFORMS)];
	char *text = fuzz_text(data, size);
	struct kam_draft d;
	struct kam_buf err;

	draft_init(&d);
	buf_init(&err);
	if (draft_parse(text, size, &d, &err)) {
		check_round_trip(&d);
		restore(def, &d);
	}
	draft_free(&d);
	buf_free(&err);
	free(text);
	return 0;
}
