#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "erp_curl.h"
#include "erp_fetch.h"
#include "erp_json.h"
#include "erp_map.h"
#include "erp_pager.h"
#include "erp_request.h"
#include "erp_url.h"
#include "kam/xalloc.h"

/* Pages fetched and waiting: two smooth out a slow ERP answer or a slow
 * database statement without holding much memory. */
#define ERP_FETCH_AHEAD	2

struct erp_fetch {
	struct erp_fetch_config		 c;
	const struct erp_rprofile	*rp;
	const struct erp_resource	*r;
	struct erp_http			*http;
	struct erp_request		 req;
	struct erp_pager		 pager;
	char				*url;		/* of the page last fetched */
	bool				 has_max;	/* highest change time so far */
	int64_t				 max_us;
	long				 number;
	atomic_bool			 stop;
	pthread_t			 thread;
	bool				 started;
	pthread_mutex_t			 mu;
	pthread_cond_t			 cv;
	struct erp_page			*ready[ERP_FETCH_AHEAD];	/* a queue */
	int				 nready;
	bool				 ended;
};

/* The key for {after} as it can stand inside a JSON string or a quoted
 * filter value: backslash and double quote escaped, control characters
 * as \u00XX. */
static void
key_text(struct kam_buf *b, const char *key)
{
	for (const unsigned char *s = (const unsigned char *)key; *s; s++)
		if (*s == '"' || *s == '\\')
			buf_addf(b, "\\%c", *s);
		else if (*s < 0x20)
			buf_addf(b, "\\u%04x", *s);
		else
			buf_addc(b, (char)*s);
}

/* The placeholder values for the page to fetch next. */
static void
page_vars(struct erp_fetch *f, char limit[24], char since[ERP_TIME_LEN],
    char offset[24], char page[24], struct kam_buf *after, struct erp_vars *v)
{
	const struct erp_pager *p = &f->pager;

	memset(v, 0, sizeof *v);
	if (p->after != NULL) {
		key_text(after, p->after);
		v->after = after->data;
	}
	snprintf(limit, 24, "%ld", f->c.limit);
	v->limit = limit;
	if (p->has_since) {
		erp_time_format(p->since_us, f->rp->since_style, p->digits,
		    f->c.profile->tz, since);
		v->since = since;
	}
	v->cursor = p->cursor;
	snprintf(offset, 24, "%ld", p->offset);
	snprintf(page, 24, "%ld", p->page);
	v->offset = p->style == ERP_PAGE_OFFSET ? offset : NULL;
	v->page = p->style == ERP_PAGE_NUMBER ? page : NULL;
}

static void
build_request(struct erp_fetch *f, struct kam_buf *url, struct curl_slist **hdr)
{
	char limit[24], since[ERP_TIME_LEN], offset[24], page[24];
	const struct erp_profile *pr = f->c.profile;
	const struct erp_kv *q = f->rp->query;
	struct kam_buf b, after;
	struct erp_vars v;
	bool sent = false;
	size_t n;

	buf_init(&after);
	page_vars(f, limit, since, offset, page, &after, &v);
	buf_init(&b);
	if (f->pager.link != NULL)
		buf_adds(url, f->pager.link);
	else {
		n = strlen(f->c.base_url);
		buf_add(url, f->c.base_url, n > 0 && f->c.base_url[n - 1] == '/' ? n - 1 : n);
		erp_url_path(url, f->rp->path);
		/* of alternatives (one name in a row), the first that fits */
		for (size_t i = 0; i < f->rp->nquery; i++, buf_reset(&b)) {
			if (i == 0 || strcmp(q[i - 1].name, q[i].name) != 0)
				sent = false;
			if (!sent && (sent = erp_template(q[i].value, &v, &b)))
				erp_url_param(url, q[i].name, b.data);
		}
	}
	buf_free(&after);
	*hdr = erp_curl()->curl_slist_append(NULL, "Accept: application/json");
	for (size_t i = 0; i < f->rp->nheaders; i++, buf_reset(&b)) {
		buf_addf(&b, "%s: ", f->rp->headers[i].name);
		if (erp_template(f->rp->headers[i].value, &v, &b))
			*hdr = erp_curl()->curl_slist_append(*hdr, b.data);
	}
	buf_reset(&b);
	if (pr->auth == ERP_AUTH_HEADER)
		buf_addf(&b, "%s: %s", pr->auth_header, f->c.token);
	else
		buf_addf(&b, "Authorization: %s %s", pr->auth == ERP_AUTH_TOKEN ?
		    "token" : "Bearer", f->c.token);
	*hdr = erp_curl()->curl_slist_append(*hdr, b.data);
	memset(b.data, 0, b.len);	/* the token */
	buf_free(&b);
}

/* Frees a header list, wiping it first: it holds the token. */
static void
headers_free(struct curl_slist *h)
{
	for (struct curl_slist *p = h; p != NULL; p = p->next)
		memset(p->data, 0, strlen(p->data));
	erp_curl()->curl_slist_free_all(h);
}

static bool
fail(struct erp_page *pg, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool
fail(struct erp_page *pg, int code, const char *fmt, ...)
{
	va_list ap;

	pg->code = code;
	pg->last = true;
	va_start(ap, fmt);
	buf_vaddf(&pg->message, fmt, ap);
	va_end(ap);
	return false;
}

/* The ids the pager needs, owned here. */
struct page_ids {
	char	*first;		/* of the first record */
	char	*last;		/* of the last record with a change time */
};

/* True when the profile's "skip" says the record is not ours. */
static bool
not_ours(const struct erp_fetch *f, const cJSON *rec)
{
	const struct erp_kv *k;
	const cJSON *v;
	const char *text;
	int col;

	for (size_t i = 0; i < f->rp->nskip; i++) {
		k = &f->rp->skip[i];
		col = erp_column_find(f->r, k->name);
		v = erp_json_get(rec, f->rp->fields[col].path[0]);
		text = cJSON_IsString(v) ? v->valuestring : erp_json_number_text(v);
		if (v == NULL || cJSON_IsNull(v) ? k->value == NULL :
		    k->value != NULL && text != NULL && strcmp(k->value, text) == 0)
			return true;
	}
	return false;
}

/* Maps one record into the page; keeps the keyset bookkeeping. */
static void
take_record(struct erp_fetch *f, struct erp_page *pg, const cJSON *rec,
    struct erp_page_seen *seen, struct page_ids *ids, int digits)
{
	struct kam_buf why;
	struct erp_row row;
	char pos[48];
	bool ok, skip;

	buf_init(&why);
	ok = erp_map_record(f->r, f->rp, f->c.profile->tz, rec, &row, &why);
	skip = f->rp->nskip > 0 && cJSON_IsObject(rec) && not_ours(f, rec);
	if (skip)
		pg->skipped++;		/* its time and id still page */
	else if (!ok) {
		snprintf(pos, sizeof pos, "#%ld of page %ld", seen->records + 1, pg->number);
		erp_page_error(pg, row.values[ERP_COL_ID] ? row.values[ERP_COL_ID] : pos,
		    why.data);
		pg->unidentified |= row.values[ERP_COL_ID] == NULL;
	}
	if (row.values[ERP_COL_ID] != NULL && !skip) {
		erp_row_copy_line(&pg->copy, f->r, seen->records, &row, !ok);
		pg->staged++;
	}
	if (seen->records == 0 && row.values[ERP_COL_ID] != NULL)
		ids->first = xstrdup(row.values[ERP_COL_ID]);
	if (row.has_updated) {
		free(ids->last);
		ids->last = row.values[ERP_COL_ID] ? xstrdup(row.values[ERP_COL_ID]) : NULL;
		if (!f->has_max || row.updated_us > f->max_us)
			f->max_us = row.updated_us;
		f->has_max = true;
		if (seen->has_last && erp_time_floor(row.updated_us, digits) ==
		    erp_time_floor(seen->last_us, digits))
			seen->at_last++;
		else
			seen->at_last = 1;
		seen->has_last = true;
		seen->last_us = row.updated_us;
	}
	seen->records++;
	erp_row_clear(&row);
	buf_free(&why);
}

/* The cursor or next link of the answer, as text. */
static bool
next_of(struct erp_fetch *f, struct erp_page *pg, const cJSON *root,
    char **next)
{
	const cJSON *v = f->rp->next ? erp_json_get(root, f->rp->next) : NULL;
	const char *text = cJSON_IsString(v) ? v->valuestring : erp_json_number_text(v);

	*next = NULL;
	if (v != NULL && !cJSON_IsNull(v) && text == NULL)
		return fail(pg, EX_DATAERR, "%s page %ld: '%s' is %s, not a cursor",
		    f->r->name, pg->number, f->rp->next, erp_json_kind(v));
	if (text == NULL || *text == '\0' || f->rp->paging != ERP_PAGE_LINK) {
		*next = text ? xstrdup(text) : NULL;
		return true;
	}
	*next = erp_url_resolve(f->url, text);
	if (*next == NULL || !erp_url_same_origin(*next, f->c.base_url))
		return fail(pg, EX_UNAVAILABLE, "%s page %ld: the next link points "
		    "away from erp.base_url (%.200s); kam does not follow it",
		    f->r->name, pg->number, text);
	return true;
}

/* Turns an answer into the page's rows; false when the page is unusable. */
static bool
read_answer(struct erp_fetch *f, struct erp_page *pg, const cJSON *root,
    struct erp_page_seen *seen, struct page_ids *ids, char **next)
{
	const cJSON *list, *rec, *total;
	bool ok;

	list = erp_json_get(root, f->rp->records ? f->rp->records : "");
	if (!cJSON_IsArray(list))
		ok = fail(pg, EX_DATAERR, "%s page %ld: the answer has no list of "
		    "records at '%s'", f->r->name, pg->number, f->rp->records);
	else if ((ok = next_of(f, pg, root, next))) {
		cJSON_ArrayForEach(rec, list)
			take_record(f, pg, rec, seen, ids, f->pager.digits);
		if (f->rp->total && (total = erp_json_get(root, f->rp->total)) &&
		    erp_json_number_text(total) != NULL)
			pg->total = strtol(erp_json_number_text(total), NULL, 10);
	}
	return ok;
}

static struct erp_page *
fetch_page(struct erp_fetch *f)
{
	struct erp_page *pg = erp_page_new(++f->number);
	struct erp_page_seen seen = { 0 };
	struct page_ids ids = { NULL, NULL };
	struct curl_slist *hdr = NULL;
	struct erp_reply reply;
	struct kam_buf url, err;
	cJSON *root = NULL;
	char *next = NULL;
	int rc;

	buf_init(&url);
	buf_init(&err);
	erp_reply_init(&reply);
	build_request(f, &url, &hdr);
	free(f->url);
	f->url = xstrdup(url.data);
	f->req.page = pg->number;
	rc = erp_request_get(&f->req, url.data, hdr, &reply, &root, &err);
	headers_free(hdr);
	if (rc != EX_OK)
		fail(pg, rc, "%s", err.data);
	else if (root == NULL || read_answer(f, pg, root, &seen, &ids, &next)) {
		pg->records = seen.records;
		seen.next = next;
		seen.first_id = ids.first;
		seen.last_id = ids.last;
		switch (erp_pager_next(&f->pager, &seen)) {
		case ERP_PAGER_STUCK:
			fail(pg, EX_DATAERR, "%s page %ld: the ERP sent the same %s "
			    "again", f->r->name, pg->number, f->pager.by_key ?
			    "page (does it ignore the key filter?)" : "cursor");
			break;
		case ERP_PAGER_MOVING:
			fail(pg, EX_TEMPFAIL, "%s page %ld: the ERP kept moving rows "
			    "while kam read them by offset (%d times); try again later",
			    f->r->name, pg->number, ERP_PAGER_REREADS);
			break;
		case ERP_PAGER_ON:
			break;
		}
		pg->last = f->pager.done || pg->code != EX_OK;
		/* sorted streams may advance page by page, others when complete */
		pg->has_mark = f->has_max && (f->rp->sorted || pg->last) &&
		    pg->code == EX_OK;
		pg->mark_us = f->max_us;
	}
	cJSON_Delete(root);
	free(next);
	free(ids.first);
	free(ids.last);
	erp_reply_free(&reply);
	buf_free(&url);
	buf_free(&err);
	return pg;
}

/* Hands pg over, waiting while the queue is full. */
static bool
hand_over(struct erp_fetch *f, struct erp_page *pg)
{
	pthread_mutex_lock(&f->mu);
	while (f->nready == ERP_FETCH_AHEAD && !atomic_load(&f->stop))
		pthread_cond_wait(&f->cv, &f->mu);
	if (atomic_load(&f->stop)) {
		pthread_mutex_unlock(&f->mu);
		erp_page_free(pg);
		return false;
	}
	f->ready[f->nready++] = pg;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return true;
}

static void *
fetch_thread(void *arg)
{
	struct erp_fetch *f = arg;
	struct erp_page *pg;
	bool last;

	do {
		pg = fetch_page(f);
		last = pg->last;
	} while (hand_over(f, pg) && !last);
	pthread_mutex_lock(&f->mu);
	f->ended = true;
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

struct erp_fetch *
erp_fetch_start(const struct erp_fetch_config *c, struct kam_buf *err)
{
	struct erp_fetch *f = xcalloc(1, sizeof *f);
	struct erp_http_opts o = c->http;

	f->c = *c;
	f->rp = &c->profile->res[c->res];
	f->r = erp_resource(c->res);
	atomic_init(&f->stop, false);
	o.stop = &f->stop;
	if ((f->http = erp_http_new(&o, err)) == NULL) {
		free(f);
		return NULL;
	}
	f->req = (struct erp_request){ f->http, c->base_url, f->rp->empty_status,
	    c->attempts, &f->stop, f->r->name, 0,
	    (unsigned)time(NULL) ^ (unsigned)c->res };
	erp_pager_start(&f->pager, f->rp, c->has_since, c->since_us);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cv, NULL);
	if (pthread_create(&f->thread, NULL, fetch_thread, f) != 0) {
		buf_adds(err, "cannot start the fetching thread");
		erp_fetch_finish(f);
		return NULL;
	}
	f->started = true;
	return f;
}

struct erp_page *
erp_fetch_next(struct erp_fetch *f)
{
	struct erp_page *pg;

	pthread_mutex_lock(&f->mu);
	while (f->nready == 0 && !f->ended)
		pthread_cond_wait(&f->cv, &f->mu);
	pg = f->nready > 0 ? f->ready[0] : NULL;
	if (f->nready > 0)
		memmove(f->ready, f->ready + 1, (size_t)--f->nready * sizeof *f->ready);
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return pg;
}

void
erp_fetch_finish(struct erp_fetch *f)
{
	if (f == NULL)
		return;
	pthread_mutex_lock(&f->mu);
	atomic_store(&f->stop, true);
	pthread_cond_broadcast(&f->cv);
	pthread_mutex_unlock(&f->mu);
	if (f->started)
		pthread_join(f->thread, NULL);
	while (f->nready > 0)
		erp_page_free(f->ready[--f->nready]);
	erp_pager_free(&f->pager);
	erp_http_free(f->http);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	free(f->url);
	free(f);
}
