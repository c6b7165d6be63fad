/* The cloud's period and reach (voc_state.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voc_state.h"
#include "kam/xalloc.h"

#define DEFAULT_PERIOD "90d"

static const char *const reach_words[VOC_NREACH] = {
	[VOC_EVERYONE] = "everyone", [VOC_TEAM] = "team", [VOC_MINE] = "mine",
};

/* The first day of period p (90d, year, all, a date; "" for all time),
 * or false when p is none of them. */
static bool
period_since(const char *p, char out[DATE_STRLEN])
{
	struct kam_date today = date_today(), d;
	char rel[DATE_STRLEN + 2];

	if (strcmp(p, "all") == 0) {
		*out = '\0';
		return true;
	}
	if (strcmp(p, "year") == 0) {
		d = (struct kam_date){ today.year, 1, 1 };
		date_format(d, out);
		return true;
	}
	/* "90d" means 90 days back, as "-90d" does */
	snprintf(rel, sizeof rel, "%s%s", p[0] >= '0' && p[0] <= '9' &&
	    strchr("dwmy", p[strlen(p) - 1]) ? "-" : "", p);
	if (!date_parse(rel, &today, &d))
		return false;
	date_format(d, out);
	return true;
}

static int
reach_find(const char *w)
{
	for (int i = 0; i < VOC_NREACH; i++)
		if (strcmp(reach_words[i], w) == 0)
			return i;
	return -1;
}

bool
voc_state_parse(const char *args, struct voc_state *s, struct kam_buf *err)
{
	struct voc_state next = *s;
	char since[DATE_STRLEN];
	char *copy = xstrdup(args), *save = NULL;
	bool ok = true;
	int r;

	for (char *w = strtok_r(copy, " \t", &save); w && ok;
	    w = strtok_r(NULL, " \t", &save)) {
		if ((r = reach_find(w)) >= 0)
			next.reach = (enum voc_reach)r;
		else if (strlen(w) < sizeof next.period && period_since(w, since))
			snprintf(next.period, sizeof next.period, "%s", w);
		else {
			buf_addf(err, ":voc takes a period (90d, 6m, year, all, a "
			    "day) and mine, team or everyone; not '%s'", w);
			ok = false;
		}
	}
	if (ok) {
		next.topic = s->topic;
		*s = next;
	}
	free(copy);
	return ok;
}

void
voc_state_scope(struct voc_state *s, const struct kam_user *u,
    struct voc_scope *out)
{
	if (!period_since(*s->period ? s->period : DEFAULT_PERIOD, s->since))
		period_since(DEFAULT_PERIOD, s->since);
	out->since = *s->since ? s->since : NULL;
	out->team = s->team ? s->team : s->reach == VOC_TEAM ? u->team : NULL;
	out->mine = s->reach == VOC_MINE;
	/* a user in no team has no team's accounts */
	if (s->team == NULL && s->reach == VOC_TEAM && u->team == NULL)
		out->mine = true;
}

void
voc_state_describe(struct kam_buf *out, const struct voc_state *s,
    const struct kam_user *u)
{
	const char *p = *s->period ? s->period : DEFAULT_PERIOD;

	if (strcmp(p, "all") == 0)
		buf_adds(out, "all time");
	else if (strcmp(p, "year") == 0)
		buf_adds(out, "this year");
	else
		buf_addf(out, "since %s (%s)", s->since, p);
	if (s->team != NULL)
		buf_addf(out, ", team %s", s->team);
	else if (s->reach == VOC_TEAM)
		buf_addf(out, ", my team (%s)", u->team ? u->team : "none: mine");
	else
		buf_adds(out, s->reach == VOC_MINE ? ", my accounts" : ", everyone");
}

void
voc_state_free(struct voc_state *s)
{
	free(s->team);
	free(s->topic);
	s->team = s->topic = NULL;
}
