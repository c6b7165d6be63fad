/* What the parts of the full-screen client share: the client's state, the
 * operations every view fills in, requests to the database, and drawing.
 * The core loop knows no view; it calls their operations (tig's way). */
#ifndef KAM_TUI_UI_H
#define KAM_TUI_UI_H

#include <curses.h>
#include <stdbool.h>

#include "actions.h"
#include "agenda_filter.h"
#include "sync_process.h"
#include "cmdline.h"
#include "prompt.h"
#include "text.h"
#include "theme.h"
#include "kam/account_list.h"
#include "kam/buf.h"
#include "kam/conf.h"
#include "kam/db.h"
#include "kam/user.h"

struct tui;
struct view;
struct tui_trace;

struct kam_view_ops {
	const char	*name;
	/* Draws lines y0 .. y0 + height - 1 of the screen. */
	void	(*draw)(struct view *v, struct tui *t, int y0, int height);
	/* Handles an action; false leaves it to the general handler. */
	bool	(*action)(struct view *v, struct tui *t, enum kam_action a);
	/* Reads the view's data (again): on open, Ctrl-L, after a reconnect. */
	void	(*reload)(struct view *v, struct tui *t);
	/* Starts the statement of request (slot, arg); false: broken. */
	bool	(*send)(struct view *v, struct tui *t, int slot, int arg);
	/* Collects its rows once they are there. */
	void	(*recv)(struct view *v, struct tui *t, int slot, int arg);
	/* The "/" text: live while typing, or accepted. Like search_next and
	 * command, NULL in a view that has nothing to find or command. */
	void	(*search)(struct view *v, struct tui *t, const char *text,
		    bool live);
	/* n and N: false when nothing matches. */
	bool	(*search_next)(struct view *v, struct tui *t, int dir);
	/* A ":" command meant for this view (filter, sort); false if not. */
	bool	(*command)(struct view *v, struct tui *t, const struct cmd *c);
	/* A mouse click on screen line y, column x. */
	void	(*click)(struct view *v, struct tui *t, int y, int x);
	/* The view's part of the status line and of the title. */
	void	(*status)(struct view *v, struct tui *t, struct kam_buf *out);
	void	(*title)(struct view *v, struct tui *t, struct kam_buf *out);
	void	(*free)(struct view *v);
	/* Optional: every key before the key table's screen actions (a form
	 * takes characters as text); false leaves the key to them. */
	bool	(*key)(struct view *v, struct tui *t, int key);
	/* Optional: the answer to a question the view asked (tui_ask). */
	void	(*answer)(struct view *v, struct tui *t, int what, bool yes);
};

struct view {
	const struct kam_view_ops	*ops;
	struct view			*below;	/* the stack of open views */
	struct view			*parent;	/* a tab's account view */
};

enum tui_db_state { TDB_OK, TDB_LOST, TDB_RESETTING };

struct req {
	struct view	*owner;
	int		 slot;
	int		 arg;
	bool		 abandoned;	/* cancelled or its view has gone */
	bool		 retried;	/* sent again once already */
};

/* A yes/no question on the bottom line; the answer goes to its owner. */
struct ask {
	bool		 active;
	struct kam_buf	 question;
	struct view	*owner;
	int		 what;		/* the owner's name for the question */
};

#define REQ_QUEUE_MAX 16
#define REQ_CANCEL_WAIT_MS 500

struct tui {
	struct kam_db		*db;
	const struct kam_conf	*conf;
	struct kam_user		 user;
	struct acct_session	 session;
	struct kam_theme	 theme;
	char			*theme_name;
	bool			 colour;	/* false: NO_COLOR or none */
	struct view		*top;
	struct prompt		 prompt;
	struct kam_buf		 message;	/* the bottom line */
	bool			 message_error;
	struct req		 queue[REQ_QUEUE_MAX];
	int			 nqueued;
	struct req		 inflight;
	bool			 busy;
	double			 cancel_at;	/* when the last cancel went out */
	bool			 in_recv;	/* a view is collecting its rows */
	bool			 retry;		/* ... and should ask again */
	double			 busy_since;
	enum tui_db_state	 dbstate;
	double			 retry_at;
	double			 backoff;
	bool			 quit;
	bool			 dirty;
	int			 rows, cols;
	int			 spinner;
	struct hist_filter	 hist;		/* :filter channel= feedback= */
	struct agenda_filter	 agenda;	/* o, :filter on the agenda */
	char			*search;	/* the last "/" text, for n and N */
	char			*search_before;	/* ... when "/" was pressed */
	struct tui_trace	*trace;
	struct kam_buf		 key_name;	/* the key being handled */
	struct bgsync		 sync;		/* :sync in the background */
	struct ask		 ask;
	bool			 cursor_on;	/* a view placed the cursor */
	int			 cursor_y, cursor_x;
};

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

/* term.c: the terminal, restored however kam ends */
bool	term_start(struct tui *t);
void	term_stop(void);
void	term_size(struct tui *t);
int	term_signal_fd(void);
/* The signals that arrived since the last call (SIGWINCH, SIGINT, ...). */
bool	term_take_signal(int *sig);
double	now_ms(void);

/* req.c: one statement at a time, queued */
void	req_submit(struct tui *t, struct view *owner, int slot, int arg);
void	req_forget(struct tui *t, struct view *owner);
void	req_pump(struct tui *t);
void	req_ready(struct tui *t);
/* Esc: stops the running statement. False when none ran. */
bool	req_cancel(struct tui *t);
void	req_lost(struct tui *t);

/* draw.c */
void	draw_apply_theme(struct tui *t);
attr_t	draw_attr(const struct tui *t, enum theme_elem e);
/* Exactly cols columns of s at (y, x), sanitised, cut or padded. */
void	draw_text(struct tui *t, int y, int x, int cols, const char *s,
	    enum theme_elem role, enum text_align align);
void	draw_fill(struct tui *t, int y, int x, int cols, enum theme_elem role);
void	draw_screen(struct tui *t);

/* tui.c */
void	tui_message(struct tui *t, bool error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	tui_push(struct tui *t, struct view *v);
void	tui_pop(struct tui *t);
/* A database error while collecting rows: says it and notices a lost
 * connection. */
void	tui_db_error(struct tui *t);
bool	tui_set_theme(struct tui *t, const char *name);
/* Every open view reads its data again (after a reconnect, a sync). */
void	tui_reload_all(struct tui *t);
/* Asks owner's question on the bottom line; y or n answers it through
 * owner's answer operation. */
void	tui_ask(struct tui *t, struct view *owner, int what, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* Shows the cursor at (y, x) after this paint (for a view's draw). */
void	tui_cursor(struct tui *t, int y, int x);
int	tui_body_rows(const struct tui *t);	/* lines between title and status */

/* sync.c: :sync [stop], the sync in the background */
void	tui_sync_command(struct tui *t, const char *arg);
int	tui_sync_fd(const struct tui *t);		/* -1: nothing to poll */
void	tui_sync_activity(struct tui *t);		/* the pipe is readable */
void	tui_sync_timers(struct tui *t);
int	tui_sync_timeout(const struct tui *t);	/* ms, -1: none */
/* Whether quitting may go on: no sync runs (else it is asked to stop). */
bool	tui_sync_may_quit(struct tui *t);
/* The progress, or when the last sync went well. */
void	tui_sync_status(const struct tui *t, struct kam_buf *out);

/* input.c: one key (a code point, or KEYMAP_FKEY of a curses key) */
void	tui_key(struct tui *t, int key);

/* The views */
struct view	*view_accounts_new(struct tui *t);
struct view	*view_account_new(struct tui *t, const char *id, const char *name);
/* Shows tab (0-8) of an account view. */
void		 view_account_tab(struct view *v, struct tui *t, int which);
#define TAB_SLA 3
#define TAB_PLAN 4
#define TAB_HISTORY 5
/* Makes an account view and shows it on tab which. */
struct view	*view_account_open(struct tui *t, const char *id, const char *name,
		    int which);
/* The user's agenda; opens it, or reads it again when it is in front. */
void		 view_agenda_show(struct tui *t);
struct view	*view_help_new(struct tui *t);
/* Offers the drafts of forms left unsaved, if there are any. */
void		 view_drafts_offer(struct tui *t);
bool		 view_is_help(const struct view *v);
/* A pager over lines of text: the help, a history or audit entry in full. */
struct view	*view_pager_new(struct tui *t, const char *title, char **text,
		    size_t n);

#endif
