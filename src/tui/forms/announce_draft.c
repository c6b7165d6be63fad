/* An announcement's unsent message on disk (announce_draft.h), in the
 * draft format: user, topic, message and when it was written. */
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "announce_draft.h"
#include "message.h"
#include "kam/date.h"
#include "kam/draft.h"
#include "kam/xalloc.h"

/* drafts/announcement-HASH.note: the topic's name is the user's, the
 * file's name kam's (FNV-1a of the name) */
static bool
note_path(const char *topic, struct kam_buf *path, struct kam_buf *err)
{
	uint64_t h = 14695981039346656037u;

	if (!draft_dir(path, err))
		return false;
	for (const unsigned char *p = (const unsigned char *)topic; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	buf_addf(path, "/announcement-%016llx.note", (unsigned long long)h);
	return true;
}

void
announce_draft_keep(struct tui *t, const char *topic, const char *text)
{
	struct kam_buf path, err;
	struct kam_draft d;
	char when[DATETIME_STRLEN];

	if (text[strspn(text, " \t\r\n")] == '\0') {
		announce_draft_drop(t, topic);
		return;
	}
	buf_init(&path);
	buf_init(&err);
	draft_init(&d);
	datetime_format_local(time(NULL), when);
	draft_set(&d, "user", t->user.role_name);
	draft_set(&d, "topic", topic);
	draft_set(&d, "written", when);
	draft_set(&d, "message", text);
	if (!note_path(topic, &path, &err) || !draft_write(path.data, &d, &err))
		tui_message(t, true, "The message is not kept: %s", err.data);
	draft_free(&d);
	buf_free(&path);
	buf_free(&err);
}

char *
announce_draft_read(struct tui *t, const char *topic)
{
	struct kam_buf path, err;
	struct kam_draft d;
	const char *user, *of, *text;
	char *out = NULL;

	buf_init(&path);
	buf_init(&err);
	draft_init(&d);
	if (note_path(topic, &path, &err) && access(path.data, F_OK) == 0) {
		if (!draft_read(path.data, &d, &err))
			tui_message(t, true, "The message left unsent cannot be "
			    "read: %s", err.data);
		else if ((user = draft_get(&d, "user")) != NULL &&
		    strcmp(user, t->user.role_name) == 0 &&
		    (of = draft_get(&d, "topic")) != NULL &&
		    strcmp(of, topic) == 0 &&
		    (text = draft_get(&d, "message")) != NULL)
			out = xstrdup(text);
	}
	draft_free(&d);
	buf_free(&path);
	buf_free(&err);
	return out;
}

void
announce_draft_drop(struct tui *t, const char *topic)
{
	struct kam_buf path, err;

	(void)t;
	buf_init(&path);
	buf_init(&err);
	if (note_path(topic, &path, &err))
		unlink(path.data);
	buf_free(&path);
	buf_free(&err);
}
