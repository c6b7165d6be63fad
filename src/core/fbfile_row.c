/* A feedback file's row built field by field and checked (fbfile_row.h):
 * the one place that says what a value of each field may be, for CSV
 * and JSON Lines alike. */
#include <string.h>

#include "fbfile_row.h"
#include "kam/date.h"
#include "kam/utf8.h"

static const struct {
	const char	*name;
	int		 field;
} names[] = {
	{ "id", FB_ID }, { "date", FB_DATE }, { "email", FB_EMAIL },
	{ "e-mail", FB_EMAIL }, { "account", FB_ACCOUNT },
	{ "erp_id", FB_ACCOUNT }, { "kind", FB_KIND }, { "nps", FB_NPS },
	{ "score", FB_NPS }, { "topics", FB_TOPICS }, { "subject", FB_SUBJECT },
	{ "text", FB_TEXT }, { "comment", FB_TEXT },
};
#define NNAMES (sizeof names / sizeof names[0])

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_space(**s))
		(*s)++, (*len)--;
	while (*len > 0 && is_space((*s)[*len - 1]))
		(*len)--;
}

static bool
same_word(const char *s, size_t len, const char *word)
{
	if (strlen(word) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]) != word[i])
			return false;
	return true;
}

int
fb_field_named(const char *s, size_t len)
{
	trim(&s, &len);
	for (size_t i = 0; i < NNAMES; i++)
		if (same_word(s, len, names[i].name))
			return names[i].field;
	return -1;
}

const char *
fb_field_name(int field)
{
	for (size_t i = 0; i < NNAMES; i++)
		if (names[i].field == field)
			return names[i].name;
	return "?";
}

void
fb_build_start(struct fb_build *b, struct fb_row *row, long line,
    struct kam_buf *err)
{
	memset(b, 0, sizeof *b);
	b->row = row;
	b->err = err;
	buf_init(&b->topics);
	buf_reset(&row->store);
	row->line = line;
	for (int f = 0; f < FB_NFIELDS; f++)
		row->v[f] = NULL;
}

/* Valid UTF-8 without a control character (a text's line ends and tabs
 * aside); counts the characters. */
static bool
clean(struct fb_build *b, int field, const char *s, size_t len, size_t *chars)
{
	uint32_t cp;
	int n;

	*chars = 0;
	for (size_t i = 0; i < len; i += (size_t)n, (*chars)++) {
		if ((n = utf8_decode(s + i, len - i, &cp)) < 0) {
			buf_addf(b->err, "%s: not UTF-8 (byte %zu)",
			    fb_field_name(field), i + 1);
			return false;
		}
		if ((cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) &&
		    !(field == FB_TEXT && (cp == '\n' || cp == '\t'))) {
			buf_addf(b->err, "%s: a control character (U+%04X)",
			    fb_field_name(field), (unsigned)cp);
			return false;
		}
	}
	return true;
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
number(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* HH:MM[:SS[.f...]] */
static bool
time_ok(const char *s, size_t len, size_t *used)
{
	size_t i = 5;

	if (len < 5 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) ||
	    number(s, 2) > 23 || number(s + 3, 2) > 59)
		return false;
	if (len >= 8 && s[5] == ':') {
		if (!digits(s + 6, 2) || number(s + 6, 2) > 59)
			return false;
		i = 8;
		if (i < len && s[i] == '.') {
			size_t k = ++i;

			while (i < len && i - k < 6 && s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == k)
				return false;
		}
	}
	*used = i;
	return true;
}

/* Z, or +HH, +HHMM, +HH:MM (and -) up to 14 hours */
static bool
zone_ok(const char *s, size_t len)
{
	if (len == 0 || (len == 1 && (s[0] == 'Z' || s[0] == 'z')))
		return true;
	if (s[0] != '+' && s[0] != '-')
		return false;
	s++, len--;
	if (len == 5 && s[2] == ':')
		return digits(s, 2) && digits(s + 3, 2) && number(s, 2) <= 14 &&
		    number(s + 3, 2) <= 59;
	return (len == 2 || len == 4) && digits(s, len) && number(s, 2) <= 14 &&
	    (len == 2 || number(s + 2, 2) <= 59);
}

static bool
date_ok(const char *s, size_t len)
{
	size_t used = 0;

	if (len < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) || number(s, 4) < 1 ||
	    !date_valid(number(s, 4), number(s + 5, 2), number(s + 8, 2)))
		return false;
	if (len == 10)
		return true;
	if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		return false;
	return time_ok(s + 11, len - 11, &used) &&
	    zone_ok(s + 11 + used, len - 11 - used);
}

static bool
email_ok(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);

	if (at == NULL || at == s || len > 254 || memchr(s, ' ', len) ||
	    memchr(at + 1, '@', len - (size_t)(at + 1 - s)) != NULL)
		return false;
	/* a domain with a dot, not at its ends */
	len -= (size_t)(at + 1 - s);
	s = at + 1;
	return len >= 3 && memchr(s, '.', len) != NULL && s[0] != '.' &&
	    s[len - 1] != '.';
}

static const char *const kinds[] = { "compliment", "idea", "complaint" };

/* A value that the field takes as it is, or after a change of spelling
 * (kind, score); false: err says why. */
static bool
value_ok(struct fb_build *b, int field, const char *s, size_t len,
    size_t chars, const char **as)
{
	*as = NULL;
	switch (field) {
	case FB_ID:
		if (len <= FB_MAX_ID)
			return true;
		buf_addf(b->err, "id: longer than %d bytes", FB_MAX_ID);
		return false;
	case FB_DATE:
		if (date_ok(s, len))
			return true;
		buf_addf(b->err, "date: not a date (YYYY-MM-DD, or "
		    "YYYY-MM-DDTHH:MM:SS with a zone)");
		return false;
	case FB_EMAIL:
		if (email_ok(s, len))
			return true;
		buf_addf(b->err, "email: not an e-mail address");
		return false;
	case FB_ACCOUNT:
		if (len <= 100)
			return true;
		buf_addf(b->err, "account: an ERP id longer than 100 bytes");
		return false;
	case FB_KIND:
		for (size_t i = 0; i < 3; i++)
			if (same_word(s, len, kinds[i]))
				return *as = kinds[i], true;
		buf_addf(b->err, "kind: compliment, idea or complaint");
		return false;
	case FB_NPS:
		if (len >= 1 && len <= 2 && digits(s, len) && number(s, len) <= 10)
			return true;
		buf_addf(b->err, "nps: a whole number from 0 to 10");
		return false;
	case FB_SUBJECT:
		if (chars <= FB_MAX_SUBJECT)
			return true;
		buf_addf(b->err, "subject: longer than %d characters",
		    FB_MAX_SUBJECT);
		return false;
	}
	return true;
}

static void
put(struct fb_build *b, int field, const char *s, size_t len)
{
	b->off[field] = b->row->store.len;
	b->set[field] = true;
	buf_add(&b->row->store, s, len);
	buf_addc(&b->row->store, '\0');
}

bool
fb_build_topic(struct fb_build *b, const char *s, size_t len)
{
	size_t chars;

	trim(&s, &len);
	if (len == 0)
		return true;
	if (!clean(b, FB_TOPICS, s, len, &chars))
		return false;
	if (chars > FB_MAX_TOPIC || memchr(s, ',', len) || memchr(s, ';', len)) {
		buf_addf(b->err, "topics: a topic is a name of at most %d "
		    "characters without a comma or semicolon", FB_MAX_TOPIC);
		return false;
	}
	if (b->topics.len > 0)
		buf_addc(&b->topics, ',');
	buf_add(&b->topics, s, len);
	return true;
}

static bool
set_topics(struct fb_build *b, const char *s, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i <= len; i++)
		if (i == len || s[i] == ',' || s[i] == ';') {
			if (!fb_build_topic(b, s + start, i - start))
				return false;
			start = i + 1;
		}
	return true;
}

bool
fb_build_set(struct fb_build *b, int field, const char *s, size_t len)
{
	const char *as;
	size_t chars;

	if (field < 0)
		return true;
	if (b->set[field] || (field == FB_TOPICS && b->topics.len > 0)) {
		buf_addf(b->err, "%s: given twice", fb_field_name(field));
		return false;
	}
	trim(&s, &len);
	if (len == 0)
		return true;
	if (field == FB_TOPICS)
		return set_topics(b, s, len);
	if (!clean(b, field, s, len, &chars) ||
	    !value_ok(b, field, s, len, chars, &as))
		return false;
	if (as != NULL)
		put(b, field, as, strlen(as));
	else
		put(b, field, s, len);
	return true;
}

void
fb_build_abandon(struct fb_build *b)
{
	buf_free(&b->topics);
}

static bool
complete(struct fb_build *b)
{
	if (!b->set[FB_ID])
		buf_adds(b->err, "no id");
	else if (!b->set[FB_DATE])
		buf_adds(b->err, "no date");
	else if (!b->set[FB_EMAIL] && !b->set[FB_ACCOUNT])
		buf_adds(b->err, "neither an e-mail nor an account");
	else if (!b->set[FB_KIND] && !b->set[FB_NPS])
		buf_adds(b->err, "neither a kind nor an nps score");
	else
		return true;
	return false;
}

bool
fb_build_finish(struct fb_build *b)
{
	bool ok = complete(b);

	if (ok && b->topics.len > 0)
		put(b, FB_TOPICS, b->topics.data, b->topics.len);
	for (int f = 0; ok && f < FB_NFIELDS; f++)
		b->row->v[f] = b->set[f] ? b->row->store.data + b->off[f] : NULL;
	fb_build_abandon(b);
	return ok;
}
