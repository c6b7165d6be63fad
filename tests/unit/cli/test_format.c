#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kam/format.h"

static const struct export_column cols[] = {
	{ "id", COL_INT, "x" },
	{ "note", COL_TEXT, "x" },
	{ "ok", COL_BOOL, "x" },
	{ "at", COL_TIMESTAMP, "x" },
	{ "amount", COL_NUMERIC, "x" },
	{ "tags", COL_TEXT_ARRAY, "x" },
};
static const struct export_column *colp[] = {
	&cols[0], &cols[1], &cols[2], &cols[3], &cols[4], &cols[5],
};

/* Formats one text-COPY line and compares the output. */
static void
check(enum export_format kind, bool raw, const char *copy, const char *want)
{
	struct format f = { kind, raw, colp, 6 };
	struct copy_field fields[6];
	struct kam_buf out;
	char line[256];

	assert_true(strlen(copy) < sizeof line);
	memcpy(line, copy, strlen(copy) + 1);
	assert_int_equal(copytext_split(line, strlen(line), fields, 6), 6);
	buf_init(&out);
	format_row(&f, fields, &out);
	assert_string_equal(out.data, want);
	buf_free(&out);
}

static void
test_csv_quotes_when_needed(void **state)
{
	(void)state;
	check(EXPORT_CSV, false, "1\tplain\tt\t\\N\t1.50\t{a,b}",
	    "1,plain,t,,1.50,\"{a,b}\"\n");
	check(EXPORT_CSV, false, "2\tsay \"hi\", then\\nleave\tf\t\\N\t\\N\t\\N",
	    "2,\"say \"\"hi\"\", then\nleave\",f,,,\n");
	check(EXPORT_CSV, false, "3\t\tf\t\\N\t\\N\t\\N", "3,\"\",f,,,\n");
}

static void
test_formulas_neutralised_unless_raw(void **state)
{
	(void)state;
	check(EXPORT_CSV, false, "1\t=1+1\tt\t\\N\t-5\t\\N", "1,'=1+1,t,,-5,\n");
	check(EXPORT_CSV, true, "1\t=1+1\tt\t\\N\t-5\t\\N", "1,=1+1,t,,-5,\n");
	check(EXPORT_TSV, false, "1\t@SUM(A1)\tt\t\\N\t\\N\t\\N",
	    "1\t'@SUM(A1)\tt\t\t\t\n");
}

static void
test_tsv_escapes(void **state)
{
	(void)state;
	check(EXPORT_TSV, false, "1\ta\\tb\\nc\\\\\tt\t\\N\t\\N\t\\N",
	    "1\ta\\tb\\nc\\\\\tt\t\t\t\n");
}

static void
test_json_types(void **state)
{
	(void)state;
	check(EXPORT_JSONL, false,
	    "7\tline\\none \"q\" \\001\tt\t2026-01-31 10:00:00+01\t12.50\t[\"a\"]",
	    "{\"id\":7,\"note\":\"line\\none \\\"q\\\" \\u0001\",\"ok\":true,"
	    "\"at\":\"2026-01-31T10:00:00+01:00\",\"amount\":12.50,"
	    "\"tags\":[\"a\"]}");
	check(EXPORT_JSON, false,
	    "8\t=x\tf\t2026-01-31 10:00:00.25+05:30\tNaN\t\\N",
	    "{\"id\":8,\"note\":\"=x\",\"ok\":false,"
	    "\"at\":\"2026-01-31T10:00:00.25+05:30\",\"amount\":\"NaN\","
	    "\"tags\":null}");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quotes_when_needed),
		cmocka_unit_test(test_formulas_neutralised_unless_raw),
		cmocka_unit_test(test_tsv_escapes),
		cmocka_unit_test(test_json_types),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
