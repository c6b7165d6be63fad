/* b: the annual-talk brief of an account written to a file, by kam
 * --brief run as a child process, and where it went said on the bottom
 * line. No curses here. */
#ifndef KAM_TUI_BRIEF_COMMAND_H
#define KAM_TUI_BRIEF_COMMAND_H

#include "client.h"

/* Writes $XDG_DATA_HOME/kam/briefs (else ~/.local/share/kam/briefs)
 * /brief-ID-YYYY-MM-DD.pdf, or .md when groff is not installed. The
 * client waits for it: a brief takes well under a second. */
void	tui_brief(struct tui *t, const char *account_id);

#endif
