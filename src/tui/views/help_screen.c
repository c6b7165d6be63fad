/* The help: every key and action from the key table, then the commands. */
#include <stdlib.h>
#include <string.h>

#include "client.h"
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
	draw_text(t, y, 2, KEYS_COLS - 2, keys, TE_HELP_KEY, ALIGN_LEFT);
	draw_text(t, y, KEYS_COLS, cols - KEYS_COLS, tab + 1, TE_NORMAL, ALIGN_LEFT);
	free(keys);
}

bool
view_is_help(const struct view *v)
{
	return pager_is(v) && ((const struct pager *)v)->draw_line == help_line;
}

struct view *
view_help_new(struct tui *t)
{
	size_t nc = sizeof commands_help / sizeof commands_help[0], n;
	struct view *v;
	char **lines;

	n = keymap_help_lines(&lines);
	lines = xrealloc(lines, (n + nc + 1) * sizeof *lines);
	lines[n++] = xstrdup("");
	for (size_t i = 0; i < nc; i++)
		lines[n++] = xstrdup(commands_help[i]);
	v = view_pager_new(t, "Help: keys and commands", lines, n);
	((struct pager *)v)->draw_line = help_line;
	return v;
}
