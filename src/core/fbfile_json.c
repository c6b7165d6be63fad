/* One line of a JSON Lines feedback file: an object (RFC 8259), parsed
 * by cJSON, whose members kam reads are strings, numbers or null, the
 * topics also an array of strings; members it does not read may hold
 * anything cJSON takes (nested up to its CJSON_NESTING_LIMIT). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "fbfile_row.h"
#include "kam/utf8.h"

/* RFC 8259 section 6: the whole numbers every reader keeps exactly.
 * cJSON holds a number as a double, not as the text the file wrote. */
#define JSON_MAX_EXACT 9007199254740991.0	/* 2^53 - 1 */

static bool
fail(struct kam_buf *err, const char *what, size_t at)
{
	buf_addf(err, "not a JSON object: %s at byte %zu", what, at + 1);
	return false;
}

static bool
json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* What cJSON lets through and kam refuses: a NUL, escaped or raw (the
 * fields are C strings; cJSON would cut a string at it), a raw control
 * character in a string (cJSON copies it), and one between values
 * (cJSON skips any byte up to a space as white space). A backslash
 * stands only inside a string in JSON; anything else cJSON refuses. */
static bool
plain(const char *s, size_t len, struct kam_buf *err)
{
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (in_string && c == '\\') {
			if (len - i > 5 && memcmp(s + i + 1, "u0000", 5) == 0)
				return fail(err, "a NUL character (\\u0000)", i);
			i++;
		} else if (c == '"')
			in_string = !in_string;
		else if (c < 0x20 && in_string)
			return fail(err, "a raw control character in a string", i);
		else if (c < 0x20 && !json_space((char)c))
			return fail(err, "a control character", i);
	}
	return true;
}

/* A number as the whole number it must be, in decimal. */
static bool
number(struct fb_build *b, int field, double v)
{
	char text[24];

	if (!(v >= -JSON_MAX_EXACT && v <= JSON_MAX_EXACT) ||
	    v != (double)(long long)v) {
		buf_addf(b->err, "%s: a whole number up to 2^53, or a string",
		    fb_field_name(field));
		return false;
	}
	snprintf(text, sizeof text, "%lld", (long long)v);
	return fb_build_set(b, field, text, strlen(text));
}

static bool
topic_list(struct fb_build *b, const cJSON *list)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, list) {
		if (!cJSON_IsString(t)) {
			buf_adds(b->err, "topics: an array of strings");
			return false;
		}
		if (!fb_build_topic(b, t->valuestring, strlen(t->valuestring)))
			return false;
	}
	return true;
}

static bool
member(struct fb_build *b, const cJSON *m)
{
	int field = fb_field_named(m->string, strlen(m->string));

	if (field < 0 || cJSON_IsNull(m))
		return true;
	if (cJSON_IsString(m))
		return fb_build_set(b, field, m->valuestring,
		    strlen(m->valuestring));
	if (cJSON_IsNumber(m))
		return number(b, field, m->valuedouble);
	if (cJSON_IsArray(m) && field == FB_TOPICS)
		return topic_list(b, m);
	buf_addf(b->err, "%s: a string or a number, not %s",
	    fb_field_name(field), cJSON_IsBool(m) ? "true or false" :
	    cJSON_IsArray(m) ? "an array" : "an object");
	return false;
}

bool
fb_json_object(struct fb_build *b, const char *line, size_t len)
{
	const char *end = NULL;
	const cJSON *m;
	cJSON *root;
	bool ok = true;
	size_t at;

	if (!utf8_valid(line, len)) {
		buf_adds(b->err, "not UTF-8");
		return false;
	}
	if (!plain(line, len, b->err))
		return false;
	/* the line is not NUL-terminated: its end is checked here, not
	 * by cJSON's require_null_terminated */
	if ((root = cJSON_ParseWithLengthOpts(line, len, &end, false)) == NULL)
		return fail(b->err, "a syntax error",
		    end != NULL && end >= line && end < line + len ?
		    (size_t)(end - line) : len);
	for (at = (size_t)(end - line); at < len && json_space(line[at]); at++)
		;
	if (at != len)
		ok = fail(b->err, "text after the object", at);
	else if (!cJSON_IsObject(root)) {
		for (at = 0; json_space(line[at]); at++)
			;
		ok = fail(b->err, "no opening brace", at);
	}
	for (m = root->child; ok && m != NULL; m = m->next)
		ok = member(b, m);
	cJSON_Delete(root);
	return ok;
}
