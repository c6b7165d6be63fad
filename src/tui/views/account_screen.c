/* The account screen: a tab bar and the tab in front. Tabs are made the
 * first time they are shown and read their rows themselves. */
#include <stdlib.h>
#include <string.h>

#include "account_screen.h"
#include "brief_command.h"
#include "client.h"
#include "draw.h"
#include "form_view.h"
#include "forms.h"
#include "keymap.h"
#include "merge_screen.h"
#include "message.h"
#include "requests.h"
#include "services.h"
#include "tab.h"
#include "kam/xalloc.h"

struct view_account {
	struct tab_account	 acct;		/* first: what its tabs read */
	int		 tab;
	struct view	*tabs[NTABS];
	int		 tab_x[NTABS + 1];	/* where each title starts */
	int		 y0;
};

enum { SLOT_RIGHTS };

/* The keys of the forms a tab offers, for the status line, when the
 * user may change the account; L logs an interaction on every tab. */
struct hint {
	enum kam_action	 action;
	const char	*word;
};

#define NHINTS 5

static const struct hint tab_hints[NTABS][NHINTS] = {
	[0] = { { ACT_FORM_EDIT, "edit" } },
	[1] = { { ACT_FORM_ADD, "add" }, { ACT_FORM_EDIT, "edit" },
		{ ACT_FORM_DEACTIVATE, "deactivate" } },
	[2] = { { ACT_FORM_ADD, "add" }, { ACT_FORM_EDIT, "edit" },
		{ ACT_FORM_DEACTIVATE, "end" } },
	[3] = { { ACT_FORM_EDIT, "edit" }, { ACT_FORM_ADD, "add" } },
	[4] = { { ACT_FORM_PLAN, "plan" }, { ACT_FORM_ADD, "add" },
		{ ACT_FORM_EDIT, "edit" }, { ACT_FORM_COMPLETE, "done" },
		{ ACT_FORM_DEACTIVATE, "drop" } },
	[5] = { { ACT_FORM_EDIT, "correct" }, { ACT_FORM_COMPLETE, "done" },
		{ ACT_FORM_CLOSE_COMPLAINT, "close" } },
	[7] = { { ACT_FEEDBACK_NEXT, "step" }, { ACT_FEEDBACK_ANSWER, "answer" },
		{ ACT_FEEDBACK_TOPICS, "topics" }, { ACT_FORM_EDIT, "correct" },
		{ ACT_FORM_CLOSE_COMPLAINT, "close" } },
};

#define VAC(v) ((struct view_account *)(v))

static struct view *(*const makers[NTABS])(struct view *) = {
	tab_overview_new, tab_contacts_new, tab_conditions_new, tab_sla_new,
	tab_plan_new, tab_history_new, tab_orders_new, tab_feedback_new,
	tab_changes_new,
};

static const char *const titles[NTABS] = {
	"Overview", "Contacts", "Conditions", "Service level", "Plan",
	"History", "Orders & invoices", "Feedback", "Changes",
};
static const char *const short_titles[NTABS] = {
	"Overview", "Contacts", "Conditions", "SLA", "Plan", "History",
	"Orders", "Feedback", "Changes",
};

/* The tab bar's looks, widest first: the first that fits is drawn. The
 * narrowest names only the tab in front. */
static const struct tab_style {
	const char *const	*names;
	bool			 padded;	/* " 1 Overview " */
	int			 gap;
	bool			 front_only;
} styles[] = {
	{ titles, true, 1, false }, { short_titles, true, 1, false },
	{ short_titles, false, 2, false }, { short_titles, true, 0, true },
};
#define NSTYLES (int)(sizeof styles / sizeof styles[0])

/* L: an interaction, or a ticket for support; nothing for whom the
 * database would refuse both. */
static void
log_interaction(struct view_account *va, struct tui *t)
{
	if (!va->acct.have_rights)
		tui_message(t, true, "Still reading what you may change here; "
		    "try again in a moment.");
	else if (va->acct.rights.write)
		form_view_open(t, &form_interaction, va->acct.id, va->acct.name, NULL);
	else if (va->acct.rights.tickets)
		form_view_open(t, &form_ticket, va->acct.id, va->acct.name, NULL);
	else
		tui_message(t, true, "Your role may not log interactions on this "
		    "account.");
}

static struct view *
current(struct view_account *va, struct tui *t)
{
	struct view *tv = va->tabs[va->tab];

	if (tv == NULL) {
		tv = va->tabs[va->tab] = makers[va->tab](&va->acct.v);
		tv->parent = &va->acct.v;
		tui_reload(t, tv);
	}
	return tv;
}

/* Tab numbers wrap around, for Tab, Shift-Tab, h and l. */
static int
wrap_tab(int which)
{
	return (which % NTABS + NTABS) % NTABS;
}

void
view_account_tab(struct view *v, struct tui *t, int which)
{
	struct view_account *va = VAC(v);

	va->tab = wrap_tab(which);
	current(va, t);
	t->dirty = true;
}

static void
tab_label(struct kam_buf *out, const struct tab_style *s, int i, bool front)
{
	buf_reset(out);
	if (s->front_only && !front)
		buf_addf(out, " %d ", i + 1);
	else if (s->padded)
		buf_addf(out, " %d %s ", i + 1, s->names[i]);
	else
		buf_addf(out, "%d %s", i + 1, s->names[i]);
}

static const struct tab_style *
tab_style(const struct view_account *va, int cols, struct kam_buf *label)
{
	for (int k = 0; k < NSTYLES - 1; k++) {
		int w = styles[k].gap * (NTABS - 1);

		for (int i = 0; i < NTABS; i++) {
			tab_label(label, &styles[k], i, i == va->tab);
			w += (int)text_width(label->data);
		}
		if (w <= cols)
			return &styles[k];
	}
	return &styles[NSTYLES - 1];
}

static void
draw_tabs(struct view_account *va, struct tui *t, int y)
{
	struct kam_buf label;
	const struct tab_style *s;
	int x = 0, w;

	buf_init(&label);
	s = tab_style(va, t->cols, &label);
	draw_fill(t, y, 0, t->cols, TE_TAB);
	for (int i = 0; i < NTABS; i++) {
		tab_label(&label, s, i, i == va->tab);
		w = (int)text_width(label.data);
		va->tab_x[i] = x;
		if (x + w <= t->cols)
			draw_text(t, y, x, w, label.data,
			    i == va->tab ? TE_TAB_ACTIVE : TE_TAB, ALIGN_LEFT);
		x += w + s->gap;
	}
	va->tab_x[NTABS] = x;
	buf_free(&label);
}

static void
account_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct view_account *va = VAC(v);
	struct view *tv = current(va, t);

	va->y0 = y0;
	draw_tabs(va, t, y0);
	tv->ops->draw(tv, t, y0 + 1, height - 1);
}

static bool
account_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct view_account *va = VAC(v);
	struct view *tv = current(va, t);

	if (a >= ACT_TAB_1 && a <= ACT_TAB_9)
		view_account_tab(v, t, (int)(a - ACT_TAB_1));
	else if (a == ACT_TAB_NEXT || a == ACT_MOVE_RIGHT)
		view_account_tab(v, t, va->tab + 1);
	else if (a == ACT_TAB_PREV || a == ACT_MOVE_LEFT)
		view_account_tab(v, t, va->tab - 1);
	else if (a == ACT_FORM_LOG)
		log_interaction(va, t);
	else if (a == ACT_BRIEF)
		tui_brief(t, va->acct.id);
	else if (a == ACT_UNMERGE)
		view_merge_undo_open(t, va->acct.id, va->acct.name);
	else
		return tv->ops->action(tv, t, a);
	return true;
}

/* Every tab made so far reads again; the others will when shown. */
static void
account_reload(struct view *v, struct tui *t)
{
	struct view_account *va = VAC(v);

	for (int i = 0; i < NTABS; i++)
		if (va->tabs[i] != NULL)
			tui_reload(t, va->tabs[i]);
	current(va, t);
	req_submit(t, v, SLOT_RIGHTS, 0);
}

static bool
account_send(struct view *v, struct tui *t, int slot, int arg)
{
	(void)slot, (void)arg;
	return edit_rights_send(t->db, VAC(v)->acct.id);
}

static void
account_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct view_account *va = VAC(v);

	(void)slot, (void)arg;
	va->acct.have_rights = edit_rights_recv(t->db, &va->acct.rights);
	if (!va->acct.have_rights)
		tui_db_error(t);
}

static void
account_search(struct view *v, struct tui *t, const char *text, bool live)
{
	struct view *tv = current(VAC(v), t);

	if (tv->ops->search != NULL)
		tv->ops->search(tv, t, text, live);
}

static bool
account_search_next(struct view *v, struct tui *t, int dir)
{
	struct view *tv = current(VAC(v), t);

	return tv->ops->search_next != NULL && tv->ops->search_next(tv, t, dir);
}

static bool
account_command(struct view *v, struct tui *t, const struct cmd *c)
{
	struct view_account *va = VAC(v);
	struct view *tv = current(va, t);

	if (c->kind == CMD_SLA && *c->arg == '\0') {
		view_account_tab(v, t, TAB_SLA);
		return true;
	}
	return tv->ops->command != NULL && tv->ops->command(tv, t, c);
}

static void
account_click(struct view *v, struct tui *t, int y, int x)
{
	struct view_account *va = VAC(v);
	struct view *tv = current(va, t);

	if (y != va->y0) {
		if (tv->ops->click != NULL)
			tv->ops->click(tv, t, y, x);
		return;
	}
	for (int i = 0; i < NTABS; i++)
		if (x >= va->tab_x[i] && x < va->tab_x[i + 1])
			view_account_tab(v, t, i);
}

static void
account_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct view_account *va = VAC(v);
	struct view *tv = current(va, t);

	tv->ops->status(tv, t, out);
	if (!va->acct.have_rights || (!va->acct.rights.write && !va->acct.rights.tickets))
		return;
	keymap_hint(out, ACT_FORM_LOG, va->acct.rights.write ? "log" : "log a ticket");
	for (int i = 0; va->acct.rights.write && i < NHINTS && tab_hints[va->tab][i].word;
	    i++)
		keymap_hint(out, tab_hints[va->tab][i].action, tab_hints[va->tab][i].word);
}

static void
account_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)t;
	buf_adds(out, VAC(v)->acct.name);
}

static void
account_free(struct view *v)
{
	struct view_account *va = VAC(v);

	for (int i = 0; i < NTABS; i++)
		if (va->tabs[i] != NULL)
			va->tabs[i]->ops->free(va->tabs[i]);
	free(va->acct.id);
	free(va->acct.name);
	free(va);
}

/* Its tabs made so far, each live on its own (the others read when
 * shown); the tab in front first, so that its read goes first. */
static int
account_parts(struct view *v, struct view **out, int max)
{
	struct view_account *va = VAC(v);
	int n = 0;

	if (va->tabs[va->tab] != NULL && max > 0)
		out[n++] = va->tabs[va->tab];
	for (int i = 0; i < NTABS && n < max; i++)
		if (va->tabs[i] != NULL && i != va->tab)
			out[n++] = va->tabs[i];
	return n;
}

static const struct kam_view_ops account_ops = {
	.name = "account",
	.draw = account_draw,
	.action = account_action,
	.reload = account_reload,
	.send = account_send,
	.recv = account_recv,
	.search = account_search,
	.search_next = account_search_next,
	.command = account_command,
	.click = account_click,
	.status = account_status,
	.title = account_title,
	.free = account_free,
	.parts = account_parts,
};

struct view *
view_account_new(struct tui *t, const char *id, const char *name)
{
	struct view_account *va = xcalloc(1, sizeof *va);

	(void)t;
	va->acct.v.ops = &account_ops;
	va->acct.id = xstrdup(id);
	va->acct.name = xstrdup(name);
	return &va->acct.v;
}

/* The account on its Feedback tab with the entry in full in front (the
 * cloud's open items, a topic's entries). */
struct view *
view_account_open_entry(struct tui *t, const char *id, const char *name,
    const char *entry)
{
	struct view *v = view_account_open(t, id, name, TAB_FEEDBACK);

	tab_feedback_show(current(VAC(v), t), t, entry);
	return v;
}

/* The tab is chosen before the view is shown, so that only its rows are
 * read, not the overview's too. */
struct view *
view_account_open(struct tui *t, const char *id, const char *name, int which)
{
	struct view *v = view_account_new(t, id, name);

	VAC(v)->tab = wrap_tab(which);
	tui_push(t, v);
	return v;
}
