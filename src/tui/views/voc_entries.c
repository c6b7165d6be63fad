/* A topic's entries (Enter on a word of the cloud): every feedback entry
 * raised on it in the cloud's period and reach, newest first, a page at a
 * time, with its account, loop state and due time. Enter opens the
 * account on its Feedback tab with the entry in full in front. A table of
 * its own, as the queue; live on the same tables as the cloud. */
#include <stdlib.h>
#include <string.h>

#include "account_screen.h"
#include "client.h"
#include "services.h"
#include "table_tab.h"
#include "voc_screen.h"
#include "kam/countof.h"
#include "kam/voc.h"
#include "kam/xalloc.h"

#define PAGE 100

static const struct table_col entry_cols[] = {
	{ "When", VE_WHEN, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Account", VE_ACCOUNT, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Kind", VE_KIND, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "State", VE_STATE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Due", VE_DUE, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Mark", VE_MARK, 0, ALIGN_LEFT, TC_TEXT, COL_WHOLE },
	{ "Subject", VE_SUBJECT, 0, ALIGN_LEFT, TC_TEXT, COL_FREE },
};

/* the kind's look, an overdue item's above it */
static enum theme_elem
entry_role(const struct acct_rows *r, size_t row, int field)
{
	if (table_cell_is(r, row, VE_MARK, "overdue"))
		return TE_AGENDA_OVERDUE;
	if (field != VE_KIND)
		return TE_NORMAL;
	return table_cell_is(r, row, VE_KIND, "complaint") ? TE_FB_COMPLAINT :
	    table_cell_is(r, row, VE_KIND, "idea") ? TE_FB_IDEA : TE_FB_COMPLIMENT;
}

static bool
send_page(struct table_tab *tt, struct tui *t)
{
	struct voc_scope s;
	const char *key, *id;

	table_tab_last_key(tt, &key, &id);
	voc_state_scope(&t->voc, &t->user, &s);
	return voc_entries_send(t->db, &s, t->voc.topic, key, id, PAGE);
}

static void
open_entry(struct table_tab *tt, struct tui *t)
{
	const struct acct_rows *r = &tt->tb.rows;
	size_t i = tt->tb.nav.cursor;

	if (i >= r->nrows)
		return;
	view_account_open_entry(t, acct_rows_get(r, i, VE_ACCOUNT_ID),
	    acct_rows_get(r, i, VE_ACCOUNT), acct_rows_get(r, i, VE_ID));
}

static void
entries_title(struct table_tab *tt, struct tui *t, struct kam_buf *out)
{
	(void)tt;
	buf_addf(out, "Feedback on %s, ", t->voc.topic ? t->voc.topic :
	    "no topic");
	voc_state_describe(out, &t->voc, &t->user);
}

static const char *const entry_tables[] = { "interaction", "account", "topic",
    NULL };

static const struct table_tab_def entries = {
	.what = "Entries", .cols = entry_cols, .ncols = (int)countof(entry_cols),
	.live = entry_tables, .id_field = VE_ID,
	.role = entry_role, .page = PAGE,
	.empty = "No entries on this topic any more.",
	.enter = open_entry, .send = send_page, .title = entries_title,
};

void
view_voc_entries_show(struct tui *t, const char *topic)
{
	free(t->voc.topic);
	t->voc.topic = topic ? xstrdup(topic) : NULL;
	tui_push(t, table_tab_new(NULL, &entries));
}
