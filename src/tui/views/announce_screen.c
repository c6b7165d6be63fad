/* The announcement (R on a topic of the cloud): one message to every
 * customer who raised the topic in the cloud's period and reach, through
 * kam.voc_announce (0047_voc_announce_measures.sql) as kam --announce
 * does. On opening, a dry run says how many items on how many accounts
 * would be answered and lists those not the user's to answer; it runs
 * again when feedback changes elsewhere. The message is typed below in
 * the long text editor (Ctrl-E: $EDITOR). Ctrl-S asks, y sends: one
 * statement, one transaction; then the contacts told are written as CSV
 * by the writer kam --announce uses, into $XDG_DATA_HOME/kam/
 * announcements (datadir.h), and the bottom line says how many were
 * answered and where the list is. The file is opened before the
 * statement goes, so a folder that cannot take it answers nothing. Esc
 * closes without writing; what was typed stays as a draft (announce_draft.c)
 * and comes back the next time on the same topic. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "announce_draft.h"
#include "announce_screen.h"
#include "client.h"
#include "draw.h"
#include "extedit.h"
#include "form_draw.h"
#include "keymap.h"
#include "message.h"
#include "requests.h"
#include "services.h"
#include "table.h"
#include "textedit.h"
#include "kam/countof.h"
#include "kam/datadir.h"
#include "kam/outfile.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

enum an_state { AN_READING, AN_EDITING, AN_SENDING };
enum { SLOT_DRY, SLOT_SEND };
enum { ASK_SEND };

#define LIST_MIN	3	/* lines of the items left alone, room given */

struct announce_view {
	struct view	 v;
	char		*topic;
	char		*reach;		/* "90d, my team (north)" */
	char		 since[DATE_STRLEN];
	char		*team;
	bool		 mine;
	enum an_state	 state;
	bool		 dry_ok;	/* the figures below are the dry run's */
	struct voc_told	 told;
	struct table	 left;		/* the items left alone */
	struct textedit	 msg;
	struct outfile	 out;		/* the contacts' list, while sending */
};

#define AV(v) ((struct announce_view *)(v))

static const struct table_col left_cols[] = {
	{ "Account", VA_ACCOUNT, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
	{ "Item", VA_SUBJECT, 10, ALIGN_LEFT, TC_TEXT, COL_FREE },
};

static void
scope_of(const struct announce_view *av, struct voc_scope *s)
{
	*s = (struct voc_scope){ .since = av->since[0] ? av->since : NULL,
	    .team = av->team, .mine = av->mine };
}

static bool
blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static void
close_view(struct announce_view *av, struct tui *t)
{
	while (t->top != NULL && t->top != &av->v)
		tui_pop(t);
	tui_pop(t);
}

/* The rows of part "untouched", moved out of r into the table. */
static void
take_left(struct announce_view *av, struct voc_rows *r)
{
	struct acct_rows rows = { .ncols = (size_t)r->nfields };
	size_t nc = (size_t)r->nfields;

	rows.cell = xcalloc(r->nrows * nc + 1, sizeof *rows.cell);
	for (size_t i = 0; i < r->nrows; i++) {
		if (strcmp(voc_get(r, i, VA_PART), "untouched") != 0)
			continue;
		memcpy(rows.cell + rows.nrows * nc, r->cell + i * nc,
		    nc * sizeof *rows.cell);
		memset(r->cell + i * nc, 0, nc * sizeof *r->cell);
		rows.nrows++;
	}
	table_take(&av->left, &rows, 0);
	acct_rows_free(&rows);
}

static void
draw_figures(struct announce_view *av, struct tui *t, int y)
{
	struct kam_buf b;

	buf_init(&b);
	if (av->state == AN_SENDING)
		buf_adds(&b, "Sending...");
	else if (!av->dry_ok)
		buf_adds(&b, av->state == AN_READING ? "Reading who would be told..." :
		    "Who would be told is not known: Ctrl-L reads it again.");
	else if (av->told.items == 0)
		buf_adds(&b, "Nobody to tell: no open item on this topic is yours "
		    "to answer in this period.");
	else
		buf_addf(&b, "Would answer %ld item%s on %ld account%s (%ld "
		    "contact%s with an e-mail address).", av->told.items,
		    av->told.items == 1 ? "" : "s", av->told.accounts,
		    av->told.accounts == 1 ? "" : "s", av->told.contacts,
		    av->told.contacts == 1 ? "" : "s");
	draw_text(t, y, 1, t->cols - 1, b.data, TE_NORMAL, ALIGN_LEFT);
	buf_free(&b);
}

/* Top down, as far as the lines go: the heading, the figures, the items
 * left alone (up to a third of what is left), the message below. */
static void
an_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct announce_view *av = AV(v);
	struct kam_buf b;
	int y = y0, end = y0 + height, list;

	buf_init(&b);
	buf_addf(&b, "To every customer who raised %s (%s)", av->topic, av->reach);
	if (y < end)
		draw_text(t, y++, 1, t->cols - 1, b.data, TE_HELP_GROUP, ALIGN_LEFT);
	if (y < end)
		draw_figures(av, t, y++);
	if (av->dry_ok && av->told.untouched > 0 && y < end) {
		buf_reset(&b);
		buf_addf(&b, "%ld item%s not yours to answer, left alone:",
		    av->told.untouched, av->told.untouched == 1 ? "" : "s");
		draw_text(t, y++, 1, t->cols - 1, b.data, TE_LABEL, ALIGN_LEFT);
		list = (int)av->told.untouched + 1;
		if (list < LIST_MIN)
			list = LIST_MIN;
		if (list > (end - y) / 3)
			list = (end - y) / 3;
		if (list > 0) {
			table_place(&av->left, 1, t->cols - 1);
			table_draw(t, &av->left, y, list, "");
			y += list;
		}
	}
	if (y < end)
		draw_text(t, y++, 1, t->cols - 1, "Message:", TE_LABEL, ALIGN_LEFT);
	if (y < end && t->cols > 3)
		form_draw_textbox(t, &av->msg, y, 1, t->cols - 2, end - y,
		    av->state == AN_SENDING ? TE_FIELD : TE_FIELD_FOCUS,
		    av->state != AN_SENDING);
	buf_free(&b);
}

/* Where the contacts go: announcement-TOPIC-DAY-TIME.csv, the topic's
 * letters and digits only (the name is the user's, the file the
 * system's). */
static bool
contacts_path(const struct announce_view *av, struct kam_buf *path,
    struct kam_buf *err)
{
	char when[32];
	time_t now = time(NULL);

	if (!data_dir("announcements", path, err))
		return false;
	buf_adds(path, "/announcement-");
	for (const char *p = av->topic; *p != '\0' && path->len < 200; p++)
		buf_addc(path, (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
		    *p <= 'Z') || (*p >= '0' && *p <= '9') ? *p : '_');
	strftime(when, sizeof when, "-%Y-%m-%d-%H%M%S.csv", localtime(&now));
	buf_adds(path, when);
	return true;
}

static void
send_now(struct announce_view *av, struct tui *t)
{
	struct kam_buf path, err;

	buf_init(&path);
	buf_init(&err);
	if (!contacts_path(av, &path, &err) ||
	    !outfile_open_unguarded(&av->out, path.data, &err))
		tui_message(t, true, "Not sent: the contacts' list cannot be "
		    "written: %s", err.data);
	else {
		av->state = AN_SENDING;
		tui_message(t, false, "%s", "");
		req_submit(t, &av->v, SLOT_SEND, 0);
	}
	buf_free(&path);
	buf_free(&err);
}

static void
confirm(struct announce_view *av, struct tui *t)
{
	if (av->state != AN_EDITING || !av->dry_ok)
		tui_message(t, true, "Who would be told is not known yet.");
	else if (blank(av->msg.text.data))
		tui_message(t, true, "Write the message first.");
	else if (av->told.items == 0)
		tui_message(t, true, "Nobody to tell: nothing is sent.");
	else
		tui_ask(t, &av->v, ASK_SEND, "Answer %ld item%s on %ld account%s "
		    "with this message?", av->told.items,
		    av->told.items == 1 ? "" : "s", av->told.accounts,
		    av->told.accounts == 1 ? "" : "s");
}

static void
an_answer(struct view *v, struct tui *t, int what, bool yes)
{
	if (what == ASK_SEND && yes)
		send_now(AV(v), t);
	else if (what == ASK_SEND)
		tui_message(t, false, "Not sent.");
}

static void
cancel(struct announce_view *av, struct tui *t)
{
	bool kept = !blank(av->msg.text.data);

	close_view(av, t);
	tui_message(t, false, "Nothing was sent.%s", kept ? " The message is "
	    "kept for the next announcement on this topic." : "");
}

static void
run_editor(struct announce_view *av, struct tui *t)
{
	struct kam_buf out, err;

	buf_init(&out);
	buf_init(&err);
	if (extedit_run(av->msg.text.data, &out, &err)) {
		textedit_set(&av->msg, out.data);
		announce_draft_keep(t, av->topic, av->msg.text.data);
	} else
		tui_message(t, true, "%s", err.data);
	buf_free(&out);
	buf_free(&err);
}

/* A key that is not text: the editing actions, Up and Down in the
 * message, PgUp and PgDn in the items left alone. */
static void
act(struct announce_view *av, struct tui *t, int key)
{
	enum kam_action a = keymap_action_in(KC_EDIT, key);
	enum tx_result r = TX_NONE;

	switch (a) {
	case ACT_CANCEL: cancel(av, t); return;
	case ACT_FORM_SAVE: confirm(av, t); return;
	case ACT_FORM_EDITOR: run_editor(av, t); return;
	case ACT_ACCEPT: r = textedit_insert(&av->msg, '\n'); break;
	case ACT_LINE_DOWN: case ACT_LINE_UP:
		if (t->cols > 3)
			textedit_vertical(&av->msg, (size_t)(t->cols - 2),
			    a == ACT_LINE_UP ? -1 : 1);
		break;
	case ACT_NONE:
		a = keymap_action_in(KC_SCREEN, key);
		if (a == ACT_MOVE_PAGE_DOWN || a == ACT_MOVE_PAGE_UP)
			listnav_act(&av->left.nav, a);
		break;
	default: r = textedit_act(&av->msg, a); break;
	}
	if (r == TX_EDITED)
		announce_draft_keep(t, av->topic, av->msg.text.data);
}

static bool
an_key(struct view *v, struct tui *t, int key)
{
	struct announce_view *av = AV(v);
	enum kam_action a = keymap_action_in(KC_EDIT, key);

	if (key == KEYMAP_FKEY(KEY_MOUSE) || key == KEYMAP_FKEY(KEY_RESIZE) ||
	    a == ACT_RELOAD || a == ACT_HELP)
		return false;
	t->dirty = true;
	if (av->state == AN_SENDING) {
		if (a == ACT_CANCEL)
			tui_message(t, false, "Sending: it cannot be called back now.");
		return true;
	}
	if (key >= 0x20 && key < KEYMAP_FKEY_BASE && key != 0x7f &&
	    !utf8_is_unsafe((uint32_t)key)) {
		if (textedit_insert(&av->msg, (uint32_t)key) == TX_EDITED)
			announce_draft_keep(t, av->topic, av->msg.text.data);
	} else
		act(av, t, key);
	return true;
}

static bool
an_action(struct view *v, struct tui *t, enum kam_action a)
{
	(void)v, (void)t, (void)a;
	return false;
}

static void
an_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)t;
	if (AV(v)->state == AN_SENDING) {
		buf_adds(out, " Sending...");
		return;
	}
	keymap_hint(out, ACT_FORM_SAVE, "send");
	keymap_hint(out, ACT_CANCEL, "cancel");
	keymap_hint(out, ACT_FORM_EDITOR, "editor");
}

static void
an_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)t;
	buf_addf(out, "Announcement: %s", AV(v)->topic);
}

static void
an_reload(struct view *v, struct tui *t)
{
	struct announce_view *av = AV(v);

	if (av->state == AN_SENDING) {
		/* the connection broke with the answer on its way: what is
		 * still open shows again */
		outfile_abort(&av->out);
		tui_message(t, true, "The connection broke while sending: what "
		    "is still to answer shows again (kam -e feedback lists the "
		    "answered items).");
	}
	av->state = AN_READING;
	req_submit(t, v, SLOT_DRY, 0);
}

static bool
an_send(struct view *v, struct tui *t, int slot, int arg)
{
	struct announce_view *av = AV(v);
	struct voc_scope s;

	(void)arg;
	scope_of(av, &s);
	if (slot == SLOT_SEND)
		return voc_announce_send(t->db, &s, av->topic, av->msg.text.data,
		    false);
	return voc_announce_send(t->db, &s, av->topic, NULL, true);
}

/* What the bottom line says once it is sent: how many, and where the
 * contacts are, or why they are not there. */
static void
sent(struct announce_view *av, struct tui *t, struct voc_rows *r)
{
	struct kam_buf err, left;
	struct voc_told n;
	char *path = xstrdup(av->out.path);
	bool ok;

	buf_init(&err);
	buf_init(&left);
	voc_announce_count(r, &n);
	if (voc_contacts_write(av->out.fp, r, false) == EX_OK)
		ok = outfile_commit(&av->out, &err);
	else {
		outfile_abort(&av->out);
		buf_addf(&err, "%s: %s", path, strerror(errno));
		ok = false;
	}
	if (n.untouched > 0)
		buf_addf(&left, " %ld item%s not yours left alone.", n.untouched,
		    n.untouched == 1 ? "" : "s");
	announce_draft_drop(t, av->topic);
	close_view(av, t);
	tui_reload_all(t);
	if (ok)
		tui_message(t, false, "Answered %ld item%s on %ld account%s; the "
		    "%ld contact%s with an e-mail address: %s.%s", n.items,
		    n.items == 1 ? "" : "s", n.accounts, n.accounts == 1 ? "" : "s",
		    n.contacts, n.contacts == 1 ? "" : "s", path, left.data);
	else
		tui_message(t, true, "Answered %ld item%s on %ld account%s, but "
		    "the contacts' list could not be written (%s): kam -e feedback "
		    "lists the answered items.%s", n.items, n.items == 1 ? "" : "s",
		    n.accounts, n.accounts == 1 ? "" : "s", err.data, left.data);
	free(path);
	buf_free(&err);
	buf_free(&left);
}

static void
an_recv(struct view *v, struct tui *t, int slot, int arg)
{
	struct announce_view *av = AV(v);
	struct voc_rows r;

	(void)arg;
	if (!voc_announce_recv(t->db, &r)) {
		bool lost = !db_connected(t->db);

		tui_db_error(t);
		/* sent again (t->retry), or unsure until the reconnect's reload */
		if (t->retry || (slot == SLOT_SEND && lost))
			return;
		av->state = AN_EDITING;
		if (slot == SLOT_DRY)
			av->dry_ok = false;
		else {
			outfile_abort(&av->out);
			tui_message(t, true, "Not sent, nothing was answered: %s",
			    db_error(t->db));
		}
		return;
	}
	if (slot == SLOT_SEND)
		sent(av, t, &r);	/* av is freed */
	else {
		voc_announce_count(&r, &av->told);
		take_left(av, &r);
		av->dry_ok = true;
		av->state = AN_EDITING;
	}
	voc_rows_free(&r);
}

/* the items and their accounts: a change reads the dry run again */
static const char *const an_tables[] = { "interaction", "account", "topic",
    NULL };

static void
an_interest(struct view *v, struct live_interest *out)
{
	out->tables = AV(v)->state == AN_SENDING ? NULL : an_tables;
	out->account = NULL;
}

static void
an_changed(struct view *v, struct tui *t)
{
	if (AV(v)->state != AN_SENDING)
		req_submit(t, v, SLOT_DRY, 0);
}

static void
an_free(struct view *v)
{
	struct announce_view *av = AV(v);

	if (av->out.fp != NULL)
		outfile_abort(&av->out);
	free(av->topic);
	free(av->reach);
	free(av->team);
	table_free(&av->left);
	textedit_free(&av->msg);
	free(av);
}

static const struct kam_view_ops announce_ops = {
	.name = "announce", .draw = an_draw, .action = an_action,
	.status = an_status, .free = an_free, .reload = an_reload,
	.send = an_send, .recv = an_recv, .title = an_title, .key = an_key,
	.answer = an_answer, .interest = an_interest, .changed = an_changed,
};

void
view_announce_show(struct tui *t, const char *topic)
{
	struct announce_view *av = xcalloc(1, sizeof *av);
	struct kam_buf reach;
	struct voc_scope s;
	char *draft;

	av->v.ops = &announce_ops;
	av->topic = xstrdup(topic);
	voc_state_scope(&t->voc, &t->user, &s);
	if (s.since != NULL)
		snprintf(av->since, sizeof av->since, "%s", s.since);
	av->team = s.team != NULL ? xstrdup(s.team) : NULL;
	av->mine = s.mine;
	buf_init(&reach);
	voc_state_describe(&reach, &t->voc, &t->user);
	av->reach = buf_detach(&reach);
	table_init(&av->left, left_cols, (int)countof(left_cols), NULL);
	textedit_init(&av->msg, VOC_MESSAGE_MAX, true);
	if ((draft = announce_draft_read(t, topic)) != NULL) {
		textedit_set(&av->msg, draft);
		tui_message(t, false, "The message you left unsent is back.");
		free(draft);
	}
	tui_push(t, &av->v);
}
