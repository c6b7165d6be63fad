/* A sync run: one resource after another (customers first, since the
 * others link to them), each as a stream of pages, each page applied in
 * one transaction together with its high-water mark, so a crash at any
 * point loses nothing and a re-run repeats nothing harmful. */
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
begin(struct sync *s, struct kam_buf *err)
{
	return erp_store_exec(s->db, s->opt->dry_run ? "SAVEPOINT kam_page" :
	    "BEGIN", err);
}

static int
commit(struct sync *s, struct kam_buf *err)
{
	return erp_store_exec(s->db, s->opt->dry_run ? "RELEASE SAVEPOINT kam_page" :
	    "COMMIT", err);
}

static void
rollback(struct sync *s)
{
	struct kam_buf ignore;

	buf_init(&ignore);
	erp_store_exec(s->db, s->opt->dry_run ? "ROLLBACK TO SAVEPOINT kam_page" :
	    "ROLLBACK", &ignore);
	buf_free(&ignore);
}

/* The high-water mark after pg: never past the run's start less the skew
 * allowance, nor past a record still waiting for its customer. */
static bool
page_mark(const struct sync *s, const struct erp_page *pg, int64_t *mark)
{
	if (!pg->has_mark)
		return false;
	*mark = pg->mark_us;
	if (*mark > s->started_us - ERP_SKEW_US)
		*mark = s->started_us - ERP_SKEW_US;
	if (s->has_hold && s->hold_us < *mark)
		*mark = s->hold_us;
	return true;
}

static int
update_run(struct sync *s, struct kam_buf *err)
{
	char *details = erp_tally_details(&s->tally);
	int rc = erp_runlog_update(s->db, s->run_id, &s->tally.total, details, err);

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

/* Stores pg, its mark and the run's counts in one transaction. */
static int
apply_page(struct sync *s, enum erp_res r, struct erp_page *pg)
{
	const struct erp_resource *res = erp_resource(r);
	long refused = (long)pg->nerrors;	/* before unknown links join */
	struct erp_tally_mark saved;
	struct erp_applied a;
	struct erp_counts c;
	struct kam_buf err;
	int64_t mark;
	int rc;

	buf_init(&err);
	erp_tally_save(&s->tally, r, &saved);
	if ((rc = begin(s, &err)) == EX_OK &&
	    (rc = erp_store_page(s->db, res, pg, s->run_id, s->opt->full,
	    s->opt->dry_run, &a, &err)) == EX_OK) {
		hold_back(s, &a);
		page_counts(pg, refused, &a, &c);
		erp_tally_add(&s->tally, r, &c);
		erp_tally_keep(&s->tally, r, pg);
		if (!s->opt->dry_run && page_mark(s, pg, &mark))
			rc = erp_store_set_mark(s->db, res, s->profile->name, mark, &err);
		if (rc == EX_OK && (rc = update_run(s, &err)) == EX_OK &&
		    (rc = erp_runlog_held(s->lock, &err)) == EX_OK)
			rc = commit(s, &err);
	}
	if (rc != EX_OK) {
		rollback(s);
		erp_tally_undo(&s->tally, r, &saved);
		fatal(s, rc, err.data);
	} else
		erp_tally_show(&s->tally, r, pg);
	buf_free(&err);
	return rc;
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

/* Pulls every page of r; true when the stream completed. */
static bool
pull(struct sync *s, enum erp_res r, struct erp_fetch *f, bool *identified)
{
	struct erp_progress prog;
	struct erp_page *pg;
	bool complete = false;

	erp_progress_start(&prog, s->opt->progress, s->opt->events,
	    erp_resource(r)->name);
	while ((pg = erp_fetch_next(f)) != NULL) {
		if (stopped(s) || pg->code != EX_OK) {
			fatal(s, pg->code, pg->message.data);
			erp_page_free(pg);
			break;
		}
		*identified = *identified && !pg->unidentified;
		complete = pg->last;
		if (apply_page(s, r, pg) != EX_OK) {
			erp_page_free(pg);
			complete = false;
			break;
		}
		erp_progress_page(&prog, pg);
		erp_page_free(pg);
	}
	erp_progress_end(&prog);
	return complete;
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
		if ((rc = begin(s, &err)) == EX_OK &&
		    (rc = erp_store_mark_missing(s->db, res, s->run_id, &marked,
		    &err)) == EX_OK) {
			c.deleted = marked;
			erp_tally_add(&s->tally, r, &c);
			if ((rc = update_run(s, &err)) == EX_OK &&
			    (rc = erp_runlog_held(s->lock, &err)) == EX_OK)
				rc = commit(s, &err);
		}
		if (rc != EX_OK) {
			rollback(s);
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

/* A page of orders, invoices or customers over many accounts drops
 * those accounts' kept portfolio figures (migration 0053) rather than
 * working them out page by page: after the last page they are worked out
 * again, once each, a batch a transaction (migration 0062), so that the
 * portfolio reads them kept and no account stays locked for longer than
 * its batch. A failure is a warning: the portfolio then works those
 * accounts out as it reads them, and the figures are the same. */
static void
refresh_portfolio(struct sync *s)
{
	static const char sql[] =
	    "SELECT last_id FROM kam.portfolio_figures_refresh_after($1::bigint)";
	char after[24] = "0";
	const char *p[1] = { after };
	struct kam_res *r;
	const char *last;
	bool more;

	/* a stop asked for leaves the rest to the portfolio */
	while (!erp_http_stopping(NULL)) {
		if ((r = db_query(s->db, sql, 1, p)) == NULL) {
			log_warn("the portfolio's kept figures were not refreshed: %s",
			    db_error(s->db));
			return;
		}
		last = res_rows(r) == 1 ? res_get(r, 0, 0) : NULL;
		if ((more = last != NULL))
			snprintf(after, sizeof after, "%s", last);
		res_free(r);
		if (!more)
			return;
	}
}

static void
run_all(struct sync *s)
{
	struct kam_buf err;
	int rc;

	buf_init(&err);
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
	else if (s->error.len == 0)
		refresh_portfolio(s);
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
