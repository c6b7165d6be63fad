/* The help: every key and action from the key table, then the commands. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "columns.h"
#include "draw.h"
#include "help_screen.h"
#include "keymap.h"
#include "pager.h"
#include "kam/xalloc.h"

static const char *const commands_help[] = {
	"# Commands (type : first)",
	":account NAME\tOpen the account NAME (id, ERP id or name; accents and typos forgiven)",
	":sla [NAME]\tThe service level of this account, or of NAME",
	":agenda\tMy agenda; there, :filter [overdue] [kind=follow-up|action|talk]",
	":calendars\tThe business calendars; Enter shows one's opening windows "
	"and holidays (administrators: a adds, e edits, D deletes)",
	":theme NAME\tUse colour theme NAME (default, light, high-contrast, mono, ...)",
	":filter [WORDS]\tFilter: tier= owner= team= lifecycle= status= mine; "
	"on History and Feedback also channel= feedback=; no words clears",
	":sort COLUMN [desc]\tSort the list by name, tier, owner, lifecycle, status, "
	"sla, revenue, open, last-contact, next-follow-up",
	":sync [stop]\tPull what changed in the ERP, in the background; stop it",
	":q\tQuit",
};

#define KEYS_COLS 24

static void
help_line(struct tui *t, int y, const char *line, int cols)
{
	const char *tab = strchr(line, '\t');
	/* a space always ends the keys' column */
	const struct col_place place[2] = {
		{ 0, 2, KEYS_COLS - 3 }, { 1, KEYS_COLS, cols - KEYS_COLS },
	};
	char *keys;

	if (line[0] == '#') {
		draw_text(t, y, 1, cols - 1, line + 2, TE_HELP_GROUP, ALIGN_LEFT);
		return;
	}
	if (tab == NULL) {
		draw_text(t, y, 0, cols, line, TE_NORMAL, ALIGN_LEFT);
		return;
	}
	keys = xstrndup(line, (size_t)(tab - line));
	draw_text(t, y, place[0].x, place[0].w, keys, TE_HELP_KEY, ALIGN_LEFT);
	draw_text(t, y, place[1].x, place[1].w, tab + 1, TE_NORMAL, ALIGN_LEFT);
	columns_trace(t, place, 2, y, 1);
	free(keys);
}

/* An action line "keys\tdescription": the description wrapped at word
 * boundaries beside the keys, its next lines "\tmore" under it. */
static void
wrap_action(const char *line, int cols, char ***out, size_t *n)
{
	const char *tab = strchr(line, '\t');
	char **parts;
	size_t np = text_wrap(tab + 1, (size_t)(cols > KEYS_COLS + 10 ?
	    cols - KEYS_COLS : 10), &parts);

	*out = xrealloc(*out, (*n + np) * sizeof **out);
	for (size_t i = 0; i < np; i++) {
		struct kam_buf b;

		buf_init(&b);
		if (i == 0)
			buf_add(&b, line, (size_t)(tab - line));
		buf_addf(&b, "\t%s", parts[i]);
		(*out)[(*n)++] = b.data;
	}
	strv_free(parts, np);
}

/* Every key and command, wrapped for a screen cols wide. */
static void
help_relayout(struct pager *p, int cols)
{
	size_t nc = sizeof commands_help / sizeof commands_help[0], nk, n = 0;
	char **keys, **lines = NULL;

	nk = keymap_help_lines(&keys);
	for (size_t i = 0; i < nk + 1 + nc; i++) {
		const char *line = i < nk ? keys[i] : i == nk ? "" :
		    commands_help[i - nk - 1];

		if (strchr(line, '\t') != NULL)
			wrap_action(line, cols, &lines, &n);
		else {
			lines = xrealloc(lines, (n + 1) * sizeof *lines);
			lines[n++] = xstrdup(line);
		}
	}
	strv_free(keys, nk);
	pager_set_lines(p, lines, n);
}

bool
view_is_help(const struct view *v)
{
	return pager_is(v) && ((const struct pager *)v)->draw_line == help_line;
}

struct view *
view_help_new(struct tui *t)
{
	struct view *v = view_pager_new(t, "Help: keys and commands", NULL, 0);
	struct pager *p = (struct pager *)v;

	p->draw_line = help_line;
	p->relayout = help_relayout;
	/* laid out now: a search may come before the first paint */
	help_relayout(p, t->cols);
	p->cols = t->cols;
	return v;
}
