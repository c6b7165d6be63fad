/* The view contract: what every screen, tab and dialog of the client
 * fills in, and what the loop may leave out. The loop knows no view; it
 * calls these operations on the view in front (tig's way). A view is a
 * plain struct that begins with struct view; its state changes only in
 * its operations, so a test drives it with actions, without a terminal.
 *
 * Mandatory: draw, action, status, free. Every other operation may be
 * NULL, and whoever forwards an operation (the account view to its tabs)
 * checks it first. */
#ifndef KAM_TUI_VIEW_H
#define KAM_TUI_VIEW_H

#include <stdbool.h>

#include "actions.h"
#include "kam/buf.h"

struct cmd;
struct tui;
struct view;

/* What a live view shows (live.c): the tables of its rows
 * (NULL-terminated; "*" for every table) and its account, NULL for
 * every account. */
struct live_interest {
	const char *const	*tables;
	const char		*account;
};

struct kam_view_ops {
	const char	*name;
	/* Mandatory. Draws lines y0 .. y0 + height - 1 of the screen. */
	void	(*draw)(struct view *v, struct tui *t, int y0, int height);
	/* Mandatory. Handles an action; false leaves it to the general
	 * handler. */
	bool	(*action)(struct view *v, struct tui *t, enum kam_action a);
	/* Mandatory. The view's part of the status line. */
	void	(*status)(struct view *v, struct tui *t, struct kam_buf *out);
	/* Mandatory. Frees the view and what it holds. */
	void	(*free)(struct view *v);
	/* Optional: reads the view's data (again): on open, Ctrl-L, after a
	 * reconnect. */
	void	(*reload)(struct view *v, struct tui *t);
	/* Optional, with recv, for a view that reads from the database:
	 * starts the statement of request (slot, arg); false: broken. */
	bool	(*send)(struct view *v, struct tui *t, int slot, int arg);
	/* Collects its rows once they are there. */
	void	(*recv)(struct view *v, struct tui *t, int slot, int arg);
	/* Optional: the "/" text, live while typing, or accepted. */
	void	(*search)(struct view *v, struct tui *t, const char *text,
		    bool live);
	/* Optional: n and N; false when nothing matches. */
	bool	(*search_next)(struct view *v, struct tui *t, int dir);
	/* Optional: a ":" command meant for this view (filter, sort); false
	 * if not. */
	bool	(*command)(struct view *v, struct tui *t, const struct cmd *c);
	/* Optional: a mouse click on screen line y, column x. */
	void	(*click)(struct view *v, struct tui *t, int y, int x);
	/* Optional: the view's part of the title. */
	void	(*title)(struct view *v, struct tui *t, struct kam_buf *out);
	/* Optional: every key before the key table's screen actions (a form
	 * takes characters as text); false leaves the key to them. */
	bool	(*key)(struct view *v, struct tui *t, int key);
	/* Optional: the answer to a question the view asked (tui_ask). */
	void	(*answer)(struct view *v, struct tui *t, int what, bool yes);
	/* Optional: o to a question asked with tui_ask_open: open what it
	 * names instead. */
	void	(*answer_open)(struct view *v, struct tui *t, int what);
	/* Optional, for a live view: what it shows. A change of it committed
	 * elsewhere reads the view again (reload) within a second. */
	void	(*interest)(struct view *v, struct live_interest *out);
	/* Optional: told such a change instead of reload (a form being
	 * typed in keeps its text and says so). */
	void	(*changed)(struct view *v, struct tui *t);
	/* Optional: when (mono_ms) the view shows something else though
	 * nothing changed but the time (an item falls overdue): the loop
	 * reads it again then, while it is in front; 0: not before a change. */
	double	(*wake)(struct view *v);
	/* Optional: the views within this one, each live on its own (the
	 * account view's tabs): up to max of them into out; how many. */
	int	(*parts)(struct view *v, struct view **out, int max);
};

struct view {
	const struct kam_view_ops	*ops;
	struct view			*below;	/* the stack of open views */
	struct view			*parent;	/* a tab's account view */
};

#endif
