/* The drafts screen, shown at the start when forms were left unsaved (a
 * crash, a killed terminal, a save that never got its answer): Enter
 * resumes one on its account, d discards it, Esc keeps them all for the
 * next start. Only this login's drafts are offered; a draft that cannot
 * be read is renamed to NAME.unreadable, never deleted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account_screen.h"
#include "client.h"
#include "drafts_dialog.h"
#include "draw.h"
#include "form_view.h"
#include "forms.h"
#include "listnav.h"
#include "message.h"
#include "services.h"
#include "kam/xalloc.h"

struct draft_entry {
	char			*path;
	struct kam_draft	 d;
	const struct form_def	*def;
};

struct view_drafts {
	struct view		 v;
	struct draft_entry	*e;
	struct listnav		 nav;
};

#define VD(v) ((struct view_drafts *)(v))
enum { ASK_DISCARD };

static void
set_aside(struct tui *t, const char *path, const char *why)
{
	struct kam_buf to;

	buf_init(&to);
	buf_addf(&to, "%s.unreadable", path);
	if (rename(path, to.data) == 0)
		tui_message(t, true, "%s; kept as %s", why, to.data);
	else
		tui_message(t, true, "%s", why);
	buf_free(&to);
}

/* Reads the draft at path into e; false when it is not one of this
 * user's drafts of a known form. */
static bool
read_entry(struct tui *t, const char *path, struct draft_entry *e)
{
	struct kam_buf err;
	const char *user;

	buf_init(&err);
	memset(e, 0, sizeof *e);
	if (!draft_read(path, &e->d, &err)) {
		set_aside(t, path, err.data);
		buf_free(&err);
		return false;
	}
	buf_free(&err);
	user = draft_get(&e->d, "user");
	e->def = form_def_find(draft_get(&e->d, "form"));
	if (user == NULL || strcmp(user, t->user.role_name) != 0 || e->def == NULL) {
		draft_free(&e->d);
		return false;
	}
	e->path = xstrdup(path);
	return true;
}

static void
entry_free(struct draft_entry *e)
{
	free(e->path);
	draft_free(&e->d);
}

/* The first text field's text, for a line of the list. */
static const char *
summary(const struct draft_entry *e)
{
	struct kam_buf key;
	const char *v = NULL;

	buf_init(&key);
	for (size_t i = 0; v == NULL && i < e->def->nfields; i++) {
		if (e->def->fields[i].type != FT_TEXT ||
		    (e->def->fields[i].flags & FF_READONLY))
			continue;
		buf_reset(&key);
		buf_addf(&key, "field.%s", e->def->fields[i].column);
		v = draft_get(&e->d, key.data);
	}
	buf_free(&key);
	return v ? v : "";
}

static void
vd_draw(struct view *v, struct tui *t, int y0, int height)
{
	struct view_drafts *vd = VD(v);
	struct kam_buf line;

	draw_text(t, y0, 1, t->cols - 1, "Unsaved forms from before: Enter resumes "
	    "one, d discards it, Esc keeps them for the next start.",
	    TE_HELP_GROUP, ALIGN_LEFT);
	vd->nav.height = (size_t)(height - 2);
	listnav_fix(&vd->nav);
	buf_init(&line);
	for (size_t i = vd->nav.top; i < vd->nav.n && (int)(i - vd->nav.top) <
	    height - 2; i++) {
		const struct draft_entry *e = &vd->e[i];

		buf_reset(&line);
		buf_addf(&line, "%-16s  %-22s  %-24s  %s",
		    draft_get(&e->d, "written") ? draft_get(&e->d, "written") : "",
		    draft_get(&e->d, "id") ? e->def->title_edit : e->def->title_new,
		    draft_get(&e->d, "account-name") ? draft_get(&e->d, "account-name") :
		    "", summary(e));
		draw_text(t, y0 + 2 + (int)(i - vd->nav.top), 0, t->cols, line.data,
		    i == vd->nav.cursor ? TE_SELECTED : TE_NORMAL, ALIGN_LEFT);
	}
	buf_free(&line);
}

static void
remove_entry(struct view_drafts *vd, size_t i)
{
	entry_free(&vd->e[i]);
	memmove(&vd->e[i], &vd->e[i + 1], (vd->nav.n - i - 1) * sizeof *vd->e);
	vd->nav.n--;
}

/* Opens the account, then the form over it. */
static void
resume(struct view_drafts *vd, struct tui *t)
{
	struct draft_entry e = vd->e[vd->nav.cursor];
	struct kam_buf err;
	const char *account = draft_get(&e.d, "account");

	if (account == NULL) {
		tui_message(t, true, "This draft names no account.");
		return;
	}
	memmove(&vd->e[vd->nav.cursor], &vd->e[vd->nav.cursor + 1],
	    (vd->nav.n - vd->nav.cursor - 1) * sizeof *vd->e);
	vd->nav.n--;
	if (vd->nav.n == 0)
		tui_pop(t);
	buf_init(&err);
	tui_push(t, view_account_new(t, account, draft_get(&e.d, "account-name") ?
	    draft_get(&e.d, "account-name") : account));
	if (!form_view_resume(t, e.def, &e.d, e.path, &err))
		tui_message(t, true, "Cannot resume the draft: %s", err.data);
	buf_free(&err);
	entry_free(&e);
}

static bool
vd_action(struct view *v, struct tui *t, enum kam_action a)
{
	struct view_drafts *vd = VD(v);

	if (a == ACT_ENTER && vd->nav.n > 0)
		resume(vd, t);
	else if (a == ACT_DRAFT_DISCARD && vd->nav.n > 0)
		tui_ask(t, v, ASK_DISCARD, "Discard this draft for good?");
	else if (a == ACT_BACK) {
		tui_pop(t);
		tui_message(t, false, "The drafts stay for the next start.");
	} else
		return listnav_act(&vd->nav, a);
	return true;
}

static void
vd_answer(struct view *v, struct tui *t, int what, bool yes)
{
	struct view_drafts *vd = VD(v);

	(void)what;
	if (!yes || vd->nav.n == 0)
		return;
	unlink(vd->e[vd->nav.cursor].path);
	remove_entry(vd, vd->nav.cursor);
	tui_message(t, false, "Draft discarded.");
	if (vd->nav.n == 0)
		tui_pop(t);
}

static void
vd_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)t;
	buf_addf(out, " Draft %zu of %zu", VD(v)->nav.cursor + 1, VD(v)->nav.n);
}

static void
vd_title(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)v, (void)t;
	buf_adds(out, "Unsaved drafts");
}

static void
vd_free(struct view *v)
{
	struct view_drafts *vd = VD(v);

	for (size_t i = 0; i < vd->nav.n; i++)
		entry_free(&vd->e[i]);
	free(vd->e);
	free(vd);
}

static const struct kam_view_ops drafts_ops = {
	.name = "drafts",
	.draw = vd_draw,
	.action = vd_action,
	.status = vd_status,
	.title = vd_title,
	.free = vd_free,
	.answer = vd_answer,
};

void
view_drafts_offer(struct tui *t)
{
	struct kam_buf dir, err;
	struct view_drafts *vd;
	char **paths;
	size_t n;

	buf_init(&dir);
	buf_init(&err);
	if (!draft_dir(&dir, &err)) {
		tui_message(t, true, "Unsaved work cannot be kept: %s", err.data);
		goto out;
	}
	n = draft_list(dir.data, &paths);
	vd = xcalloc(1, sizeof *vd);
	vd->v.ops = &drafts_ops;
	vd->e = xcalloc(n + 1, sizeof *vd->e);
	for (size_t i = 0; i < n; i++)
		if (read_entry(t, paths[i], &vd->e[vd->nav.n]))
			vd->nav.n++;
	strv_free(paths, n);
	if (vd->nav.n > 0)
		tui_push(t, &vd->v);
	else
		vd_free(&vd->v);
out:
	buf_free(&dir);
	buf_free(&err);
}
