/* The service level card, as support reads it: times, support hours and
 * whether support is open now in the SLA's time zone, escalation,
 * goodwill, validity and warranties. */
#include <stdlib.h>

#include "card_tab.h"
#include "client.h"
#include "form_view.h"
#include "forms.h"
#include "message.h"
#include "requests.h"
#include "kam/sla.h"
#include "kam/xalloc.h"

struct tab_sla {
	struct card_tab	 ct;
	struct sla_card	 sla;
	enum kam_action	 ahead;		/* typed before the card came */
};

static bool sla_action(struct view *v, struct tui *t, enum kam_action a);

static void
sla_reload(struct view *v, struct tui *t)
{
	req_submit(t, v, 0, 0);
}

static bool
sla_send(struct view *v, struct tui *t, int slot, int arg)
{
	(void)slot, (void)arg;
	return sla_card_send(t->db, tab_account_id(v));
}

static void
sla_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct tab_sla *ts = (struct tab_sla *)v;

	(void)slot, (void)arg;
	sla_card_free(&ts->sla);
	card_clear(&ts->ct.card);
	ts->ct.card.loaded = true;
	if (!sla_card_recv(t->db, &ts->sla)) {
		tui_db_error(t);
		return;
	}
	card_add_sla(&ts->ct.card, &ts->sla);
	if (ts->ahead != ACT_NONE) {
		enum kam_action a = ts->ahead;

		ts->ahead = ACT_NONE;
		sla_action(v, t, a);
	}
}

/* e edits the service level shown, or makes one when there is none; a
 * adds another (the next period's). */
static bool
sla_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct tab_sla *ts = (struct tab_sla *)v;

	if (a != ACT_FORM_ADD && a != ACT_FORM_EDIT)
		return card_tab_action(v, t, a);
	if (!ts->ct.card.loaded) {
		ts->ahead = a;	/* for the service level shown, once it is */
		return true;
	}
	if (!tab_may_write(v, t, "service level"))
		return true;
	if (ts->sla.field[SLA_STATE] == NULL)
		tui_message(t, true, "This account has gone, or you may not see it.");
	else
		form_view_open(t, &form_service_level, tab_account_id(v),
		    tab_account_name(v), a == ACT_FORM_EDIT ?
		    ts->sla.field[SLA_ID] : NULL);
	return true;
}

static void
sla_free(struct view *v)
{
	struct tab_sla *ts = (struct tab_sla *)v;

	card_tab_clear(v);
	sla_card_free(&ts->sla);
	free(ts);
}

static const struct kam_view_ops sla_ops = {
	.name = "sla",
	.draw = card_tab_draw,
	.action = sla_action,
	.reload = sla_reload,
	.send = sla_send,
	.recv = sla_recv,
	.search = card_tab_search,
	.search_next = card_tab_search_next,
	.status = card_tab_status,
	.free = sla_free,
};

struct view *
tab_sla_new(struct view *account)
{
	struct tab_sla *ts = xcalloc(1, sizeof *ts);

	card_tab_init(&ts->ct, &sla_ops, account, "Service level");
	return &ts->ct.v;
}
