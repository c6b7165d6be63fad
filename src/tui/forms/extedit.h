/* Long text in the user's own editor, as git and mutt do it: $VISUAL,
 * else $EDITOR, else vi, on a private temporary file, with the terminal
 * handed over meanwhile. */
#ifndef KAM_TUI_EXTEDIT_H
#define KAM_TUI_EXTEDIT_H

#include <stdbool.h>

#include "kam/buf.h"

/* Edits text; out receives the result as untrusted text made safe
 * (textedit_clean). False with err when no editor ran or it failed: the
 * text stays as it was. */
bool	extedit_run(const char *text, struct kam_buf *out, struct kam_buf *err);

#endif
