#include <stdlib.h>
#include <string.h>

#include "erp_decimal.h"
#include "erp_json.h"
#include "erp_map.h"
#include "erp_time.h"
#include "kam/copytext.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

static const char *const type_words[] = {
	[ERP_ID] = "an id", [ERP_TEXT] = "text", [ERP_MONEY] = "a decimal",
	[ERP_DATE] = "a date", [ERP_TIME] = "a time", [ERP_BOOL] = "true or false",
	[ERP_COUNTRY] = "a country code", [ERP_CURRENCY] = "a currency code",
	[ERP_EMAIL] = "an e-mail address",
};

/* One JSON value as text: strings as they are, numbers as the ERP wrote
 * them, null and missing as NULL. Anything else is refused. */
static bool
json_text(const cJSON *v, enum erp_type t, const char **out, struct kam_buf *why)
{
	*out = NULL;
	if (v == NULL || cJSON_IsNull(v))
		return true;
	if (cJSON_IsString(v)) {
		if (erp_json_string_cut(v)) {
			buf_adds(why, "holds a NUL character");
			return false;
		}
		*out = v->valuestring;
		return true;
	}
	if (cJSON_IsNumber(v)) {
		*out = erp_json_number_text(v);
		return true;
	}
	buf_addf(why, "expected %s, got %s", type_words[t], erp_json_kind(v));
	return false;
}

/* The field's text before conversion: one path, or several joined. */
static bool
field_text(const struct erp_field *f, enum erp_type t, const cJSON *rec,
    struct kam_buf *text, bool *null, struct kam_buf *why)
{
	const char *part;

	*null = true;
	for (int i = 0; i < f->nparts; i++) {
		if (!json_text(erp_json_get(rec, f->path[i]), t, &part, why))
			return false;
		if (part == NULL || (f->nparts > 1 && *part == '\0'))
			continue;
		if (!*null)
			buf_adds(text, f->sep ? f->sep : " ");
		buf_adds(text, part);
		*null = false;
	}
	for (size_t i = 0; i < f->nmap && !*null; i++)
		if (strcmp(text->data, f->map[i].name) == 0) {
			buf_reset(text);
			buf_adds(text, f->map[i].value);
			break;
		}
	if (*null && f->def != NULL) {
		buf_adds(text, f->def);
		*null = false;
	}
	return true;
}

static bool
bool_word(const char *text, char **out, struct kam_buf *why)
{
	bool yes = strcmp(text, "1") == 0 || strcmp(text, "true") == 0;

	if (!yes && strcmp(text, "0") != 0 && strcmp(text, "false") != 0) {
		buf_addf(why, "expected true or false, got '%s'", text);
		return false;
	}
	*out = xstrdup(yes ? "t" : "f");
	return true;
}

/* Booleans: JSON true/false, 0/1, or "equals" against the text. */
static bool
field_bool(const struct erp_field *f, const cJSON *rec, char **out,
    struct kam_buf *why)
{
	const cJSON *v = erp_json_get(rec, f->path[0]);
	struct kam_buf text;
	bool null = true, ok = true;

	if (f->equals == NULL && cJSON_IsBool(v)) {
		*out = xstrdup(cJSON_IsTrue(v) ? "t" : "f");
		return true;
	}
	buf_init(&text);
	if (cJSON_IsBool(v)) {
		buf_adds(&text, cJSON_IsTrue(v) ? "true" : "false");
		null = false;
	} else
		ok = field_text(f, ERP_BOOL, rec, &text, &null, why);
	if (ok && f->equals != NULL)
		*out = xstrdup(!null && strcmp(text.data, f->equals) == 0 ? "t" : "f");
	else if (ok && !null)
		ok = bool_word(text.data, out, why);
	buf_free(&text);
	return ok;
}

static bool
is_blank(const char *s)
{
	return s[strspn(s, " ")] == '\0';
}

/* ASCII and Unicode white space, which PostgreSQL's [[:space:]] may see */
static bool
has_space(const char *s)
{
	uint32_t cp;
	int n;

	for (size_t len = strlen(s); len > 0; s += n, len -= (size_t)n) {
		if ((n = utf8_decode(s, len, &cp)) < 0)
			return true;
		if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 ||
		    cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
		    cp == 0x3000)
			return true;
	}
	return false;
}

static bool
is_email(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL && !has_space(s);
}

/* Upper-cases ASCII letters; true when exactly n letters. */
static bool
letter_code(struct kam_buf *b, size_t n)
{
	if (b->len != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (b->data[i] >= 'a' && b->data[i] <= 'z')
			b->data[i] = (char)(b->data[i] - 'a' + 'A');
		if (b->data[i] < 'A' || b->data[i] > 'Z')
			return false;
	}
	return true;
}

static bool
parse_time(const struct erp_field *f, const struct erp_tz *tz, const char *s,
    int64_t *us)
{
	return f->unix_time ? erp_time_parse_unix(s, us) :
	    erp_time_parse_iso(s, tz, us);
}

/* Checks and normalises text for column type t into out. */
static bool
convert(const struct erp_column *c, const struct erp_field *f,
    const struct erp_tz *tz, struct kam_buf *text, struct erp_row *row,
    struct kam_buf *out, struct kam_buf *why)
{
	char when[ERP_TIME_LEN];
	const char *problem;
	int64_t us;

	switch (c->type) {
	case ERP_MONEY:
		if (erp_decimal(text->data, 2, 14, !(c->flags & ERP_NONNEG), out, &problem))
			return true;
		buf_addf(why, "'%s' %s", text->data, problem);
		return false;
	case ERP_DATE:
		if (!f->unix_time && text->len == 10 && date_parse_iso(text->data,
		    &(struct kam_date){ 0 })) {
			buf_add(out, text->data, text->len);
			return true;
		}
		if (!parse_time(f, tz, text->data, &us))
			break;
		date_format(erp_time_date(us, tz), when);
		buf_adds(out, when);
		return true;
	case ERP_TIME:
		if (!parse_time(f, tz, text->data, &us))
			break;
		row->has_updated = true;
		row->updated_us = us;
		erp_time_format(us, ERP_TIME_RFC3339, 6, tz, when);
		buf_adds(out, when);
		return true;
	case ERP_COUNTRY:
	case ERP_CURRENCY:
		if (!letter_code(text, c->type == ERP_COUNTRY ? 2 : 3))
			break;
		buf_add(out, text->data, text->len);
		return true;
	case ERP_EMAIL:
		if (!is_email(text->data))
			break;
		/* fall through */
	default:
		buf_add(out, text->data, text->len);
		return true;
	}
	buf_addf(why, "'%s' is not %s", text->data, type_words[c->type]);
	return false;
}

/* Reads one column into row; false with the reason in why. */
static bool
map_column(const struct erp_resource *r, const struct erp_rprofile *rp,
    const struct erp_tz *tz, const cJSON *rec, int i, struct erp_row *row,
    struct kam_buf *why)
{
	const struct erp_column *c = &r->columns[i];
	const struct erp_field *f = &rp->fields[i];
	struct kam_buf text, out;
	bool null, ok;

	if (!f->set)
		return true;
	if (c->type == ERP_BOOL)
		return field_bool(f, rec, &row->values[i], why);
	buf_init(&text);
	buf_init(&out);
	ok = field_text(f, c->type, rec, &text, &null, why);
	if (ok && !null && (c->type == ERP_COUNTRY || c->type == ERP_EMAIL) &&
	    text.len == 0)
		null = true;	/* an empty optional code or address is none */
	if (ok && !null) {
		if (!utf8_valid(text.data, text.len)) {
			buf_adds(why, "is not valid UTF-8");
			ok = false;
		} else if (text.len > (c->type == ERP_ID ? ERP_MAX_ID : ERP_MAX_TEXT)) {
			buf_addf(why, "is %zu bytes long, more than kam stores (%d)",
			    text.len, c->type == ERP_ID ? ERP_MAX_ID : ERP_MAX_TEXT);
			ok = false;
		} else if ((c->flags & ERP_REQUIRED) && is_blank(text.data)) {
			buf_adds(why, "is blank");
			ok = false;
		} else if ((ok = convert(c, f, tz, &text, row, &out, why)))
			row->values[i] = buf_detach(&out);
	}
	buf_free(&text);
	buf_free(&out);
	return ok;
}

/* map_column, with the column's name in front of the reason. */
static bool
map_or_say(const struct erp_resource *r, const struct erp_rprofile *rp,
    const struct erp_tz *tz, const cJSON *rec, int i, struct erp_row *row,
    struct kam_buf *why)
{
	struct kam_buf problem;
	bool ok;

	buf_init(&problem);
	if (!(ok = map_column(r, rp, tz, rec, i, row, &problem)))
		buf_addf(why, "%s: %s", r->columns[i].name, problem.data);
	buf_free(&problem);
	return ok;
}

bool
erp_map_record(const struct erp_resource *r, const struct erp_rprofile *rp,
    const struct erp_tz *tz, const cJSON *rec, struct erp_row *row,
    struct kam_buf *why)
{
	const char *problem;

	memset(row, 0, sizeof *row);
	if (!cJSON_IsObject(rec)) {
		buf_addf(why, "record: expected an object, got %s", erp_json_kind(rec));
		return false;
	}
	if (!map_or_say(r, rp, tz, rec, ERP_COL_ID, row, why) ||
	    !map_or_say(r, rp, tz, rec, r->deleted, row, why))
		return false;
	row->deleted = row->values[r->deleted] != NULL &&
	    strcmp(row->values[r->deleted], "t") == 0;
	if (row->values[ERP_COL_ID] == NULL) {
		buf_adds(why, "id: is missing");
		return false;
	}
	/* the change time first: paging by (time, key) goes on from a
	 * record refused for another field (erp_pager.h) */
	if (!map_or_say(r, rp, tz, rec, r->updated, row, why))
		return false;
	for (int i = 1; i < (int)r->ncolumns; i++) {
		if (i == r->deleted || (row->deleted && i != r->updated))
			continue;
		if (i != r->updated && !map_or_say(r, rp, tz, rec, i, row, why))
			return false;
		if (row->values[i] == NULL && !row->deleted &&
		    (r->columns[i].flags & ERP_REQUIRED)) {
			buf_addf(why, "%s: is missing", r->columns[i].name);
			return false;
		}
	}
	if (!row->deleted && r->check != NULL && (problem = r->check(row->values))) {
		buf_adds(why, problem);
		return false;
	}
	return true;
}

void
erp_row_clear(struct erp_row *row)
{
	for (int i = 0; i < ERP_MAXCOLS; i++)
		free(row->values[i]);
	memset(row, 0, sizeof *row);
}

static void
copy_value(struct kam_buf *out, const char *v)
{
	if (v == NULL)
		buf_add(out, "\\N", 2);
	else
		copytext_escape(out, v, strlen(v));
}

void
erp_row_copy_line(struct kam_buf *out, const struct erp_resource *r, long seq,
    const struct erp_row *row, bool invalid)
{
	buf_addf(out, "%ld\t%s", seq, invalid ? "t" : "f");
	for (size_t i = 0; i < r->ncolumns; i++) {
		buf_addc(out, '\t');
		if (invalid && i != ERP_COL_ID)
			copy_value(out, NULL);
		else if ((int)i == r->deleted)
			copy_value(out, row->deleted ? "t" : "f");
		else
			copy_value(out, row->values[i]);
	}
	buf_addc(out, '\n');
}
