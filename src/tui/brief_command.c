/* The brief goes through kam --brief itself, in a child: one way to write
 * it, whose connection, errors and groff run stay out of the client's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "brief_command.h"
#include "message.h"
#include "sync_process.h"
#include "kam/spawn.h"

#define SELF	"/proc/self/exe"

/* The folder, made as mkdir -p would (private: briefs hold customer
 * data); false with err. */
static bool
briefs_dir(struct kam_buf *dir, struct kam_buf *err)
{
	const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (data != NULL && *data == '/')
		buf_adds(dir, data);
	else if (home != NULL && *home == '/')
		buf_addf(dir, "%s/.local/share", home);
	else {
		buf_adds(err, "Brief not written: neither XDG_DATA_HOME nor HOME "
		    "names a folder.");
		return false;
	}
	buf_adds(dir, "/kam/briefs");
	for (char *p = dir->data + 1; ; p++) {
		bool end = *p == '\0';

		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(dir->data, 0700) != 0 && errno != EEXIST) {
			buf_addf(err, "Brief not written: cannot make %s: %s",
			    dir->data, strerror(errno));
			return false;
		}
		if (end)
			return true;
		*p = '/';
	}
}

void
tui_brief(struct tui *t, const char *account_id)
{
	const char *fmt = spawn_found("groff") ? "pdf" : "md";
	struct kam_buf path, err;
	char day[16], **env;
	time_t now = time(NULL);
	bool missing;

	buf_init(&path);
	buf_init(&err);
	strftime(day, sizeof day, "%Y-%m-%d", localtime(&now));
	if (briefs_dir(&path, &err)) {
		buf_addf(&path, "/brief-%s-%s.%s", account_id, day, fmt);
		env = bgsync_env(t->conf);
		if (spawn_wait((char *[]){ "kam", "--brief", (char *)account_id,
		    "-f", (char *)fmt, "-o", path.data, NULL }, &(struct spawn_io){
		    .path = SELF, .out_fd = -1, .env = env }, &err, &missing))
			tui_message(t, false, "Brief written: %s", path.data);
		else
			tui_message(t, true, "Brief not written: %s", err.data);
		bgsync_env_free(env);
	} else
		tui_message(t, true, "%s", err.data);
	buf_free(&path);
	buf_free(&err);
	t->dirty = true;
}
