/* TZif (RFC 8536): transitions up to the file's end, then the POSIX TZ
 * rule of its footer. Only what converting times needs is kept. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "erp_file.h"
#include "erp_tz.h"
#include "kam/date.h"
#include "kam/xalloc.h"

#define TZ_MAX_FILE	(1 << 20)

/* A rule date: Mm.w.d (kind 'M'), Jn (no leap day, 'J') or n ('n'),
 * and the local time of day (seconds) the change happens. */
struct rule_date {
	char	kind;
	int	m, w, d;
	int32_t	time;
};

struct posix_rule {
	int32_t			std_off, dst_off;	/* seconds east */
	bool			has_dst;
	struct rule_date	start, end;
};

struct erp_tz {
	int64_t			*trans;
	unsigned char		*type;
	int32_t			*off;	/* per type */
	size_t			 ntrans, ntypes;
	bool			 has_rule;
	struct posix_rule	 rule;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* --- POSIX TZ strings: "CET-1CEST,M3.5.0,M10.5.0/3" -------------------- */

static bool
rule_name(const char **s)
{
	const char *p = *s;

	if (*p == '<') {
		while (*p && *p != '>')
			p++;
		if (*p != '>')
			return false;
		*s = p + 1;
		return true;
	}
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++;
	if (p - *s < 3)
		return false;
	*s = p;
	return true;
}

static bool
rule_num(const char **s, int lo, int hi, int *out)
{
	int n = 0, digits = 0;

	while (**s >= '0' && **s <= '9' && digits < 4) {
		n = n * 10 + (*(*s)++ - '0');
		digits++;
	}
	*out = n;
	return digits > 0 && n >= lo && n <= hi;
}

/* [+-]hh[:mm[:ss]] in seconds */
static bool
rule_time(const char **s, int32_t *out)
{
	int sign = 1, h, m = 0, sec = 0;

	if (**s == '+' || **s == '-')
		sign = *(*s)++ == '-' ? -1 : 1;
	if (!rule_num(s, 0, 167, &h))
		return false;
	if (**s == ':' && (++*s, !rule_num(s, 0, 59, &m)))
		return false;
	if (**s == ':' && (++*s, !rule_num(s, 0, 59, &sec)))
		return false;
	*out = sign * (h * 3600 + m * 60 + sec);
	return true;
}

static bool
rule_date(const char **s, struct rule_date *r)
{
	r->time = 7200;
	if (**s == 'M') {
		r->kind = 'M';
		++*s;
		if (!rule_num(s, 1, 12, &r->m) || *(*s)++ != '.' ||
		    !rule_num(s, 1, 5, &r->w) || *(*s)++ != '.' ||
		    !rule_num(s, 0, 6, &r->d))
			return false;
	} else if (**s == 'J') {
		r->kind = 'J';
		++*s;
		if (!rule_num(s, 1, 365, &r->d))
			return false;
	} else {
		r->kind = 'n';
		if (!rule_num(s, 0, 365, &r->d))
			return false;
	}
	if (**s == '/') {
		++*s;
		return rule_time(s, &r->time);
	}
	return true;
}

static bool
rule_parse(const char *s, struct posix_rule *r)
{
	int32_t off;

	memset(r, 0, sizeof *r);
	if (!rule_name(&s) || !rule_time(&s, &off))
		return false;
	r->std_off = -off;	/* POSIX counts west of UTC */
	if (*s == '\0')
		return true;
	if (!rule_name(&s))
		return false;
	r->has_dst = true;
	r->dst_off = r->std_off + 3600;
	if (*s != ',' && *s != '\0') {
		if (!rule_time(&s, &off))
			return false;
		r->dst_off = -off;
	}
	if (*s == '\0') {	/* no dates: the US rules of POSIX's default */
		r->start = (struct rule_date){ 'M', 3, 2, 0, 7200 };
		r->end = (struct rule_date){ 'M', 11, 1, 0, 7200 };
		return true;
	}
	return *s++ == ',' && rule_date(&s, &r->start) && *s++ == ',' &&
	    rule_date(&s, &r->end) && *s == '\0';
}

/* Local seconds (as if UTC) of a rule date in year y. */
static int64_t
rule_when(const struct rule_date *r, int y)
{
	struct kam_date d = { y, 1, 1 };
	long days = date_to_days(d), first;
	int dim, day;

	if (r->kind == 'J') {
		days += r->d - 1;
		if (r->d >= 60 && date_days_in_month(y, 2) == 29)
			days++;
	} else if (r->kind == 'n') {
		days += r->d;
	} else {
		d.month = r->m;
		first = date_to_days(d);
		/* 1970-01-01 was a Thursday (4) */
		day = 1 + (int)(((r->d - (first + 4) % 7) % 7 + 7) % 7) + (r->w - 1) * 7;
		dim = date_days_in_month(y, r->m);
		while (day > dim)
			day -= 7;
		days = first + day - 1;
	}
	return (int64_t)days * 86400 + r->time;
}

static int32_t
rule_offset(const struct posix_rule *r, int64_t t)
{
	struct kam_date d;
	int64_t start, end;

	if (!r->has_dst)
		return r->std_off;
	d = date_from_days((long)(t / 86400 - (t % 86400 < 0)));
	start = rule_when(&r->start, d.year) - r->std_off;
	end = rule_when(&r->end, d.year) - r->dst_off;
	if (start < end)
		return t >= start && t < end ? r->dst_off : r->std_off;
	return t >= end && t < start ? r->std_off : r->dst_off;
}

/* --- TZif files ---------------------------------------------------------- */

struct tzif_counts {
	uint32_t	isut, isstd, leap, time, type, chr;
};

static bool
read_counts(const unsigned char *p, size_t len, struct tzif_counts *c)
{
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return false;
	c->isut = be32(p + 20);
	c->isstd = be32(p + 24);
	c->leap = be32(p + 28);
	c->time = be32(p + 32);
	c->type = be32(p + 36);
	c->chr = be32(p + 40);
	return c->type > 0 && c->type <= 256 && c->time <= 100000 &&
	    c->leap <= 10000 && c->chr <= 10000 && c->isut <= 256 &&
	    c->isstd <= 256;
}

static size_t
block_size(const struct tzif_counts *c, size_t tsize)
{
	return c->time * tsize + c->time + c->type * 6 + c->chr +
	    c->leap * (tsize + 4) + c->isstd + c->isut;
}

static bool
read_block(struct erp_tz *tz, const unsigned char *p, const struct tzif_counts *c,
    size_t tsize)
{
	const unsigned char *types = p + c->time * tsize;
	const unsigned char *info = types + c->time;

	tz->ntrans = c->time;
	tz->ntypes = c->type;
	tz->trans = xcalloc(c->time + 1, sizeof *tz->trans);
	tz->type = xcalloc(c->time + 1, 1);
	tz->off = xcalloc(c->type, sizeof *tz->off);
	for (size_t i = 0; i < c->time; i++) {
		tz->trans[i] = tsize == 8 ? be64(p + i * 8) :
		    (int64_t)(int32_t)be32(p + i * 4);
		tz->type[i] = types[i];
		if (types[i] >= c->type)
			return false;
	}
	for (size_t i = 0; i < c->type; i++)
		tz->off[i] = (int32_t)be32(info + i * 6);
	return true;
}

/* The footer of a version 2+ file: "\nRULE\n". */
static void
read_footer(struct erp_tz *tz, const unsigned char *p, size_t len)
{
	char rule[128];
	size_t n;

	if (len < 2 || p[0] != '\n')
		return;
	for (n = 1; n < len && p[n] != '\n'; n++)
		;
	if (n >= len || n - 1 >= sizeof rule || n == 1)
		return;
	memcpy(rule, p + 1, n - 1);
	rule[n - 1] = '\0';
	tz->has_rule = rule_parse(rule, &tz->rule);
}

struct erp_tz *
erp_tz_from_data(const unsigned char *p, size_t len)
{
	struct erp_tz *tz = xcalloc(1, sizeof *tz);
	struct tzif_counts c;
	size_t size;

	if (!read_counts(p, len, &c))
		goto fail;
	size = block_size(&c, 4);
	if (p[4] >= '2') {
		if (len < 44 + size)
			goto fail;
		p += 44 + size;
		len -= 44 + size;
		if (!read_counts(p, len, &c))
			goto fail;
		size = block_size(&c, 8);
		if (len < 44 + size || !read_block(tz, p + 44, &c, 8))
			goto fail;
		read_footer(tz, p + 44 + size, len - 44 - size);
	} else if (len < 44 + size || !read_block(tz, p + 44, &c, 4))
		goto fail;
	return tz;
fail:
	erp_tz_free(tz);
	return NULL;
}

static bool
name_safe(const char *name)
{
	if (name[0] == '\0' || name[0] == '/' || strstr(name, "..") != NULL ||
	    strlen(name) > 200)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("/_+-", *p)))
			return false;
	return true;
}

struct erp_tz *
erp_tz_load(const char *name, struct kam_buf *err)
{
	const char *dir = getenv("TZDIR");
	struct kam_buf path, data;
	struct erp_tz *tz = NULL;

	if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0)
		return xcalloc(1, sizeof *tz);
	if (!name_safe(name)) {
		buf_addf(err, "'%s' is not a time zone name", name);
		return NULL;
	}
	buf_init(&path);
	buf_init(&data);
	buf_addf(&path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	if (erp_file_read(path.data, TZ_MAX_FILE, &data))
		tz = erp_tz_from_data((const unsigned char *)data.data, data.len);
	if (tz == NULL)
		buf_addf(err, "unknown time zone '%s' (no usable %s)", name, path.data);
	buf_free(&data);
	buf_free(&path);
	return tz;
}

void
erp_tz_free(struct erp_tz *tz)
{
	if (tz == NULL)
		return;
	free(tz->trans);
	free(tz->type);
	free(tz->off);
	free(tz);
}

int32_t
erp_tz_offset(const struct erp_tz *tz, int64_t t)
{
	size_t lo = 0, hi = tz->ntrans;

	if (tz->ntypes == 0)
		return 0;
	if (tz->ntrans == 0 || t < tz->trans[0])
		return tz->ntrans == 0 && tz->has_rule ?
		    rule_offset(&tz->rule, t) : tz->off[0];
	if (t >= tz->trans[tz->ntrans - 1] && tz->has_rule)
		return rule_offset(&tz->rule, t);
	while (hi - lo > 1) {	/* last transition <= t */
		size_t mid = lo + (hi - lo) / 2;

		if (tz->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return tz->off[tz->type[lo]];
}

int64_t
erp_tz_to_utc(const struct erp_tz *tz, int64_t local)
{
	int32_t before = erp_tz_offset(tz, local - 86400);
	int32_t after = erp_tz_offset(tz, local + 86400);
	int64_t a = local - before, b = local - after;
	bool a_ok = erp_tz_offset(tz, a) == before;
	bool b_ok = erp_tz_offset(tz, b) == after;

	if (a_ok && b_ok)
		return a < b ? a : b;
	if (b_ok)
		return b;
	return a;
}
