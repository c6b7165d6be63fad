/* A field's text as the value the database takes: checked, and written
 * the one way it is read back (kam/edit.h), so that unchanged compares
 * equal. Every message reads after the field's label ("Email is ..."). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form.h"
#include "kam/date.h"
#include "kam/decimal.h"
#include "kam/phone.h"
#include "kam/xalloc.h"

/* Leading and trailing spaces (and, for long text, line breaks) go. */
static char *
trimmed(const char *s, bool lines)
{
	const char *ws = lines ? " \n" : " ";
	size_t start = strspn(s, ws), end = strlen(s);

	while (end > start && strchr(ws, s[end - 1]) != NULL)
		end--;
	return xstrndup(s + start, end - start);
}

static bool
is_choice(const char *const *choices, const char *v)
{
	for (size_t i = 0; choices != NULL && choices[i] != NULL; i += 2)
		if (strcmp(choices[i], v) == 0)
			return true;
	return false;
}

static bool
is_option(const struct form_field *fl, const char *v)
{
	if (!fl->loaded)
		return !edit_pick_by_id(fl->def->pick) ||
		    v[strspn(v, "0123456789")] == '\0';
	for (size_t i = 0; i < fl->options.n; i++)
		if (strcmp(fl->options.item[i].value, v) == 0)
			return true;
	return false;
}

/* The length of the separator between thousands at p, and its kind in
 * *kind: 1 a comma (as money_format prints amounts), 2 a space (also the
 * no-break and the narrow no-break space others print); 0 for none. */
static size_t
thousands_separator(const char *p, int *kind)
{
	*kind = *p == ',' ? 1 : 2;
	if (*p == ',' || *p == ' ')
		return 1;
	if (strncmp(p, "\xc2\xa0", 2) == 0)
		return 2;
	if (strncmp(p, "\xe2\x80\xaf", 3) == 0)
		return 3;
	*kind = 0;
	return 0;
}

/* s without the separators between its thousands into plain: a first
 * group of one to three digits, then groups of three, all separated the
 * same way, only before the point. False when s has a separator
 * anywhere else, which then is no thousands separator: "1,50" may be a
 * decimal comma, and is not guessed. */
static bool
ungroup(const char *s, struct kam_buf *plain)
{
	size_t group = 0, len;
	int kind = 0, k;
	bool whole = true, grouped = false;

	for (const char *p = s; *p != '\0'; p += len) {
		if ((len = thousands_separator(p, &k)) > 0) {
			if (!whole || group == 0 || group > 3 ||
			    (grouped && (group != 3 || k != kind)))
				return false;
			kind = k, grouped = true, group = 0;
			continue;
		}
		len = 1;
		if (*p == '.') {
			if (grouped && whole && group != 3)
				return false;
			whole = false;
		} else if (whole && isdigit((unsigned char)*p))
			group++;
		buf_addc(plain, *p);
	}
	return !grouped || !whole || group == 3;
}

/* A decimal of at most digits digits, scale of them after the point. */
static bool
decimal(const char *s, const struct form_field_def *def, char **out,
    struct kam_buf *err)
{
	int digits = def->digits ? def->digits : 16;
	int scale = def->type == FT_MONEY && def->scale == 0 ? 2 : def->scale;
	size_t before = err->len;
	struct decimal d = { 0 };
	struct kam_buf plain, b;
	bool grouped;

	buf_init(&plain);
	grouped = ungroup(s, &plain);
	if (!grouped && strchr(s, ',') != NULL)
		buf_adds(err, "has a comma that is not between thousands: a point "
		    "for decimals (1.50), commas or spaces between thousands "
		    "(1,500,000.50)");
	else if (!grouped || !decimal_parse(plain.data, plain.len, DECIMAL_PLAIN, &d))
		buf_adds(err, "is not a number (like 1234.50 or 1,500,000)");
	else if (d.negative && (def->flags & FF_NONNEG))
		buf_adds(err, "cannot be below 0");
	else if ((int)d.nfrac > scale)
		buf_addf(err, "takes at most %d digit%s after the point", scale,
		    scale == 1 ? "" : "s");
	else if ((int)d.nint > digits - scale)
		buf_addf(err, "is too large (at most %d digits before the point)",
		    digits - scale);
	if (err->len > before) {
		buf_free(&plain);
		return false;
	}
	buf_init(&b);
	buf_adds(&b, d.negative ? "-" : "");
	buf_add(&b, d.nint > 0 ? d.int_digits : "0", d.nint > 0 ? d.nint : 1);
	if (d.nfrac > 0) {
		buf_addc(&b, '.');
		buf_add(&b, d.frac_digits, d.nfrac);
	}
	buf_free(&plain);
	*out = buf_detach(&b);
	return true;
}

static bool
date_value(const char *s, time_t now, char **out, struct kam_buf *err)
{
	struct kam_date today = date_of(now), d;
	char iso[DATE_STRLEN];

	if (!date_parse(s, &today, &d)) {
		buf_adds(err, "is not a date (2026-03-31, today, tomorrow, +7d, +2w)");
		return false;
	}
	date_format(d, iso);
	*out = xstrdup(iso);
	return true;
}

static bool
datetime_value(const char *s, time_t now, char **out, struct kam_buf *err)
{
	char utc[DATETIME_UTC_STRLEN];
	time_t t;

	if (!datetime_parse(s, now, &t)) {
		buf_adds(err, "is not a date and time (2026-03-31 14:30, now, 09:15)");
		return false;
	}
	datetime_format_utc(t, utc);
	*out = xstrdup(utc);
	return true;
}

static const char *const interval_names[] = { "days", "hours", "minutes" };
static const long interval_minutes[] = { 1440, 60, 1 };

bool
form_interval_minutes(const char *s, long *minutes)
{
	static const char units[] = "dhm";
	long total = 0, n;
	char *end;

	s += strspn(s, " ");
	if (*s == '\0')
		return false;
	while (*s != '\0') {
		if (!isdigit((unsigned char)*s))
			return false;
		n = strtol(s, &end, 10);
		if (n > 100000 || *end == '\0' || strchr(units, *end) == NULL ||
		    (end[1] != ' ' && end[1] != '\0'))
			return false;
		total += n * interval_minutes[strchr(units, *end) - units];
		s = end + 1 + strspn(end + 1, " ");
	}
	*minutes = total;
	return true;
}

/* Whole minutes as days, hours and minutes, the way the database's read
 * gives them back (EDIT_INTERVAL_TEXT in src/domain/edit_entity.h), so
 * that "90m" and "1h 30m" are the same value. */
static bool
interval_value(const char *s, char **out, struct kam_buf *err)
{
	long m, part[3];
	struct kam_buf b;

	if (!form_interval_minutes(s, &m)) {
		buf_adds(err, "is not a duration (4h, 1d 4h, 30m)");
		return false;
	}
	part[0] = m / 1440, part[1] = m / 60 % 24, part[2] = m % 60;
	buf_init(&b);
	for (size_t i = 0; i < 3; i++)
		if (part[i] != 0)
			buf_addf(&b, "%s%ld %s", b.len ? " " : "", part[i],
			    interval_names[i]);
	if (b.len == 0)
		buf_adds(&b, "0 minutes");
	*out = buf_detach(&b);
	return true;
}

char *
form_interval_text(const char *sql)
{
	static const char units[] = "dhm";
	struct kam_buf b;
	const char *p = sql;
	char *end;
	long n;

	buf_init(&b);
	while (*p != '\0') {
		size_t i = 0, len;

		if (!isdigit((unsigned char)*p))
			break;
		n = strtol(p, &end, 10);
		if (*end != ' ')
			break;
		end++;
		len = strcspn(end, " ");
		while (i < 3 && (strlen(interval_names[i]) != len ||
		    strncmp(end, interval_names[i], len) != 0))
			i++;
		if (i == 3)
			break;
		buf_addf(&b, "%s%ld%c", b.len ? " " : "", n, units[i]);
		p = end + len + strspn(end + len, " ");
	}
	if (*p != '\0' || b.len == 0) {
		buf_free(&b);
		return xstrdup(sql);
	}
	return buf_detach(&b);
}

/* The choice (a value, label pair) that tok names by value or label,
 * case folded; -1 for none. */
static int
set_index(const char *const *choices, const char *tok, size_t len)
{
	for (int i = 0; choices != NULL && choices[2 * i] != NULL; i++)
		for (int k = 0; k < 2; k++)
			if (strlen(choices[2 * i + k]) == len &&
			    strncasecmp(choices[2 * i + k], tok, len) == 0)
				return i;
	return -1;
}

/* One item of a set ("Mon" or "Mon-Fri") into chosen; false when it
 * names no choice, or a range runs backwards. */
static bool
set_item(const char *const *choices, const char *tok, size_t len, bool *chosen)
{
	const char *dash = memchr(tok, '-', len);
	int from, to;

	if (dash == NULL)
		from = to = set_index(choices, tok, len);
	else {
		from = set_index(choices, tok, (size_t)(dash - tok));
		to = set_index(choices, dash + 1, len - (size_t)(dash - tok) - 1);
	}
	if (from < 0 || to < from)
		return false;
	for (int i = from; i <= to; i++)
		chosen[i] = true;
	return true;
}

static void
set_error(const char *const *choices, struct kam_buf *err)
{
	buf_adds(err, "takes some of ");
	for (size_t i = 0; choices[2 * i] != NULL; i++)
		buf_addf(err, "%s%s", i ? ", " : "", choices[2 * i + 1]);
	buf_adds(err, " (commas between; a range like ");
	buf_addf(err, "%s-%s)", choices[1], choices[3] ? choices[3] : choices[1]);
}

/* Chosen values in the choices' order, each once, comma-separated. */
static bool
set_value(const struct form_field_def *d, const char *s, char **out,
    struct kam_buf *err)
{
	size_t n = 0;
	bool *chosen, ok = true;
	struct kam_buf b;

	while (d->choices[2 * n] != NULL)
		n++;
	chosen = xcalloc(n + 1, sizeof *chosen);
	for (s += strspn(s, ", "); *s != '\0' && ok; s += strspn(s, ", ")) {
		size_t len = strcspn(s, ", ");

		ok = set_item(d->choices, s, len, chosen);
		s += len;
	}
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		if (chosen[i])
			buf_addf(&b, "%s%s", b.len ? "," : "", d->choices[2 * i]);
	free(chosen);
	if (!ok || (b.len == 0 && (d->flags & FF_REQUIRED))) {
		if (ok)
			buf_adds(err, "is required");
		else
			set_error(d->choices, err);
		buf_free(&b);
		return false;
	}
	*out = b.len > 0 ? buf_detach(&b) : NULL;	/* only commas: none */
	buf_free(&b);
	return true;
}

char *
form_set_text(const char *const *choices, const char *sql)
{
	struct kam_buf b;
	const char *p = sql;

	buf_init(&b);
	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		int i = set_index(choices, p, len);

		buf_adds(&b, b.len ? ", " : "");
		if (i >= 0)
			buf_adds(&b, choices[2 * i + 1]);
		else
			buf_add(&b, p, len);
		p += len + (p[len] == ',');
	}
	return buf_detach(&b);
}

/* H:MM or HH:MM as HH:MM, the way the database reads a time back;
 * 24:00 is the end of the day (support until midnight). */
static bool
time_value(const char *s, char **out, struct kam_buf *err)
{
	size_t h = strspn(s, "0123456789");
	int hour = h == 1 ? s[0] - '0' : h == 2 ? (s[0] - '0') * 10 + s[1] - '0' : -1;
	const char *m = s + h + 1;
	char text[6];

	if (hour < 0 || s[h] != ':' || strspn(m, "0123456789") != 2 || m[2] != '\0' ||
	    m[0] > '5' || hour > 24 || (hour == 24 && strcmp(m, "00") != 0)) {
		buf_adds(err, "is not a time of day (H:MM, like 8:30 or 17:00; "
		    "24:00 is the end of the day)");
		return false;
	}
	snprintf(text, sizeof text, "%02d:%s", hour, m);
	*out = xstrdup(text);
	return true;
}

/* The letters of IANA zone names ("America/Argentina/Buenos_Aires",
 * "Etc/GMT+1"); the database knows which exist. */
static bool
zone_value(const char *s, char **out, struct kam_buf *err)
{
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789/_+-";

	if (s[strspn(s, ok)] != '\0' || *s == '/' || strstr(s, "..") != NULL) {
		buf_adds(err, "is not a time zone (like Europe/Berlin or UTC)");
		return false;
	}
	*out = xstrdup(s);
	return true;
}

static bool
phone_value(const struct form_field *fl, const char *s, char **out,
    struct kam_buf *err)
{
	/* a number the ERP sent before the rule, unchanged, stays */
	if (!phone_valid(s) && (fl->base == NULL || strcmp(fl->base, s) != 0)) {
		buf_adds(err, "is not a phone number (digits, spaces and + ( ) - / . "
		    "between them, an extension after x or ext: +49 30 1234-567 x 89)");
		return false;
	}
	*out = xstrdup(s);
	return true;
}

static bool
convert(const struct form_field *fl, const char *s, time_t now, char **out,
    struct kam_buf *err)
{
	const struct form_field_def *d = fl->def;

	switch (d->type) {
	case FT_CHOICE:
		if (is_choice(d->choices, s))
			break;
		buf_adds(err, "is not one of the choices (Left and Right show them)");
		return false;
	case FT_PICK:
		if (is_option(fl, s))
			break;
		buf_adds(err, "is not one of the choices (Left and Right show them)");
		return false;
	case FT_BOOL:
		if (strcmp(s, "t") == 0 || strcmp(s, "f") == 0)
			break;
		buf_adds(err, "is yes or no (Space changes it)");
		return false;
	case FT_DATE: return date_value(s, now, out, err);
	case FT_DATETIME: return datetime_value(s, now, out, err);
	case FT_NUMBER: case FT_MONEY: return decimal(s, d, out, err);
	case FT_INTERVAL: return interval_value(s, out, err);
	case FT_TIME: return time_value(s, out, err);
	case FT_SET: return set_value(d, s, out, err);
	case FT_PHONE: return phone_value(fl, s, out, err);
	case FT_ZONE: return zone_value(s, out, err);
	case FT_TEXT: case FT_LONGTEXT: break;
	}
	*out = xstrdup(s);
	return true;
}

/* Characters, not bytes: what a limit in words and the database's
 * char_length() count. */
static size_t
characters(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

size_t
form_maxlen(const struct form_field_def *def)
{
	return def->maxlen ? def->maxlen : def->type == FT_LONGTEXT ? 20000 : 500;
}

bool
form_value(const struct form_field *fl, time_t now, char **out,
    struct kam_buf *err)
{
	char *s = trimmed(fl->ed.text.data, fl->def->type == FT_LONGTEXT);
	bool ok = true;

	*out = NULL;
	if (*s == '\0') {
		if (fl->def->flags & FF_REQUIRED) {
			buf_adds(err, "is required");
			ok = false;
		}
	} else if (characters(s) > form_maxlen(fl->def)) {
		buf_addf(err, "is too long: at most %zu characters (this has %zu)",
		    form_maxlen(fl->def), characters(s));
		ok = false;
	} else
		ok = convert(fl, s, now, out, err);
	free(s);
	return ok;
}
