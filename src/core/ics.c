/* Holidays out of an iCalendar file (kam/ics.h). libical parses (RFC 5545)
 * and steps through recurrence rules; what to make of an event is ours:
 * RFC 5545 3.8.5.3 counts DTSTART as the first occurrence whatever the
 * rule says, RDATE adds occurrences (a date, a date-time or a period),
 * EXDATE takes them away, and an event with the same UID and a
 * RECURRENCE-ID replaces the occurrence it names (3.8.4.4).
 *
 * libical turns what it cannot read into X-LIC-ERROR properties rather
 * than failing; an event that has one is refused, so a holiday is never
 * read half. Each rule's steps are counted from DTSTART, so a rule that
 * repeats every second or never reaches the window stops at a bound. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "kam/dl.h"
#include "kam/ics.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

/* libical's functions kam calls, loaded by ics_load (kam/dl.h): only
 * --import holidays pays for libical, ICU and libstdc++ */
#define ICAL_SONAME	"libical.so.3"
#define ICAL_FUNCS(X) \
	X(icalcomponent_free) \
	X(icalcomponent_get_first_component) \
	X(icalcomponent_get_first_property) \
	X(icalcomponent_get_next_component) \
	X(icalcomponent_get_next_property) \
	X(icalcomponent_get_status) \
	X(icalcomponent_get_summary) \
	X(icalcomponent_get_timezone) \
	X(icalcomponent_get_uid) \
	X(icalcomponent_isa) \
	X(icaldurationtype_as_int) \
	X(icaldurationtype_is_null_duration) \
	X(icaldurationtype_null_duration) \
	X(icalerror_set_errors_are_fatal) \
	X(icalparameter_get_tzid) \
	X(icalparser_parse_string) \
	X(icalproperty_get_duration) \
	X(icalproperty_get_exdate) \
	X(icalproperty_get_first_parameter) \
	X(icalproperty_get_rdate) \
	X(icalproperty_get_recurrenceid) \
	X(icalproperty_get_rrule) \
	X(icalproperty_get_value) \
	X(icalproperty_get_xlicerror) \
	X(icalproperty_kind_to_string) \
	X(icalrecur_iterator_free) \
	X(icalrecur_iterator_new) \
	X(icalrecur_iterator_next) \
	X(icaltime_add) \
	X(icaltime_adjust) \
	X(icaltime_compare) \
	X(icaltime_compare_date_only) \
	X(icaltime_convert_to_zone) \
	X(icaltime_days_in_month) \
	X(icaltime_is_null_time) \
	X(icaltime_is_utc) \
	X(icaltime_is_valid_time) \
	X(icaltime_null_time) \
	X(icaltime_set_timezone) \
	X(icaltime_subtract) \
	X(icaltimezone_get_builtin_timezone) \
	X(icaltimezone_get_utc_timezone) \
	X(icalvalue_get_datetime)

static struct {
	ICAL_FUNCS(DL_MEMBER)
} ical;
static bool ical_loaded;

bool
ics_load(struct kam_buf *err)
{
	static const char *const names[] = { ICAL_FUNCS(DL_NAME) };
#define SLOT(f) &ical.f,
	void *const slots[] = { ICAL_FUNCS(SLOT) };
#undef SLOT

	if (!ical_loaded)
		ical_loaded = dl_load(ICAL_SONAME, "reading iCalendar files",
		    names, slots, sizeof names / sizeof *names, err);
	return ical_loaded;
}

#define MAX_TEXT	1000	/* bytes of a UID or SUMMARY */
#define MAX_DAYS	366	/* an occurrence's length */

struct moved {
	const char		*uid;
	struct icaltimetype	 rid;
};

struct reader {
	icalcomponent		*cal;		/* the VCALENDAR being read */
	const struct ics_window	*w;
	ics_sink		 sink;
	void			*ctx;
	struct ics_counts	*counts;
	struct kam_buf		*err;
	struct moved		*moved;		/* every RECURRENCE-ID of the file */
	size_t			 nmoved;
	/* the event's EXDATEs, read once: libical has one iterator over a
	 * component's properties, which the loops over RRULE and RDATE use */
	struct icaltimetype	*exdates;
	size_t			 nexdates;
	const char		*uid;		/* the event being read */
	const char		*name;
	bool			 stopped;	/* by the sink: it said why */
};

/* Records why; the event's UID first when there is one. Always false. */
static bool __attribute__((format(printf, 2, 3)))
fail(struct reader *r, const char *fmt, ...)
{
	struct kam_buf raw;
	va_list ap;

	buf_init(&raw);
	if (r->uid != NULL)
		buf_addf(&raw, "event %s: ", r->uid);
	va_start(ap, fmt);
	buf_vaddf(&raw, fmt, ap);
	va_end(ap);
	buf_reset(r->err);
	utf8_sanitize(r->err, raw.data, raw.len);
	buf_free(&raw);
	return false;
}

/* A UID or SUMMARY the database takes: UTF-8, not blank, not huge. */
static bool
good_text(const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;

	return len > 0 && len <= MAX_TEXT && utf8_valid(s, len) &&
	    s[strspn(s, " \t\r\n")] != '\0';
}

/* libical's note on a property it could not read, when there is one. */
static const char *
parse_error(icalcomponent *c)
{
	icalproperty *p = ical.icalcomponent_get_first_property(c,
	    ICAL_XLICERROR_PROPERTY);

	return p != NULL ? ical.icalproperty_get_xlicerror(p) : NULL;
}

/* A date-time's zone: its TZID among the file's VTIMEZONEs, else among
 * libical's (the Olson names of the system's tzdata). A date, a UTC time
 * and a floating time (no TZID) keep theirs. */
static bool
zoned(struct reader *r, icalproperty *p, struct icaltimetype *t)
{
	icalparameter *tzid = ical.icalproperty_get_first_parameter(p,
	    ICAL_TZID_PARAMETER);
	const char *id = tzid != NULL ? ical.icalparameter_get_tzid(tzid) : NULL;
	icaltimezone *z;

	if (t->is_date || ical.icaltime_is_utc(*t) || id == NULL)
		return true;
	if ((z = ical.icalcomponent_get_timezone(r->cal, id)) == NULL &&
	    (z = ical.icaltimezone_get_builtin_timezone(id)) == NULL)
		return fail(r, "time zone '%s' unknown (no VTIMEZONE names it)", id);
	*t = ical.icaltime_set_timezone(t, z);
	return true;
}

static bool
valid_time(struct reader *r, struct icaltimetype t, const char *what)
{
	if (ical.icaltime_is_null_time(t) || !ical.icaltime_is_valid_time(t) ||
	    t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 ||
	    t.day < 1 || t.day > ical.icaltime_days_in_month(t.month, t.year) ||
	    (!t.is_date && (t.hour < 0 || t.hour > 23 || t.minute < 0 ||
	    t.minute > 59 || t.second < 0 || t.second > 60)))
		return fail(r, "%s is not a date or a date-time", what);
	return true;
}

/* A date-time property of the event, zoned; false when missing (*t is
 * then the null time) or bad. */
static bool
event_time(struct reader *r, icalcomponent *ev, icalproperty_kind kind,
    struct icaltimetype *t)
{
	icalproperty *p = ical.icalcomponent_get_first_property(ev, kind);

	*t = ical.icaltime_null_time();
	if (p == NULL)
		return false;
	*t = ical.icalvalue_get_datetime(ical.icalproperty_get_value(p));
	return valid_time(r, *t, ical.icalproperty_kind_to_string(kind)) &&
	    zoned(r, p, t);
}

static int
cmp_day(struct icaltimetype t, struct kam_date d)
{
	if (t.year != d.year)
		return t.year < d.year ? -1 : 1;
	if (t.month != d.month)
		return t.month < d.month ? -1 : 1;
	return t.day < d.day ? -1 : t.day > d.day;
}

/* Valid times only (valid_time, the window): the remainders keep the
 * compiler sure of the widths. */
static void
format_time(char out[ICS_TIME_STRLEN], struct icaltimetype t, bool date)
{
	unsigned y = (unsigned)t.year % 10000, mo = (unsigned)t.month % 100,
	    d = (unsigned)t.day % 100;

	if (date)
		snprintf(out, ICS_TIME_STRLEN, "%04u-%02u-%02u", y, mo, d);
	else
		snprintf(out, ICS_TIME_STRLEN, "%04u-%02u-%02u %02u:%02u:%02u",
		    y, mo, d, (unsigned)t.hour % 100, (unsigned)t.minute % 100,
		    (unsigned)t.second % 100);
}

/* How long each occurrence lasts: whole days, or a duration. */
struct length {
	int			days;
	struct icaldurationtype	dur;
};

/* One occurrence from start, within the window, to the sink. */
static bool
emit(struct reader *r, struct icaltimetype start, const struct length *len)
{
	struct ics_occurrence o = { .uid = r->uid, .name = r->name };
	struct icaltimetype end = start;

	if (cmp_day(start, r->w->from) < 0 || cmp_day(start, r->w->until) > 0) {
		r->counts->outside++;
		return true;
	}
	if (++r->counts->occurrences > r->w->max_occurrences)
		return fail(r, "more than %ld holidays in the file",
		    r->w->max_occurrences);
	if (start.is_date) {
		ical.icaltime_adjust(&end, len->days, 0, 0, 0);
		o.kind = ICS_DATE;
	} else {
		end = ical.icaltime_add(start, len->dur);
		if (start.zone != NULL && !ical.icaltime_is_utc(start)) {
			start = ical.icaltime_convert_to_zone(start,
			    ical.icaltimezone_get_utc_timezone());
			end = ical.icaltime_convert_to_zone(end,
			    ical.icaltimezone_get_utc_timezone());
		}
		o.kind = ical.icaltime_is_utc(start) ? ICS_UTC : ICS_LOCAL;
	}
	format_time(o.start, start, start.is_date);
	format_time(o.end, end, start.is_date);
	if (!r->sink(r->ctx, &o)) {
		r->stopped = true;
		return false;
	}
	return true;
}

static bool
same_time(struct icaltimetype a, struct icaltimetype b)
{
	if (a.is_date || b.is_date)
		return ical.icaltime_compare_date_only(a, b) == 0;
	return ical.icaltime_compare(a, b) == 0;
}

/* An occurrence that EXDATE takes away or another event replaces. */
static bool
excluded(const struct reader *r, struct icaltimetype t)
{
	for (size_t i = 0; i < r->nexdates; i++)
		if (same_time(t, r->exdates[i]))
			return true;
	for (size_t i = 0; i < r->nmoved; i++)
		if (strcmp(r->moved[i].uid, r->uid) == 0 &&
		    same_time(t, r->moved[i].rid))
			return true;
	return false;
}

static bool
read_exdates(struct reader *r, icalcomponent *ev)
{
	icalproperty *p;
	struct icaltimetype x;

	r->nexdates = 0;
	for (p = ical.icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY);
	    p != NULL; p = ical.icalcomponent_get_next_property(ev,
	    ICAL_EXDATE_PROPERTY)) {
		x = ical.icalproperty_get_exdate(p);
		if (!valid_time(r, x, "EXDATE") || !zoned(r, p, &x))
			return false;
		r->exdates = xrealloc(r->exdates, (r->nexdates + 1) *
		    sizeof *r->exdates);
		r->exdates[r->nexdates++] = x;
	}
	return true;
}

/* One RRULE's occurrences from DTSTART to the window's end, DTSTART
 * itself left to the caller. */
static bool
expand_rule(struct reader *r, icalproperty *p,
    struct icaltimetype start, const struct length *len, long *steps)
{
	struct icalrecurrencetype rule = ical.icalproperty_get_rrule(p);
	icalrecur_iterator *it;
	struct icaltimetype t;
	bool ok = true;

	if (rule.freq == ICAL_NO_RECURRENCE ||
	    (it = ical.icalrecur_iterator_new(rule, start)) == NULL)
		return fail(r, "RRULE cannot be expanded");
	while (ok) {
		t = ical.icalrecur_iterator_next(it);
		if (ical.icaltime_is_null_time(t) || cmp_day(t, r->w->until) > 0)
			break;
		if (++*steps > r->w->max_steps) {
			ok = fail(r, "RRULE repeats more than %ld times by %04d-%02d-%02d",
			    r->w->max_steps, r->w->until.year, r->w->until.month,
			    r->w->until.day);
			break;
		}
		t.zone = start.zone;
		if (!same_time(t, start) && !excluded(r, t))
			ok = emit(r, t, len);
	}
	ical.icalrecur_iterator_free(it);
	return ok;
}

/* RDATE: a date or date-time with the event's length, or a period with
 * its own (RFC 5545 3.8.5.2). */
static bool
expand_rdate(struct reader *r, icalproperty *p, const struct length *len)
{
	struct icaldatetimeperiodtype v = ical.icalproperty_get_rdate(p);
	struct length own = *len;
	struct icaltimetype t = v.time;

	if (ical.icaltime_is_null_time(t)) {
		t = v.period.start;
		own.dur = ical.icaldurationtype_is_null_duration(v.period.duration) ?
		    ical.icaltime_subtract(v.period.end, v.period.start) :
		    v.period.duration;
		if (t.is_date || ical.icaldurationtype_as_int(own.dur) <= 0)
			return fail(r, "RDATE period is empty");
	}
	if (!valid_time(r, t, "RDATE") || !zoned(r, p, &t))
		return false;
	return excluded(r, t) || emit(r, t, &own);
}

/* The length of each occurrence, from DTEND or DURATION; a date alone
 * lasts its day (RFC 5545 3.6.1), a date-time alone lasts nothing. */
static bool
event_length(struct reader *r, icalcomponent *ev, struct icaltimetype start,
    struct length *len)
{
	icalproperty *dp = ical.icalcomponent_get_first_property(ev,
	    ICAL_DURATION_PROPERTY);
	struct icaltimetype end;
	int secs;

	memset(len, 0, sizeof *len);
	len->dur = ical.icaldurationtype_null_duration();
	if (event_time(r, ev, ICAL_DTEND_PROPERTY, &end)) {
		if (end.is_date != start.is_date)
			return fail(r, "DTSTART and DTEND differ in kind (date, "
			    "date-time)");
		len->dur = ical.icaltime_subtract(end, start);
	} else if (!ical.icaltime_is_null_time(end))
		return false;
	else if (dp != NULL)
		len->dur = ical.icalproperty_get_duration(dp);
	else if (start.is_date)
		len->dur.days = 1;
	secs = ical.icaldurationtype_as_int(len->dur);
	if (secs < 0 || secs > MAX_DAYS * 86400)
		return fail(r, "lasts %s", secs < 0 ? "less than nothing" :
		    "longer than a year");
	if (start.is_date && secs % 86400 != 0)
		return fail(r, "a whole-day event lasts part of a day");
	len->days = secs / 86400;
	return true;
}

/* Everything but the occurrences: UID, SUMMARY, DTSTART, the length. */
static bool
read_event(struct reader *r, icalcomponent *ev, struct icaltimetype *start,
    struct length *len)
{
	const char *e = parse_error(ev);

	r->uid = NULL;
	r->name = ical.icalcomponent_get_summary(ev);
	if (e != NULL)
		return fail(r, "libical cannot read it: %s", e);
	if (!good_text(ical.icalcomponent_get_uid(ev)))
		return fail(r, "an event without a UID (or one not UTF-8): "
		    "importing again needs it");
	r->uid = ical.icalcomponent_get_uid(ev);
	if (!good_text(r->name))
		return fail(r, "no SUMMARY (or one not UTF-8) to name the holiday");
	if (!event_time(r, ev, ICAL_DTSTART_PROPERTY, start))
		return ical.icaltime_is_null_time(*start) ? fail(r, "no DTSTART") : false;
	return event_length(r, ev, *start, len) && read_exdates(r, ev);
}

static bool
expand_event(struct reader *r, icalcomponent *ev)
{
	struct icaltimetype start;
	struct length len;
	icalproperty *p;
	long steps = 0;
	bool moved = ical.icalcomponent_get_first_property(ev,
	    ICAL_RECURRENCEID_PROPERTY) != NULL;

	r->counts->events++;
	if (!read_event(r, ev, &start, &len))
		return false;
	if (ical.icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED) {
		r->counts->cancelled++;
		return true;
	}
	if (ical.icaldurationtype_as_int(len.dur) == 0)	/* closes nothing */
		return true;
	/* a replaced occurrence stands alone, whatever rules it repeats */
	if (moved)
		return emit(r, start, &len);
	if (!excluded(r, start) && !emit(r, start, &len))
		return false;
	for (p = ical.icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	    p != NULL; p = ical.icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY))
		if (!expand_rule(r, p, start, &len, &steps))
			return false;
	for (p = ical.icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY);
	    p != NULL; p = ical.icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY))
		if (++steps > r->w->max_steps || !expand_rdate(r, p, &len))
			return steps > r->w->max_steps ?
			    fail(r, "more than %ld RDATEs", r->w->max_steps) : false;
	return true;
}

/* Every event of the VCALENDAR that replaces an occurrence of another:
 * the master leaves those out. */
static bool
collect_moved(struct reader *r)
{
	icalcomponent *ev;
	icalproperty *p;
	struct icaltimetype t;

	for (ev = ical.icalcomponent_get_first_component(r->cal, ICAL_VEVENT_COMPONENT);
	    ev != NULL; ev = ical.icalcomponent_get_next_component(r->cal,
	    ICAL_VEVENT_COMPONENT)) {
		if ((p = ical.icalcomponent_get_first_property(ev,
		    ICAL_RECURRENCEID_PROPERTY)) == NULL ||
		    !good_text(ical.icalcomponent_get_uid(ev)))
			continue;
		r->uid = ical.icalcomponent_get_uid(ev);
		t = ical.icalproperty_get_recurrenceid(p);
		if (!valid_time(r, t, "RECURRENCE-ID") || !zoned(r, p, &t))
			return false;
		r->moved = xrealloc(r->moved, (r->nmoved + 1) * sizeof *r->moved);
		r->moved[r->nmoved++] = (struct moved){ r->uid, t };
	}
	r->uid = NULL;
	return true;
}

static bool
read_calendar(struct reader *r)
{
	icalcomponent *ev;
	const char *e = parse_error(r->cal);

	if (e != NULL)
		return fail(r, "libical cannot read the calendar: %s", e);
	if (!collect_moved(r))
		return false;
	for (ev = ical.icalcomponent_get_first_component(r->cal, ICAL_VEVENT_COMPONENT);
	    ev != NULL; ev = ical.icalcomponent_get_next_component(r->cal,
	    ICAL_VEVENT_COMPONENT))
		if (!expand_event(r, ev))
			return false;
	return true;
}

bool
ics_holidays(const char *text, size_t len, const struct ics_window *w,
    ics_sink sink, void *ctx, struct ics_counts *counts, struct kam_buf *err)
{
	struct reader r = { .w = w, .sink = sink, .ctx = ctx, .counts = counts,
	    .err = err };
	icalcomponent *root, *c;
	bool ok = true;

	memset(counts, 0, sizeof *counts);
	if (!ics_load(err))
		return false;
	/* the default is to abort() on a malformed file */
	ical.icalerror_set_errors_are_fatal(0);
	if (memchr(text, '\0', len) != NULL)
		return fail(&r, "a NUL byte: not a text file");
	if (!utf8_valid(text, len))
		return fail(&r, "not UTF-8 (RFC 5545 3.1.4)");
	root = ical.icalparser_parse_string(text);
	if (root == NULL || (ical.icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT &&
	    ical.icalcomponent_isa(root) != ICAL_XROOT_COMPONENT)) {
		if (root != NULL)
			ical.icalcomponent_free(root);
		return fail(&r, "not an iCalendar file: no VCALENDAR");
	}
	if (ical.icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
		r.cal = root;
		ok = read_calendar(&r);
	} else
		for (c = ical.icalcomponent_get_first_component(root,
		    ICAL_VCALENDAR_COMPONENT); ok && c != NULL;
		    c = ical.icalcomponent_get_next_component(root,
		    ICAL_VCALENDAR_COMPONENT)) {
			r.cal = c;
			ok = read_calendar(&r);
		}
	free(r.moved);
	free(r.exdates);
	ical.icalcomponent_free(root);
	return ok;
}
