/* The table of words for internal names (kam/words.h), and the change
 * log's values in words. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kam/countof.h"
#include "kam/utf8.h"
#include "kam/words.h"
#include "kam/xalloc.h"

/* Sorted by name (bsearch). Values that already are words (discount,
 * call, open) are not here. */
static const struct word {
	const char	*name, *words;
} table[] = {
	{ "account_id", "account" },
	{ "active", "active" },
	{ "annual_talk_on", "annual talk" },
	{ "approved_by", "approved by" },
	{ "at_risk", "at risk" },
	{ "author_id", "author" },
	{ "client_key", "key of the saving client" },
	{ "contact_id", "contact" },
	{ "created_at", "created" },
	{ "credit_limit", "credit limit" },
	{ "cross_sell", "cross-sell" },
	{ "decision_maker", "decides" },
	{ "done_on", "done on" },
	{ "due_on", "due" },
	{ "erp_id", "ERP id" },
	{ "erp_updated_at", "changed in the ERP" },
	{ "escalation_contact_id", "escalate to" },
	{ "first_response", "first response" },
	{ "follow_up_on", "follow-up" },
	{ "free_shipping", "free shipping" },
	{ "goodwill_policy", "goodwill" },
	{ "innovation_access", "innovation access" },
	{ "job_title", "job title" },
	{ "legal_name", "legal name" },
	{ "occurred_at", "when" },
	{ "owner_id", "owner" },
	{ "parent_id", "parent account" },
	{ "payment_terms", "payment terms" },
	{ "plan_id", "plan" },
	{ "preferred_channel", "prefers" },
	{ "price_list", "price list" },
	{ "revenue_target", "revenue target" },
	{ "support_days", "support days" },
	{ "support_from", "support from" },
	{ "support_to", "support until" },
	{ "time_zone", "time zone" },
	{ "up_sell", "up-sell" },
	{ "updated_at", "updated" },
	{ "valid_from", "valid from" },
	{ "valid_to", "valid to" },
	{ "vat_id", "VAT id" },
};

static int
by_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct word *)elem)->name);
}

const char *
words_of(const char *name)
{
	const struct word *w;

	if (name == NULL)
		return NULL;
	w = bsearch(name, table, countof(table), sizeof table[0], by_name);
	return w != NULL ? w->words : name;
}

/* One item of a JSON array as the change log writes it (a number, or a
 * string without escapes, which every internal name is), into out;
 * false when it is anything else. */
static bool
array_item(struct kam_buf *out, const char *field, const char *s, size_t len)
{
	static const char *const days[] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
	};
	char name[64];

	while (len > 0 && *s == ' ')
		s++, len--;
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"' &&
	    memchr(s + 1, '\\', len - 2) == NULL && len - 2 < sizeof name) {
		memcpy(name, s + 1, len - 2);
		name[len - 2] = '\0';
		buf_adds(out, words_of(name));
		return true;
	}
	if (len == 1 && strcmp(field, "support_days") == 0 && *s >= '1' && *s <= '7') {
		buf_adds(out, days[*s - '1']);
		return true;
	}
	if (len == 0 || strspn(s, "0123456789.-") < len)
		return false;
	buf_add(out, s, len);
	return true;
}

/* "[1, 2]" or "[\"phone\", \"email\"]" as its items with commas; false
 * (out as it was) when value is no such array. */
static bool
array_words(struct kam_buf *out, const char *field, const char *value)
{
	size_t len = strlen(value), start = out->len;
	const char *p = value + 1, *end = value + len - 1;

	if (len < 2 || value[0] != '[' || *end != ']')
		return false;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *stop = comma != NULL ? comma : end;

		if (out->len > start)
			buf_adds(out, ", ");
		if (!array_item(out, field, p, (size_t)(stop - p))) {
			out->len = start;
			out->data[start] = '\0';
			return false;
		}
		p = stop + (comma != NULL);
	}
	if (out->len == start)
		buf_adds(out, "(none)");
	return true;
}

/* Bytes of the first n characters of s (len bytes); a byte that is no
 * character counts as one. */
static size_t
characters(const char *s, size_t len, size_t n)
{
	size_t off = 0;
	uint32_t cp;
	int k;

	while (off < len && n-- > 0) {
		k = utf8_decode(s + off, len - off, &cp);
		off += k > 0 ? (size_t)k : 1;
	}
	return off;
}

void
words_value(struct kam_buf *out, const char *field, const char *value,
    size_t max)
{
	struct kam_buf v;
	size_t fit;

	buf_init(&v);
	if (value == NULL)
		buf_adds(&v, "(none)");
	else if (strcmp(value, "true") == 0 || strcmp(value, "false") == 0)
		buf_adds(&v, *value == 't' ? "yes" : "no");
	else if (!array_words(&v, field, value))
		buf_adds(&v, words_of(value));
	fit = max > 0 ? characters(v.data, v.len, max) : v.len;
	if (fit < v.len) {
		buf_add(out, v.data, characters(v.data, v.len, max - 1));
		buf_adds(out, "…");
	} else
		buf_add(out, v.data, v.len);
	buf_free(&v);
}

/* The next part of fields up to WORDS_US into *part (NULL for
 * WORDS_NULL); false at the end. */
static bool
next_part(const char **fields, char **part)
{
	const char *p = *fields, *us;

	if (*p == '\0')
		return false;
	us = strstr(p, WORDS_US);
	if (us == NULL)
		us = p + strlen(p);
	*part = us - p == 1 && *p == *WORDS_NULL ? NULL :
	    xstrndup(p, (size_t)(us - p));
	*fields = *us ? us + 1 : us;
	return true;
}

void
words_changes(struct kam_buf *out, const char *fields)
{
	char *field, *old, *new;
	bool first = true;

	while (next_part(&fields, &field)) {
		if (!next_part(&fields, &old))
			old = NULL;
		if (!next_part(&fields, &new))
			new = NULL;
		buf_addf(out, "%s%s: ", first ? "" : "; ", words_of(field ?
		    field : "?"));
		first = false;
		words_value(out, field ? field : "", old, 40);
		buf_adds(out, " → ");
		words_value(out, field ? field : "", new, 40);
		free(field);
		free(old);
		free(new);
	}
}
