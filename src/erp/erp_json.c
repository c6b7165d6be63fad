/* cJSON keeps numbers as doubles only. A second, tiny pass over the text
 * finds every number's original characters; since cJSON keeps members and
 * elements in document order, the n-th number token is the n-th number
 * node of a pre-order walk, and its text is stored in the node's unused
 * valuestring (which cJSON_Delete frees). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "erp_json.h"
#include "kam/decimal.h"
#include "kam/xalloc.h"

struct span {
	size_t	off, len;
};

struct tokens {
	struct span	*num;		/* number tokens, in order */
	size_t		 nnum, capnum, nextnum;
	size_t		*cut;		/* ordinals of strings holding \u0000 */
	size_t		 ncut, capcut, nextcut;
	size_t		 nstr, nextstr;	/* string tokens, keys included */
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
push_number(struct tokens *t, size_t off, size_t len)
{
	if (t->nnum == t->capnum) {
		t->capnum = t->capnum ? t->capnum * 2 : 64;
		t->num = xrealloc(t->num, t->capnum * sizeof *t->num);
	}
	t->num[t->nnum++] = (struct span){ off, len };
}

static void
push_cut(struct tokens *t, size_t ordinal)
{
	if (t->ncut == t->capcut) {
		t->capcut = t->capcut ? t->capcut * 2 : 8;
		t->cut = xrealloc(t->cut, t->capcut * sizeof *t->cut);
	}
	t->cut[t->ncut++] = ordinal;
}

/* Skips the string starting at s[*i] == '"'. */
static void
lex_string(const char *s, size_t len, size_t *i, struct tokens *t)
{
	bool cut = false;
	size_t k = *i + 1;

	while (k < len && s[k] != '"') {
		if (s[k] == '\0')
			cut = true;	/* a raw NUL ends the C string early */
		if (s[k] == '\\') {
			if (len - k > 5 && memcmp(s + k + 1, "u0000", 5) == 0)
				cut = true;
			k++;
		}
		k++;
	}
	if (cut)
		push_cut(t, t->nstr);
	t->nstr++;
	*i = k + 1;
}

static bool
lex(const char *s, size_t len, struct tokens *t)
{
	size_t i = 0, start;

	while (i < len) {
		if (s[i] == '"') {
			lex_string(s, len, &i, t);
		} else if (s[i] == '-' || is_digit(s[i])) {
			start = i;
			while (i < len && s[i] != '\0' &&
			    strchr("0123456789+-eE.", s[i]) != NULL)
				i++;
			if (!decimal_parse(s + start, i - start, DECIMAL_JSON, NULL))
				return false;
			push_number(t, start, i - start);
		} else
			i++;
	}
	return true;
}

static bool
annotate(cJSON *item, struct tokens *t, const char *text)
{
	struct span *sp;

	for (; item != NULL; item = item->next) {
		if (item->string != NULL)
			t->nextstr++;
		if (cJSON_IsString(item)) {
			if (t->nextcut < t->ncut && t->cut[t->nextcut] == t->nextstr) {
				item->valueint = 1;
				t->nextcut++;
			}
			t->nextstr++;
		} else if (cJSON_IsNumber(item)) {
			if (t->nextnum >= t->nnum || item->valuestring != NULL)
				return false;
			sp = &t->num[t->nextnum++];
			item->valuestring = cJSON_malloc(sp->len + 1);
			if (item->valuestring == NULL)
				return false;
			memcpy(item->valuestring, text + sp->off, sp->len);
			item->valuestring[sp->len] = '\0';
		} else if (cJSON_IsArray(item) || cJSON_IsObject(item)) {
			if (!annotate(item->child, t, text))
				return false;
		}
	}
	return true;
}

/* True when text stops inside a string or with brackets still open: an
 * answer cut short, wherever the parser happened to give up. */
static bool
looks_cut(const char *s, size_t len)
{
	long depth = 0;
	size_t i = 0;

	while (i < len) {
		if (s[i] == '"') {
			for (i++; i < len && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			if (i >= len)
				return true;
		} else if (s[i] == '[' || s[i] == '{')
			depth++;
		else if (s[i] == ']' || s[i] == '}')
			depth--;
		i++;
	}
	return depth > 0;
}

/* Says why text is not JSON; true when it was cut short. */
static bool
parse_error(struct kam_buf *err, const char *text, size_t len,
    const char *end)
{
	size_t at = end != NULL && end >= text ? (size_t)(end - text) : 0;

	if (len == 0)
		buf_adds(err, "the answer is empty, not JSON");
	else if (at >= len || looks_cut(text, len)) {
		buf_adds(err, "the answer ends in the middle of its JSON "
		    "(truncated)");
		return true;
	} else
		buf_addf(err, "the answer is not valid JSON (at byte %zu)", at);
	return false;
}

cJSON *
erp_json_parse(const char *text, size_t len, struct kam_buf *err)
{
	bool cut;

	return erp_json_parse_answer(text, len, &cut, err);
}

cJSON *
erp_json_parse_answer(const char *text, size_t len, bool *cut,
    struct kam_buf *err)
{
	struct tokens t = { 0 };
	const char *end = NULL;
	cJSON *root;
	bool ok;

	*cut = false;
	root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
	if (root == NULL) {
		*cut = parse_error(err, text, len, end);
		return NULL;
	}
	ok = lex(text, len, &t) && annotate(root, &t, text) &&
	    t.nextnum == t.nnum && t.nextstr == t.nstr;
	free(t.num);
	free(t.cut);
	if (!ok) {
		buf_adds(err, "the answer is not valid JSON (bad number)");
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

const char *
erp_json_number_text(const cJSON *item)
{
	return cJSON_IsNumber(item) ? item->valuestring : NULL;
}

bool
erp_json_string_cut(const cJSON *item)
{
	return cJSON_IsString(item) && item->valueint == 1;
}

/* One JSON pointer step: ~1 is '/', ~0 is '~'. */
static const cJSON *
pointer_step(const cJSON *obj, const char *tok, size_t n)
{
	struct kam_buf key;
	const cJSON *item = NULL;
	char *end;
	long idx;

	buf_init(&key);
	for (size_t i = 0; i < n; i++) {
		if (tok[i] == '~' && i + 1 < n && (tok[i + 1] == '0' || tok[i + 1] == '1'))
			buf_addc(&key, tok[++i] == '0' ? '~' : '/');
		else
			buf_addc(&key, tok[i]);
	}
	if (cJSON_IsObject(obj))
		item = cJSON_GetObjectItemCaseSensitive(obj, key.data);
	else if (cJSON_IsArray(obj) && key.len > 0 && is_digit(key.data[0])) {
		idx = strtol(key.data, &end, 10);
		if (*end == '\0' && idx < INT32_MAX)
			item = cJSON_GetArrayItem(obj, (int)idx);
	}
	buf_free(&key);
	return item;
}

const cJSON *
erp_json_get(const cJSON *obj, const char *path)
{
	const char *p, *slash;

	if (path[0] == '\0' || strcmp(path, "/") == 0)
		return obj;
	if (path[0] != '/')
		return cJSON_IsObject(obj) ?
		    cJSON_GetObjectItemCaseSensitive(obj, path) : NULL;
	for (p = path + 1; obj != NULL; p = slash + 1) {
		slash = strchr(p, '/');
		obj = pointer_step(obj, p, slash ? (size_t)(slash - p) : strlen(p));
		if (slash == NULL)
			break;
	}
	return obj;
}

const char *
erp_json_kind(const cJSON *item)
{
	if (item == NULL)
		return "nothing";
	if (cJSON_IsString(item))
		return "a string";
	if (cJSON_IsNumber(item))
		return "a number";
	if (cJSON_IsBool(item))
		return cJSON_IsTrue(item) ? "true" : "false";
	if (cJSON_IsNull(item))
		return "null";
	if (cJSON_IsArray(item))
		return "an array";
	return "an object";
}
