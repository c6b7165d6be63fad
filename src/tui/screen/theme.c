/* The theme elements, in one table with their default and monochrome
 * looks, and the theme file parser. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"
#include "kam/datafile.h"
#include "kam/regfile.h"
#include "kam/xalloc.h"

#include "kam/countof.h"
#define B THEME_BOLD
#define D THEME_DIM
#define U THEME_UNDERLINE
#define R THEME_REVERSE

enum { DEF = -1, BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };
/* xterm-256's orange; theme_fit_colour makes it yellow on 8 colours */
#define ORANGE 208

struct elem_def {
	const char		*name;
	struct theme_style	 dark;	/* themes/default.theme says the same */
	unsigned		 mono;
};

static const struct elem_def elems[TE_COUNT] = {
	[TE_NORMAL] = { "normal", { DEF, DEF, 0 }, 0 },
	[TE_TITLE] = { "title", { WHITE, BLUE, B }, R | B },
	[TE_TAB] = { "tab", { WHITE, BLUE, 0 }, R },
	[TE_TAB_ACTIVE] = { "tab.active", { BLACK, CYAN, B }, B | U },
	[TE_HEADER] = { "list.header", { YELLOW, DEF, B }, B },
	[TE_HEADER_SORTED] = { "list.sorted", { YELLOW, DEF, B | U }, B | U },
	[TE_SELECTED] = { "list.selected", { BLACK, CYAN, 0 }, R },
	[TE_STATUS] = { "status", { WHITE, BLUE, 0 }, R },
	[TE_STATUS_ERROR] = { "status.error", { WHITE, RED, B }, R | B },
	[TE_STATUS_BUSY] = { "status.busy", { BLACK, YELLOW, 0 }, R | B },
	[TE_PROMPT] = { "prompt", { DEF, DEF, B }, B },
	[TE_LABEL] = { "label", { CYAN, DEF, 0 }, B },
	[TE_ESCAPED] = { "escaped", { MAGENTA, DEF, 0 }, U },
	[TE_HELP_KEY] = { "help.key", { GREEN, DEF, B }, B },
	[TE_HELP_GROUP] = { "help.group", { YELLOW, DEF, B }, B | U },
	[TE_MATCH] = { "match", { BLACK, YELLOW, 0 }, U },
	[TE_TIER_STRATEGIC] = { "tier.strategic", { MAGENTA, DEF, B }, B },
	[TE_TIER_KEY] = { "tier.key", { CYAN, DEF, 0 }, 0 },
	[TE_TIER_STANDARD] = { "tier.standard", { DEF, DEF, 0 }, 0 },
	[TE_ACCT_ACTIVE] = { "account.active", { GREEN, DEF, 0 }, 0 },
	[TE_ACCT_AT_RISK] = { "account.at_risk", { YELLOW, DEF, B }, B },
	[TE_ACCT_DORMANT] = { "account.dormant", { DEF, DEF, D }, D },
	[TE_ACCT_CHURNED] = { "account.churned", { RED, DEF, D }, D },
	[TE_FB_COMPLIMENT] = { "feedback.compliment", { GREEN, DEF, 0 }, 0 },
	[TE_FB_IDEA] = { "feedback.idea", { CYAN, DEF, 0 }, 0 },
	[TE_FB_COMPLAINT] = { "feedback.complaint", { RED, DEF, B }, B },
	[TE_OVERDUE] = { "money.overdue", { RED, DEF, B }, B },
	[TE_COND_EXPIRING] = { "condition.expiring", { YELLOW, DEF, B }, B },
	[TE_COND_EXPIRED] = { "condition.expired", { DEF, DEF, D }, D },
	[TE_COND_UPCOMING] = { "condition.upcoming", { CYAN, DEF, 0 }, U },
	[TE_SLA_OPEN] = { "sla.open", { GREEN, DEF, B }, B },
	[TE_SLA_CLOSED] = { "sla.closed", { RED, DEF, B }, B | U },
	[TE_FIELD] = { "form.field", { DEF, DEF, U }, U },
	[TE_FIELD_FOCUS] = { "form.focus", { BLACK, CYAN, 0 }, R },
	[TE_FIELD_READONLY] = { "form.readonly", { DEF, DEF, D }, D },
	[TE_FIELD_ERROR] = { "form.error", { RED, DEF, B }, B },
	[TE_FIELD_CHANGED] = { "form.changed", { YELLOW, DEF, B }, B },
	[TE_AGENDA_OVERDUE] = { "agenda.overdue", { RED, DEF, B }, B },
	[TE_PLAN_OVERDUE] = { "plan.overdue", { RED, DEF, B }, B },
	[TE_VOC_COMPLIMENT_STRONG] = { "voc.compliment.strong", { GREEN, DEF, B }, B },
	[TE_VOC_COMPLIMENT] = { "voc.compliment", { GREEN, DEF, 0 }, 0 },
	[TE_VOC_COMPLIMENT_FAINT] = { "voc.compliment.faint", { GREEN, DEF, D }, D },
	[TE_VOC_IDEA_STRONG] = { "voc.idea.strong", { ORANGE, DEF, B }, B },
	[TE_VOC_IDEA] = { "voc.idea", { ORANGE, DEF, 0 }, 0 },
	[TE_VOC_IDEA_FAINT] = { "voc.idea.faint", { ORANGE, DEF, D }, D },
	[TE_VOC_COMPLAINT_STRONG] = { "voc.complaint.strong", { RED, DEF, B }, B },
	[TE_VOC_COMPLAINT] = { "voc.complaint", { RED, DEF, 0 }, 0 },
	[TE_VOC_COMPLAINT_FAINT] = { "voc.complaint.faint", { RED, DEF, D }, D },
};

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct { const char *name; unsigned bit; } attr_names[] = {
	{ "bold", THEME_BOLD }, { "dim", THEME_DIM },
	{ "underline", THEME_UNDERLINE }, { "reverse", THEME_REVERSE },
	{ "italic", THEME_ITALIC }, { "blink", THEME_BLINK }, { "normal", 0 },
};

const char *
theme_elem_name(enum theme_elem e)
{
	return elems[e].name;
}

int
theme_elem_find(const char *name)
{
	for (size_t i = 0; i < countof(elems); i++)
		if (strcmp(elems[i].name, name) == 0)
			return (int)i;
	return -1;
}

void
theme_default(struct kam_theme *t)
{
	for (size_t i = 0; i < countof(elems); i++)
		t->style[i] = elems[i].dark;
}

void
theme_mono(struct kam_theme *t)
{
	for (size_t i = 0; i < countof(elems); i++)
		t->style[i] = (struct theme_style){ DEF, DEF, elems[i].mono };
}

/* "default", a colour name, "bright" and a name (8-15), or colorN. */
static bool
parse_colour(const char *w, short *c)
{
	char *end;
	long n;

	if (strcmp(w, "default") == 0)
		return *c = DEF, true;
	for (short i = 0; i < 8; i++) {
		if (strcmp(w, colour_names[i]) == 0)
			return *c = i, true;
		if (strncmp(w, "bright", 6) == 0 && strcmp(w + 6, colour_names[i]) == 0)
			return *c = (short)(i + 8), true;
	}
	if (strncmp(w, "color", 5) != 0 || w[5] < '0' || w[5] > '9')
		return false;
	errno = 0;
	n = strtol(w + 5, &end, 10);
	if (*end != '\0' || errno != 0 || n > 255)
		return false;
	*c = (short)n;
	return true;
}

static bool
parse_attr(const char *w, unsigned *attrs)
{
	for (size_t i = 0; i < countof(attr_names); i++) {
		if (strcmp(w, attr_names[i].name) == 0) {
			*attrs |= attr_names[i].bit;
			return true;
		}
	}
	return false;
}

/* One "element = fg bg attrs" line, comments and blanks already gone.
 * Returns NULL or what is wrong. */
static const char *
parse_line(struct kam_theme *t, char *line, struct kam_buf *why)
{
	char *eq = strchr(line, '='), *w, *save = NULL;
	struct theme_style s = { DEF, DEF, 0 };
	int e;

	if (eq == NULL)
		return "expected 'element = foreground background attributes'";
	*eq = '\0';
	if ((w = strtok_r(line, " \t", &save)) == NULL ||
	    strtok_r(NULL, " \t", &save) != NULL)
		return "expected one element name before '='";
	if ((e = theme_elem_find(w)) < 0) {
		buf_addf(why, "unknown element '%s'", w);
		return why->data;
	}
	if ((w = strtok_r(eq + 1, " \t", &save)) == NULL || !parse_colour(w, &s.fg) ||
	    (w = strtok_r(NULL, " \t", &save)) == NULL || !parse_colour(w, &s.bg)) {
		buf_addf(why, "'%s' is not a colour (default, red, brightred, "
		    "color0 to color255, ...)", w ? w : "");
		return why->data;
	}
	while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (!parse_attr(w, &s.attrs)) {
			buf_addf(why, "unknown attribute '%s'", w);
			return why->data;
		}
	}
	t->style[e] = s;
	return NULL;
}

static void
strip_comment(char *line)
{
	char *end;

	line[strcspn(line, "#")] = '\0';
	end = line + strlen(line);
	while (end > line && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
}

bool
theme_parse(struct kam_theme *t, const char *file, const char *text,
    struct kam_buf *err)
{
	char *copy = xstrdup(text), *line, *next;
	const char *bad;
	struct kam_buf why;
	bool ok = true;
	int n = 0;

	buf_init(&why);
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		n++;
		strip_comment(line);
		if (line[strspn(line, " \t")] == '\0')
			continue;
		buf_reset(&why);
		if ((bad = parse_line(t, line, &why)) != NULL) {
			buf_addf(err, "%s%s:%d: %s", ok ? "" : "\n", file, n, bad);
			ok = false;
		}
	}
	buf_free(&why);
	free(copy);
	return ok;
}

static bool
valid_name(const char *name)
{
	return *name != '\0' && strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == strlen(name);
}

/* A path as given, else the user's own theme, else kam's (datafile.h);
 * NULL with where kam looked in path when there is none. */
static FILE *
theme_open(const char *name, struct kam_buf *path)
{
	struct kam_buf file;
	bool found;

	if (strchr(name, '/') != NULL) {
		buf_adds(path, name);
		return regfile_fopen(name, 0);
	}
	buf_init(&file);
	buf_addf(&file, "%s.theme", name);
	found = datafile_find("themes", file.data, path);
	buf_free(&file);
	if (!found) {
		errno = ENOENT;	/* not a stale EINVAL: nothing was opened */
		return NULL;
	}
	return regfile_fopen(path->data, 0);
}

static bool
read_all(FILE *f, struct kam_buf *text)
{
	char chunk[4096];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(text, chunk, n);
		if (text->len > 1 << 20)
			return false;
	}
	return !ferror(f) && strlen(text->data) == text->len;
}

bool
theme_load(struct kam_theme *t, const char *name, struct kam_buf *err)
{
	struct kam_buf path, text;
	bool ok = false;
	FILE *f;

	theme_default(t);
	buf_init(&path);
	buf_init(&text);
	if (strchr(name, '/') == NULL && !valid_name(name))
		buf_addf(err, "'%s' is not a theme name", name);
	else if ((f = theme_open(name, &path)) == NULL) {
		/* the default theme is built in, installed or not */
		ok = strcmp(name, "default") == 0;
		if (!ok && errno == EINVAL)
			buf_addf(err, "%s: not a regular file", path.data);
		else if (!ok)
			buf_addf(err, "no theme '%s' (%s)", name, path.data);
	} else {
		if (!read_all(f, &text))
			buf_addf(err, "%s: cannot read this theme", path.data);
		else if (!(ok = theme_parse(t, path.data, text.data, err)))
			theme_default(t);
		fclose(f);
	}
	buf_free(&path);
	buf_free(&text);
	return ok;
}

/* The 16 basic colours in xterm's palette, to find the nearest one. */
static const unsigned char basic_rgb[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

static void
xterm_rgb(short c, int rgb[3])
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c >= 232) {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
		return;
	}
	c -= 16;
	rgb[0] = level[c / 36];
	rgb[1] = level[c / 6 % 6];
	rgb[2] = level[c % 6];
}

static short
nearest_basic(short c, int n)
{
	int rgb[3], best = 0;
	long best_d = -1;

	xterm_rgb(c, rgb);
	/* a grey stays a grey: by distance alone it could turn yellow */
	if (rgb[0] == rgb[1] && rgb[1] == rgb[2]) {
		if (n < 16)
			return rgb[0] < 100 ? 0 : 7;
		return (short)(rgb[0] < 60 ? 0 : rgb[0] < 160 ? 8 :
		    rgb[0] < 230 ? 7 : 15);
	}
	for (int i = 0; i < n; i++) {
		long d = 0;

		for (int k = 0; k < 3; k++)
			d += (long)(rgb[k] - basic_rgb[i][k]) * (rgb[k] - basic_rgb[i][k]);
		if (best_d < 0 || d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return (short)best;
}

short
theme_fit_colour(short c, int ncolours)
{
	if (c < 0 || c < ncolours)
		return c;
	if (c >= 16)
		return nearest_basic(c, ncolours >= 16 ? 16 : 8);
	return (short)(c - 8);	/* bright colours on an 8-colour terminal */
}

const char *
theme_voc_tone(const char *kind, enum theme_elem *role)
{
	if (kind != NULL && strcmp(kind, "complaint") == 0)
		return *role = TE_VOC_COMPLAINT_STRONG, "!";
	if (kind != NULL && strcmp(kind, "idea") == 0)
		return *role = TE_VOC_IDEA_STRONG, "~";
	return *role = TE_VOC_COMPLIMENT_STRONG, "+";
}
