/* A sync run: one resource after another (customers first, since the
 * others link to them), each as a stream of pages, each page applied in
 * one transaction together with its high-water mark, so a crash at any
 * point loses nothing and a re-run repeats nothing harmful. */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>


#include "erp_curl.h"
#include "erp_fetch.h"
#include "erp_lookalike.h"
#include "erp_report.h"
#include "erp_runlog.h"
#include "erp_store.h"
#include "erp_token.h"
#include "erp_url.h"
#include "kam/erp.h"
#include "kam/log.h"
#include "kam/xalloc.h"

#define ERP_ATTEMPTS	5			/* tries per page */
#define ERP_SKEW_US	(60 * 1000000LL)	/* clock skew allowance */
#define LEASE_SPARE_S	120			/* the lease beyond a page's tries */
#define ERP_MAX_LANES	8			/* erp.connections at most */
#define ERP_REFRESH_SPAN 1000			/* ids: 0062's batch */

struct sync {
	struct kam_db			*db;
	const struct kam_conf		*conf;
	const struct erp_options	*opt;
	struct erp_profile		*profile;
	char				*token;
	char				*run_id;
	struct erp_lock			*lock;
	int64_t				 started_us;
	struct erp_tally		 tally;
	bool				 has_hold;	/* earliest unknown link */
	int64_t				 hold_us;
	int				 rc;		/* worst problem so far */
	struct kam_db			*lanes[ERP_MAX_LANES];	/* [0] is db */
	int				 nlanes;
	struct kam_buf			 error;		/* the fatal one */
};

static int64_t
wall_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Notes a fatal problem (the first one wins) and returns its code. */
static int
fatal(struct sync *s, int code, const char *message)
{
	if (s->error.len == 0) {
		buf_adds(&s->error, message);
		s->rc = code;
	}
	return code;
}

static int
begin(struct sync *s, struct kam_db *db, struct kam_buf *err)
{
	return erp_store_exec(db, s->opt->dry_run ? "SAVEPOINT kam_page" :
	    "BEGIN", err);
}

static int
commit(struct sync *s, struct kam_db *db, struct kam_buf *err)
{
	return erp_store_exec(db, s->opt->dry_run ? "RELEASE SAVEPOINT kam_page" :
	    "COMMIT", err);
}

static void
rollback(struct sync *s, struct kam_db *db)
{
	struct kam_buf ignore;

	buf_init(&ignore);
	erp_store_exec(db, s->opt->dry_run ? "ROLLBACK TO SAVEPOINT kam_page" :
	    "ROLLBACK", &ignore);
	buf_free(&ignore);
}

/* The high-water mark after the pages up to one that ended at mark_us:
 * never past the run's start less the skew allowance, nor past a record
 * still waiting for its customer. */
static int64_t
clamp_mark(const struct sync *s, int64_t mark)
{
	if (mark > s->started_us - ERP_SKEW_US)
		mark = s->started_us - ERP_SKEW_US;
	if (s->has_hold && s->hold_us < mark)
		mark = s->hold_us;
	return mark;
}

static int
update_run(struct sync *s, struct kam_db *db, struct kam_buf *err)
{
	char *details = erp_tally_details(&s->tally);
	int rc = erp_runlog_update(db, s->run_id, &s->tally.total, details, err);

	free(details);
	return rc;
}

/* A record waiting for its customer keeps the mark before it. */
static void
hold_back(struct sync *s, const struct erp_applied *a)
{
	if (a->has_unknown && (!s->has_hold || a->unknown_min_us < s->hold_us)) {
		s->has_hold = true;
		s->hold_us = a->unknown_min_us;
	}
}

/* What a page did: refused records and unknown links are errors, the
 * rest of what came is unchanged (duplicates included). */
static void
page_counts(const struct erp_page *pg, long refused, const struct erp_applied *a,
    struct erp_counts *c)
{
	memset(c, 0, sizeof *c);
	c->fetched = pg->records;
	c->inserted = a->inserted;
	c->updated = a->updated;
	c->deleted = a->deleted;
	c->errors = refused + a->unknown;
	c->skipped = pg->skipped;
	c->unchanged = c->fetched - c->inserted - c->updated - c->deleted -
	    c->errors - c->skipped;
	if (c->unchanged < 0)
		c->unchanged = 0;
}

/* A stop was asked for (a signal): the run ends before the next page,
 * and says so. */
static bool
stopped(struct sync *s)
{
	if (!erp_http_stopping(NULL))
		return false;
	fatal(s, EX_TEMPFAIL, "stopped before the end, as asked; what was stored "
	    "stays, and the next sync goes on from there");
	return true;
}

/*
 * Applying one resource's pages on several connections (erp.connections),
 * each a lane: the backend's work on a page (the foreign-key checks, the
 * index entries) is most of a sync, and one connection uses one core.
 *
 * Lanes take the pages in order, stage and apply them side by side, and
 * finish them (counts, mark, run log, lease, COMMIT) one at a time under
 * the flow's lock, in whatever order their statements end. So:
 * - no two pages that name one record are under way together: a lane
 *   waits with a page until the pages in flight that share an id with it
 *   have finished; a record saved twice is applied in the ERP's order (the
 *   newer version last) and two lanes never wait for each other's rows;
 * - the high-water mark moves only over pages that all committed: a page
 *   commits the mark of the last page of the run of committed pages from
 *   the first on that it completes, and none while an earlier page is
 *   still under way;
 * - after a page fails, the pages before it still commit, the later ones
 *   roll back, and no lane takes another page.
 * A lane holds its transaction open while it waits for the lock, but the
 * finishing statements touch only the run's own rows (sync_state,
 * sync_run, sync_lease), which only the lock's holder writes: no lane
 * waits in the database for one that waits for the lock.
 */
#define ERP_WINDOW	(2 * ERP_MAX_LANES)	/* pages a lane may run ahead */

/* A record's id as its COPY text, pointing into its page. */
struct page_id {
	const char	*p;
	size_t		 n;
};

struct flight {
	long		 number;	/* 0: the slot is free */
	struct page_id	*ids;		/* sorted */
	size_t		 nids;
};

/* A page that committed while an earlier one was still under way. */
struct ahead {
	long		 number;
	bool		 has_mark;
	int64_t		 mark_us;
};

struct flow {
	struct sync		*s;
	enum erp_res		 r;
	struct erp_fetch	*f;
	struct erp_progress	 prog;
	long			 window;	/* pages past the last mark */
	pthread_mutex_t		 take;		/* taking the next page */
	pthread_mutex_t		 mu;		/* all below; finishing a page */
	pthread_cond_t		 cv;
	struct flight		 flying[ERP_MAX_LANES];
	long			 prefix;	/* pages 1 .. prefix committed */
	struct ahead		 ahead[ERP_WINDOW];
	size_t			 nahead;
	long			 fail_at;	/* the first page that failed */
	bool			 complete, identified;
};

static int
id_cmp(const void *a, const void *b)
{
	const struct page_id *x = a, *y = b;
	int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);

	return c != 0 ? c : (x->n > y->n) - (x->n < y->n);
}

/* The ids the page stages (the third field of each COPY line), sorted. */
static struct page_id *
page_ids(const struct erp_page *pg, size_t *n)
{
	struct page_id *ids = xcalloc((size_t)pg->staged + 1, sizeof *ids);
	const char *p = pg->copy.data, *end = p + pg->copy.len, *nl, *id, *end_id;

	*n = 0;
	for (; p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL;
	    p = nl + 1) {
		id = memchr(p, '\t', (size_t)(nl - p));
		id = id ? memchr(id + 1, '\t', (size_t)(nl - id - 1)) : NULL;
		if (id == NULL || *n > (size_t)pg->staged)
			continue;
		ids[*n].p = ++id;
		end_id = memchr(id, '\t', (size_t)(nl - id));
		ids[*n].n = (size_t)((end_id != NULL ? end_id : nl) - id);
		(*n)++;
	}
	qsort(ids, *n, sizeof *ids, id_cmp);
	return ids;
}

static bool
share_an_id(const struct flight *a, const struct page_id *ids, size_t n)
{
	size_t i = 0, j = 0;
	int c;

	while (i < a->nids && j < n) {
		if ((c = id_cmp(&a->ids[i], &ids[j])) == 0)
			return true;
		if (c < 0)
			i++;
		else
			j++;
	}
	return false;
}

static bool
failing(const struct flow *w)
{
	return w->fail_at != LONG_MAX;
}

/* Whether pg must wait: too far ahead of the mark, or a record of it is
 * on a page in flight. */
static bool
must_wait(const struct flow *w, const struct erp_page *pg,
    const struct page_id *ids, size_t n)
{
	if (pg->number - w->prefix > w->window)
		return true;
	for (int i = 0; i < ERP_MAX_LANES; i++)
		if (w->flying[i].number != 0 && share_an_id(&w->flying[i], ids, n))
			return true;
	return false;
}

/* The next page, in flight once it may be; NULL at the end of the stream
 * or after a failure. */
static struct erp_page *
lane_take(struct flow *w)
{
	struct erp_page *pg = NULL;
	struct page_id *ids;
	size_t n;
	int i;

	pthread_mutex_lock(&w->take);
	pthread_mutex_lock(&w->mu);
	if (!failing(w)) {
		pthread_mutex_unlock(&w->mu);
		pg = erp_fetch_next(w->f);
		pthread_mutex_lock(&w->mu);
	}
	if (pg != NULL) {
		ids = page_ids(pg, &n);
		while (!failing(w) && must_wait(w, pg, ids, n))
			pthread_cond_wait(&w->cv, &w->mu);
		for (i = 0; w->flying[i].number != 0; i++)
			;
		w->flying[i] = (struct flight){ pg->number, ids, n };
	}
	pthread_mutex_unlock(&w->mu);
	pthread_mutex_unlock(&w->take);
	return pg;
}

/* Under mu: the mark this page's commit may set, if every page before
 * it committed: the mark after the last page of the committed run it
 * completes. */
static bool
flow_mark(const struct flow *w, const struct erp_page *pg, int64_t *mark)
{
	bool has = pg->has_mark, found = true;
	int64_t us = pg->mark_us;

	if (pg->number != w->prefix + 1)
		return false;
	for (long p = pg->number + 1; found; p++) {
		found = false;
		for (size_t i = 0; i < w->nahead && !found; i++)
			if ((found = w->ahead[i].number == p) && w->ahead[i].has_mark) {
				has = true;
				us = w->ahead[i].mark_us;
			}
	}
	if (has)
		*mark = clamp_mark(w->s, us);
	return has;
}

/* Under mu: pg committed. */
static void
flow_committed(struct flow *w, const struct erp_page *pg)
{
	bool found = true;

	if (pg->number != w->prefix + 1) {
		w->ahead[w->nahead++] = (struct ahead){ pg->number, pg->has_mark,
		    pg->mark_us };
		return;
	}
	for (w->prefix = pg->number; found; ) {
		found = false;
		for (size_t i = 0; i < w->nahead && !found; i++)
			if ((found = w->ahead[i].number == w->prefix + 1)) {
				w->prefix++;
				w->ahead[i] = w->ahead[--w->nahead];
			}
	}
}

/* Under mu: the page's counts, its mark, the run log and the lease, and
 * the commit; the tally goes back when any fails. */
static int
finish_page(struct flow *w, struct kam_db *db, struct erp_page *pg,
    long refused, const struct erp_applied *a, struct kam_buf *err)
{
	struct sync *s = w->s;
	const struct erp_resource *res = erp_resource(w->r);
	struct erp_tally_mark saved;
	struct erp_counts c;
	int64_t mark;
	int rc = EX_OK;

	erp_tally_save(&s->tally, w->r, &saved);
	hold_back(s, a);
	page_counts(pg, refused, a, &c);
	erp_tally_add(&s->tally, w->r, &c);
	erp_tally_keep(&s->tally, w->r, pg);
	if (!s->opt->dry_run && flow_mark(w, pg, &mark))
		rc = erp_store_set_mark(db, res, s->profile->name, mark, err);
	if (rc == EX_OK && (rc = update_run(s, db, err)) == EX_OK &&
	    (rc = erp_runlog_held(s->lock, db, err)) == EX_OK)
		rc = commit(s, db, err);
	if (rc != EX_OK)
		erp_tally_undo(&s->tally, w->r, &saved);
	return rc;
}

/* Stores pg in one transaction of its own on db: staged and applied side
 * by side with the other lanes, finished one at a time. */
static void
lane_apply(struct flow *w, struct kam_db *db, struct erp_page *pg)
{
	struct sync *s = w->s;
	long refused = (long)pg->nerrors;	/* before unknown links join */
	struct erp_applied a;
	struct kam_buf err;
	bool open = false;
	int rc = pg->code;

	buf_init(&err);
	if (rc != EX_OK)
		buf_adds(&err, pg->message.data);
	else if ((rc = begin(s, db, &err)) == EX_OK) {
		open = true;
		rc = erp_store_page(db, erp_resource(w->r), pg, s->run_id,
		    s->opt->full, s->opt->dry_run, &a, &err);
	}
	pthread_mutex_lock(&w->mu);
	if (rc == EX_OK && pg->number > w->fail_at)
		rollback(s, db);
	/* a stop cuts the transfer under way short: say why first */
	else if (!stopped(s) && rc == EX_OK &&
	    (rc = finish_page(w, db, pg, refused, &a, &err)) == EX_OK) {
		flow_committed(w, pg);
		w->identified = w->identified && !pg->unidentified;
		w->complete = w->complete || pg->last;
		erp_tally_show(&s->tally, w->r, pg);
		erp_progress_page(&w->prog, pg);
	} else {
		if (open)
			rollback(s, db);
		if (rc != EX_OK)
			fatal(s, rc, err.data);
		if (pg->number < w->fail_at)
			w->fail_at = pg->number;
	}
	for (int i = 0; i < ERP_MAX_LANES; i++)
		if (w->flying[i].number == pg->number) {
			free(w->flying[i].ids);
			w->flying[i] = (struct flight){ 0, NULL, 0 };
		}
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	buf_free(&err);
}

struct lane {
	struct flow	*w;
	struct kam_db	*db;
};

static void *
lane_run(void *arg)
{
	struct lane *l = arg;
	struct erp_page *pg;

	while ((pg = lane_take(l->w)) != NULL) {
		lane_apply(l->w, l->db, pg);
		erp_page_free(pg);
	}
	return NULL;
}

/* Runs fn on the n jobs (of size bytes each), the first on this thread
 * and the others on threads of their own, and returns once they have
 * ended: how many ran. A thread that cannot start leaves its job and
 * those after it to the caller. */
static int
side_by_side(void *jobs, size_t size, int n, void *(*fn)(void *))
{
	pthread_t threads[ERP_MAX_LANES];
	int started;

	for (started = 1; started < n; started++)
		if (pthread_create(&threads[started], NULL, fn,
		    (char *)jobs + (size_t)started * size) != 0)
			break;
	fn(jobs);
	for (int i = started - 1; i > 0; i--)
		pthread_join(threads[i], NULL);
	return started;
}

/* Pulls every page of r on the run's lanes (the first is this thread);
 * true when the stream completed and every page committed. */
static bool
pull(struct sync *s, enum erp_res r, struct erp_fetch *f, bool *identified)
{
	struct flow w = { .s = s, .r = r, .f = f, .window = 2 * s->nlanes,
	    .fail_at = LONG_MAX, .identified = true };
	struct lane lanes[ERP_MAX_LANES];
	int n;

	pthread_mutex_init(&w.take, NULL);
	pthread_mutex_init(&w.mu, NULL);
	pthread_cond_init(&w.cv, NULL);
	erp_progress_start(&w.prog, s->opt->progress, s->opt->events,
	    erp_resource(r)->name);
	for (n = 0; n < s->nlanes; n++)
		lanes[n] = (struct lane){ &w, s->lanes[n] };
	/* lanes that did not start leave their pages to the first */
	(void)side_by_side(lanes, sizeof lanes[0], s->nlanes, lane_run);
	erp_progress_end(&w.prog);
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.mu);
	pthread_mutex_destroy(&w.take);
	*identified = w.identified;
	return w.complete && !failing(&w);
}

static void
fetch_config(struct sync *s, enum erp_res r, struct erp_fetch_config *fc)
{
	long limit = s->conf->erp_page_size;

	memset(fc, 0, sizeof *fc);
	fc->profile = s->profile;
	fc->res = r;
	fc->base_url = s->conf->erp_base_url;
	fc->token = s->token;
	fc->limit = limit > s->profile->max_limit ? s->profile->max_limit : limit;
	fc->attempts = ERP_ATTEMPTS;
	fc->http.timeout = s->conf->erp_timeout;
	fc->http.connect_timeout = s->conf->erp_connect_timeout;
	fc->http.ca_file = s->conf->erp_ca_file;
	fc->http.max_bytes = ERP_MAX_ANSWER;
}

/* Where an incremental run starts: the mark less the look-back. */
static int
since(struct sync *s, enum erp_res r, struct erp_fetch_config *fc)
{
	struct kam_buf err;
	bool has;
	int64_t us;
	int rc;

	buf_init(&err);
	rc = erp_store_get_mark(s->db, erp_resource(r), s->profile->name, &has,
	    &us, &err);
	if (rc != EX_OK)
		fatal(s, rc, err.data);
	else if (has && !s->opt->full) {
		fc->has_since = true;
		fc->since_us = us - (int64_t)s->conf->erp_lookback * 1000000;
	}
	buf_free(&err);
	return rc;
}

/* After a complete listing: flags what the ERP no longer has, unless
 * that is suspiciously much. */
static void
reconcile(struct sync *s, enum erp_res r)
{
	const struct erp_resource *res = erp_resource(r);
	struct erp_counts c = { 0 };
	struct kam_buf err;
	long missing, live, marked = 0;
	int rc;

	buf_init(&err);
	if ((rc = erp_store_missing(s->db, res, s->run_id, &missing, &live,
	    &err)) != EX_OK)
		fatal(s, rc, err.data);
	else if (missing * 100 > live * ERP_MAX_GONE_PERCENT && !s->opt->force) {
		/* the data synced; only the deleting waits for a person */
		buf_addf(&err, "the ERP no longer lists %ld of %ld; kam marks more "
		    "than %d %% deleted only with --force", missing, live,
		    ERP_MAX_GONE_PERCENT);
		log_warn("%s: %s", res->name, err.data);
		c.errors = 1;
		erp_tally_add(&s->tally, r, &c);
		erp_tally_note(&s->tally, r, "(full sync)", err.data);
	} else if (missing > 0) {
		if ((rc = begin(s, s->db, &err)) == EX_OK &&
		    (rc = erp_store_mark_missing(s->db, res, s->run_id, &marked,
		    &err)) == EX_OK) {
			c.deleted = marked;
			erp_tally_add(&s->tally, r, &c);
			if ((rc = update_run(s, s->db, &err)) == EX_OK &&
			    (rc = erp_runlog_held(s->lock, s->db, &err)) == EX_OK)
				rc = commit(s, s->db, &err);
		}
		if (rc != EX_OK) {
			rollback(s, s->db);
			fatal(s, rc, err.data);
		}
	}
	buf_free(&err);
}

static void
sync_resource(struct sync *s, enum erp_res r)
{
	struct erp_fetch_config fc;
	struct erp_fetch *f;
	struct kam_buf err;
	bool identified = true;

	buf_init(&err);
	s->has_hold = false;
	fetch_config(s, r, &fc);
	s->tally.ran[r] = true;
	if (since(s, r, &fc) == EX_OK) {
		if ((f = erp_fetch_start(&fc, &err)) == NULL)
			fatal(s, EX_CONFIG, err.data);
		else if (pull(s, r, f, &identified) && s->opt->full) {
			if (identified)
				reconcile(s, r);
			else
				log_warn("%s: records without a usable id; not marking "
				    "anything deleted", erp_resource(r)->name);
		}
		erp_fetch_finish(f);
	}
	buf_free(&err);
}

/* Profile, URL and token, before touching the database. */
static int
prepare(struct sync *s, struct kam_buf *err)
{
	int rc;

	if ((rc = erp_profile_load(s->conf->erp_profile, &s->profile, err)) != EX_OK)
		return rc;
	if (!erp_url_check_base(s->conf->erp_base_url, err))
		return EX_CONFIG;
	if (s->opt->resource != NULL &&
	    !s->profile->res[erp_resource_find(s->opt->resource)].present) {
		buf_addf(err, "profile %s has no %s", s->profile->name, s->opt->resource);
		return EX_CONFIG;
	}
	return erp_token_read(s->conf->erp_token_file, &s->token, err);
}

/* After the customers: the new ones that look like accounts kam had,
 * for a person to merge or mark (kam --duplicates); a failure here is
 * only a warning, the customers are stored. */
static void
report_lookalikes(struct sync *s)
{
	struct kam_buf err;
	long found;

	buf_init(&err);
	if (erp_lookalike_report(s->db, s->run_id, &found, &err) != EX_OK)
		log_warn("%s", err.data);
	else if (found > 0)
		log_warn("customers: %ld pair%s of a new customer and an account "
		    "kam had look alike (kam --duplicates lists them)", found,
		    found == 1 ? "" : "s");
	buf_free(&err);
}

/* One lane's share of the accounts whose kept figures are worked out
 * again: those after `after` up to `until` (0: to the last). */
struct refresh_part {
	struct kam_db	*db;
	int64_t		 after, until;
};

/* Works out the part's stale accounts, a batch (a transaction) at a
 * time, in id order, none past `until` (migration 0080): where few are
 * stale, a batch without that end ran on into the next parts, whose lanes
 * waited for its locks and then worked the same accounts out again. */
static void *
refresh_part(void *arg)
{
	static const char sql[] = "SELECT last_id FROM"
	    " kam.portfolio_figures_refresh_after($1::bigint, $2::bigint)";
	struct refresh_part *part = arg;
	char after[24], until[24];
	const char *p[2] = { after, part->until != 0 ? until : NULL };
	struct kam_res *r;
	const char *last;
	bool more = true;

	snprintf(after, sizeof after, "%lld", (long long)part->after);
	snprintf(until, sizeof until, "%lld", (long long)part->until);
	/* a stop asked for leaves the rest to the portfolio */
	while (more && !erp_http_stopping(NULL)) {
		if ((r = db_query(part->db, sql, 2, p)) == NULL) {
			log_warn("the portfolio's kept figures were not refreshed: %s",
			    db_error(part->db));
			return NULL;
		}
		last = res_rows(r) == 1 ? res_get(r, 0, 0) : NULL;
		if ((more = last != NULL)) {
			snprintf(after, sizeof after, "%s", last);
			more = part->until == 0 || strtoll(last, NULL, 10) < part->until;
		}
		res_free(r);
	}
	return NULL;
}

/* The accounts' ids cut into parts of equal span, at most n and none
 * shorter than a batch (fewer accounts than a batch are not worth a
 * lane's statements): how many, 0 when there is no account. */
static int
refresh_parts(struct sync *s, struct refresh_part *parts, int n)
{
	struct kam_res *r;
	int64_t lo, hi;
	bool any;

	if ((r = db_query(s->db, "SELECT min(id), max(id) FROM kam.account",
	    0, NULL)) == NULL) {
		log_warn("the portfolio's kept figures were not refreshed: %s",
		    db_error(s->db));
		return 0;
	}
	if ((any = res_rows(r) == 1 && res_get(r, 0, 0) != NULL)) {
		lo = strtoll(res_get(r, 0, 0), NULL, 10) - 1;
		hi = strtoll(res_get(r, 0, 1), NULL, 10);
		if ((hi - lo) / ERP_REFRESH_SPAN < n)
			n = hi - lo < 2 * ERP_REFRESH_SPAN ? 1 :
			    (int)((hi - lo) / ERP_REFRESH_SPAN);
		for (int k = 0; k < n; k++)
			parts[k] = (struct refresh_part){ s->lanes[k],
			    lo + (hi - lo) / n * k,
			    k == n - 1 ? 0 : lo + (hi - lo) / n * (k + 1) };
	}
	res_free(r);
	return any ? n : 0;
}

/* A page of orders, invoices or customers over many accounts drops
 * those accounts' kept portfolio figures (migration 0053) rather than
 * working them out page by page: after the last page they are worked out
 * again, once each, a batch a transaction (migration 0062), so that the
 * portfolio reads them kept and no account stays locked for longer than
 * its batch. On one connection that is one processor's work, after the
 * pages' (a million orders over 10 000 accounts: 5.6 s of the backend's
 * processor time, against 31 s for the pages), so the lanes share it,
 * each a span of the accounts' ids. A failure is a warning: the portfolio
 * then works those accounts out as it reads them, and the figures are
 * the same. */
static void
refresh_portfolio(struct sync *s)
{
	struct refresh_part parts[ERP_MAX_LANES];
	int n = refresh_parts(s, parts, s->nlanes), ran;

	ran = n > 0 ? side_by_side(parts, sizeof parts[0], n, refresh_part) : 0;
	while (ran < n)
		refresh_part(&parts[ran++]);
}

/* The connections pages are applied on: the run's own, and as many more
 * as erp.connections asks (a dry run's one transaction has only one). A
 * connection refused leaves fewer lanes, not a failed run. */
static void
open_lanes(struct sync *s)
{
	int want = s->opt->dry_run ? 1 : s->conf->erp_connections, code;

	s->lanes[0] = s->db;
	for (s->nlanes = 1; s->nlanes < want && s->nlanes < ERP_MAX_LANES;
	    s->nlanes++)
		if ((s->lanes[s->nlanes] = db_connect_over(s->conf->db_conninfo,
		    s->conf->erp_conninfo, "erp.conninfo",
		    s->conf->db_connect_timeout, 0, &code)) == NULL) {
			log_warn("applying pages on %d connection%s, not %d", s->nlanes,
			    s->nlanes == 1 ? "" : "s", want);
			break;
		}
}

static void
close_lanes(struct sync *s)
{
	while (s->nlanes > 1)
		db_close(s->lanes[--s->nlanes]);
}

static void
run_all(struct sync *s)
{
	struct kam_buf err;
	int rc;

	buf_init(&err);
	open_lanes(s);
	if (s->opt->dry_run && (rc = erp_store_exec(s->db, "BEGIN", &err)) != EX_OK)
		fatal(s, rc, err.data);
	for (int r = 0; r < ERP_NRES && s->error.len == 0; r++) {
		if (!s->profile->res[r].present || (s->opt->resource != NULL &&
		    strcmp(s->opt->resource, erp_resource(r)->name) != 0))
			continue;
		sync_resource(s, (enum erp_res)r);
		if (r == ERP_CUSTOMERS && s->error.len == 0)
			report_lookalikes(s);
	}
	if (s->opt->dry_run)
		erp_store_exec(s->db, "ROLLBACK", &err);
	if (!s->opt->dry_run && s->error.len == 0)
		refresh_portfolio(s);
	close_lanes(s);
	buf_free(&err);
}

static int
finish(struct sync *s)
{
	char *details = erp_tally_details(&s->tally);
	struct kam_buf err;
	int rc;

	buf_init(&err);
	if (s->error.len > 0)
		log_warn("%s", s->error.data);
	rc = erp_runlog_finish(s->db, s->run_id, &s->tally.total, details,
	    s->error.len ? s->error.data : NULL, &err);
	if (rc != EX_OK)
		log_warn("%s", err.data);
	/* stdout is for data: what a failed run got as far as is a message */
	erp_tally_summary(&s->tally, s->error.len > 0 || rc != EX_OK ? stderr :
	    stdout, s->opt->dry_run);
	if (s->opt->events != NULL) {
		erp_tally_events(&s->tally, s->opt->events);
		if (s->error.len > 0)
			erp_event_fail(s->opt->events, s->error.data);
	}
	free(details);
	buf_free(&err);
	if (s->rc != EX_OK)
		return s->rc;
	if (rc != EX_OK)
		return rc;
	return s->tally.total.errors > 0 ? EX_DATAERR : EX_OK;
}

/* Long enough for every try at one page: the lease is renewed with each
 * page stored, and runs out only when a sync stopped without a word. */
static int
lease_seconds(const struct kam_conf *c)
{
	return ERP_ATTEMPTS * (c->erp_connect_timeout + c->erp_timeout) +
	    LEASE_SPARE_S;
}

int
erp_sync(struct kam_db *db, const struct kam_conf *c, const struct erp_options *o)
{
	struct sync s = { .db = db, .conf = c, .opt = o, .started_us = wall_us() };
	struct kam_buf err;
	int rc;

	buf_init(&err);
	buf_init(&s.error);
	if (!erp_curl_load(&err)) {
		log_warn("%s (install libcurl 4)", err.data);
		rc = EX_UNAVAILABLE;
	} else if ((rc = prepare(&s, &err)) != EX_OK)
		log_warn("%s", err.data);
	else if (erp_curl()->curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_warn("cannot set up libcurl");
		rc = EX_SOFTWARE;
	} else {
		if ((rc = erp_runlog_may_sync(db, &err)) != EX_OK ||
		    (rc = erp_runlog_lock(db, lease_seconds(c), &s.lock, &err)) != EX_OK)
			log_warn("%s", err.data);
		else if ((rc = erp_runlog_start(db, s.profile->name, o->resource,
		    o->full, o->dry_run, &s.run_id, &err)) != EX_OK)
			log_warn("%s", err.data);
		else {
			run_all(&s);
			rc = finish(&s);
		}
		erp_runlog_unlock(s.lock);
		erp_curl()->curl_global_cleanup();
	}
	erp_tally_free(&s.tally);
	erp_token_free(s.token);
	erp_profile_free(s.profile);
	free(s.run_id);
	buf_free(&s.error);
	buf_free(&err);
	return rc;
}

void
erp_sync_stop(void)
{
	erp_http_stop_all();
}

bool
erp_resource_name_ok(const char *name)
{
	return erp_resource_find(name) != ERP_NRES;
}
