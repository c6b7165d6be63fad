/* The forms of conditions, service levels, plans, actions and accounts
 * without a terminal: sets of choices (weekdays, channels), durations as
 * the database reads them back, first values of the day and year, the
 * ERP's fields read only, each form's checks across fields, and no draft
 * of a new account. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "form.h"
#include "forms.h"
#include "keymap.h"
#include "kam/draft.h"

/* 2026-03-01 12:00 UTC, a Sunday */
#define NOW ((time_t)1772366400)
#define KEY "6f1c4a2e-0b7d-4c8e-9a3f-1d2e3f4a5b6c"

static int
setup_zone(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	return setlocale(LC_CTYPE, "C.UTF-8") == NULL;
}

static void
open_new(struct form *f, const struct form_def *def)
{
	form_init(f, def, "1", KEY, NULL, NOW);
}

static void
put(struct form *f, const char *column, const char *text)
{
	struct form_field *fl = form_field_of(f, column);

	assert_non_null(fl);
	textedit_set(&fl->ed, text);
}

/* What the field's text saves as; NULL with the error in err. */
static char *
value_of(struct form *f, const char *column, const char *text,
    struct kam_buf *err)
{
	char *v;

	put(f, column, text);
	buf_reset(err);
	if (!form_value(form_field_of(f, column), NOW, &v, err))
		return NULL;
	return v;
}

static void
expect(struct form *f, const char *column, const char *text, const char *want)
{
	struct kam_buf err;
	char *v;

	buf_init(&err);
	v = value_of(f, column, text, &err);
	if (want == NULL)
		assert_null(v);
	else {
		assert_non_null(v);
		assert_string_equal(v, want);
	}
	free(v);
	buf_free(&err);
}

static void
test_sets_take_values_labels_and_ranges(void **state)
{
	const struct form_field_def *days;
	struct kam_buf err;
	struct form f;
	char *text;

	(void)state;
	open_new(&f, &form_service_level);
	assert_string_equal(form_field_of(&f, "support_days")->ed.text.data,
	    "Mon-Fri");
	expect(&f, "support_days", "Mon-Fri", "1,2,3,4,5");
	expect(&f, "support_days", "sun, MON", "1,7");
	expect(&f, "support_days", "1-3,Fri", "1,2,3,5");
	expect(&f, "support_days", "Mon-Sun", "1,2,3,4,5,6,7");
	expect(&f, "support_days", "Mon,, Tue Tue", "1,2");
	expect(&f, "support_days", "Fri-Mon", NULL);
	expect(&f, "support_days", "Moon", NULL);
	expect(&f, "support_days", "Mon-", NULL);
	expect(&f, "channels", "Email, PHONE", "phone,email");
	buf_init(&err);
	assert_null(value_of(&f, "support_days", "Mon-Funday", &err));
	assert_string_equal(err.data, "takes some of Mon, Tue, Wed, Thu, Fri, "
	    "Sat, Sun (commas between; a range like Mon-Tue)");
	assert_null(value_of(&f, "channels", " , ", &err));
	assert_string_equal(err.data, "is required");
	buf_free(&err);
	days = form_field_of(&f, "support_days")->def;
	text = form_set_text(days->choices, "1,3,9");
	assert_string_equal(text, "Mon, Wed, 9");
	free(text);
	form_free(&f);
}

static void
test_durations_are_read_back_as_written(void **state)
{
	struct form f;
	long m;
	char *text;

	(void)state;
	open_new(&f, &form_service_level);
	assert_true(form_interval_minutes("1d 4h", &m));
	assert_int_equal(m, 1680);
	assert_true(form_interval_minutes(" 30m ", &m));
	assert_int_equal(m, 30);
	assert_false(form_interval_minutes("4 h", &m));
	assert_false(form_interval_minutes("-1h", &m));
	assert_false(form_interval_minutes("", &m));
	/* one value, one text: as EDIT_INTERVAL_TEXT reads it back */
	expect(&f, "first_response", "90m", "1 hours 30 minutes");
	expect(&f, "first_response", "1h 30m", "1 hours 30 minutes");
	expect(&f, "resolution", "25h", "1 days 1 hours");
	expect(&f, "resolution", "2d", "2 days");
	expect(&f, "resolution", "0m", "0 minutes");
	expect(&f, "resolution", "100001h", NULL);
	text = form_interval_text("1 days 4 hours 30 minutes");
	assert_string_equal(text, "1d 4h 30m");
	free(text);
	text = form_interval_text("01:31:30");	/* not the form's: as it is */
	assert_string_equal(text, "01:31:30");
	free(text);
	text = form_interval_text("1 days 4 fortnights");
	assert_string_equal(text, "1 days 4 fortnights");
	free(text);
	form_free(&f);
}

static void
test_first_values_are_of_the_day_and_year(void **state)
{
	struct form f;

	(void)state;
	open_new(&f, &form_plan);
	assert_string_equal(form_field_of(&f, "year")->ed.text.data, "2026");
	assert_false(form_dirty(&f));
	form_free(&f);
	open_new(&f, &form_condition);
	assert_string_equal(form_field_of(&f, "valid_from")->ed.text.data,
	    "2026-03-01");
	assert_false(form_dirty(&f));
	form_free(&f);
}

static void
test_erp_fields_are_read_only(void **state)
{
	struct form f;
	struct edit_row row;

	(void)state;
	form_init(&f, &form_account, "1", NULL, "1", NOW);
	edit_row_init(&row, EE_ACCOUNT);
	edit_str_set(&row.id, "1");
	edit_str_set(&row.version, "3");
	edit_row_set(&row, (size_t)edit_column_find(EE_ACCOUNT, "name"), "Nordwind");
	edit_row_set(&row, (size_t)edit_column_find(EE_ACCOUNT, "tier"), "key");
	form_load(&f, &row);
	assert_true(form_field_of(&f, "name")->readonly);
	assert_true(form_field_of(&f, "credit_limit")->readonly);
	assert_false(form_field_of(&f, "tier")->readonly);
	/* Shift-Tab from the first field goes round to the last it may edit */
	form_focus(&f, 0);
	form_key(&f, KEYMAP_FKEY(0541), 40);
	assert_string_equal(f.field[f.focus].def->column, "notes");
	assert_int_equal(form_key(&f, 'x', 40), FE_CHANGED);
	edit_row_free(&row);
	form_free(&f);
}

/* The form's checks: false, and field column says why. */
static void
check_fails(struct form *f, const char *column, const char *words)
{
	struct edit_row out;

	edit_row_init(&out, f->def->entity);
	assert_false(form_to_row(f, &out));
	assert_non_null(form_field_of(f, column)->error);
	assert_string_equal(form_field_of(f, column)->error, words);
	edit_row_free(&out);
}

static void
check_passes(struct form *f)
{
	struct edit_row out;

	edit_row_init(&out, f->def->entity);
	assert_true(form_to_row(f, &out));
	edit_row_free(&out);
}

static void
test_condition_checks(void **state)
{
	struct form f;

	(void)state;
	open_new(&f, &form_condition);
	put(&f, "title", "Spring");
	put(&f, "value", "150");
	put(&f, "unit", "percent");
	check_fails(&f, "value", "is a percentage: at most 100");
	put(&f, "value", "100.0");
	check_passes(&f);
	put(&f, "unit", "");
	check_fails(&f, "unit", "goes with Value: give both or neither");
	put(&f, "value", "");
	put(&f, "unit", "days");
	check_fails(&f, "value", "goes with Unit: give both or neither");
	put(&f, "value", "30");
	put(&f, "valid_to", "2026-02-28");
	check_fails(&f, "valid_to", "is before Valid from");
	put(&f, "valid_to", "today");		/* one day is a range */
	check_passes(&f);
	form_free(&f);
}

static void
test_service_level_checks(void **state)
{
	struct form f;

	(void)state;
	open_new(&f, &form_service_level);
	put(&f, "time_zone", "UTC");
	put(&f, "name", "Gold");
	put(&f, "first_response", "4h");
	put(&f, "resolution", "3h 59m");
	check_fails(&f, "resolution", "is shorter than the first response");
	put(&f, "first_response", "0m");
	check_fails(&f, "first_response", "must be longer than 0");
	put(&f, "first_response", "4h");
	put(&f, "resolution", "4h");
	check_passes(&f);
	put(&f, "support_from", "08:00");
	check_fails(&f, "support_to", "goes with Support from: give both or neither");
	put(&f, "support_to", "08:00");
	check_fails(&f, "support_to", "is the same as Support from (all day: "
	    "leave both empty)");
	put(&f, "support_to", "18:00");
	put(&f, "time_zone", "Europe/Bär lin");
	check_fails(&f, "time_zone", "is not a time zone (like Europe/Berlin or UTC)");
	put(&f, "time_zone", "America/Argentina/Buenos_Aires");
	check_passes(&f);
	form_free(&f);
}

static void
test_plan_and_action_checks(void **state)
{
	struct form f;

	(void)state;
	open_new(&f, &form_plan);
	put(&f, "year", "1999");
	check_fails(&f, "year", "is a year from 2000 to 2100");
	put(&f, "year", "2027");
	put(&f, "revenue_target", "-5");
	check_fails(&f, "revenue_target", "cannot be below 0");
	put(&f, "revenue_target", "250000.00");
	check_passes(&f);
	form_free(&f);
	open_new(&f, &form_action);
	put(&f, "title", "Call the new CFO");
	put(&f, "status", "done");
	check_fails(&f, "done_on", "is needed when the action is done "
	    "(today, or its date)");
	put(&f, "done_on", "today");
	check_passes(&f);
	put(&f, "status", "open");
	check_fails(&f, "done_on", "is only for actions that are done");
	form_free(&f);
}

/* Amounts as kam prints them (money_format: commas between thousands),
 * with spaces between thousands as others print them; a comma that
 * could be a decimal comma is refused rather than guessed. */
static void
test_money_takes_grouped_thousands(void **state)
{
	struct kam_buf err;
	struct form f;

	(void)state;
	open_new(&f, &form_plan);
	expect(&f, "revenue_target", "1,500,000", "1500000");
	expect(&f, "revenue_target", "1 500 000", "1500000");
	expect(&f, "revenue_target", "1\xc2\xa0" "500\xe2\x80\xaf" "000", "1500000");
	expect(&f, "revenue_target", "1,500,000.50", "1500000.5");
	expect(&f, "revenue_target", "1 500 000.50", "1500000.5");
	expect(&f, "revenue_target", "999,999", "999999");
	expect(&f, "revenue_target", "1234.50", "1234.5");
	expect(&f, "revenue_target", "12,34,567", NULL);
	expect(&f, "revenue_target", "1,500 000", NULL);
	expect(&f, "revenue_target", "1.500.000", NULL);
	expect(&f, "revenue_target", ",500", NULL);
	expect(&f, "revenue_target", "1,500.", "1500");
	buf_init(&err);
	assert_null(value_of(&f, "revenue_target", "1,50", &err));
	assert_string_equal(err.data, "has a comma that is not between thousands: "
	    "a point for decimals (1.50), commas or spaces between thousands "
	    "(1,500,000.50)");
	assert_null(value_of(&f, "revenue_target", "1.500,00", &err));
	assert_string_equal(err.data, "has a comma that is not between thousands: "
	    "a point for decimals (1.50), commas or spaces between thousands "
	    "(1,500,000.50)");
	assert_null(value_of(&f, "revenue_target", "-1,500", &err));
	assert_string_equal(err.data, "cannot be below 0");
	buf_free(&err);
	form_free(&f);
}

/* Times of day as people write them, and the end of the day. */
static void
test_times_take_one_digit_hours_and_the_end_of_the_day(void **state)
{
	struct kam_buf err;
	struct form f;

	(void)state;
	open_new(&f, &form_service_level);
	expect(&f, "support_from", "8:00", "08:00");
	expect(&f, "support_from", "08:30", "08:30");
	expect(&f, "support_from", "0:00", "00:00");
	expect(&f, "support_to", "24:00", "24:00");
	expect(&f, "support_to", "23:59", "23:59");
	expect(&f, "support_to", "24:01", NULL);
	expect(&f, "support_to", "25:00", NULL);
	expect(&f, "support_to", "8:5", NULL);
	expect(&f, "support_to", "800", NULL);
	expect(&f, "support_to", "8:60", NULL);
	buf_init(&err);
	assert_null(value_of(&f, "support_to", "noon", &err));
	assert_string_equal(err.data, "is not a time of day (H:MM, like 8:30 or "
	    "17:00; 24:00 is the end of the day)");
	buf_free(&err);
	form_free(&f);
}

/* Support hours may run across midnight; a window needs two different
 * times, and starts before the end of the day. */
static void
test_support_hours_across_midnight(void **state)
{
	struct form f;

	(void)state;
	open_new(&f, &form_service_level);
	put(&f, "name", "Night");
	put(&f, "first_response", "1h");
	put(&f, "resolution", "8h");
	put(&f, "time_zone", "Europe/Berlin");
	put(&f, "support_from", "22:00");
	put(&f, "support_to", "6:00");
	check_passes(&f);
	put(&f, "support_from", "0:00");
	put(&f, "support_to", "24:00");
	check_passes(&f);
	put(&f, "support_from", "6:00");
	put(&f, "support_to", "06:00");
	check_fails(&f, "support_to", "is the same as Support from (all day: "
	    "leave both empty)");
	put(&f, "support_from", "24:00");
	check_fails(&f, "support_from", "is the end of the day: support starts "
	    "at 23:59 at the latest");
	form_free(&f);
}

/* Phone numbers: digits and what people put between them, an
 * extension at the end; words are not a number. */
static void
test_phone_numbers(void **state)
{
	struct kam_buf err;
	struct form f;

	(void)state;
	open_new(&f, &form_contact);
	expect(&f, "phone", "+49 (0)30 1234-5678", "+49 (0)30 1234-5678");
	expect(&f, "phone", "030/123 45 67", "030/123 45 67");
	expect(&f, "phone", "+1 555.123.4567 ext. 89", "+1 555.123.4567 ext. 89");
	expect(&f, "phone", "+49 30 1234 x12", "+49 30 1234 x12");
	expect(&f, "phone", "0049 30 1234 Ext 7", "0049 30 1234 Ext 7");
	expect(&f, "phone", "12", NULL);
	expect(&f, "phone", "++49 30 1234", NULL);
	expect(&f, "phone", "49+30 1234", NULL);
	expect(&f, "phone", "+49 30 1234 x", NULL);
	expect(&f, "phone", "123456789012345678901", NULL);
	buf_init(&err);
	assert_null(value_of(&f, "phone", "call me maybe", &err));
	assert_string_equal(err.data, "is not a phone number (digits, spaces and "
	    "+ ( ) - / . between them, an extension after x or ext: "
	    "+49 30 1234-567 x 89)");
	buf_free(&err);
	form_free(&f);
}

/* A ticket comes in; a subject is a line, not a letter. */
static void
test_ticket_direction_and_subject_length(void **state)
{
	struct kam_buf err, subject;
	struct form f;

	(void)state;
	open_new(&f, &form_ticket);
	form_ticket.setup(&f);		/* as the form view does when it opens */
	assert_false(form_dirty(&f));
	assert_string_equal(form_field_of(&f, "direction")->ed.text.data, "inbound");
	form_free(&f);
	open_new(&f, &form_interaction);
	assert_string_equal(form_field_of(&f, "direction")->ed.text.data, "outbound");
	buf_init(&subject);
	for (int i = 0; i < 300; i++)
		buf_adds(&subject, "\xc3\xa9");		/* é: 300 characters, 600 bytes */
	expect(&f, "subject", subject.data, subject.data);
	buf_adds(&subject, "x");
	buf_init(&err);
	assert_null(value_of(&f, "subject", subject.data, &err));
	assert_string_equal(err.data, "is too long: at most 300 characters "
	    "(this has 301)");
	buf_free(&err);
	buf_free(&subject);
	form_free(&f);
}

/* A new service level's zone from the account's country by tzdata's
 * table: the one zone, or the candidates named; the file is said. */
static void
test_time_zone_from_the_country(void **state)
{
	static const char tab[] =
	    "# tzdata's zone.tab, in part\n"
	    "DE\t+5230+01322\tEurope/Berlin\tmost of Germany\n"
	    "DE\t+4742+00841\tEurope/Busingen\tBusingen\n"
	    "DK\t+5540+01235\tEurope/Copenhagen\n"
	    "XX\t+0000+00000\tEurope/../../etc/passwd\n"
	    "CH,LI\t+4723+00832\tEurope/Zurich\tSwiss time\n";
	char dir[] = "/tmp/kam-zonetab-XXXXXX", path[64];
	struct form_field *tz;
	struct form f;
	FILE *out;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/zone.tab", dir);
	assert_non_null(out = fopen(path, "w"));
	fputs(tab, out);
	fclose(out);
	setenv("TZDIR", dir, 1);
	open_new(&f, &form_service_level);
	tz = form_field_of(&f, "time_zone");
	assert_string_equal(tz->ed.text.data, "");
	form_zone_from_country(tz, "DK");
	assert_string_equal(tz->ed.text.data, "Europe/Copenhagen");
	assert_false(form_dirty(&f));
	assert_non_null(strstr(tz->note, "the one time zone of DK in /tmp/kam-zonetab-"));
	textedit_set(&tz->ed, "");
	edit_str_set(&tz->base, "");
	form_zone_from_country(tz, "DE");
	assert_string_equal(tz->ed.text.data, "");
	assert_non_null(strstr(tz->note, "DE has 2 time zones in "));
	assert_non_null(strstr(tz->note, "zone.tab: Europe/Berlin (most of "
	    "Germany), Europe/Busingen (Busingen); type one"));
	form_zone_from_country(tz, "LI");
	assert_string_equal(tz->ed.text.data, "Europe/Zurich");
	textedit_set(&tz->ed, "");
	edit_str_set(&tz->base, "");
	form_zone_from_country(tz, "XX");		/* a name that is no zone */
	assert_string_equal(tz->ed.text.data, "");
	assert_non_null(strstr(tz->note, "XX has no time zone in "));
	textedit_set(&tz->ed, "UTC");			/* given: left alone */
	form_zone_from_country(tz, "DK");
	assert_string_equal(tz->ed.text.data, "UTC");
	form_free(&f);
	unlink(path);
	rmdir(dir);
	unsetenv("TZDIR");
}

static void
test_no_draft_of_a_new_account(void **state)
{
	struct kam_draft d;
	struct kam_buf err;
	struct form f;

	(void)state;
	draft_init(&d);
	buf_init(&err);
	draft_set(&d, "form", "account");
	draft_set(&d, "account", "1");
	draft_set(&d, "key", KEY);
	form_init(&f, &form_account, "1", KEY, NULL, NOW);
	assert_false(form_from_draft(&f, &d, &err));
	form_free(&f);
	draft_set(&d, "id", "1");
	draft_set(&d, "version", "2");
	form_init(&f, &form_account, "1", NULL, "1", NOW);
	assert_true(form_from_draft(&f, &d, &err));
	form_free(&f);
	assert_ptr_equal(form_def_find("plan-action"), &form_action);
	assert_ptr_equal(form_def_find("service-level"), &form_service_level);
	buf_free(&err);
	draft_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sets_take_values_labels_and_ranges),
		cmocka_unit_test(test_durations_are_read_back_as_written),
		cmocka_unit_test(test_first_values_are_of_the_day_and_year),
		cmocka_unit_test(test_erp_fields_are_read_only),
		cmocka_unit_test(test_condition_checks),
		cmocka_unit_test(test_service_level_checks),
		cmocka_unit_test(test_plan_and_action_checks),
		cmocka_unit_test(test_money_takes_grouped_thousands),
		cmocka_unit_test(test_times_take_one_digit_hours_and_the_end_of_the_day),
		cmocka_unit_test(test_support_hours_across_midnight),
		cmocka_unit_test(test_phone_numbers),
		cmocka_unit_test(test_ticket_direction_and_subject_length),
		cmocka_unit_test(test_time_zone_from_the_country),
		cmocka_unit_test(test_no_draft_of_a_new_account),
	};

	return cmocka_run_group_tests(tests, setup_zone, NULL);
}
