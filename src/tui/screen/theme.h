/* Colour themes: the named elements the screens draw with, the built-in
 * default and monochrome styles, and themes/NAME.theme files
 * ("element = fg bg attrs"). Nothing here needs curses: colours are
 * numbers (-1 the terminal's default, 0-255), attributes a bit set. */
#ifndef KAM_TUI_THEME_H
#define KAM_TUI_THEME_H

#include <stdbool.h>

#include "kam/buf.h"

enum theme_elem {
	TE_NORMAL, TE_TITLE, TE_TAB, TE_TAB_ACTIVE, TE_HEADER, TE_HEADER_SORTED,
	TE_SELECTED, TE_STATUS, TE_STATUS_ERROR, TE_STATUS_BUSY, TE_PROMPT,
	TE_LABEL, TE_ESCAPED, TE_HELP_KEY, TE_HELP_GROUP, TE_MATCH,
	TE_TIER_STRATEGIC, TE_TIER_KEY, TE_TIER_STANDARD,
	TE_ACCT_ACTIVE, TE_ACCT_AT_RISK, TE_ACCT_DORMANT, TE_ACCT_CHURNED,
	TE_FB_COMPLIMENT, TE_FB_IDEA, TE_FB_COMPLAINT, TE_OVERDUE,
	TE_COND_EXPIRING, TE_COND_EXPIRED, TE_COND_UPCOMING,
	TE_SLA_OPEN, TE_SLA_CLOSED,
	TE_FIELD, TE_FIELD_FOCUS, TE_FIELD_READONLY, TE_FIELD_ERROR, TE_FIELD_CHANGED,
	TE_AGENDA_OVERDUE, TE_PLAN_OVERDUE,
	/* the cloud's words: a tone, each in three weights (strong, normal,
	 * faint), in this order (voc_screen.c counts on it) */
	TE_VOC_COMPLIMENT_STRONG, TE_VOC_COMPLIMENT, TE_VOC_COMPLIMENT_FAINT,
	TE_VOC_IDEA_STRONG, TE_VOC_IDEA, TE_VOC_IDEA_FAINT,
	TE_VOC_COMPLAINT_STRONG, TE_VOC_COMPLAINT, TE_VOC_COMPLAINT_FAINT,
	TE_COUNT
};

#define THEME_BOLD	0x01
#define THEME_DIM	0x02
#define THEME_UNDERLINE	0x04
#define THEME_REVERSE	0x08
#define THEME_ITALIC	0x10
#define THEME_BLINK	0x20

struct theme_style {
	short		fg, bg;		/* -1 default, 0-255 */
	unsigned	attrs;
};

struct kam_theme {
	struct theme_style	style[TE_COUNT];
};

const char	*theme_elem_name(enum theme_elem e);
/* The element named name ("list.selected"), or -1. */
int		 theme_elem_find(const char *name);
void		 theme_default(struct kam_theme *t);
/* Attributes only, for NO_COLOR and terminals without colour. */
void		 theme_mono(struct kam_theme *t);
/* Applies the lines of text over t. Every bad line is reported in err as
 * "file:line: message" (one a line); returns false if there was any. */
bool		 theme_parse(struct kam_theme *t, const char *file,
		    const char *text, struct kam_buf *err);
/* Finds the theme called name (a file name when it holds a slash) in the
 * user's themes folder, then the installed ones. On any error, t is the
 * default theme, err says why and the result is false. */
bool		 theme_load(struct kam_theme *t, const char *name,
		    struct kam_buf *err);
/* A feedback tone's marker ("+" compliment, "~" idea, "!" complaint:
 * told apart without colour) and, in *role, the strongest of its three
 * elements (TE_VOC_*_STRONG; the next two are fainter). The cloud and
 * the Overview's Voice line both draw with these. */
const char	*theme_voc_tone(const char *kind, enum theme_elem *role);
/* The colour the terminal can show that is nearest to c. */
short		 theme_fit_colour(short c, int ncolours);

#endif
