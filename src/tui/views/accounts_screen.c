/* The start screen: every key account in one list, in any column's order,
 * filtered and searched as you type, a page at a time. */
#include <stdlib.h>
#include <string.h>

#include "account_screen.h"
#include "accounts_paging.h"
#include "accounts_screen.h"
#include "brief_command.h"
#include "client.h"
#include "columns.h"
#include "draw.h"
#include "message.h"
#include "prompt.h"
#include "requests.h"
#include "trace.h"
#include "kam/account.h"
#include "kam/account_scores.h"
#include "kam/money.h"
#include "kam/words.h"
#include "kam/xalloc.h"

enum { SLOT_SESSION, SLOT_PAGE, SLOT_COUNT, SLOT_FIND, SLOT_SCORES };
#define RELOAD_FLAG 0x10	/* a page request that replaces the window */

/* As wide as the title and the rows shown (columns.h); the name stays
 * when the others scroll. */
struct lcol {
	int		 col;	/* enum acol, or AROW_SCORE (not a sort order) */
	const char	*title;
	int		 least;		/* free text narrows to this */
	enum text_align	 align;
	enum col_fit	 fit;
};

/* An owner is a first and a last name: cut below 14 columns the list
 * reads worse than with a column fewer (which l then shows). */
static const struct lcol lcols[] = {
	{ ACOL_NAME, "Name", 20, ALIGN_LEFT, COL_FREE },
	{ ACOL_TIER, "Tier", 0, ALIGN_LEFT, COL_WHOLE },
	{ ACOL_OWNER, "Owner", 14, ALIGN_LEFT, COL_FREE },
	{ ACOL_LIFECYCLE, "Lifecycle", 0, ALIGN_LEFT, COL_WHOLE },
	{ ACOL_STATUS, "Status", 0, ALIGN_LEFT, COL_WHOLE },
	{ ACOL_SLA, "SLA", 8, ALIGN_LEFT, COL_FREE },
	/* "127,000,000 KRW no rate": an amount, its currency, the marker,
	 * read whole */
	{ ACOL_REVENUE, "Revenue YTD", 0, ALIGN_RIGHT, COL_WHOLE },
	{ ACOL_OPEN, "Open (overdue)", 0, ALIGN_RIGHT, COL_WHOLE },
	{ ACOL_LAST_CONTACT, "Last contact", 0, ALIGN_LEFT, COL_WHOLE },
	{ ACOL_NEXT_FOLLOW_UP, "Follow-up", 0, ALIGN_LEFT, COL_WHOLE },
	{ AROW_SCORE, "Quality", 0, ALIGN_RIGHT, COL_WHOLE },
};
#define NLCOLS (int)(sizeof lcols / sizeof lcols[0])

struct view_accounts {
	struct view		 v;
	struct acctlist		 list;
	struct acct_filter	 filter;
	enum acol		 sort;
	bool			 desc;
	struct col_layout	 layout;	/* as last drawn, and the scroll */
	int			 fetching;	/* the page asked for, or -1 */
	int			 sent;		/* ... as it was sent */
	int			 y0;		/* the header's screen line */
	char			*open_name;	/* :account being looked up */
	int			 open_tab;
	bool			 capped;	/* more rows than were counted */
	bool			 enter_pending;	/* Enter came before the rows */
	/* the accounts whose scores are asked for (kam/account_scores.h) */
	char			*score_ids[ACCT_SCORES_MAX];
	size_t			 nscore_ids;
};

#define VA(v) ((struct view_accounts *)(v))

static void
forget_score_ids(struct view_accounts *va)
{
	for (size_t i = 0; i < va->nscore_ids; i++)
		free(va->score_ids[i]);
	va->nscore_ids = 0;
}

/* The scores asked for are dropped (their rows will be asked for again):
 * a page, wanted now, never waits behind them. */
static void
drop_scores(struct view_accounts *va, struct tui *t)
{
	struct acctlist *l = &va->list;

	if (va->nscore_ids == 0)
		return;
	req_drop(t, &va->v, SLOT_SCORES);
	for (size_t i = 0; i < l->nav.n; i++)
		for (size_t k = 0; k < va->nscore_ids; k++)
			if (strcmp(l->rows[i].key.id, va->score_ids[k]) == 0) {
				free(l->rows[i].field[AROW_SCORE]);
				l->rows[i].field[AROW_SCORE] = NULL;
			}
	forget_score_ids(va);
}

static void
submit_page(struct view_accounts *va, struct tui *t, int from)
{
	if (va->fetching == from)
		return;
	va->fetching = from;
	drop_scores(va, t);
	req_submit(t, &va->v, SLOT_PAGE, from);
}

/* After a new order, filter or search: read from the top, count again. */
static void
refetch(struct view_accounts *va, struct tui *t, bool recount)
{
	va->fetching = -1;
	va->enter_pending = false;
	va->list.nav.cursor = va->list.nav.top = 0;
	submit_page(va, t, ACCT_FIRST);
	if (recount) {
		va->list.total = -1;
		va->capped = false;
		req_submit(t, &va->v, SLOT_COUNT, 0);
	}
}

/* The rows again from the screen's top line on, and their count. */
static void
reread(struct view_accounts *va, struct tui *t)
{
	struct acctlist *l = &va->list;

	va->fetching = -1;
	submit_page(va, t, (l->nav.top > 0 ? ACCT_AFTER : ACCT_FIRST) | RELOAD_FLAG);
	req_submit(t, &va->v, SLOT_COUNT, 0);
}

static void
accounts_reload(struct view *v, struct tui *t)
{
	req_submit(t, v, SLOT_SESSION, 0);
	reread(VA(v), t);
}

/* The key a page request starts from; NULL when the window it was meant
 * for has gone (the request then reads from the top). */
static const struct acct_key *
edge_key(const struct acctlist *l, int arg)
{
	if (l->nav.n == 0)
		return NULL;
	if (arg & RELOAD_FLAG)
		return l->nav.top > 0 ? &l->rows[l->nav.top - 1].key : NULL;
	if (arg == ACCT_AFTER)
		return &l->rows[l->nav.n - 1].key;
	if (arg == ACCT_BEFORE)
		return &l->rows[0].key;
	return NULL;
}

static bool
send_page(struct view_accounts *va, struct tui *t, int arg)
{
	struct acct_page_req req = {
		.filter = &va->filter, .sort = va->sort, .desc = va->desc,
		.from = (enum acct_from)(arg & ~RELOAD_FLAG), .limit = ACCTLIST_PAGE,
		.erp_figures = t->session.erp_figures,
	};

	req.key = edge_key(&va->list, arg);
	if (req.key == NULL && req.from != ACCT_LAST)
		req.from = ACCT_FIRST;
	va->sent = (req.key != NULL ? arg : (int)req.from) | (arg & RELOAD_FLAG);
	return acct_page_send(t->db, &req);
}

static bool
accounts_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct view_accounts *va = VA(v);

	if (slot == SLOT_SESSION)
		return acct_session_send(t->db);
	if (slot == SLOT_COUNT)
		return acct_count_send(t->db, &va->filter);
	if (slot == SLOT_FIND)
		return account_find_send(t->db, va->open_name);
	if (slot == SLOT_SCORES)
		return acct_scores_send(t->db, (const char *const *)va->score_ids,
		    va->nscore_ids);
	return send_page(va, t, arg);
}

static void
open_account(struct tui *t, const struct acct_row *r, int tab)
{
	view_account_open(t, r->key.id, r->field[ACOL_NAME], tab);
}

static void
set_list_search(struct view_accounts *va, const char *text, bool anywhere)
{
	char *copy = text && *text ? xstrdup(text) : NULL;

	free(va->filter.search);
	va->filter.search = copy;
	va->filter.search_anywhere = anywhere;
}

/* :account NAME and :sla NAME, looked up in the whole database as kam
 * --sla does (account_find), whatever the list's filter and search. */
static void
open_found(struct view_accounts *va, struct tui *t)
{
	struct account_matches m;
	struct kam_buf some;

	if (!account_find_recv(t->db, &m))
		tui_db_error(t);
	else if (m.n == 1)
		view_account_open(t, m.rows[0].id, m.rows[0].name, va->open_tab);
	else if (m.n == 0)
		tui_message(t, true, "No account matches '%s'.", va->open_name);
	else {
		buf_init(&some);
		for (size_t i = 0; i < m.n && i < 3; i++)
			buf_addf(&some, "%s%s %s", i ? ", " : "", m.rows[i].erp_id ?
			    m.rows[i].erp_id : m.rows[i].id, m.rows[i].name);
		tui_message(t, false, "Several accounts match '%s': %s%s; "
		    ":account with an ERP id opens one.", va->open_name, some.data,
		    m.n > 3 ? ", ..." : "");
		buf_free(&some);
	}
	account_matches_free(&m);
	free(va->open_name);
	va->open_name = NULL;
}

/* The rows on screen (the first ACCT_SCORES_MAX before the first draw)
 * whose scores were not asked for yet: asked for now, one statement at a
 * time, for those who may read the rules (support may not). */
static void
want_scores(struct view_accounts *va, struct tui *t)
{
	struct acctlist *l = &va->list;
	size_t h = l->nav.height ? l->nav.height : ACCT_SCORES_MAX;

	if (!t->session.plans || va->nscore_ids > 0)
		return;
	for (size_t i = l->nav.top; i < l->nav.n && i < l->nav.top + h &&
	    va->nscore_ids < ACCT_SCORES_MAX; i++) {
		struct acct_row *r = &l->rows[i];

		if (r->field[AROW_SCORE] != NULL)
			continue;
		r->field[AROW_SCORE] = xstrdup("");
		va->score_ids[va->nscore_ids++] = xstrdup(r->key.id);
	}
	if (va->nscore_ids > 0)
		req_submit(t, &va->v, SLOT_SCORES, 0);
}

/* Each score to the row of its account, if the list still shows it. */
static void
recv_scores(struct view_accounts *va, struct tui *t)
{
	struct acctlist *l = &va->list;
	struct acct_scores s;

	forget_score_ids(va);
	if (!acct_scores_recv(t->db, &s)) {
		tui_db_error(t);
		return;
	}
	trace_event(t->trace, "rows", "account scores");
	for (size_t k = 0; k < s.n; k++)
		for (size_t i = 0; i < l->nav.n; i++)
			if (s.v[k].id && strcmp(l->rows[i].key.id, s.v[k].id) == 0) {
				free(l->rows[i].field[AROW_SCORE]);
				l->rows[i].field[AROW_SCORE] = xstrdup(s.v[k].score);
			}
	acct_scores_free(&s);
	want_scores(va, t);
}

static void
recv_page(struct view_accounts *va, struct tui *t)
{
	struct acctlist *l = &va->list;
	int arg = va->sent;
	enum acct_from from = (enum acct_from)(arg & ~RELOAD_FLAG);
	struct acct_page page;
	const struct acct_key *key;
	int need;

	va->fetching = -1;
	if (!acct_page_recv(t->db, from, &page)) {
		tui_db_error(t);
		return;
	}
	trace_event(t->trace, "rows", "accounts");
	if (arg & RELOAD_FLAG)
		acctlist_take_reload(l, &page, from, from == ACCT_FIRST ? 0 :
		    l->base + (long)l->nav.top, l->nav.cursor - l->nav.top);
	else
		acctlist_take(l, &page, from);
	if (va->enter_pending && (from == ACCT_FIRST) && l->nav.n > 0) {
		va->enter_pending = false;
		open_account(t, acctlist_selected(l), 0);
	}
	else if ((need = acctlist_prefetch(l, &key)) >= 0)
		submit_page(va, t, need);
	want_scores(va, t);
}

static void
accounts_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct view_accounts *va = VA(v);
	long n;

	(void)arg;
	if (slot == SLOT_PAGE)
		recv_page(va, t);
	else if (slot == SLOT_SCORES)
		recv_scores(va, t);
	else if (slot == SLOT_FIND)
		open_found(va, t);
	else if (slot == SLOT_COUNT) {
		if (acct_count_recv(t->db, &n)) {
			/* past the cap the count is no position to count from */
			va->capped = n > ACCT_COUNT_CAP;
			acctlist_set_total(&va->list, va->capped ? -1 : n);
		}
		else
			tui_db_error(t);
	} else {
		acct_session_free(&t->session);
		if (!acct_session_recv(t->db, &t->session))
			tui_db_error(t);
	}
}

static enum theme_elem
value_role(enum acol col, const char *v)
{
	static const struct { enum acol col; const char *v; enum theme_elem e; } map[] = {
		{ ACOL_TIER, "strategic", TE_TIER_STRATEGIC },
		{ ACOL_TIER, "key", TE_TIER_KEY },
		{ ACOL_TIER, "standard", TE_TIER_STANDARD },
		{ ACOL_STATUS, "active", TE_ACCT_ACTIVE },
		{ ACOL_STATUS, "at_risk", TE_ACCT_AT_RISK },
		{ ACOL_STATUS, "dormant", TE_ACCT_DORMANT },
		{ ACOL_STATUS, "churned", TE_ACCT_CHURNED },
	};

	for (size_t i = 0; v && i < sizeof map / sizeof map[0]; i++)
		if (map[i].col == col && strcmp(map[i].v, v) == 0)
			return map[i].e;
	return TE_NORMAL;
}

static bool
nonzero(const char *num)
{
	return num != NULL && strspn(num, "-0.") != strlen(num);
}

/* An amount in the reporting currency; else in the account's own, said
 * to have no rate, never summed or sorted with the others. */
static enum theme_elem
money_cell(const struct acct_row *r, enum acol col, struct kam_buf *out)
{
	const char *cur = r->field[AROW_MONEY_CURRENCY];

	money_format(out, r->field[col], cur);
	if (r->field[AROW_NO_RATE] != NULL) {
		if (r->field[col] == NULL)
			buf_adds(out, r->field[AROW_NO_RATE]);
		buf_adds(out, " no rate");
		return TE_STATUS_ERROR;
	}
	if (col == ACOL_OPEN && nonzero(r->field[AROW_OVERDUE])) {
		buf_adds(out, " (");
		money_format(out, r->field[AROW_OVERDUE], cur);
		buf_adds(out, ")");
		return TE_OVERDUE;
	}
	return TE_NORMAL;
}

/* The name in the folded list: indented by its depth below its top, a
 * group marked "+" folded, "-" shown, with how many accounts are below.
 * ASCII: the marks of both terminals take one column. */
static void
folded_name(const struct view_accounts *va, const struct acct_row *r,
    struct kam_buf *out)
{
	long depth = strtol(r->field[AROW_DEPTH], NULL, 10);
	long below = r->field[AROW_MEMBERS] ?
	    strtol(r->field[AROW_MEMBERS], NULL, 10) : 0;
	const char *open = va->filter.open_group;
	bool shown = depth > 0 || (open != NULL && strcmp(open, r->key.id) == 0);

	for (long i = 0; i < depth && i < 32; i++)
		buf_adds(out, "  ");
	buf_adds(out, below <= 0 ? "  " : shown ? "- " : "+ ");
	buf_adds(out, r->field[ACOL_NAME] ? r->field[ACOL_NAME] : "");
	if (below > 0)
		buf_addf(out, " (%ld)", below);
}

/* The cell's text and its role. */
static enum theme_elem
cell(const struct view_accounts *va, const struct acct_row *r, int col,
    struct kam_buf *out)
{
	const char *v = r->field[col];

	if (col == ACOL_NAME && r->field[AROW_DEPTH] != NULL) {
		folded_name(va, r, out);
		return TE_NORMAL;
	}
	if (col == ACOL_REVENUE || col == ACOL_OPEN)
		return money_cell(r, (enum acol)col, out);
	if (col == ACOL_STATUS || col == ACOL_LIFECYCLE || col == ACOL_TIER)
		buf_adds(out, v ? words_of(v) : "");
	else
		buf_adds(out, v ? v : "");
	return col < ACOL_COUNT ? value_role((enum acol)col, v) : TE_NORMAL;
}

static void
header_title(const struct view_accounts *va, const struct lcol *c,
    struct kam_buf *out)
{
	bool sorted = c->col == (int)va->sort;

	buf_addf(out, "%s%s", c->title, sorted ? va->desc ? " v" : " ^" : "");
}

/* Each column as wide as its title and the rows shown. */
static void
layout(struct view_accounts *va, int cols, int height)
{
	struct kam_buf text;
	size_t top = va->list.nav.top;

	buf_init(&text);
	for (int c = 0; c < NLCOLS; c++) {
		buf_reset(&text);
		header_title(va, &lcols[c], &text);
		columns_want(&va->layout, c, text.data, lcols[c].fit, lcols[c].least);
		for (size_t i = top; i < top + (size_t)height && i < va->list.nav.n; i++) {
			buf_reset(&text);
			cell(va, &va->list.rows[i], lcols[c].col, &text);
			columns_measure(&va->layout, c, text.data);
		}
	}
	buf_free(&text);
	columns_layout(&va->layout, NLCOLS, 1, cols);
}

static void
draw_header(struct view_accounts *va, struct tui *t, int y)
{
	struct kam_buf title;

	buf_init(&title);
	draw_fill(t, y, 0, t->cols, TE_HEADER);
	for (int i = 0; i < va->layout.n; i++) {
		const struct lcol *c = &lcols[va->layout.place[i].col];

		buf_reset(&title);
		header_title(va, c, &title);
		columns_draw_cell(t, y, &va->layout.place[i], c->fit, title.data,
		    c->col == (int)va->sort ? TE_HEADER_SORTED : TE_HEADER, c->align);
	}
	columns_draw_marker(t, &va->layout, y, TE_HEADER);
	buf_free(&title);
}

static void
draw_row(struct view_accounts *va, struct tui *t, int y, size_t i)
{
	const struct acct_row *r = &va->list.rows[i];
	bool selected = i == va->list.nav.cursor;
	struct kam_buf text;
	enum theme_elem role;

	buf_init(&text);
	draw_fill(t, y, 0, t->cols, selected ? TE_SELECTED : TE_NORMAL);
	for (int k = 0; k < va->layout.n; k++) {
		const struct lcol *c = &lcols[va->layout.place[k].col];

		buf_reset(&text);
		role = cell(va, r, c->col, &text);
		columns_draw_cell(t, y, &va->layout.place[k], c->fit, text.data,
		    selected ? TE_SELECTED : role, c->align);
	}
	buf_free(&text);
}

static void
accounts_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct view_accounts *va = VA(v);
	struct acctlist *l = &va->list;

	va->y0 = y0;
	acctlist_set_height(l, (size_t)(height - 1));
	layout(va, t->cols, height - 1);
	draw_header(va, t, y0);
	columns_trace(t, va->layout.place, va->layout.n, y0, height);
	if (l->nav.n == 0) {
		draw_text(t, y0 + 2, 2, t->cols - 2, !l->loaded ? "Loading accounts..." :
		    "No accounts match.", TE_NORMAL, ALIGN_LEFT);
		return;
	}
	for (int i = 0; i < height - 1 && l->nav.top + (size_t)i < l->nav.n; i++)
		draw_row(va, t, y0 + 1 + i, l->nav.top + (size_t)i);
}

static void
list_move(struct view_accounts *va, struct tui *t, enum kam_action a)
{
	const struct acct_key *key;
	int need = acctlist_act(&va->list, a, &key);

	if (need >= 0)
		submit_page(va, t, need);
	want_scores(va, t);
}

static void
sort_by(struct view_accounts *va, struct tui *t, int col, bool desc)
{
	va->sort = (enum acol)col;
	va->desc = desc;
	refetch(va, t, false);
}

/* F: the filter words in force stand in the prompt, so that what is
 * typed adds to them ("mine" stays) and any can be taken out. */
static void
filter_prompt(struct view_accounts *va, struct tui *t)
{
	struct kam_buf line;

	buf_init(&line);
	buf_adds(&line, "filter ");
	filter_describe(&line, &va->filter);
	if (line.len > strlen("filter "))
		buf_adds(&line, " ");
	prompt_open(&t->prompt, ':', line.data);
	buf_free(&line);
}

/* z: the group under the cursor shown, or folded again (also from one
 * of its members); one group is shown at a time. The rows are read
 * again from the screen's top line, the cursor stays on its account. */
static void
fold_open(struct view_accounts *va, struct tui *t, const struct acct_row *r)
{
	struct acct_filter *f = &va->filter;
	bool member, group, shown;
	char *next;

	if (!f->folded || (f->search != NULL && *f->search != '\0')) {
		tui_message(t, true, "Z folds the groups first%s",
		    f->folded ? "; a search shows every account" : "");
		return;
	}
	if (r == NULL || r->field[AROW_DEPTH] == NULL)
		return;
	member = strcmp(r->field[AROW_DEPTH], "0") != 0;
	group = r->field[AROW_MEMBERS] != NULL &&
	    strcmp(r->field[AROW_MEMBERS], "0") != 0;
	if (!member && !group) {
		tui_message(t, false, "%s has no accounts below it.",
		    r->field[ACOL_NAME]);
		return;
	}
	shown = f->open_group != NULL && strcmp(f->open_group, r->key.id) == 0;
	next = member || shown ? NULL : xstrdup(r->key.id);
	free(f->open_group);
	f->open_group = next;
	reread(va, t);
}

static bool
accounts_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct view_accounts *va = VA(v);
	const struct acct_row *r = acctlist_selected(&va->list);

	switch (a) {
	case ACT_MOVE_DOWN: case ACT_MOVE_UP: case ACT_MOVE_HALF_DOWN:
	case ACT_MOVE_HALF_UP: case ACT_MOVE_PAGE_DOWN: case ACT_MOVE_PAGE_UP:
	case ACT_MOVE_FIRST: case ACT_MOVE_LAST:
		list_move(va, t, a);
		return true;
	case ACT_MOVE_LEFT: case ACT_SCROLL_LEFT:
		columns_scroll(&va->layout, -1);
		return true;
	case ACT_MOVE_RIGHT: case ACT_SCROLL_RIGHT:
		columns_scroll(&va->layout, 1);
		return true;
	case ACT_ENTER:
		/* typed ahead of a new search's rows: open what it finds */
		if (va->fetching == ACCT_FIRST)
			va->enter_pending = true;
		else if (r != NULL)
			open_account(t, r, 0);
		return true;
	case ACT_SORT_NEXT: sort_by(va, t, (va->sort + 1) % ACOL_COUNT, false); return true;
	case ACT_SORT_PREV:
		sort_by(va, t, (va->sort + ACOL_COUNT - 1) % ACOL_COUNT, false);
		return true;
	case ACT_SORT_REVERSE: sort_by(va, t, (int)va->sort, !va->desc); return true;
	case ACT_FILTER_MINE:
		va->filter.mine = !va->filter.mine;
		refetch(va, t, true);
		return true;
	case ACT_FILTER:
		filter_prompt(va, t);
		return true;
	case ACT_FOLD_GROUPS:
		va->filter.folded = !va->filter.folded;
		free(va->filter.open_group);
		va->filter.open_group = NULL;
		refetch(va, t, true);
		return true;
	case ACT_FOLD_OPEN:
		fold_open(va, t, r);
		return true;
	case ACT_BRIEF:
		if (r != NULL)
			tui_brief(t, r->key.id);
		return true;
	default:
		return false;
	}
}

static void
accounts_search(struct view *v, struct tui *t, const char *text, bool live)
{
	struct view_accounts *va = VA(v);
	const char *old = va->filter.search;

	(void)live;
	if ((old == NULL && (text == NULL || *text == '\0')) ||
	    (old != NULL && text != NULL && strcmp(old, text) == 0))
		return;
	set_list_search(va, text, false);
	refetch(va, t, true);
}

/* Every row matches the list's search: n and N step through them. */
static bool
accounts_search_next(struct view *v, struct tui *t, int dir)
{
	list_move(VA(v), t, dir > 0 ? ACT_MOVE_DOWN : ACT_MOVE_UP);
	return VA(v)->list.nav.n > 0;
}

static bool
command_sort(struct view_accounts *va, struct tui *t, const char *arg)
{
	char *copy = xstrdup(arg), *sp = strchr(copy, ' ');
	int col;

	if (sp != NULL)
		*sp++ = '\0';
	if ((col = acol_from_name(copy)) < 0)
		tui_message(t, true, "no column '%s' to sort by", copy);
	else
		sort_by(va, t, col, sp != NULL && strcmp(sp, "desc") == 0);
	free(copy);
	return true;
}

static bool
command_open(struct view_accounts *va, struct tui *t, const struct cmd *c)
{
	const struct acct_row *r = acctlist_selected(&va->list);

	if (*c->arg == '\0') {	/* :sla on the list: the selected account */
		if (r != NULL)
			open_account(t, r, TAB_SLA);
		return true;
	}
	free(va->open_name);
	va->open_name = xstrdup(c->arg);
	va->open_tab = c->kind == CMD_SLA ? TAB_SLA : 0;
	req_submit(t, &va->v, SLOT_FIND, 0);
	return true;
}

static bool
accounts_command(struct view *v, struct tui *t, const struct cmd *c)
{
	struct view_accounts *va = VA(v);
	struct kam_buf err;
	bool ok;

	switch (c->kind) {
	case CMD_FILTER:
		buf_init(&err);
		if ((ok = filter_parse(c->arg, &va->filter, &t->hist, &err)))
			refetch(va, t, true);
		else
			tui_message(t, true, "%s", err.data);
		buf_free(&err);
		return true;
	case CMD_SORT:
		return command_sort(va, t, c->arg);
	case CMD_ACCOUNT: case CMD_SLA:
		return command_open(va, t, c);
	default:
		return false;
	}
}

static void
accounts_click(struct view *v, struct tui *t, int y, int x)
{
	struct view_accounts *va = VA(v);
	size_t row;

	if (y == va->y0) {
		for (int i = 0; i < va->layout.n; i++)
			if (x >= va->layout.place[i].x && x < va->layout.place[i].x + va->layout.place[i].w &&
			    lcols[va->layout.place[i].col].col < ACOL_COUNT)
				sort_by(va, t, lcols[va->layout.place[i].col].col,
				    lcols[va->layout.place[i].col].col == (int)va->sort && !va->desc);
		return;
	}
	row = va->list.nav.top + (size_t)(y - va->y0 - 1);
	if (y <= va->y0 || row >= va->list.nav.n)
		return;
	if (row == va->list.nav.cursor)
		accounts_action(v, t, ACT_ENTER);
	else
		listnav_set(&va->list.nav, row);
}

static void
accounts_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct view_accounts *va = VA(v);
	long pos = acctlist_position(&va->list);
	long from_end = acctlist_from_end(&va->list);
	struct kam_buf f;

	(void)t;
	buf_adds(out, " Accounts: ");
	if (va->list.nav.n == 0)
		buf_adds(out, va->list.loaded ? "none" : "...");
	else if (pos >= 0)
		buf_addf(out, "row %ld", pos + 1);
	else if (from_end == 0)
		buf_adds(out, "last row");
	else if (from_end > 0)
		buf_addf(out, "%ld above the last", from_end);
	else
		buf_adds(out, "row ?");
	/* a search counts its matches up to the cap only; none is none */
	if (va->list.nav.n == 0)
		;
	else if (va->capped)
		buf_addf(out, " of %d+", ACCT_COUNT_CAP);
	else if (va->list.total >= 0)
		buf_addf(out, " of %ld", va->list.total);
	buf_addf(out, " | sort %s%s", acol_name(va->sort), va->desc ? " desc" : "");
	buf_init(&f);
	filter_words(&f, &va->filter);
	if (f.len > 0)
		buf_addf(out, " | filter: %s", f.data);
	buf_free(&f);
	/* a search looks through every account, folded or not */
	if (va->filter.folded)
		buf_adds(out, va->filter.search ? " | unfolded while searching" : " | folded");
	if (va->filter.search != NULL)
		buf_addf(out, " | /%s", va->filter.search);
}

/* Which currency the list's amounts are in, and the rates' days. */
static void
money_note(const struct acct_session *s, struct kam_buf *out)
{
	if (!s->erp_figures || s->reporting == NULL)
		return;
	buf_addf(out, " | in %s", s->reporting);
	if (s->rates_to == NULL)
		;	/* every account's currency is the reporting one */
	else if (strcmp(s->rates_from, s->rates_to) == 0)
		buf_addf(out, ", rates of %s", s->rates_to);
	else
		buf_addf(out, ", rates %s..%s", s->rates_from, s->rates_to);
	if (s->no_rate != NULL)
		buf_addf(out, "; no rate for %s", s->no_rate);
}

/* The user's name gives way to the currency note where the line is
 * short: the status line names the user too, the note nothing else does. */
static void
accounts_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct kam_buf note;
	const char *who = t->user.display_name ? t->user.display_name :
	    t->user.role_name;

	(void)v;
	buf_init(&note);
	money_note(&t->session, &note);
	buf_adds(out, "Key accounts");
	if ((int)(text_width(out->data) + text_width(who) + text_width(note.data)) + 3 <=
	    t->cols)
		buf_addf(out, " - %s", who);
	buf_adds(out, note.data);
	buf_free(&note);
}

static void
accounts_free(struct view *v)
{
	struct view_accounts *va = VA(v);

	acctlist_free(&va->list);
	acct_filter_free(&va->filter);
	forget_score_ids(va);
	free(va->open_name);
	free(va);
}

/* every account's row, and its owner's name */
static void
accounts_interest(struct view *v, struct live_interest *out)
{
	static const char *const tables[] = { "account", "app_user", NULL };

	(void)v;
	out->tables = tables;
	out->account = NULL;
}

static const struct kam_view_ops accounts_ops = {
	.name = "accounts",
	.draw = accounts_draw,
	.action = accounts_action,
	.reload = accounts_reload,
	.send = accounts_send,
	.recv = accounts_recv,
	.search = accounts_search,
	.search_next = accounts_search_next,
	.command = accounts_command,
	.click = accounts_click,
	.status = accounts_status,
	.title = accounts_title,
	.free = accounts_free,
	.interest = accounts_interest,
};

struct view *
view_accounts_new(struct tui *t)
{
	struct view_accounts *va = xcalloc(1, sizeof *va);

	(void)t;
	va->v.ops = &accounts_ops;
	va->fetching = -1;
	acctlist_init(&va->list);
	return &va->v;
}
