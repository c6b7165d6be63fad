/* The running client's state: what the loop owns and the services
 * (message.h, requests.h, services.h) change for the views. A view reads
 * it; only the loop and the services write most of it. */
#ifndef KAM_TUI_CLIENT_H
#define KAM_TUI_CLIENT_H

#include <stdbool.h>

#include "agenda_filter.h"
#include "portfolio_state.h"
#include "cmdline.h"
#include "live.h"
#include "prompt.h"
#include "sync_process.h"
#include "theme.h"
#include "view.h"
#include "voc_state.h"
#include "kam/account_list.h"
#include "kam/buf.h"
#include "kam/conf.h"
#include "kam/db.h"
#include "kam/quality_queue.h"
#include "kam/user.h"

struct tui_trace;

/* The calendar whose windows and holidays :calendars shows (Enter on
 * one): its id, name, zone, and whether the login may change it. */
struct calendar_open {
	char	*id, *name, *zone;
	bool	 write;
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
	bool		 open;		/* o opens what it names (answer_open) */
};

/* A request that waits its time (req_submit_after). */
struct req_later {
	struct req	 r;
	double		 at;
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
	struct req_later	 later[REQ_QUEUE_MAX];	/* waiting their time */
	int			 nlater;
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
	enum quality_scope	 quality_scope;	/* m on :quality */
	struct portfolio_state	 portfolio;	/* its filter and sort */
	struct voc_state	 voc;		/* the cloud's period and reach */
	bool			 wall;		/* kam --voc --watch: the cloud
						   alone, read-only, q quits */
	struct calendar_open	 calendar;	/* open on :calendars */
	/* the account screen, for the units below it (a form's look-alike
	 * opened instead): set by the loop, so that no include goes round */
	struct view		*(*open_account)(struct tui *t, const char *id,
				    const char *name, int which);
	char			*merge_contact;	/* J on a contact: its id, to
						   merge with the next J's */
	char			*search;	/* the last "/" text, for n and N */
	char			*search_before;	/* ... when "/" was pressed */
	struct tui_trace	*trace;
	struct kam_buf		 key_name;	/* the key being handled */
	struct bgsync		 sync;		/* :sync in the background */
	struct tui_live		 live;		/* live screens */
	struct ask		 ask;
	bool			 cursor_on;	/* a view placed the cursor */
	int			 cursor_y, cursor_x;
};

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

#endif
