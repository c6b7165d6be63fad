/* Where the client keeps what it writes for the user (briefs, the
 * contacts of an announcement): $XDG_DATA_HOME/kam/WHAT, else
 * ~/.local/share/kam/WHAT, made as mkdir -p would and private (mode
 * 0700: these files hold customer data). */
#ifndef KAM_DATADIR_H
#define KAM_DATADIR_H

#include <stdbool.h>

#include "kam/buf.h"

/* Appends the folder of what to dir, made when missing; false with the
 * reason in err ("cannot make DIR: ..."). */
bool	data_dir(const char *what, struct kam_buf *dir, struct kam_buf *err);

#endif
