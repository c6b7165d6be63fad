/* From a key to what it does: the prompt first, then the top view, then
 * the actions every screen shares; ":" commands; the mouse. */
#include <stdlib.h>
#include <string.h>

#include "agenda_screen.h"
#include "calendars_screen.h"
#include "portfolio_screen.h"
#include "quality_screen.h"
#include "queue_screen.h"
#include "voc_screen.h"
#include "client.h"
#include "draw.h"
#include "help_screen.h"
#include "input.h"
#include "keymap.h"
#include "message.h"
#include "requests.h"
#include "services.h"
#include "sync_command.h"
#include "terminal.h"
#include "trace.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

static void
set_search(struct tui *t, const char *text)
{
	free(t->search);
	t->search = text && *text ? xstrdup(text) : NULL;
}

/* Views without searches or commands leave those operations NULL. */
static void
view_search(struct tui *t, const char *text, bool live)
{
	if (t->top->ops->search != NULL)
		t->top->ops->search(t->top, t, text, live);
}

static bool
view_command(struct view *v, struct tui *t, const struct cmd *c)
{
	return v->ops->command != NULL && v->ops->command(v, t, c);
}

static struct view *
bottom_view(struct tui *t)
{
	struct view *v = t->top;

	while (v->below != NULL)
		v = v->below;
	return v;
}

static void
run_command(struct tui *t, char *line)
{
	struct kam_buf err;
	struct cmd c;

	buf_init(&err);
	if (!cmd_parse(line, &c, &err))
		tui_message(t, true, "%s", err.data);
	else if (c.kind == CMD_QUIT)
		t->quit = true;
	else if (c.kind == CMD_HELP)
		tui_push(t, view_help_new(t));
	else if (c.kind == CMD_AGENDA)
		view_agenda_show(t);
	else if (c.kind == CMD_PORTFOLIO)
		view_portfolio_show(t);
	else if (c.kind == CMD_QUEUE)
		view_queue_show(t);
	else if (c.kind == CMD_VOC)
		view_voc_show(t, c.arg);
	else if (c.kind == CMD_CALENDARS)
		view_calendars_show(t);
	else if (c.kind == CMD_QUALITY)
		view_quality_show(t);
	else if (c.kind == CMD_SYNC)
		tui_sync_command(t, c.arg);
	else if (c.kind == CMD_THEME) {
		if (tui_set_theme(t, c.arg))
			tui_message(t, false, "Theme %s.", c.arg);
	} else if (c.kind != CMD_NONE && !view_command(t->top, t, &c)) {
		/* the list opens accounts and filters them */
		while (t->top->below != NULL && c.kind != CMD_FILTER)
			tui_pop(t);
		if (!view_command(bottom_view(t), t, &c))
			tui_message(t, true, "':%s' does nothing here", line);
	}
	buf_free(&err);
}

static void
prompt_done(struct tui *t, enum prompt_result r)
{
	char lead = t->prompt.lead;
	char *text = xstrdup(t->prompt.ed.text.data);

	prompt_close(&t->prompt);
	if (lead == ':' && r == PROMPT_ACCEPT)
		run_command(t, text);
	else if (lead == '/') {
		if (r == PROMPT_CANCEL) {
			free(text);
			text = t->search_before ? xstrdup(t->search_before) : NULL;
		}
		set_search(t, text);
		view_search(t, t->search, false);
	}
	free(text);
	free(t->search_before);
	t->search_before = NULL;
}

static void
prompt_key(struct tui *t, int key)
{
	enum prompt_result r;

	if (key < KEYMAP_FKEY_BASE && key >= 0x20 && !utf8_is_unsafe((uint32_t)key))
		r = prompt_insert(&t->prompt, (uint32_t)key);
	else
		r = prompt_act(&t->prompt, keymap_action_in(KC_EDIT, key));
	t->dirty = true;
	if (r == PROMPT_ACCEPT || r == PROMPT_CANCEL)
		prompt_done(t, r);
	else if (r == PROMPT_EDITED && t->prompt.lead == '/')
		view_search(t, t->prompt.ed.text.data, true);
}

static void
open_prompt(struct tui *t, char lead, const char *text)
{
	if (lead == '/') {
		free(t->search_before);
		t->search_before = t->search ? xstrdup(t->search) : NULL;
	}
	prompt_open(&t->prompt, lead, text);
	t->dirty = true;
}

static void
search_again(struct tui *t, int dir)
{
	if (t->search == NULL)
		tui_message(t, true, "No search yet: press / first.");
	else if (t->top->ops->search_next == NULL ||
	    !t->top->ops->search_next(t->top, t, dir))
		tui_message(t, true, "Not found: %s", t->search);
}

/* Esc goes back, clears or cancels, and never leaves kam: only q on the
 * list (and :q, Q) do. */
static void
back(struct tui *t, int key)
{
	if (key == 27 && req_cancel(t))
		tui_message(t, false, "Cancelled. Ctrl-L reads the screen again.");
	else if (t->top->below != NULL)
		tui_pop(t);
	else if (key != 27)
		t->quit = true;
	else if (t->search != NULL) {
		set_search(t, NULL);
		view_search(t, NULL, false);
		tui_message(t, false, "Search cleared.");
	} else
		tui_message(t, false, "q quits kam.");
}

static void
shared_action(struct tui *t, enum kam_action a, int key)
{
	switch (a) {
	case ACT_BACK: back(t, key); break;
	case ACT_QUIT: t->quit = true; break;
	case ACT_HELP:
		if (!view_is_help(t->top))
			tui_push(t, view_help_new(t));
		break;
	case ACT_RELOAD:
		draw_repaint_all();
		tui_message(t, false, "%s", "");
		tui_reload_all(t);	/* the status line's sync time too */
		break;
	case ACT_AGENDA: view_agenda_show(t); break;
	case ACT_PORTFOLIO: view_portfolio_show(t); break;
	case ACT_VOC: view_voc_show(t, NULL); break;
	case ACT_SEARCH: open_prompt(t, '/', ""); break;
	case ACT_COMMAND: open_prompt(t, ':', ""); break;
	case ACT_FILTER: open_prompt(t, ':', "filter "); break;
	case ACT_SEARCH_NEXT: search_again(t, 1); break;
	case ACT_SEARCH_PREV: search_again(t, -1); break;
	case ACT_FORM_LOG: case ACT_FORM_ADD: case ACT_FORM_EDIT:
	case ACT_FORM_DEACTIVATE: case ACT_FORM_COMPLETE: case ACT_FORM_PLAN:
	case ACT_DRAFT_DISCARD: case ACT_FEEDBACK_NEXT: case ACT_FEEDBACK_ANSWER:
	case ACT_FEEDBACK_TOPICS: case ACT_FEEDBACK_OWNER: case ACT_BRIEF:
		tui_message(t, true, "%s does nothing on this screen; ? shows "
		    "what each key does.", t->key_name.data);
		break;
	default: return;
	}
	t->dirty = true;
}

static void
mouse(struct tui *t)
{
	enum kam_action a = ACT_NONE;
	int y = 0, x = 0;

	switch (term_mouse(&y, &x)) {
	case MOUSE_WHEEL_UP: a = ACT_MOVE_UP; break;
	case MOUSE_WHEEL_DOWN: a = ACT_MOVE_DOWN; break;
	case MOUSE_CLICK:
		if (t->top->ops->click != NULL)
			t->top->ops->click(t->top, t, y, x);
		break;
	case MOUSE_NONE: break;
	}
	for (int i = 0; i < 3 && a != ACT_NONE; i++)
		t->top->ops->action(t->top, t, a);
	t->dirty = true;
}

static void
ask_key(struct tui *t, int key)
{
	enum kam_action a = keymap_action_in(KC_QUESTION, key);
	struct view *owner = t->ask.owner;

	if (a == ACT_ANSWER_OPEN && t->ask.open && owner->ops->answer_open) {
		t->ask.active = false;
		t->dirty = true;
		owner->ops->answer_open(owner, t, t->ask.what);
		return;
	}
	if (a != ACT_ANSWER_YES && a != ACT_ANSWER_NO)
		return;
	t->ask.active = false;
	t->dirty = true;
	owner->ops->answer(owner, t, t->ask.what, a == ACT_ANSWER_YES);
}

static bool
too_small(const struct tui *t)
{
	return t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS;
}

/* The key goes to whoever holds the input: a question, the prompt, the
 * view in front, then the actions all screens share. */
static void
dispatch_key(struct tui *t, int key, enum kam_action a)
{
	if (t->ask.active)
		ask_key(t, key);
	else if (t->prompt.active)
		prompt_key(t, key);
	else if (t->top->ops->key != NULL && t->top->ops->key(t->top, t, key))
		t->dirty = true;
	else if (a != ACT_NONE) {
		if (t->top->ops->action(t->top, t, a))
			t->dirty = true;
		else
			shared_action(t, a, key);
	}
}

void
tui_key(struct tui *t, int key)
{
	enum kam_action a = keymap_action(key);

	buf_reset(&t->key_name);
	keymap_key_name(&t->key_name, key);
	trace_event(t->trace, "key", t->key_name.data);
	if (key == KEYMAP_UNKNOWN)
		t->dirty = true;	/* ignored, but --trace shows a paint after it */
	else if (key == KEYMAP_FKEY(KEY_RESIZE)) {
		term_size(t);
		t->dirty = true;
	} else if (too_small(t)) {
		t->quit = a == ACT_QUIT;
	} else if (t->wall) {
		/* a wall display: nothing to change, q or Q ends it */
		t->quit = a == ACT_BACK || a == ACT_QUIT;
		t->dirty = true;
	} else if (key == KEYMAP_FKEY(KEY_MOUSE))
		mouse(t);
	else {
		/* a message, error or not, lasts until the next key */
		if (t->message.len > 0)
			tui_message(t, false, "%s", "");
		dispatch_key(t, key, a);
	}
}
