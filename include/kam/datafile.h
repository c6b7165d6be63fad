/* kam's own data files, ERP profiles and themes: one lookup for both, so
 * that an installed kam, a build that is not installed and a user's own
 * files are found the same way. */
#ifndef KAM_DATAFILE_H
#define KAM_DATAFILE_H

#include <stdbool.h>

#include "kam/buf.h"

/* kam's folder of data files: $KAM_DATADIR when set, else the source
 * tree when this program is the kam built there and not installed, else
 * the installed $(datadir)/kam. */
const char	*datafile_dir(void);
/* Finds the file name (say "light.theme") of kind ("themes", "profiles"):
 * the user's own $XDG_CONFIG_HOME/kam/KIND/NAME (else ~/.config/kam/...)
 * first, then datafile_dir()/KIND/NAME. True: path (reset first) is the
 * first that exists. False: path says where kam looked, for a message. */
bool		 datafile_find(const char *kind, const char *name,
		    struct kam_buf *path);

#endif
