/* The service level card, as support reads it: times, support hours and
 * whether support is open now in the SLA's time zone, escalation,
 * goodwill, validity and warranties. Below it every service level of the
 * account, past, in force, overlapped and future, by validity: the card
 * and this list name the one in force by the same rule as kam --sla
 * (kam.account_service_level, migration 0015). e or Enter edits the one
 * under the cursor, a adds another; the page keys scroll the card. */
#include <stdlib.h>
#include <string.h>

#include "card_tab.h"
#include "client.h"
#include "form_view.h"
#include "forms.h"
#include "message.h"
#include "requests.h"
#include "table.h"
#include "table_tab.h"
#include "kam/account_detail.h"
#include "kam/sla.h"
#include "kam/xalloc.h"

enum { SLOT_CARD, SLOT_LIST };

struct tab_sla {
	struct card_tab	 ct;
	struct sla_card	 sla;
	struct table	 list;		/* every service level of the account */
	bool		 placed;	/* the cursor went to the one in force */
	enum kam_action	 ahead;		/* typed before the card came */
};

#define TS(v) ((struct tab_sla *)(v))

static const struct table_col sla_cols[] = {
	{ "Name", SR_NAME, 12, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Valid from", SR_FROM, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Valid to", SR_TO, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "State", SR_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
};

static bool sla_action(struct view *v, struct tui *t, enum kam_action a);

/* The looks conditions have for the same states; an overlapped one as
 * one that needs a look soon. */
static enum theme_elem
sla_role(const struct acct_rows *r, size_t row, int field)
{
	const char *state = acct_rows_get(r, row, SR_STATE);

	(void)field;
	if (state == NULL || strcmp(state, "in force") == 0)
		return TE_NORMAL;
	if (strcmp(state, "expired") == 0)
		return TE_COND_EXPIRED;
	if (strcmp(state, "future") == 0)
		return TE_COND_UPCOMING;
	return TE_COND_EXPIRING;
}

static void
sla_reload(struct view *v, struct tui *t)
{
	table_clear(&TS(v)->list);
	req_submit(t, v, SLOT_CARD, 0);
	req_submit(t, v, SLOT_LIST, 0);
}

static bool
sla_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct acct_rows_req req = { .query = AQ_SLAS,
	    .account_id = tab_account_id(v) };

	(void)arg;
	if (slot == SLOT_CARD)
		return sla_card_send(t->db, tab_account_id(v));
	return acct_rows_send(t->db, &req);
}

static void
take_card(struct tab_sla *ts, struct tui *t)
{
	sla_card_free(&ts->sla);
	card_clear(&ts->ct.card);
	ts->ct.card.loaded = true;
	if (!sla_card_recv(t->db, &ts->sla)) {
		tui_db_error(t);
		return;
	}
	card_add_sla(&ts->ct.card, &ts->sla);
}

/* The first time, the cursor starts on the one in force, so that e
 * edits what the card shows. */
static void
take_list(struct tab_sla *ts, struct tui *t)
{
	struct acct_rows r;

	if (!acct_rows_recv(t->db, &r)) {
		ts->list.loaded = true;
		tui_db_error(t);
		return;
	}
	table_take(&ts->list, &r, 0);
	acct_rows_free(&r);
	for (size_t i = 0; !ts->placed && i < ts->list.rows.nrows; i++)
		if (table_cell_is(&ts->list.rows, i, SR_IN_FORCE, "t")) {
			ts->list.nav.cursor = i;
			listnav_fix(&ts->list.nav);
		}
	ts->placed = true;
}

static void
sla_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct tab_sla *ts = TS(v);

	(void)arg;
	if (slot == SLOT_CARD)
		take_card(ts, t);
	else
		take_list(ts, t);
	if (ts->ahead != ACT_NONE && ts->ct.card.loaded && ts->list.loaded) {
		enum kam_action a = ts->ahead;

		ts->ahead = ACT_NONE;
		sla_action(v, t, a);
	}
}

/* The card above, as much as it needs and the list leaves; the list
 * below, at least its header and a few rows. */
static void
sla_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct tab_sla *ts = TS(v);
	int want = (int)ts->list.rows.nrows + 2, top;

	if (want < 4)
		want = 4;
	if (want > height / 2)
		want = height / 2;
	top = height - want;
	if (top > (int)ts->ct.card.nav.n + 1)
		top = (int)ts->ct.card.nav.n + 1;
	card_draw(t, &ts->ct.card, y0, top);
	table_draw(t, &ts->list, y0 + top, height - top,
	    "No service level on record.");
}

/* The page keys scroll the card, which the list below may cut at 80x24;
 * the line keys move in the list. */
static bool
is_card_scroll(enum kam_action a)
{
	return a == ACT_MOVE_PAGE_DOWN || a == ACT_MOVE_PAGE_UP ||
	    a == ACT_MOVE_HALF_DOWN || a == ACT_MOVE_HALF_UP;
}

static bool
is_form_action(enum kam_action a)
{
	return a == ACT_FORM_ADD || a == ACT_FORM_EDIT || a == ACT_ENTER;
}

/* e or Enter edits the service level under the cursor (the form reads
 * its row and version, for a conflict with someone saving it first);
 * a adds another. */
static bool
sla_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct tab_sla *ts = TS(v);
	size_t row = ts->list.nav.cursor;

	if (is_card_scroll(a))
		return listnav_act(&ts->ct.card.nav, a);
	if (!is_form_action(a))
		return listnav_act(&ts->list.nav, a);
	if (!ts->ct.card.loaded || !ts->list.loaded) {
		ts->ahead = a;	/* for the row shown, once it is */
		return true;
	}
	if (!tab_may_write_sla(v, t))
		return true;
	if (ts->sla.field[SLA_STATE] == NULL)
		tui_message(t, true, "This account has gone, or you may not see it.");
	else if (a == ACT_FORM_ADD || ts->list.rows.nrows == 0)
		form_view_open(t, &form_service_level, tab_account_id(v),
		    tab_account_name(v), NULL);
	else
		form_view_open(t, &form_service_level, tab_account_id(v),
		    tab_account_name(v), acct_rows_get(&ts->list.rows,
		    row < ts->list.rows.nrows ? row : 0, SR_ID));
	return true;
}

static void
sla_search(struct view *v, struct tui *t, const char *text, bool live)
{
	(void)t;
	if (!live && text != NULL && *text != '\0' &&
	    !table_find(&TS(v)->list, text, 1, true))
		card_find(&TS(v)->ct.card, text, 1);
}

static bool
sla_search_next(struct view *v, struct tui *t, int dir)
{
	return table_find(&TS(v)->list, t->search, dir, false) ||
	    card_find(&TS(v)->ct.card, t->search, dir);
}

static void
sla_click(struct view *v, struct tui *t, int y, int x)
{
	(void)t, (void)x;
	table_click(&TS(v)->list, y);
}

static void
sla_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)t;
	table_status(&TS(v)->list, "Service levels", out);
}

static void
sla_free(struct view *v)
{
	struct tab_sla *ts = TS(v);

	card_tab_clear(v);
	sla_card_free(&ts->sla);
	table_free(&ts->list);
	free(ts);
}

/* every service level of the account */
static void
sla_interest(struct view *v, struct live_interest *out)
{
	static const char *const tables[] = { "service_level", NULL };

	tab_interest(v, tables, out);
}

static const struct kam_view_ops sla_ops = {
	.name = "sla",
	.draw = sla_draw,
	.action = sla_action,
	.reload = sla_reload,
	.send = sla_send,
	.recv = sla_recv,
	.search = sla_search,
	.search_next = sla_search_next,
	.click = sla_click,
	.status = sla_status,
	.free = sla_free,
	.interest = sla_interest,
};

struct view *
tab_sla_new(struct view *account)
{
	struct tab_sla *ts = xcalloc(1, sizeof *ts);

	card_tab_init(&ts->ct, &sla_ops, account, "Service level");
	table_init(&ts->list, sla_cols,
	    (int)(sizeof sla_cols / sizeof sla_cols[0]), sla_role);
	return &ts->ct.v;
}
