/* Keys to actions: the one table of default keys, looked up by the main
 * loop, and what the help view and kam(1) are generated from. Key codes
 * are Unicode code points for characters, KEYMAP_FKEY(curses code) for
 * function keys; nothing here needs curses. */
#ifndef KAM_TUI_KEYMAP_H
#define KAM_TUI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"
#include "kam/buf.h"

#define KEYMAP_FKEY_BASE	0x110000
#define KEYMAP_FKEY(code)	(KEYMAP_FKEY_BASE + (code))
/* An escape sequence or Alt key that kam has no use for: ignored. */
#define KEYMAP_UNKNOWN		KEYMAP_FKEY(0)

/* The action of key on the screens (KC_SCREEN), or in context ctx. */
enum kam_action	 keymap_action(int key);
enum kam_action	 keymap_action_in(enum kam_key_context ctx, int key);
const char	*keymap_action_name(enum kam_action a);
const char	*keymap_action_help(enum kam_action a);
/* The action named name ("move-down"), or ACT_NONE. */
enum kam_action	 keymap_action_find(const char *name);
/* "j, Down": every key of the action, as the help shows them. */
void		 keymap_keys(struct kam_buf *out, enum kam_action a);
/* A key's name ("Ctrl-D", "Down", "ä"), for the help and --trace. */
void		 keymap_key_name(struct kam_buf *out, int key);

/* A key hint of a status line ("e edit"): the keys of a, then word,
 * begun by KEYMAP_HINT, which tells the status line that it may drop the
 * hint (the last first) when the line is short of room. */
#define KEYMAP_HINT	'\x1f'
void		 keymap_hint(struct kam_buf *out, enum kam_action a,
		    const char *word);

/* The help as lines: a group title is "# Title", an action line holds
 * the keys, a tab, and the help text. Free them with strv_free. */
size_t		 keymap_help_lines(char ***out);
/* The key list of kam(1) in mdoc, from the same table. */
void		 keymap_mdoc(struct kam_buf *out);

#endif
