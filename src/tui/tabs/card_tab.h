/* A tab that is a card (the overview, the service level): the view
 * operations they share. Each fills in send, recv and reload itself. */
#ifndef KAM_TUI_CARD_TAB_H
#define KAM_TUI_CARD_TAB_H

#include "card.h"
#include "tab.h"

struct card_tab {
	struct view	 v;
	struct card	 card;
	const char	*what;
};

void	card_tab_init(struct card_tab *ct, const struct kam_view_ops *ops,
	    struct view *account, const char *what);
void	card_tab_draw(struct view *v, struct tui *t, int y0, int height);
bool	card_tab_action(struct view *v, struct tui *t, enum kam_action a);
void	card_tab_search(struct view *v, struct tui *t, const char *text, bool live);
bool	card_tab_search_next(struct view *v, struct tui *t, int dir);
void	card_tab_status(struct view *v, struct tui *t, struct kam_buf *out);
/* Frees the card; the caller frees its own state and the view. */
void	card_tab_clear(struct view *v);

/* The service level card's lines, in the roles of the theme. */
struct sla_card;
void	card_add_sla(struct card *c, const struct sla_card *sla);

#endif
