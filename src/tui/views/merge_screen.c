/* The merge view (merge_screen.h, kam/merge.h). What the view shows below
 * the fields is what the database answered for the choice shown: the dry
 * run is the merge itself rolled back (migration 0055), so the user sees
 * exactly what J will do. Every change of the choice reads it again once
 * the keys rest (a dry run of 5 000 entries is not instant). */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "draw.h"
#include "listnav.h"
#include "merge_screen.h"
#include "message.h"
#include "requests.h"
#include "services.h"
#include "text.h"
#include "kam/merge.h"
#include "kam/xalloc.h"

enum { SLOT_FIELDS, SLOT_DRY, SLOT_MERGE, SLOT_LAST, SLOT_UNDO };
enum { ASK_MERGE, ASK_UNDO };

/* CHOOSING the fields; MERGED (U undoes); UNDOING: the last merge of an
 * account shown, U undoes it; UNDONE. */
enum mv_state { MV_CHOOSING, MV_MERGED, MV_UNDOING, MV_UNDONE };

#define DRY_WAIT_MS 300
#define LABEL_COLS 21

struct merge_view {
	struct view	 v;
	enum mv_state	 state;
	bool		 contact;
	char		*winner, *loser;
	char		*account, *account_name;	/* the undo's account */
	char		*merge_id;	/* merged, or the one to undo */
	struct acct_rows fields;
	bool		*take;		/* per field: the loser's value */
	bool		 loaded;
	struct listnav	 nav;
	struct acct_rows summary;	/* the dry run, the merge or the undo */
	bool		 summary_loaded;
	bool		 dry_refused;	/* the database refused the dry run */
	struct acct_rows last;
};

#define MV(v) ((struct merge_view *)(v))

static const char *
field_value(const struct merge_view *mv, const char *field, int side)
{
	for (size_t i = 0; i < mv->fields.nrows; i++)
		if (strcmp(acct_rows_get(&mv->fields, i, MF_FIELD), field) == 0)
			return acct_rows_get(&mv->fields, i, (size_t)side);
	return NULL;
}

static const char *
side_name(const struct merge_view *mv, int side)
{
	const char *n = field_value(mv, "name", side);

	return n != NULL ? n : side == MF_WINNER ? mv->winner : mv->loser;
}

/* "a,b": the fields the winner takes from the loser. */
static char *
from_loser(const struct merge_view *mv)
{
	struct kam_buf b;

	buf_init(&b);
	for (size_t i = 0; i < mv->fields.nrows; i++)
		if (mv->take[i])
			buf_addf(&b, "%s%s", b.len > 0 ? "," : "",
			    acct_rows_get(&mv->fields, i, MF_FIELD));
	return buf_detach(&b);
}

static void
mv_reload(struct view *v, struct tui *t)
{
	struct merge_view *mv = MV(v);

	if (mv->state == MV_CHOOSING)
		req_submit(t, v, SLOT_FIELDS, 0);
	else if (mv->state == MV_UNDOING)
		req_submit(t, v, SLOT_LAST, 0);
}

static bool
mv_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct merge_view *mv = MV(v);
	char *from;
	bool ok;

	(void)arg;
	switch (slot) {
	case SLOT_FIELDS:
		return merge_fields_send(t->db, mv->contact, mv->winner, mv->loser);
	case SLOT_LAST:
		return merge_last_send(t->db, mv->account);
	case SLOT_UNDO:
		return merge_undo_send(t->db, mv->merge_id);
	default:
		from = from_loser(mv);
		ok = merge_run_send(t->db, mv->contact, mv->winner, mv->loser, from,
		    slot == SLOT_DRY);
		free(from);
		return ok;
	}
}

static void
take_fields(struct merge_view *mv, struct tui *t, struct acct_rows *r)
{
	acct_rows_free(&mv->fields);
	mv->fields = *r;
	free(mv->take);
	mv->take = xcalloc(r->nrows + 1, sizeof *mv->take);
	for (size_t i = 0; i < r->nrows; i++) {
		const char *take = acct_rows_get(r, i, MF_TAKE);

		mv->take[i] = take != NULL && strcmp(take, "t") == 0;
	}
	mv->loaded = true;
	mv->nav.n = r->nrows;
	listnav_fix(&mv->nav);
	if (r->nrows == 0)
		tui_message(t, true, "One of the two has gone, or you may not see it.");
	else
		req_submit(t, &mv->v, SLOT_DRY, 0);
}

static void
take_summary(struct merge_view *mv, struct tui *t, int slot,
    struct acct_rows *r)
{
	acct_rows_free(&mv->summary);
	mv->summary = *r;
	mv->summary_loaded = true;
	mv->dry_refused = false;
	if (slot == SLOT_MERGE) {
		free(mv->merge_id);
		mv->merge_id = xstrdup(acct_rows_get(r, 0, MS_ID) ?
		    acct_rows_get(r, 0, MS_ID) : "");
		mv->state = MV_MERGED;
		tui_message(t, false, "Merged: merge %s. U undoes it (kam --unmerge %s).",
		    mv->merge_id, mv->merge_id);
	} else if (slot == SLOT_UNDO) {
		mv->state = MV_UNDONE;
		tui_message(t, false, "Merge %s undone: both are back as they were.",
		    mv->merge_id);
	}
}

static void
take_last(struct merge_view *mv, struct tui *t, struct acct_rows *r)
{
	acct_rows_free(&mv->last);
	mv->last = *r;
	mv->loaded = true;
	free(mv->merge_id);
	mv->merge_id = r->nrows > 0 ? xstrdup(acct_rows_get(r, 0, ML_ID)) : NULL;
	if (mv->merge_id == NULL)
		tui_message(t, false, "No merge into %s to undo.", mv->account_name);
}

static void
mv_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct merge_view *mv = MV(v);
	struct acct_rows r;

	(void)arg;
	if (!acct_rows_recv(t->db, &r)) {
		/* a refused dry run shows nothing rather than an old one */
		if (slot == SLOT_DRY) {
			acct_rows_free(&mv->summary);
			mv->summary_loaded = false;
			mv->dry_refused = true;
		}
		mv->loaded = true;
		tui_db_error(t);
		return;
	}
	if (slot == SLOT_FIELDS)
		take_fields(mv, t, &r);
	else if (slot == SLOT_LAST)
		take_last(mv, t, &r);
	else
		take_summary(mv, t, slot, &r);
}

static void
dry_run_again(struct merge_view *mv, struct tui *t)
{
	acct_rows_free(&mv->summary);
	mv->summary_loaded = false;
	req_submit_after(t, &mv->v, SLOT_DRY, 0, DRY_WAIT_MS);
}

static void
choose(struct merge_view *mv, struct tui *t, int how)
{
	size_t i = mv->nav.cursor;
	bool was;

	if (i >= mv->fields.nrows)
		return;
	was = mv->take[i];
	mv->take[i] = how < 0 ? false : how > 0 ? true : !was;
	if (mv->take[i] != was)
		dry_run_again(mv, t);
}

static void
swap(struct merge_view *mv, struct tui *t)
{
	char *w = mv->winner;

	mv->winner = mv->loser;
	mv->loser = w;
	mv->loaded = false;
	acct_rows_free(&mv->summary);
	mv->summary_loaded = false;
	req_drop(t, &mv->v, SLOT_DRY);
	req_submit(t, &mv->v, SLOT_FIELDS, 0);
}

static void
ask_merge(struct merge_view *mv, struct tui *t)
{
	if (!mv->loaded || mv->fields.nrows == 0 || !mv->summary_loaded)
		tui_message(t, true, "What the merge would do is not known yet.");
	else
		tui_ask(t, &mv->v, ASK_MERGE, "Merge %s (%s) into %s (%s)? "
		    "It keeps a tombstone; U undoes it.", side_name(mv, MF_LOSER),
		    mv->loser, side_name(mv, MF_WINNER), mv->winner);
}

static void
ask_undo(struct merge_view *mv, struct tui *t)
{
	if ((mv->state != MV_MERGED && mv->state != MV_UNDOING) ||
	    mv->merge_id == NULL || *mv->merge_id == '\0')
		tui_message(t, true, "No merge here to undo.");
	else
		tui_ask(t, &mv->v, ASK_UNDO, "Undo merge %s and put both back "
		    "as they were?", mv->merge_id);
}

static void
mv_answer(struct view *v, struct tui *t, int what, bool yes)
{
	if (!yes)
		tui_message(t, false, "Nothing was changed.");
	else if (what == ASK_MERGE) {
		req_drop(t, v, SLOT_DRY);
		req_submit(t, v, SLOT_MERGE, 0);
	} else
		req_submit(t, v, SLOT_UNDO, 0);
}

static bool
mv_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct merge_view *mv = MV(v);

	if (a == ACT_UNMERGE) {
		ask_undo(mv, t);
		return true;
	}
	if (mv->state != MV_CHOOSING)
		return a == ACT_MERGE || a == ACT_ENTER || listnav_act(&mv->nav, a);
	switch (a) {
	case ACT_ENTER:
		choose(mv, t, 0);
		return true;
	case ACT_MOVE_LEFT:
		choose(mv, t, -1);
		return true;
	case ACT_MOVE_RIGHT:
		choose(mv, t, 1);
		return true;
	case ACT_MERGE_SWAP:
		swap(mv, t);
		return true;
	case ACT_MERGE:
		ask_merge(mv, t);
		return true;
	default:
		return listnav_act(&mv->nav, a);
	}
}

/* The next field from the cursor (dir 1 or -1; 0: the cursor's own
 * first) whose name or either value holds text. */
static bool
find_field(struct merge_view *mv, const char *text, int dir)
{
	size_t n = mv->fields.nrows;

	if (text == NULL || *text == '\0' || n == 0)
		return false;
	for (size_t k = dir == 0 ? 0 : 1; k <= n; k++) {
		size_t i = (mv->nav.cursor + n + (dir < 0 ? n - k % n : k)) % n;

		for (int f = MF_FIELD; f <= MF_LOSER; f++)
			if (f != MF_ERP && acct_rows_get(&mv->fields, i, (size_t)f) &&
			    text_contains(acct_rows_get(&mv->fields, i, (size_t)f), text)) {
				listnav_set(&mv->nav, i);
				return true;
			}
	}
	return false;
}

static void
mv_search(struct view *v, struct tui *t, const char *text, bool live)
{
	(void)t, (void)live;
	find_field(MV(v), text, 0);
}

static bool
mv_search_next(struct view *v, struct tui *t, int dir)
{
	return find_field(MV(v), t->search, dir);
}

/* One field: its name (ERP-owned ones say so), the winner's value and
 * the loser's, the one the merge keeps marked "*". */
static void
draw_field(struct merge_view *mv, struct tui *t, int y, size_t i, int cols)
{
	int w = (cols - LABEL_COLS) / 2;
	bool cur = i == mv->nav.cursor && mv->state == MV_CHOOSING;
	enum theme_elem role = cur ? TE_SELECTED : TE_NORMAL;
	struct kam_buf b;
	const char *erp = acct_rows_get(&mv->fields, i, MF_ERP);

	buf_init(&b);
	buf_addf(&b, " %s%s", acct_rows_get(&mv->fields, i, MF_FIELD),
	    erp != NULL && strcmp(erp, "t") == 0 ? " (ERP)" : "");
	draw_text(t, y, 0, LABEL_COLS, b.data, cur ? TE_SELECTED : TE_LABEL,
	    ALIGN_LEFT);
	for (int side = 0; side < 2; side++) {
		const char *val = acct_rows_get(&mv->fields, i,
		    side == 0 ? MF_WINNER : MF_LOSER);
		bool kept = mv->take[i] == (side == 1);

		buf_reset(&b);
		buf_addf(&b, "%s %s", kept ? "*" : " ", val != NULL ? val : "");
		draw_text(t, y, LABEL_COLS + side * w, side == 0 ? w : cols -
		    LABEL_COLS - w, b.data, kept && !cur ? TE_FIELD_CHANGED : role,
		    ALIGN_LEFT);
	}
	buf_free(&b);
}

static void
draw_fields(struct merge_view *mv, struct tui *t, int y0, int height)
{
	int cols = t->cols, w = (cols - LABEL_COLS) / 2;
	struct kam_buf b;

	buf_init(&b);
	draw_text(t, y0, 0, LABEL_COLS, " Field", TE_HEADER, ALIGN_LEFT);
	buf_addf(&b, "  Winner %s (stays)", mv->winner);
	draw_text(t, y0, LABEL_COLS, w, b.data, TE_HEADER, ALIGN_LEFT);
	buf_reset(&b);
	buf_addf(&b, "  Loser %s (tombstone)", mv->loser);
	draw_text(t, y0, LABEL_COLS + w, cols - LABEL_COLS - w, b.data, TE_HEADER,
	    ALIGN_LEFT);
	buf_free(&b);
	mv->nav.height = height > 1 ? (size_t)(height - 1) : 1;
	listnav_fix(&mv->nav);
	for (int y = 1; y < height; y++) {
		size_t i = mv->nav.top + (size_t)(y - 1);

		if (i >= mv->fields.nrows)
			draw_fill(t, y0 + y, 0, cols, TE_NORMAL);
		else
			draw_field(mv, t, y0 + y, i, cols);
	}
}

/* The head of the lines below the fields, for the state shown. */
static void
summary_head(struct merge_view *mv, struct kam_buf *out)
{
	switch (mv->state) {
	case MV_CHOOSING:
		buf_addf(out, "%s", mv->summary_loaded ? "Dry run: the merge would "
		    "change (J merges)" : mv->dry_refused ? "Dry run: refused, and so "
		    "would the merge be (the bottom line says why)" :
		    "Dry run: reading what the merge would change...");
		break;
	case MV_MERGED:
		buf_addf(out, "Merge %s changed (U undoes it):", mv->merge_id);
		break;
	case MV_UNDONE:
		buf_addf(out, "Undone, merge %s:", mv->merge_id);
		break;
	case MV_UNDOING:
		break;
	}
}

static void
draw_lines(struct merge_view *mv, struct tui *t, int y0, int height)
{
	struct kam_buf b;
	size_t n = mv->summary_loaded ? mv->summary.nrows : 0;

	buf_init(&b);
	summary_head(mv, &b);
	draw_text(t, y0, 0, t->cols, b.data, TE_HEADER, ALIGN_LEFT);
	for (int y = 1; y < height; y++) {
		size_t i = (size_t)(y - 1);

		buf_reset(&b);
		if (i < n && y == height - 1 && n > (size_t)(height - 1))
			buf_addf(&b, "  ... %zu more (kam --merge with --dry-run "
			    "shows all)", n - i);
		else if (i < n)
			buf_addf(&b, "  %s: %s",
			    acct_rows_get(&mv->summary, i, MS_WHAT),
			    acct_rows_get(&mv->summary, i, MS_DETAIL));
		draw_text(t, y0 + y, 0, t->cols, b.data, TE_NORMAL, ALIGN_LEFT);
	}
	buf_free(&b);
}

static void
draw_last(struct merge_view *mv, struct tui *t, int y0, int height)
{
	struct kam_buf b;
	const struct acct_rows *r = &mv->last;

	buf_init(&b);
	if (!mv->loaded)
		buf_addf(&b, "%s", " Reading the last merge...");
	else if (r->nrows == 0)
		buf_addf(&b, " No merge into %s to undo.", mv->account_name);
	else
		buf_addf(&b, " Merge %s: %s %s (%s) was merged into %s on %s by %s.",
		    acct_rows_get(r, 0, ML_ID), acct_rows_get(r, 0, ML_KIND),
		    acct_rows_get(r, 0, ML_LOSER_NAME), acct_rows_get(r, 0, ML_LOSER),
		    mv->account_name, acct_rows_get(r, 0, ML_AT),
		    acct_rows_get(r, 0, ML_BY));
	draw_text(t, y0, 0, t->cols, b.data, TE_NORMAL, ALIGN_LEFT);
	draw_text(t, y0 + 1, 0, t->cols, r->nrows > 0 ? " U undoes it: both come "
	    "back exactly as they were." : "", TE_LABEL, ALIGN_LEFT);
	for (int y = 2; y < height; y++)
		draw_fill(t, y0 + y, 0, t->cols, TE_NORMAL);
	buf_free(&b);
}

/* The fields above, as many as fit in two thirds; what the merge would
 * do, did or undid below. */
static void
mv_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct merge_view *mv = MV(v);
	int top = (int)mv->fields.nrows + 2;

	if (mv->account != NULL && mv->state != MV_UNDONE) {
		draw_last(mv, t, y0, height);
		return;
	}
	if (mv->account != NULL) {
		draw_lines(mv, t, y0, height);
		return;
	}
	if (top > height * 2 / 3)
		top = height * 2 / 3;
	draw_fields(mv, t, y0, top);
	draw_lines(mv, t, y0 + top, height - top);
}

static void
mv_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct merge_view *mv = MV(v);

	(void)t;
	if (mv->account != NULL)
		buf_addf(out, "Undo a merge into %s", mv->account_name);
	else
		buf_addf(out, "Merge %s: %s <- %s", mv->contact ? "contacts" :
		    "accounts", side_name(mv, MF_WINNER), side_name(mv, MF_LOSER));
}

static void
mv_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	struct merge_view *mv = MV(v);

	(void)t;
	if (mv->state == MV_CHOOSING)
		buf_addf(out, " Enter: flip, h: winner's, l: loser's, X: swap, "
		    "J: merge, q: back");
	else if (mv->state == MV_MERGED || (mv->state == MV_UNDOING &&
	    mv->merge_id != NULL))
		buf_addf(out, " U: undo merge %s, q: back", mv->merge_id);
	else
		buf_addf(out, " q: back");
}

static void
mv_free(struct view *v)
{
	struct merge_view *mv = MV(v);

	free(mv->winner);
	free(mv->loser);
	free(mv->account);
	free(mv->account_name);
	free(mv->merge_id);
	free(mv->take);
	acct_rows_free(&mv->fields);
	acct_rows_free(&mv->summary);
	acct_rows_free(&mv->last);
	free(mv);
}

static const struct kam_view_ops merge_ops = {
	.name = "merge", .draw = mv_draw, .action = mv_action,
	.status = mv_status, .free = mv_free, .reload = mv_reload,
	.send = mv_send, .recv = mv_recv, .title = mv_title,
	.answer = mv_answer, .search = mv_search, .search_next = mv_search_next,
};

void
view_merge_open(struct tui *t, bool contact, const char *winner,
    const char *loser)
{
	struct merge_view *mv = xcalloc(1, sizeof *mv);

	mv->v.ops = &merge_ops;
	mv->contact = contact;
	mv->winner = xstrdup(winner);
	mv->loser = xstrdup(loser);
	mv->state = MV_CHOOSING;
	tui_push(t, &mv->v);
}

void
view_merge_undo_open(struct tui *t, const char *account_id,
    const char *account_name)
{
	struct merge_view *mv = xcalloc(1, sizeof *mv);

	mv->v.ops = &merge_ops;
	mv->account = xstrdup(account_id);
	mv->account_name = xstrdup(account_name);
	mv->state = MV_UNDOING;
	tui_push(t, &mv->v);
}
