/* The one-line editor of the status line, for "/" searches and ":"
 * commands: a textedit, its lead character, and what a key did. No curses. */
#ifndef KAM_TUI_PROMPT_H
#define KAM_TUI_PROMPT_H

#include <stdbool.h>
#include <stdint.h>

#include "actions.h"
#include "textedit.h"

struct prompt {
	bool		 active;
	char		 lead;		/* '/' or ':' */
	struct textedit	 ed;
};

enum prompt_result {
	PROMPT_EDITED,		/* the text changed */
	PROMPT_MOVED,		/* only the cursor moved */
	PROMPT_ACCEPT,		/* Enter */
	PROMPT_CANCEL,		/* Esc */
	PROMPT_IGNORED
};

void	prompt_init(struct prompt *p);
void	prompt_free(struct prompt *p);
void	prompt_open(struct prompt *p, char lead, const char *text);
void	prompt_close(struct prompt *p);
/* A typed character (a Unicode code point); controls are refused. */
enum prompt_result prompt_insert(struct prompt *p, uint32_t cp);
/* An action of the "Editing" group (keymap context KC_EDIT). */
enum prompt_result prompt_act(struct prompt *p, enum kam_action a);

#endif
