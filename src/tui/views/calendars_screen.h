/* The business calendars (:calendars): every calendar with its time
 * zone and opening hours; Enter shows one calendar's opening windows and
 * holidays, which an administrator adds (a), changes (e) and deletes
 * (D) there. */
#ifndef KAM_TUI_CALENDARS_SCREEN_H
#define KAM_TUI_CALENDARS_SCREEN_H

#include "client.h"

void	view_calendars_show(struct tui *t);
/* What struct tui keeps of the calendar shown, freed. */
void	calendar_open_free(struct calendar_open *c);

#endif
