/* iCalendar holiday files (kam --import holidays, kam/ics.h): any bytes
 * as a file, parsed with libical and expanded over a fixed window. Every
 * occurrence handed over has a real date (and time) in the window, its
 * end after its start, and a UID and name the database takes; a file
 * refused says why in text safe for a terminal. The bounds are smaller
 * than kam's so that a run stays fast; the code that keeps them is the
 * same. */
#include "fuzz.h"
#include "kam/date.h"
#include "kam/ics.h"

static const struct ics_window window = {
	.from = { 2020, 1, 1 }, .until = { 2040, 12, 31 },
	.max_steps = 2000, .max_occurrences = 500,
};

static void
check_time(const char *s, enum ics_kind kind)
{
	char day[DATE_STRLEN];
	struct kam_date d;
	unsigned h, m, sec;
	char tail;

	memcpy(day, s, DATE_STRLEN - 1);
	day[DATE_STRLEN - 1] = '\0';
	if (!date_parse_iso(day, &d))
		abort();
	if (kind == ICS_DATE ? s[10] != '\0' :
	    sscanf(s + 10, " %2u:%2u:%2u%c", &h, &m, &sec, &tail) != 3 ||
	    h > 23 || m > 59 || sec > 60)
		abort();
}

static bool
check(void *ctx, const struct ics_occurrence *o)
{
	(void)ctx;
	if (o->uid[0] == '\0' || o->name[0] == '\0' ||
	    !utf8_valid(o->uid, strlen(o->uid)) ||
	    !utf8_valid(o->name, strlen(o->name)))
		abort();
	check_time(o->start, o->kind);
	check_time(o->end, o->kind);
	/* the same widths: the text compares as the times do */
	if (strcmp(o->start, o->end) >= 0 ||
	    strncmp(o->start, "2020-01-01", 10) < 0 ||
	    strncmp(o->start, "2041-01-02", 10) > 0)
		abort();
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct ics_counts n;
	struct kam_buf err;

	buf_init(&err);
	if (!ics_holidays(text, size, &window, check, NULL, &n, &err))
		fuzz_assert_safe("ics_holidays", err.data ? err.data : "",
		    err.len, false);
	else if (n.occurrences > window.max_occurrences)
		abort();
	buf_free(&err);
	free(text);
	return 0;
}
