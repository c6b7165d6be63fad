/* The brief goes through kam --brief itself, in a child: one way to write
 * it, whose connection, errors and groff run stay out of the client's. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brief_command.h"
#include "message.h"
#include "sync_process.h"
#include "kam/datadir.h"
#include "kam/spawn.h"

#define SELF	"/proc/self/exe"

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
	if (data_dir("briefs", &path, &err)) {
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
		tui_message(t, true, "Brief not written: %s", err.data);
	buf_free(&path);
	buf_free(&err);
	t->dirty = true;
}
