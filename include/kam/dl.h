/* Libraries loaded when the work that needs them starts, not when kam
 * starts: libical (and ICU and libstdc++ behind it) for --import holidays,
 * libcurl (and its TLS, HTTP/2 and SSH libraries) for the ERP sync. Every
 * other command, kam --sla above all, no longer pays for loading and
 * relocating them (bench/README.md, "Libraries loaded where used").
 *
 * A user of a library lists the functions it calls in an X macro over a
 * struct of pointers typed from the library's own header, and fills it
 * with dl_load; a library or function that is missing is a clear
 * message, never a crash. */
#ifndef KAM_DL_H
#define KAM_DL_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"

/* a member of the struct: a pointer of the function's own type */
#define DL_MEMBER(f)	__typeof__(f) *f;
/* its name, for the names array dl_load takes */
#define DL_NAME(f)	#f,

/* Opens soname (the library's ABI, e.g. "libcurl.so.4") for what (e.g.
 * "the ERP sync") and stores its function names[i] in the function
 * pointer *slots[i], for each of the n; false with err set, and the
 * library closed again, when the dynamic loader cannot open it or a
 * function is missing. */
bool	dl_load(const char *soname, const char *what,
	    const char *const names[], void *const slots[], size_t n,
	    struct kam_buf *err);

#endif
