/* kam.conf (kam.conf(5)): any bytes as the file conf_load_file reads. */
#define _GNU_SOURCE	/* memfd_create */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "kam/conf.h"

/* The reader takes a path: a file in memory, rewritten for every input
 * (a file in /tmp costs milliseconds a write). */
static int fd = -1;
static char path[64];

static void
write_file(const char *data, size_t size)
{
	if (fd < 0) {
		if ((fd = memfd_create("kam.conf", 0)) < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
}

static bool
load(const char *data, size_t size, struct kam_conf *c)
{
	struct kam_buf err;
	bool ok;

	write_file(data, size);
	conf_init(c);
	buf_init(&err);
	ok = conf_load_file(c, path, true, &err);
	buf_free(&err);
	return ok;
}

int	LLVMFuzzerInitialize(int *argc, char ***argv);

/* The file must be read at all, or every input only tests "cannot open". */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char good[] = "[ui]\ntheme = light\n";
	struct kam_conf c;

	(void)argc;
	(void)argv;
	if (!load(good, sizeof good - 1, &c) || c.ui_theme == NULL ||
	    strcmp(c.ui_theme, "light") != 0)
		abort();
	conf_free(&c);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kam_conf c;

	(void)load((const char *)data, size, &c);
	conf_free(&c);
	return 0;
}
