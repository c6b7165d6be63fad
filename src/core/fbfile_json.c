/* One line of a JSON Lines feedback file: an object (RFC 8259) whose
 * members kam reads are strings, numbers or null, the topics also an
 * array of strings; members it does not read may hold anything, nested
 * up to MAX_DEPTH. Written here rather than with cJSON, which only the
 * ERP sync links (tests/style.sh), and small enough to fuzz whole. */
#include <string.h>

#include "fbfile_row.h"
#include "kam/utf8.h"

#define MAX_DEPTH 32

struct jp {
	const char	*s;
	size_t		 len, at;
	struct kam_buf	*err;
};

static void
ws(struct jp *j)
{
	while (j->at < j->len && (j->s[j->at] == ' ' || j->s[j->at] == '\t' ||
	    j->s[j->at] == '\r' || j->s[j->at] == '\n'))
		j->at++;
}

static bool
fail(struct jp *j, const char *what)
{
	buf_addf(j->err, "not a JSON object: %s at byte %zu", what, j->at + 1);
	return false;
}

static bool
eat(struct jp *j, char c)
{
	ws(j);
	if (j->at < j->len && j->s[j->at] == c) {
		j->at++;
		return true;
	}
	return false;
}

static int
hex4(const char *s)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (c | 0x20) - 'a' + 10;
		else
			return -1;
	}
	return v;
}

/* \uXXXX, a surrogate pair as one character; NUL is refused (the
 * fields are C strings). */
static bool
unicode(struct jp *j, struct kam_buf *out)
{
	char enc[4];
	int hi, lo;
	uint32_t cp;

	if (j->at + 5 > j->len || (hi = hex4(j->s + j->at + 1)) < 0)
		return fail(j, "a bad \\u escape");
	j->at += 5;
	cp = (uint32_t)hi;
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (j->at + 6 > j->len || j->s[j->at] != '\\' ||
		    j->s[j->at + 1] != 'u' || (lo = hex4(j->s + j->at + 2)) < 0 ||
		    lo < 0xdc00 || lo > 0xdfff)
			return fail(j, "half a surrogate pair");
		j->at += 6;
		cp = 0x10000 + (((uint32_t)hi - 0xd800) << 10) +
		    ((uint32_t)lo - 0xdc00);
	} else if (hi >= 0xdc00 && hi <= 0xdfff)
		return fail(j, "half a surrogate pair");
	if (cp == 0)
		return fail(j, "a NUL character (\\u0000)");
	buf_add(out, enc, (size_t)utf8_encode(cp, enc));
	return true;
}

static bool
string(struct jp *j, struct kam_buf *out)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

	buf_reset(out);
	if (!eat(j, '"'))
		return fail(j, "no string");
	while (j->at < j->len && j->s[j->at] != '"') {
		unsigned char c = (unsigned char)j->s[j->at];
		const char *e;

		if (c < 0x20)
			return fail(j, "a raw control character in a string");
		if (c != '\\') {
			buf_addc(out, (char)c);
			j->at++;
			continue;
		}
		if (++j->at == j->len)
			break;
		if (j->s[j->at] == 'u') {
			if (!unicode(j, out))
				return false;
		} else if ((e = memchr(from, j->s[j->at], sizeof from - 1)) != NULL) {
			buf_addc(out, to[e - from]);
			j->at++;
		} else
			return fail(j, "a bad escape");
	}
	if (j->at == j->len)
		return fail(j, "a string that never ends");
	j->at++;
	return true;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number as JSON writes it, its text into out. */
static bool
number(struct jp *j, struct kam_buf *out)
{
	size_t start = j->at, i = j->at;

	if (i < j->len && j->s[i] == '-')
		i++;
	if (i < j->len && j->s[i] == '0')
		i++;
	else if (i < j->len && is_digit(j->s[i]))
		while (i < j->len && is_digit(j->s[i]))
			i++;
	else
		return fail(j, "a bad value");
	if (i < j->len && j->s[i] == '.') {
		if (++i == j->len || !is_digit(j->s[i]))
			return fail(j, "a bad number");
		while (i < j->len && is_digit(j->s[i]))
			i++;
	}
	if (i < j->len && (j->s[i] | 0x20) == 'e') {
		if (++i < j->len && (j->s[i] == '+' || j->s[i] == '-'))
			i++;
		if (i == j->len || !is_digit(j->s[i]))
			return fail(j, "a bad number");
		while (i < j->len && is_digit(j->s[i]))
			i++;
	}
	buf_reset(out);
	buf_add(out, j->s + start, i - start);
	j->at = i;
	return true;
}

static bool
word(struct jp *j, const char *w)
{
	size_t n = strlen(w);

	if (j->len - j->at < n || memcmp(j->s + j->at, w, n) != 0)
		return false;
	j->at += n;
	return true;
}

enum jv { JV_STRING, JV_NUMBER, JV_NULL, JV_BOOL, JV_ARRAY, JV_OBJECT };

static bool skip_value(struct jp *j, struct kam_buf *tmp, int depth);

/* An array or object kam does not read. */
static bool
skip_container(struct jp *j, struct kam_buf *tmp, int depth, char close)
{
	if (depth > MAX_DEPTH)
		return fail(j, "nested too deep");
	if (eat(j, close))
		return true;
	do {
		if (close == '}' && (!string(j, tmp) || !eat(j, ':')))
			return fail(j, "a member without its name");
		if (!skip_value(j, tmp, depth))
			return false;
	} while (eat(j, ','));
	return eat(j, close) || fail(j, "no comma or closing bracket");
}

/* A scalar's kind, its text into out (strings and numbers); an array or
 * an object is left at its opening bracket. */
static bool
scalar(struct jp *j, struct kam_buf *out, enum jv *kind)
{
	ws(j);
	if (j->at == j->len)
		return fail(j, "no value");
	switch (j->s[j->at]) {
	case '"':
		*kind = JV_STRING;
		return string(j, out);
	case '[':
		*kind = JV_ARRAY;
		return true;
	case '{':
		*kind = JV_OBJECT;
		return true;
	}
	if (word(j, "null"))
		return *kind = JV_NULL, true;
	if (word(j, "true") || word(j, "false"))
		return *kind = JV_BOOL, true;
	*kind = JV_NUMBER;
	return number(j, out);
}

static bool
skip_value(struct jp *j, struct kam_buf *tmp, int depth)
{
	enum jv kind;

	if (!scalar(j, tmp, &kind))
		return false;
	if (kind == JV_ARRAY || kind == JV_OBJECT) {
		j->at++;
		return skip_container(j, tmp, depth + 1,
		    kind == JV_ARRAY ? ']' : '}');
	}
	return true;
}

/* The topics as an array of strings. */
static bool
topic_list(struct jp *j, struct fb_build *b, struct kam_buf *tmp)
{
	j->at++;
	if (eat(j, ']'))
		return true;
	do {
		ws(j);
		if (j->at < j->len && j->s[j->at] != '"')
			return fail(j, "topics: an array of strings");
		if (!string(j, tmp) || !fb_build_topic(b, tmp->data ? tmp->data : "",
		    tmp->len))
			return false;
	} while (eat(j, ','));
	return eat(j, ']') || fail(j, "no comma or closing bracket");
}

static bool
member(struct jp *j, struct fb_build *b, struct kam_buf *tmp)
{
	enum jv kind;
	int field;

	if (!string(j, tmp))
		return false;
	field = fb_field_named(tmp->data ? tmp->data : "", tmp->len);
	if (!eat(j, ':'))
		return fail(j, "no colon after a member's name");
	if (field < 0)
		return skip_value(j, tmp, 1);
	if (!scalar(j, tmp, &kind))
		return false;
	if (kind == JV_ARRAY && field == FB_TOPICS)
		return topic_list(j, b, tmp);
	if (kind == JV_ARRAY || kind == JV_OBJECT || kind == JV_BOOL) {
		buf_addf(j->err, "%s: a string or a number, not %s",
		    fb_field_name(field), kind == JV_BOOL ? "true or false" :
		    kind == JV_ARRAY ? "an array" : "an object");
		return false;
	}
	if (kind == JV_NULL)
		return true;
	return fb_build_set(b, field, tmp->data ? tmp->data : "", tmp->len);
}

bool
fb_json_object(struct fb_build *b, const char *line, size_t len)
{
	struct jp j = { line, len, 0, b->err };
	struct kam_buf tmp;
	bool ok = true;

	if (!utf8_valid(line, len)) {
		buf_adds(b->err, "not UTF-8");
		return false;
	}
	buf_init(&tmp);
	if (!eat(&j, '{'))
		ok = fail(&j, "no opening brace");
	else if (!eat(&j, '}')) {
		do
			ok = member(&j, b, &tmp);
		while (ok && eat(&j, ','));
		ok = ok && (eat(&j, '}') || fail(&j, "no comma or closing brace"));
	}
	ws(&j);
	if (ok && j.at != j.len)
		ok = fail(&j, "text after the object");
	buf_free(&tmp);
	return ok;
}
