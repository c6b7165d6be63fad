/* What views ask of the client besides messages and requests: the stack
 * of open screens, reading them again, the theme, the body's height. */
#ifndef KAM_TUI_SERVICES_H
#define KAM_TUI_SERVICES_H

#include <stdbool.h>

#include "client.h"

/* Opens v over the top view and lets it read its data. */
void	tui_push(struct tui *t, struct view *v);
/* The same without reading: the caller reads it (tui_reload) when its
 * turn comes, after a view opened over it (a start screen's own). */
void	tui_place(struct tui *t, struct view *v);
/* Closes the top view: its requests and its question go with it. */
void	tui_pop(struct tui *t);
/* v reads its data again, if it reads any. */
void	tui_reload(struct tui *t, struct view *v);
/* Every open view reads its data again (after a reconnect, a sync). */
void	tui_reload_all(struct tui *t);
/* Switches to theme name; false (and the default theme) when it cannot
 * be read, which the bottom line says. */
bool	tui_set_theme(struct tui *t, const char *name);
/* The lines between the title and the status line. */
int	tui_body_rows(const struct tui *t);

#endif
