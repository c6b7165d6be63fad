/* The one-line editor of the status line, for "/" searches and ":"
 * commands: UTF-8 text, a cursor, and the editing actions. No curses. */
#ifndef KAM_TUI_PROMPT_H
#define KAM_TUI_PROMPT_H

#include <stdbool.h>
#include <stdint.h>

#include "actions.h"
#include "kam/buf.h"

struct prompt {
	bool		 active;
	char		 lead;		/* '/' or ':' */
	struct kam_buf	 text;
	size_t		 cursor;	/* byte offset, on a character start */
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
enum prompt_result prompt_act(struct prompt *p, enum kam_action a);

#endif
