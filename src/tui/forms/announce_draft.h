/* The message of an announcement not sent yet, kept on disk beside the
 * forms' drafts (kam/draft.h) so that Esc, a crash or a killed terminal
 * loses nothing: one file a topic, offered again the next time the
 * same user announces on it. Not a form's draft: the drafts screen at
 * the start does not list it. */
#ifndef KAM_TUI_ANNOUNCE_DRAFT_H
#define KAM_TUI_ANNOUNCE_DRAFT_H

#include "client.h"

/* Keeps text as topic's message (blank text: none kept); a failure is
 * said on the bottom line. */
void	announce_draft_keep(struct tui *t, const char *topic, const char *text);
/* The message kept for topic by this user (caller frees), or NULL. */
char	*announce_draft_read(struct tui *t, const char *topic);
void	announce_draft_drop(struct tui *t, const char *topic);

#endif
