/* Libraries opened on demand (kam/dl.h). */
#include <dlfcn.h>
#include <stdarg.h>
#include <string.h>

#include "kam/dl.h"
#include "kam/utf8.h"

/* err is what went wrong, then the loader's reason: that names paths from
 * LD_LIBRARY_PATH, which the environment sets, so the whole is made
 * printable before anyone shows it. */
static void __attribute__((format(printf, 2, 3)))
say(struct kam_buf *err, const char *fmt, ...)
{
	const char *why = dlerror();
	struct kam_buf raw;
	va_list ap;

	buf_init(&raw);
	va_start(ap, fmt);
	buf_vaddf(&raw, fmt, ap);
	va_end(ap);
	buf_addf(&raw, ": %s", why != NULL ? why : "unknown error");
	buf_reset(err);
	utf8_sanitize(err, raw.data, raw.len);
	buf_free(&raw);
}

bool
dl_load(const char *soname, const char *what, const char *const names[],
    void *const slots[], size_t n, struct kam_buf *err)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL), *p;

	if (lib == NULL) {
		say(err, "%s needs %s, which cannot be loaded", what, soname);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		dlerror();
		if ((p = dlsym(lib, names[i])) == NULL) {
			say(err, "%s needs %s, which has no function %s", what,
			    soname, names[i]);
			dlclose(lib);
			return false;
		}
		/* POSIX makes a pointer from dlsym usable as a function
		 * pointer; ISO C has no conversion between the two, so the
		 * bytes */
		memcpy(slots[i], &p, sizeof p);
	}
	return true;
}
