#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "erp_file.h"
#include "erp_json.h"
#include "erp_profile.h"
#include "kam/datafile.h"
#include "kam/xalloc.h"

#define PROFILE_MAX_BYTES	(1 << 20)

struct pctx {
	const char	*source;
	struct kam_buf	*err;
};

static bool
fail(struct pctx *c, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool
fail(struct pctx *c, const char *where, const char *fmt, ...)
{
	va_list ap;

	buf_addf(c->err, "%s: %s: ", c->source, where);
	va_start(ap, fmt);
	buf_vaddf(c->err, fmt, ap);
	va_end(ap);
	return false;
}

/* Every member of obj is one of the allowed names (typos are caught). */
static bool
known_keys(struct pctx *c, const char *where, const cJSON *obj,
    const char *const *allowed)
{
	const cJSON *m;
	size_t i;

	cJSON_ArrayForEach(m, obj) {
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(m->string, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			return fail(c, where, "unknown key '%s'", m->string);
	}
	return true;
}

/* A string or a number as text; NULL for anything else. */
static const char *
scalar_text(const cJSON *v)
{
	if (cJSON_IsString(v))
		return v->valuestring;
	return erp_json_number_text(v);
}

static bool
opt_string(struct pctx *c, const char *where, const cJSON *obj,
    const char *key, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v == NULL)
		return true;
	if (!cJSON_IsString(v))
		return fail(c, where, "'%s' must be a string", key);
	*out = xstrdup(v->valuestring);
	return true;
}

static bool
opt_long(struct pctx *c, const char *where, const cJSON *obj, const char *key,
    long lo, long hi, long *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	const char *t = erp_json_number_text(v);
	char *end;
	long n;

	if (v == NULL)
		return true;
	n = t ? strtol(t, &end, 10) : 0;
	if (t == NULL || *end != '\0' || n < lo || n > hi)
		return fail(c, where, "'%s' must be a whole number from %ld to %ld",
		    key, lo, hi);
	*out = n;
	return true;
}

static bool
opt_bool(struct pctx *c, const char *where, const cJSON *obj, const char *key,
    bool *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v == NULL)
		return true;
	if (!cJSON_IsBool(v))
		return fail(c, where, "'%s' must be true or false", key);
	*out = cJSON_IsTrue(v);
	return true;
}

/* Header values and names must not be able to start another header. */
static bool
no_line_breaks(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

static bool
template_ok(struct pctx *c, const char *where, const char *t)
{
	static const char *const names[] = { "{limit}", "{since}", "{cursor}",
	    "{offset}", "{page}", "{after}", NULL };
	const char *p = t;
	size_t i;

	if (!no_line_breaks(t))
		return fail(c, where, "line breaks are not allowed");
	while ((p = strchr(p, '{')) != NULL) {
		for (i = 0; names[i] != NULL; i++)
			if (strncmp(p, names[i], strlen(names[i])) == 0)
				break;
		if (names[i] == NULL)
			return fail(c, where, "unknown placeholder in '%s' (known: "
			    "{limit} {since} {cursor} {offset} {page} {after})", t);
		p += strlen(names[i]);
	}
	return true;
}

static bool
header_name_ok(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

/* What a kv_object holds: plain text, templates, or (query parameters)
 * templates and lists of alternative templates. */
enum kv_kind { KV_TEXT, KV_TEMPLATE, KV_CHOICE };

static size_t
kv_count(const cJSON *obj)
{
	const cJSON *m;
	size_t n = 0;

	cJSON_ArrayForEach(m, obj)
		n += cJSON_IsArray(m) ? (size_t)cJSON_GetArraySize(m) : 1;
	return n;
}

static bool
kv_add(struct pctx *c, const char *where, const cJSON *m, const cJSON *item,
    enum kv_kind kind, struct erp_kv *out, size_t *n)
{
	const char *v;

	if ((v = scalar_text(item)) == NULL)
		return fail(c, where, "'%s' must be a string%s", m->string,
		    kind == KV_CHOICE ? " or a list of strings" : "");
	if (kind != KV_TEXT && !template_ok(c, where, v))
		return false;
	if (kind != KV_TEXT && !header_name_ok(m->string) && m->string[0] != '$')
		return fail(c, where, "'%s' is not a usable name", m->string);
	out[*n].name = xstrdup(m->string);
	out[*n].value = xstrdup(v);
	(*n)++;
	return true;
}

/* {"name": "value", ...} with string (or number) values; for KV_CHOICE
 * also "name": ["first choice", "second", ...]. */
static bool
kv_object(struct pctx *c, const char *where, const cJSON *obj,
    enum kv_kind kind, struct erp_kv **out, size_t *n)
{
	const cJSON *m, *item;

	if (obj == NULL)
		return true;
	if (!cJSON_IsObject(obj))
		return fail(c, where, "must be an object");
	*out = xcalloc(kv_count(obj) + 1, sizeof **out);
	cJSON_ArrayForEach(m, obj) {
		if (kind != KV_CHOICE || !cJSON_IsArray(m)) {
			if (!kv_add(c, where, m, m, kind, *out, n))
				return false;
			continue;
		}
		if (cJSON_GetArraySize(m) == 0)
			return fail(c, where, "'%s' is an empty list", m->string);
		cJSON_ArrayForEach(item, m)
			if (!kv_add(c, where, m, item, kind, *out, n))
				return false;
	}
	return true;
}

static bool
field_paths(struct pctx *c, const char *where, const cJSON *v,
    struct erp_field *f)
{
	const cJSON *p;

	if (cJSON_IsString(v)) {
		f->path[f->nparts++] = xstrdup(v->valuestring);
		return true;
	}
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) < 1 ||
	    cJSON_GetArraySize(v) > ERP_MAXPARTS)
		return fail(c, where, "'path' must be a string or a list of 1 to %d "
		    "strings", ERP_MAXPARTS);
	cJSON_ArrayForEach(p, v) {
		if (!cJSON_IsString(p))
			return fail(c, where, "'path' must hold strings");
		f->path[f->nparts++] = xstrdup(p->valuestring);
	}
	return true;
}

static void
kv_free(struct erp_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(kv[i].name);
		free(kv[i].value);
	}
	free(kv);
}

/* The field as if never mapped. */
static void
field_clear(struct erp_field *f)
{
	for (int k = 0; k < f->nparts; k++)
		free(f->path[k]);
	free(f->sep);
	free(f->equals);
	kv_free(f->map, f->nmap);
	free(f->def);
	memset(f, 0, sizeof *f);
}

static bool
field_spec(struct pctx *c, const char *where, const cJSON *v,
    struct erp_field *f)
{
	static const char *const keys[] = { "path", "sep", "format", "equals",
	    "map", "default", NULL };
	const cJSON *fmt, *eq;
	char *format = NULL;
	bool ok;

	f->set = true;
	if (cJSON_IsString(v))
		return field_paths(c, where, v, f);
	if (!cJSON_IsObject(v))
		return fail(c, where, "must be a path or an object");
	if (!known_keys(c, where, v, keys))
		return false;
	if (cJSON_GetObjectItemCaseSensitive(v, "path") == NULL)
		return fail(c, where, "'path' is missing");
	if (!field_paths(c, where, cJSON_GetObjectItemCaseSensitive(v, "path"), f) ||
	    !opt_string(c, where, v, "sep", &f->sep) ||
	    !opt_string(c, where, v, "default", &f->def) ||
	    !kv_object(c, where, cJSON_GetObjectItemCaseSensitive(v, "map"), KV_TEXT,
	    &f->map, &f->nmap))
		return false;
	if ((eq = cJSON_GetObjectItemCaseSensitive(v, "equals")) != NULL) {
		if (cJSON_IsBool(eq))
			f->equals = xstrdup(cJSON_IsTrue(eq) ? "true" : "false");
		else if (scalar_text(eq) != NULL)
			f->equals = xstrdup(scalar_text(eq));
		else
			return fail(c, where, "'equals' must be a string, number or boolean");
	}
	fmt = cJSON_GetObjectItemCaseSensitive(v, "format");
	if (!opt_string(c, where, v, "format", &format))
		return false;
	ok = fmt == NULL || strcmp(format, "iso") == 0 || strcmp(format, "unix") == 0;
	f->unix_time = fmt != NULL && strcmp(format, "unix") == 0;
	free(format);
	return ok || fail(c, where, "'format' is iso or unix");
}

static bool
parse_fields(struct pctx *c, const char *res, const cJSON *obj,
    const struct erp_resource *r, struct erp_rprofile *rp)
{
	char where[160];
	const cJSON *m;
	int col;

	snprintf(where, sizeof where, "resources.%s.fields", res);
	if (!cJSON_IsObject(obj))
		return fail(c, where, "must be an object");
	cJSON_ArrayForEach(m, obj) {
		if ((col = erp_column_find(r, m->string)) < 0)
			return fail(c, where, "'%s' is not a column of %s", m->string, res);
		/* JSON lets a name come twice: the last mapping wins, as in
		 * most JSON readers (the first's paths were added to, past the
		 * end of the field's) */
		field_clear(&rp->fields[col]);
		snprintf(where, sizeof where, "resources.%s.fields.%s", res, m->string);
		if (!field_spec(c, where, m, &rp->fields[col]))
			return false;
		snprintf(where, sizeof where, "resources.%s.fields", res);
	}
	for (size_t i = 0; i < r->ncolumns; i++)
		if ((r->columns[i].flags & ERP_REQUIRED) && !rp->fields[i].set)
			return fail(c, where, "'%s' must be mapped", r->columns[i].name);
	return true;
}

static bool
uses(const struct erp_rprofile *rp, const char *placeholder)
{
	for (size_t i = 0; i < rp->nquery; i++)
		if (strstr(rp->query[i].value, placeholder) != NULL)
			return true;
	for (size_t i = 0; i < rp->nheaders; i++)
		if (strstr(rp->headers[i].value, placeholder) != NULL)
			return true;
	return false;
}

static bool
parse_paging(struct pctx *c, const char *where, const cJSON *obj,
    struct erp_rprofile *rp)
{
	static const char *const styles[] = { "cursor", "offset", "page", "link" };
	static const char *const needs[] = { "{cursor}", "{offset}", "{page}", NULL };
	char *style = NULL;
	int i;

	if (!opt_string(c, where, obj, "paging", &style))
		return false;
	for (i = 0; i < 4 && style != NULL; i++)
		if (strcmp(style, styles[i]) == 0)
			break;
	free(style);
	if (style == NULL || i == 4)
		return fail(c, where, "'paging' is cursor, offset, page or link");
	rp->paging = (enum erp_paging)i;
	if (needs[i] != NULL && !uses(rp, needs[i]))
		return fail(c, where, "%s paging needs a %s in 'query' or 'headers'",
		    styles[i], needs[i]);
	if ((i == 0 || i == 3) && rp->next == NULL)
		return fail(c, where, "%s paging needs 'next'", styles[i]);
	rp->keyed = uses(rp, "{after}");
	/* pages of fixed windows cannot overlap: without a key a row moving
	 * inside a block of equal times would be skipped (design.md §5) */
	if (rp->paging == ERP_PAGE_NUMBER && rp->sorted && !rp->keyed)
		return fail(c, where, "sorted page paging needs a key filter: "
		    "{after} in 'query'");
	return true;
}

static bool
parse_since(struct pctx *c, const char *where, const cJSON *obj,
    struct erp_rprofile *rp)
{
	static const char *const keys[] = { "format", "digits", NULL };
	static const char *const styles[] = { "rfc3339", "local", "unix" };
	char *format = NULL;
	long digits = 0;
	int i;

	rp->since_style = ERP_TIME_RFC3339;
	if (obj == NULL)
		return true;
	if (!cJSON_IsObject(obj))
		return fail(c, where, "must be an object");
	/* the string last: nothing to free when a check before it fails */
	if (!known_keys(c, where, obj, keys) ||
	    !opt_long(c, where, obj, "digits", 0, 6, &digits) ||
	    !opt_string(c, where, obj, "format", &format))
		return false;
	for (i = 0; i < 3 && format != NULL; i++)
		if (strcmp(format, styles[i]) == 0)
			break;
	free(format);
	if (i == 3)
		return fail(c, where, "'format' is rfc3339, local or unix");
	rp->since_style = (enum erp_time_style)(i % 3);
	rp->since_digits = (int)digits;
	return true;
}

/* "skip": {"column": [value or null, ...]}: records that are not ours
 * (a contact of no customer, of a supplier), skipped and counted as
 * such, not as errors. The column's field in the record is compared as
 * text; null matches a field that is missing or null. */
static bool
parse_skip(struct pctx *c, const char *res, const cJSON *obj,
    struct erp_rprofile *rp)
{
	char where[160];
	const cJSON *m, *v;

	snprintf(where, sizeof where, "resources.%s.skip", res);
	if (obj == NULL)
		return true;
	if (!cJSON_IsObject(obj))
		return fail(c, where, "must be an object");
	rp->skip = xcalloc(kv_count(obj) + 1, sizeof *rp->skip);
	cJSON_ArrayForEach(m, obj) {
		if (!cJSON_IsArray(m))
			return fail(c, where, "'%s' must be a list of values", m->string);
		cJSON_ArrayForEach(v, m) {
			if (!cJSON_IsNull(v) && scalar_text(v) == NULL)
				return fail(c, where, "'%s' must hold strings, numbers "
				    "or null", m->string);
			rp->skip[rp->nskip].name = xstrdup(m->string);
			rp->skip[rp->nskip].value = cJSON_IsNull(v) ? NULL :
			    xstrdup(scalar_text(v));
			rp->nskip++;
		}
	}
	return true;
}

/* After the fields: every skip column must be one with a field. */
static bool
skip_columns_ok(struct pctx *c, const char *res, const struct erp_resource *r,
    const struct erp_rprofile *rp)
{
	char where[160];
	int col;

	snprintf(where, sizeof where, "resources.%s.skip", res);
	for (size_t i = 0; i < rp->nskip; i++)
		if ((col = erp_column_find(r, rp->skip[i].name)) < 0 ||
		    !rp->fields[col].set)
			return fail(c, where, "'%s' is not a mapped column of %s",
			    rp->skip[i].name, res);
	return true;
}

static bool
parse_resource(struct pctx *c, enum erp_res r, const cJSON *obj,
    struct erp_rprofile *rp)
{
	static const char *const keys[] = { "path", "query", "headers", "records",
	    "paging", "next", "first_page", "empty_status", "since", "sorted",
	    "total", "fields", "skip", NULL };
	const char *res = erp_resource(r)->name;
	char where[160];

	snprintf(where, sizeof where, "resources.%s", res);
	if (!cJSON_IsObject(obj))
		return fail(c, where, "must be an object");
	rp->present = true;
	rp->records = xstrdup("");
	if (!known_keys(c, where, obj, keys) ||
	    !opt_string(c, where, obj, "path", &rp->path) ||
	    !kv_object(c, where, cJSON_GetObjectItemCaseSensitive(obj, "query"),
	    KV_CHOICE, &rp->query, &rp->nquery) ||
	    !kv_object(c, where, cJSON_GetObjectItemCaseSensitive(obj, "headers"),
	    KV_TEMPLATE, &rp->headers, &rp->nheaders) ||
	    !opt_string(c, where, obj, "next", &rp->next) ||
	    !opt_string(c, where, obj, "total", &rp->total) ||
	    !opt_long(c, where, obj, "first_page", 0, 1, &rp->first_page) ||
	    !opt_long(c, where, obj, "empty_status", 200, 599, &rp->empty_status) ||
	    !opt_bool(c, where, obj, "sorted", &rp->sorted) ||
	    !parse_paging(c, where, obj, rp) ||
	    !parse_since(c, where, cJSON_GetObjectItemCaseSensitive(obj, "since"), rp))
		return false;
	if (cJSON_GetObjectItemCaseSensitive(obj, "records") != NULL) {
		free(rp->records);
		rp->records = NULL;
		if (!opt_string(c, where, obj, "records", &rp->records))
			return false;
	}
	if (rp->path == NULL || rp->path[0] != '/' || !no_line_breaks(rp->path))
		return fail(c, where, "'path' must start with /");
	return parse_skip(c, res, cJSON_GetObjectItemCaseSensitive(obj, "skip"), rp) &&
	    parse_fields(c, res, cJSON_GetObjectItemCaseSensitive(obj, "fields"),
	    erp_resource(r), rp) && skip_columns_ok(c, res, erp_resource(r), rp);
}

static bool
parse_auth(struct pctx *c, const cJSON *v, struct erp_profile *p)
{
	const cJSON *h;

	if (cJSON_IsString(v) && strcmp(v->valuestring, "bearer") == 0)
		p->auth = ERP_AUTH_BEARER;
	else if (cJSON_IsString(v) && strcmp(v->valuestring, "token") == 0)
		p->auth = ERP_AUTH_TOKEN;
	else if (cJSON_IsObject(v) && cJSON_GetArraySize(v) == 1 &&
	    cJSON_IsString(h = cJSON_GetObjectItemCaseSensitive(v, "header")) &&
	    header_name_ok(h->valuestring)) {
		p->auth = ERP_AUTH_HEADER;
		p->auth_header = xstrdup(h->valuestring);
	} else
		return fail(c, "auth", "is \"bearer\", \"token\" or "
		    "{\"header\": \"NAME\"}");
	return true;
}

static bool
parse_resources(struct pctx *c, const cJSON *obj, struct erp_profile *p)
{
	const cJSON *m;
	enum erp_res r;
	int n = 0;

	if (!cJSON_IsObject(obj))
		return fail(c, "resources", "must be an object");
	cJSON_ArrayForEach(m, obj) {
		if ((r = erp_resource_find(m->string)) == ERP_NRES)
			return fail(c, "resources", "'%s' is not customers, contacts, "
			    "orders or invoices", m->string);
		/* JSON lets a name come twice; it would be parsed into one place */
		if (p->res[r].present)
			return fail(c, "resources", "'%s' is named twice", m->string);
		if (!parse_resource(c, r, m, &p->res[r]))
			return false;
		n++;
	}
	return n > 0 || fail(c, "resources", "names no resource");
}

static bool
parse_profile(struct pctx *c, const cJSON *root, struct erp_profile *p)
{
	static const char *const keys[] = { "name", "description", "auth",
	    "time_zone", "max_page_size", "resources", NULL };
	const cJSON *auth = cJSON_GetObjectItemCaseSensitive(root, "auth");

	if (!cJSON_IsObject(root))
		return fail(c, "top", "must be a JSON object");
	p->max_limit = 100000;
	if (!known_keys(c, "top", root, keys) ||
	    !opt_string(c, "top", root, "name", &p->name) ||
	    !opt_string(c, "top", root, "time_zone", &p->time_zone) ||
	    !opt_long(c, "top", root, "max_page_size", 1, 100000, &p->max_limit))
		return false;
	if (p->name == NULL)
		return fail(c, "name", "is missing");
	if (auth == NULL)
		return fail(c, "auth", "is missing");
	if (!parse_auth(c, auth, p) ||
	    !parse_resources(c, cJSON_GetObjectItemCaseSensitive(root, "resources"), p))
		return false;
	if (p->time_zone == NULL)
		p->time_zone = xstrdup("UTC");
	if ((p->tz = erp_tz_load(p->time_zone, c->err)) == NULL) {
		struct kam_buf why;

		buf_init(&why);
		buf_adds(&why, c->err->data);
		buf_reset(c->err);
		fail(c, "time_zone", "%s", why.data);
		buf_free(&why);
		return false;
	}
	return true;
}

int
erp_profile_parse(const char *text, size_t len, const char *source,
    struct erp_profile **out, struct kam_buf *err)
{
	struct pctx c = { source, err };
	struct erp_profile *p = xcalloc(1, sizeof *p);
	struct kam_buf why;
	cJSON *root;
	bool ok;

	buf_init(&why);
	root = erp_json_parse(text, len, &why);
	if (root == NULL) {
		buf_addf(err, "%s: %s", source, why.data);
		buf_free(&why);
		erp_profile_free(p);
		return EX_CONFIG;
	}
	buf_free(&why);
	ok = parse_profile(&c, root, p);
	cJSON_Delete(root);
	if (!ok) {
		erp_profile_free(p);
		return EX_CONFIG;
	}
	*out = p;
	return EX_OK;
}

/* The profile's text, or NULL: err says why unless the file is missing. */
static char *
read_file(const char *path, size_t *len, struct kam_buf *err)
{
	struct kam_buf b;

	buf_init(&b);
	if (!erp_file_read(path, PROFILE_MAX_BYTES, &b)) {
		if (errno != ENOENT)
			buf_addf(err, "%s: %s", path, errno == EFBIG ?
			    "larger than a profile (1 MB)" : strerror(errno));
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

/* The user's own profile, else kam's (datafile.h); NULL with err empty
 * and where kam looked in path when there is none. */
static char *
find_profile(const char *name, size_t *len, struct kam_buf *path,
    struct kam_buf *err)
{
	struct kam_buf file;
	bool found;

	buf_init(&file);
	buf_addf(&file, "%s.json", name);
	found = datafile_find("profiles", file.data, path);
	buf_free(&file);
	return found ? read_file(path->data, len, err) : NULL;
}

static bool
plain_name(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return false;
	return true;
}

int
erp_profile_load(const char *name, struct erp_profile **out,
    struct kam_buf *err)
{
	struct kam_buf path;
	size_t len = 0;
	char *text;
	int rc;

	buf_init(&path);
	if (name == NULL || *name == '\0' || !plain_name(name)) {
		buf_adds(&path, name ? name : "");
		text = path.len ? read_file(path.data, &len, err) : NULL;
		if (text == NULL && err->len == 0)
			buf_addf(err, "erp.profile: cannot read '%s' (no such profile)",
			    path.data);
	} else if ((text = find_profile(name, &len, &path, err)) == NULL &&
	    err->len == 0)
		buf_addf(err, "erp.profile: no such profile '%s' (looked for %s; "
		    "KAM_DATADIR names kam's data folder)", name, path.data);
	if (text == NULL) {
		buf_free(&path);
		return EX_CONFIG;
	}
	rc = erp_profile_parse(text, len, path.data, out, err);
	free(text);
	buf_free(&path);
	return rc;
}

static void
rprofile_free(struct erp_rprofile *rp)
{
	free(rp->path);
	kv_free(rp->query, rp->nquery);
	kv_free(rp->headers, rp->nheaders);
	kv_free(rp->skip, rp->nskip);
	free(rp->records);
	free(rp->next);
	free(rp->total);
	for (int i = 0; i < ERP_MAXCOLS; i++)
		field_clear(&rp->fields[i]);
}

void
erp_profile_free(struct erp_profile *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->auth_header);
	free(p->time_zone);
	erp_tz_free(p->tz);
	for (int r = 0; r < ERP_NRES; r++)
		rprofile_free(&p->res[r]);
	free(p);
}
