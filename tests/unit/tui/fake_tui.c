/* A client for views to run in: no terminal (fake_screen.c draws), no
 * database (the connection counts as lost, so requests stay queued where
 * a test sees them). */
#include <stdlib.h>
#include <string.h>

#include "fake_screen.h"

void
fake_tui_init(struct tui *t, int cols, int rows)
{
	fake_screen_tui(t, cols, rows);
	t->dbstate = TDB_LOST;
	t->retry_at = 1e300;	/* never: there is no database to reach */
	buf_init(&t->message);
	buf_init(&t->key_name);
	buf_init(&t->ask.question);
	prompt_init(&t->prompt);
}

void
fake_tui_free(struct tui *t)
{
	while (t->top != NULL) {
		struct view *v = t->top;

		t->top = v->below;
		v->ops->free(v);
	}
	buf_free(&t->message);
	buf_free(&t->key_name);
	buf_free(&t->ask.question);
	prompt_free(&t->prompt);
	free(t->search);
	free(t->search_before);
	hist_filter_free(&t->hist);
}
