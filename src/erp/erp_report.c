#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "erp_report.h"
#include "kam/log.h"
#include "kam/mono.h"
#include "kam/xalloc.h"

static void
counts_add(struct erp_counts *a, const struct erp_counts *b)
{
	a->fetched += b->fetched;
	a->inserted += b->inserted;
	a->updated += b->updated;
	a->unchanged += b->unchanged;
	a->deleted += b->deleted;
	a->errors += b->errors;
	a->skipped += b->skipped;
}

void
erp_tally_add(struct erp_tally *t, enum erp_res r, const struct erp_counts *c)
{
	t->ran[r] = true;
	counts_add(&t->per[r], c);
	counts_add(&t->total, c);
}

void
erp_tally_note(struct erp_tally *t, enum erp_res r, const char *id,
    const char *message)
{
	if (t->nkept == ERP_KEPT_ERRORS)
		return;
	t->kept[t->nkept].res = r;
	t->kept[t->nkept].id = xstrdup(id);
	t->kept[t->nkept].message = xstrdup(message);
	t->nkept++;
}

void
erp_tally_keep(struct erp_tally *t, enum erp_res r, const struct erp_page *pg)
{
	for (size_t i = 0; i < pg->nerrors; i++)
		erp_tally_note(t, r, pg->errors[i].id, pg->errors[i].message);
}

void
erp_tally_save(const struct erp_tally *t, enum erp_res r, struct erp_tally_mark *m)
{
	m->per = t->per[r];
	m->total = t->total;
	m->nkept = t->nkept;
}

void
erp_tally_undo(struct erp_tally *t, enum erp_res r, const struct erp_tally_mark *m)
{
	t->per[r] = m->per;
	t->total = m->total;
	while (t->nkept > m->nkept) {
		t->nkept--;
		free(t->kept[t->nkept].id);
		free(t->kept[t->nkept].message);
	}
}

void
erp_tally_show(struct erp_tally *t, enum erp_res r, const struct erp_page *pg)
{
	for (size_t i = 0; i < pg->nerrors; i++, t->shown++)
		if (t->shown < ERP_SHOWN_ERRORS)
			log_warn("%s %s: %s", erp_resource(r)->name, pg->errors[i].id,
			    pg->errors[i].message);
}

static cJSON *
counts_json(const struct erp_counts *c)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "fetched", (double)c->fetched);
	cJSON_AddNumberToObject(o, "inserted", (double)c->inserted);
	cJSON_AddNumberToObject(o, "updated", (double)c->updated);
	cJSON_AddNumberToObject(o, "unchanged", (double)c->unchanged);
	cJSON_AddNumberToObject(o, "deleted", (double)c->deleted);
	cJSON_AddNumberToObject(o, "errors", (double)c->errors);
	return o;
}

char *
erp_tally_details(const struct erp_tally *t)
{
	cJSON *root = cJSON_CreateObject(), *res, *errs, *e;
	char *text, *copy;

	res = cJSON_AddObjectToObject(root, "resources");
	for (int r = 0; r < ERP_NRES; r++)
		if (t->ran[r])
			cJSON_AddItemToObject(res, erp_resource(r)->name,
			    counts_json(&t->per[r]));
	errs = cJSON_AddArrayToObject(root, "errors");
	for (size_t i = 0; i < t->nkept; i++) {
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "resource", erp_resource(t->kept[i].res)->name);
		cJSON_AddStringToObject(e, "id", t->kept[i].id);
		cJSON_AddStringToObject(e, "message", t->kept[i].message);
		cJSON_AddItemToArray(errs, e);
	}
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	copy = xstrdup(text ? text : "{}");
	cJSON_free(text);
	return copy;
}

void
erp_tally_summary(const struct erp_tally *t, FILE *out, bool dry_run)
{
	long printed = t->shown < ERP_SHOWN_ERRORS ? t->shown : ERP_SHOWN_ERRORS;

	for (int r = 0; r < ERP_NRES; r++) {
		const struct erp_counts *c = &t->per[r];

		if (!t->ran[r])
			continue;
		fprintf(out, "%s%-9s fetched %ld, inserted %ld, updated %ld, "
		    "unchanged %ld, deleted %ld, errors %ld", dry_run ?
		    "(dry run) " : "", erp_resource(r)->name, c->fetched,
		    c->inserted, c->updated, c->unchanged, c->deleted, c->errors);
		if (c->skipped > 0)
			fprintf(out, ", skipped %ld (not ours)", c->skipped);
		fputc('\n', out);
	}
	if (t->total.errors > printed)
		log_warn("%ld more record errors not shown (kam --sync --status "
		    "lists the first %d)", t->total.errors - printed, ERP_KEPT_ERRORS);
}

void
erp_tally_events(const struct erp_tally *t, FILE *events)
{
	for (int r = 0; r < ERP_NRES; r++) {
		const struct erp_counts *c = &t->per[r];

		if (t->ran[r])
			fprintf(events, "done\t%s\t%ld\t%ld\t%ld\t%ld\t%ld\t%ld\n",
			    erp_resource(r)->name, c->fetched, c->inserted, c->updated,
			    c->unchanged, c->deleted, c->errors);
	}
	fflush(events);
}

void
erp_event_fail(FILE *events, const char *message)
{
	fputs("fail\t", events);
	for (const char *p = message; *p; p++)
		fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, events);
	fputc('\n', events);
	fflush(events);
}

void
erp_tally_free(struct erp_tally *t)
{
	for (size_t i = 0; i < t->nkept; i++) {
		free(t->kept[i].id);
		free(t->kept[i].message);
	}
	t->nkept = 0;
}

static double
now_s(void)
{
	return mono_ms() / 1000.0;
}

void
erp_progress_start(struct erp_progress *p, bool on, FILE *events,
    const char *what)
{
	memset(p, 0, sizeof *p);
	p->on = on;
	p->events = events;
	p->what = what;
	p->start = now_s();
}

void
erp_progress_page(struct erp_progress *p, const struct erp_page *pg)
{
	double secs, rate;
	int n;

	p->pages++;
	p->records += pg->records;
	if (!p->on && p->events == NULL)
		return;
	secs = now_s() - p->start;
	rate = secs > 0 ? (double)p->records / secs : 0;
	if (p->events != NULL) {
		fprintf(p->events, "page\t%s\t%ld\t%ld\t%.0f\t%ld\n", p->what,
		    p->pages, p->records, rate, pg->total > 0 ? pg->total : 0);
		fflush(p->events);
	}
	if (!p->on)
		return;
	n = fprintf(stderr, "\r%-9s %ld pages, %ld records, %.0f/s", p->what,
	    p->pages, p->records, rate);
	if (pg->total > p->records && rate > 0) {
		long eta = (long)((double)(pg->total - p->records) / rate);

		n += fprintf(stderr, ", %ld%%, %ld:%02ld left",
		    p->records * 100 / pg->total, eta / 60, eta % 60);
	}
	fprintf(stderr, "%*s", p->width > n ? p->width - n : 0, "");
	p->width = n > p->width ? n : p->width;
	fflush(stderr);
}

void
erp_progress_end(struct erp_progress *p)
{
	if (p->on && p->width > 0)
		fprintf(stderr, "\r%*s\r", p->width, "");
}
