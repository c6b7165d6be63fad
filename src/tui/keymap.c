/* The default keys. draw.h is here only for curses' KEY_* codes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "draw.h"
#include "keymap.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

#include "kam/countof.h"
#define CTRL(c) ((c) & 0x1f)
#define FK(k) KEYMAP_FKEY(k)

struct action_def {
	const char	*group;		/* set on the first action of a group */
	const char	*name;
	const char	*help;
};

#define GROUP_MARK(title) { title, NULL, NULL },
#define ACTION_DEF(id, n, h) { NULL, n, h },

/* Group marks interleaved with actions, in the order of actions.h. */
static const struct action_def defs[] = {
	KAM_ACTIONS(GROUP_MARK, ACTION_DEF)
};

struct binding {
	int			 key;
	enum kam_action		 action;
	int			 hidden;	/* a second code for the same key */
	enum kam_key_context	 ctx;
};

#define E KC_EDIT
#define Q KC_QUESTION

static const struct binding bindings[] = {
	{ 'j', ACT_MOVE_DOWN, 0, 0 }, { FK(KEY_DOWN), ACT_MOVE_DOWN, 0, 0 },
	{ 'k', ACT_MOVE_UP, 0, 0 }, { FK(KEY_UP), ACT_MOVE_UP, 0, 0 },
	{ CTRL('d'), ACT_MOVE_HALF_DOWN, 0, 0 }, { CTRL('u'), ACT_MOVE_HALF_UP, 0, 0 },
	{ FK(KEY_NPAGE), ACT_MOVE_PAGE_DOWN, 0, 0 }, { ' ', ACT_MOVE_PAGE_DOWN, 0, 0 },
	{ FK(KEY_PPAGE), ACT_MOVE_PAGE_UP, 0, 0 },
	{ 'g', ACT_MOVE_FIRST, 0, 0 }, { FK(KEY_HOME), ACT_MOVE_FIRST, 0, 0 },
	{ 'G', ACT_MOVE_LAST, 0, 0 }, { FK(KEY_END), ACT_MOVE_LAST, 0, 0 },
	{ 'h', ACT_MOVE_LEFT, 0, 0 }, { FK(KEY_LEFT), ACT_MOVE_LEFT, 0, 0 },
	{ 'l', ACT_MOVE_RIGHT, 0, 0 }, { FK(KEY_RIGHT), ACT_MOVE_RIGHT, 0, 0 },
	{ '<', ACT_SCROLL_LEFT, 0, 0 }, { '>', ACT_SCROLL_RIGHT, 0, 0 },
	{ '\r', ACT_ENTER, 0, 0 }, { '\n', ACT_ENTER, 1, 0 },
	{ FK(KEY_ENTER), ACT_ENTER, 1, 0 },
	{ 27, ACT_BACK, 0, 0 }, { 'q', ACT_BACK, 0, 0 }, { 'Q', ACT_QUIT, 0, 0 },
	{ '\t', ACT_TAB_NEXT, 0, 0 }, { FK(KEY_BTAB), ACT_TAB_PREV, 0, 0 },
	{ '1', ACT_TAB_1, 0, 0 }, { '2', ACT_TAB_2, 0, 0 }, { '3', ACT_TAB_3, 0, 0 },
	{ '4', ACT_TAB_4, 0, 0 }, { '5', ACT_TAB_5, 0, 0 }, { '6', ACT_TAB_6, 0, 0 },
	{ '7', ACT_TAB_7, 0, 0 }, { '8', ACT_TAB_8, 0, 0 }, { '9', ACT_TAB_9, 0, 0 },
	{ '?', ACT_HELP, 0, 0 }, { FK(KEY_F(1)), ACT_HELP, 0, 0 },
	{ FK(KEY_F(1)), ACT_HELP, 1, E }, { CTRL('l'), ACT_RELOAD, 0, 0 },
	{ CTRL('l'), ACT_RELOAD, 1, E },
	{ '/', ACT_SEARCH, 0, 0 }, { 'n', ACT_SEARCH_NEXT, 0, 0 },
	{ 'N', ACT_SEARCH_PREV, 0, 0 }, { ':', ACT_COMMAND, 0, 0 },
	{ 's', ACT_SORT_NEXT, 0, 0 }, { 'S', ACT_SORT_PREV, 0, 0 },
	{ 'r', ACT_SORT_REVERSE, 0, 0 }, { 'm', ACT_FILTER_MINE, 0, 0 },
	{ 'F', ACT_FILTER, 0, 0 },
	{ 'Z', ACT_FOLD_GROUPS, 0, 0 }, { 'z', ACT_FOLD_OPEN, 0, 0 },
	{ 'c', ACT_FILTER_CHANNEL, 0, 0 }, { 'f', ACT_FILTER_FEEDBACK, 0, 0 },
	{ 'w', ACT_FEEDBACK_NEXT, 0, 0 }, { 'R', ACT_FEEDBACK_ANSWER, 0, 0 },
	{ 'T', ACT_FEEDBACK_TOPICS, 0, 0 }, { 'O', ACT_FEEDBACK_OWNER, 0, 0 },
	{ 'A', ACT_AGENDA, 0, 0 }, { 'o', ACT_FILTER_OVERDUE, 0, 0 },
	{ 'p', ACT_PORTFOLIO, 0, 0 }, { 'V', ACT_VOC, 0, 0 },
	{ 'M', ACT_VOC_MEASURES, 0, 0 },
	{ 'b', ACT_BRIEF, 0, 0 },
	{ 'J', ACT_MERGE, 0, 0 }, { 'X', ACT_MERGE_SWAP, 0, 0 },
	{ 'U', ACT_UNMERGE, 0, 0 },
	{ 'i', ACT_SLA_CARD, 0, 0 },
	{ '[', ACT_YEAR_PREV, 0, 0 }, { ']', ACT_YEAR_NEXT, 0, 0 },
	{ FK(KEY_LEFT), ACT_CURSOR_LEFT, 0, E }, { CTRL('b'), ACT_CURSOR_LEFT, 0, E },
	{ FK(KEY_RIGHT), ACT_CURSOR_RIGHT, 0, E }, { CTRL('f'), ACT_CURSOR_RIGHT, 0, E },
	{ FK(KEY_HOME), ACT_CURSOR_HOME, 0, E }, { CTRL('a'), ACT_CURSOR_HOME, 0, E },
	{ FK(KEY_END), ACT_CURSOR_END, 0, E },
	{ FK(KEY_BACKSPACE), ACT_ERASE, 0, E }, { 127, ACT_ERASE, 1, E },
	{ CTRL('h'), ACT_ERASE, 1, E },
	{ FK(KEY_DC), ACT_DELETE, 0, E }, { CTRL('d'), ACT_DELETE, 0, E },
	{ CTRL('u'), ACT_KILL_TO_START, 0, E }, { CTRL('k'), ACT_KILL_TO_END, 0, E },
	{ CTRL('w'), ACT_ERASE_WORD, 0, E },
	{ '\r', ACT_ACCEPT, 0, E }, { '\n', ACT_ACCEPT, 1, E },
	{ FK(KEY_ENTER), ACT_ACCEPT, 1, E }, { 27, ACT_CANCEL, 0, E },
	{ 'L', ACT_FORM_LOG, 0, 0 }, { 'a', ACT_FORM_ADD, 0, 0 },
	{ 'e', ACT_FORM_EDIT, 0, 0 }, { 'D', ACT_FORM_DEACTIVATE, 0, 0 },
	{ 'x', ACT_FORM_COMPLETE, 0, 0 }, { 'C', ACT_FORM_CLOSE_COMPLAINT, 0, 0 },
	{ 'P', ACT_FORM_PLAN, 0, 0 }, { 't', ACT_FORM_TEAM, 0, 0 },
	{ 'd', ACT_DRAFT_DISCARD, 0, 0 },
	{ '\t', ACT_FIELD_NEXT, 0, E }, { FK(KEY_BTAB), ACT_FIELD_PREV, 0, E },
	{ FK(KEY_DOWN), ACT_LINE_DOWN, 0, E }, { FK(KEY_UP), ACT_LINE_UP, 0, E },
	{ CTRL('s'), ACT_FORM_SAVE, 0, E }, { CTRL('e'), ACT_FORM_EDITOR, 0, E },
	{ 'y', ACT_ANSWER_YES, 0, Q }, { 'n', ACT_ANSWER_NO, 0, Q },
	{ 27, ACT_ANSWER_NO, 0, Q }, { 'o', ACT_ANSWER_OPEN, 0, Q },
	{ 'r', ACT_CONFLICT_RELOAD, 0, Q }, { 't', ACT_CONFLICT_THEIRS, 0, Q },
	{ 'm', ACT_CONFLICT_MERGE, 0, Q },
};

#undef E
#undef Q

static const struct { int key; const char *name; } key_names[] = {
	{ FK(KEY_DOWN), "Down" }, { FK(KEY_UP), "Up" }, { FK(KEY_LEFT), "Left" },
	{ FK(KEY_RIGHT), "Right" }, { FK(KEY_NPAGE), "PgDn" },
	{ FK(KEY_PPAGE), "PgUp" }, { FK(KEY_HOME), "Home" }, { FK(KEY_END), "End" },
	{ FK(KEY_BTAB), "Shift-Tab" }, { FK(KEY_ENTER), "Enter" },
	{ FK(KEY_BACKSPACE), "Backspace" }, { FK(KEY_RESIZE), "Resize" },
	{ FK(KEY_DC), "Delete" }, { FK(KEY_F(1)), "F1" },
	{ FK(KEY_MOUSE), "Mouse" }, { '\r', "Enter" }, { 27, "Esc" },
	{ '\t', "Tab" }, { ' ', "Space" }, { 127, "Backspace" },
	{ KEYMAP_UNKNOWN, "Unknown" },
};

enum kam_action
keymap_action_in(enum kam_key_context ctx, int key)
{
	for (size_t i = 0; i < countof(bindings); i++)
		if (bindings[i].key == key && bindings[i].ctx == ctx)
			return bindings[i].action;
	return ACT_NONE;
}

enum kam_action
keymap_action(int key)
{
	return keymap_action_in(KC_SCREEN, key);
}

/* The definition of action a: actions count from 1, group marks are
 * skipped. */
static const struct action_def *
action_def(enum kam_action a)
{
	int n = 0;

	for (size_t i = 0; i < countof(defs); i++) {
		if (defs[i].name != NULL && ++n == (int)a)
			return &defs[i];
	}
	return NULL;
}

const char *
keymap_action_name(enum kam_action a)
{
	const struct action_def *d = action_def(a);

	return d ? d->name : "none";
}

const char *
keymap_action_help(enum kam_action a)
{
	const struct action_def *d = action_def(a);

	return d ? d->help : "";
}

enum kam_action
keymap_action_find(const char *name)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (strcmp(keymap_action_name((enum kam_action)a), name) == 0)
			return (enum kam_action)a;
	return ACT_NONE;
}

void
keymap_key_name(struct kam_buf *out, int key)
{
	for (size_t i = 0; i < countof(key_names); i++) {
		if (key_names[i].key == key) {
			buf_adds(out, key_names[i].name);
			return;
		}
	}
	if (key >= KEYMAP_FKEY_BASE)
		buf_addf(out, "Key-%d", key - KEYMAP_FKEY_BASE);
	else if (key >= 0 && key < 0x20)
		buf_addf(out, "Ctrl-%c", (char)(key + '@'));
	else if ((key >= 0x80 && key < 0xa0) || key < 0 || key > 0x10ffff ||
	    (key >= 0xd800 && key < 0xe000))
		buf_addf(out, "U+%04X", (unsigned)key);
	else {
		char s[4];

		buf_add(out, s, (size_t)utf8_encode((uint32_t)key, s));
	}
}

void
keymap_keys(struct kam_buf *out, enum kam_action a)
{
	size_t start = out->len;

	for (size_t i = 0; i < countof(bindings); i++) {
		if (bindings[i].action != a || bindings[i].hidden)
			continue;
		if (out->len > start)
			buf_adds(out, ", ");
		keymap_key_name(out, bindings[i].key);
	}
}

void
keymap_hint(struct kam_buf *out, enum kam_action a, const char *word)
{
	buf_addc(out, KEYMAP_HINT);
	keymap_keys(out, a);
	buf_addf(out, " %s", word);
}

size_t
keymap_help_lines(char ***lines)
{
	struct kam_buf line;
	size_t n = 0;
	int a = 0;

	*lines = xcalloc(countof(defs), sizeof **lines);
	buf_init(&line);
	for (size_t i = 0; i < countof(defs); i++) {
		buf_reset(&line);
		if (defs[i].name == NULL)
			buf_addf(&line, "# %s", defs[i].group);
		else {
			keymap_keys(&line, (enum kam_action)++a);
			buf_addf(&line, "\t%s", defs[i].help);
		}
		(*lines)[n++] = xstrdup(line.data);
	}
	buf_free(&line);
	return n;
}

static void
mdoc_keys(struct kam_buf *out, enum kam_action a)
{
	struct kam_buf keys;
	char *k, *save = NULL;
	bool first = true;

	buf_init(&keys);
	keymap_keys(&keys, a);
	buf_adds(out, ".It");
	for (k = strtok_r(keys.data, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		k += *k == ' ';
		/* mdoc reads lone punctuation as a delimiter */
		buf_addf(out, "%s Ic %s%s", first ? "" : " ,",
		    k[1] == '\0' && ispunct((unsigned char)*k) ? "\\&" : "", k);
		first = false;
	}
	buf_addc(out, '\n');
	buf_free(&keys);
}

void
keymap_mdoc(struct kam_buf *out)
{
	int a = 0;

	for (size_t i = 0; i < countof(defs); i++) {
		if (defs[i].name == NULL) {
			if (i > 0)
				buf_adds(out, ".El\n");
			buf_addf(out, ".Ss %s\n.Bl -tag -width Ds\n", defs[i].group);
			continue;
		}
		mdoc_keys(out, (enum kam_action)++a);
		buf_addf(out, "%s.\n", defs[i].help);
	}
	buf_adds(out, ".El\n");
}
