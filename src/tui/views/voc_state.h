/* What the cloud (V, :voc) covers: a period ("90d", "year", "all" or a
 * day) and whose accounts (mine, my team's, everyone's I may read), and
 * the topic whose entries are listed. Set with ":voc 90d team" and m.
 * No curses. */
#ifndef KAM_TUI_VOC_STATE_H
#define KAM_TUI_VOC_STATE_H

#include <stdbool.h>

#include "kam/buf.h"
#include "kam/date.h"
#include "kam/user.h"
#include "kam/voc.h"

enum voc_reach { VOC_EVERYONE, VOC_TEAM, VOC_MINE, VOC_NREACH };

struct voc_state {
	char		 period[DATE_STRLEN + 1];	/* as typed; "": 90d */
	enum voc_reach	 reach;
	char		*team;		/* kam --voc --watch --team T */
	char		*topic;		/* the entries listed; NULL: no topic */
	char		 since[DATE_STRLEN];	/* filled by voc_state_scope */
};

/* Parses words of ":voc": a period (Nd, Nw, Nm, Ny, year, all, a day)
 * and whose (mine, team, everyone); no words leaves s as it is. Unknown
 * words: false with err set, s unchanged. */
bool	voc_state_parse(const char *args, struct voc_state *s,
	    struct kam_buf *err);
/* What to ask the database for today, for user u. */
void	voc_state_scope(struct voc_state *s, const struct kam_user *u,
	    struct voc_scope *out);
/* "90d, my team (north)", for the title. */
void	voc_state_describe(struct kam_buf *out, const struct voc_state *s,
	    const struct kam_user *u);
void	voc_state_free(struct voc_state *s);

#endif
