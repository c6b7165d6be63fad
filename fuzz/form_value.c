/* Form values: any text typed into any field of any form (dates, times,
 * date-times, durations, amounts, numbers, choices, support days), turned
 * into what the database takes; and any value read from the database as
 * the text a field shows. Local time is Europe/Berlin, which has the
 * hours that do not exist and the hours that happen twice. */
#include <time.h>

#include "form.h"
#include "form_view.h"
#include "forms.h"
#include "fuzz.h"

static const struct form_def *const forms[] = {
	&form_interaction, &form_ticket, &form_contact, &form_account,
	&form_condition, &form_service_level, &form_plan, &form_action,
};
#define NFORMS (sizeof forms / sizeof forms[0])

int	LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	return 0;
}

/* A time in the last week of March 2026, the night the clocks go on. */
static time_t
now_of(unsigned pick)
{
	return (time_t)1774735200 + (time_t)pick * 1800;
}

/* What a field saves, read back into the field, saves the same again:
 * a form opened on a row and saved unchanged changes nothing. */
static void
read_back(struct form_field *fl, const char *out, time_t now)
{
	struct kam_buf err;
	char *shown = form_text_of(fl, out), *again = NULL;

	buf_init(&err);
	textedit_set(&fl->ed, shown);
	if (!form_value(fl, now, &again, &err) || again == NULL ||
	    strcmp(again, out) != 0) {
		fprintf(stderr, "%s: saves '%s', shows '%s', then saves '%s' (%s)\n",
		    fl->def->column, out, shown, again ? again : "NULL", err.data);
		abort();
	}
	free(again);
	free(shown);
	buf_free(&err);
}

static void
value_of(struct form_field *fl, const char *text, time_t now)
{
	struct kam_buf err;
	char *out = NULL;

	buf_init(&err);
	free(form_text_of(fl, text));
	textedit_set(&fl->ed, text);
	if (form_value(fl, now, &out, &err) && out != NULL) {
		if (!utf8_valid(out, strlen(out)))
			abort();
		read_back(fl, out, now);
	}
	free(out);
	buf_free(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct form_def *def = forms[fuzz_pick(&data, &size, NFORMS)];
	unsigned field = fuzz_pick(&data, &size, 256);
	time_t now = now_of(fuzz_pick(&data, &size, 256));
	char *text = fuzz_text(data, size);
	struct form f;
	long minutes;

	form_init(&f, def, "1", "fuzz", NULL, now);
	value_of(&f.field[field % f.n], text, now);
	(void)form_interval_minutes(text, &minutes);
	form_free(&f);
	free(text);
	return 0;
}
