#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "kam/words.h"
#include "kam/xalloc.h"

#include "kam/countof.h"

static const struct {
	const char	*name;
	enum cmd_kind	 kind;
	bool		 needs_arg;
} commands[] = {
	{ "account", CMD_ACCOUNT, true }, { "a", CMD_ACCOUNT, true },
	{ "sla", CMD_SLA, false }, { "theme", CMD_THEME, true },
	{ "filter", CMD_FILTER, false }, { "sort", CMD_SORT, true },
	{ "q", CMD_QUIT, false }, { "quit", CMD_QUIT, false },
	{ "help", CMD_HELP, false }, { "agenda", CMD_AGENDA, false },
	{ "portfolio", CMD_PORTFOLIO, false }, { "queue", CMD_QUEUE, false },
	{ "calendars", CMD_CALENDARS, false },
	{ "sync", CMD_SYNC, false }, { "voc", CMD_VOC, false },
	{ "state", CMD_STATE, true }, { "topics", CMD_TOPICS, false },
	{ "answer", CMD_ANSWER, true }, { "owner", CMD_OWNER, true },
	{ "quality", CMD_QUALITY, false },
	{ "team", CMD_TEAM, true },
};

const char *const hist_channels[] = {
	"call", "email", "meeting", "visit", "ticket", "chat", NULL
};
const char *const hist_feedbacks[] = {
	"compliment", "idea", "complaint", "any", NULL
};
static const char *const tiers[] = { "strategic", "key", "standard", NULL };
static const char *const lifecycles[] = {
	"acquisition", "development", "retention", NULL
};
static const char *const statuses[] = {
	"active", "at_risk", "dormant", "churned", NULL
};

static char *
trim(char *s)
{
	char *end;

	s += strspn(s, " \t");
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

bool
cmd_parse(char *line, struct cmd *cmd, struct kam_buf *err)
{
	char *s = trim(line), *rest;
	size_t len = strcspn(s, " \t");

	rest = s[len] ? trim(s + len + 1) : s + len;
	s[len] = '\0';
	cmd->kind = CMD_NONE;
	cmd->arg = rest;
	if (*s == '\0')
		return true;
	for (size_t i = 0; i < countof(commands); i++) {
		if (strcmp(commands[i].name, s) != 0)
			continue;
		if (commands[i].needs_arg && *rest == '\0') {
			buf_addf(err, ":%s needs an argument", s);
			return false;
		}
		cmd->kind = commands[i].kind;
		return true;
	}
	buf_addf(err, "unknown command ':%s' (try :account, :sla, :agenda, "
	    ":portfolio, :queue, :voc, :calendars, :quality, :theme, :filter, "
	    ":sort, :q)", s);
	return false;
}

static bool
one_of(const char *const *values, const char *v)
{
	for (; *values; values++)
		if (strcmp(*values, v) == 0)
			return true;
	return false;
}

const char *
filter_cycle(const char *const *values, const char *current)
{
	if (current == NULL)
		return values[0];
	for (; *values; values++)
		if (strcmp(*values, current) == 0)
			return values[1];
	return NULL;
}

/* The slot a "key=value" word sets, and the values it may take (NULL:
 * any). */
static char **
filter_slot(const char *key, struct acct_filter *af, struct hist_filter *hf,
    const char *const **allowed)
{
	static const struct { const char *key; int which; const char *const *ok; }
	keys[] = {
		{ "tier", 0, tiers }, { "owner", 1, NULL }, { "team", 2, NULL },
		{ "lifecycle", 3, lifecycles }, { "status", 4, statuses },
		{ "channel", 5, hist_channels }, { "feedback", 6, hist_feedbacks },
		{ "person", 7, NULL }, { "role", 8, NULL },
	};
	char **slots[] = { &af->tier, &af->owner, &af->team, &af->lifecycle,
	    &af->status, &hf->channel, &hf->feedback, &af->team_person,
	    &af->team_role };

	for (size_t i = 0; i < countof(keys); i++) {
		if (strcmp(keys[i].key, key) == 0) {
			*allowed = keys[i].ok;
			return slots[keys[i].which];
		}
	}
	return NULL;
}

static bool
filter_word(char *word, struct acct_filter *af, struct hist_filter *hf,
    struct kam_buf *err)
{
	char *eq = strchr(word, '='), **slot;
	const char *const *allowed = NULL;

	if (strcmp(word, "mine") == 0)
		return af->mine = true, true;
	if (eq == NULL || eq[1] == '\0') {
		buf_addf(err, "'%s': expected key=value or mine", word);
		return false;
	}
	*eq = '\0';
	if ((slot = filter_slot(word, af, hf, &allowed)) == NULL) {
		buf_addf(err, "unknown filter '%s' (tier, owner, team, lifecycle, "
		    "status, mine, person, role, channel, feedback)", word);
		return false;
	}
	if (allowed != NULL && !one_of(allowed, eq + 1)) {
		buf_addf(err, "%s cannot be '%s'", word, eq + 1);
		return false;
	}
	free(*slot);
	*slot = xstrdup(eq + 1);
	return true;
}

bool
filter_parse(const char *args, struct acct_filter *af, struct hist_filter *hf,
    struct kam_buf *err)
{
	struct acct_filter a = { 0 };
	struct hist_filter h = { 0 };
	char *copy = xstrdup(args), *w, *save = NULL;
	bool ok = true;

	for (w = strtok_r(copy, " \t", &save); w && ok;
	    w = strtok_r(NULL, " \t", &save))
		ok = filter_word(w, &a, &h, err);
	free(copy);
	if (!ok) {
		acct_filter_free(&a);
		hist_filter_free(&h);
		return false;
	}
	a.search = af->search;	/* the search is not a filter word, */
	af->search = NULL;
	a.folded = af->folded;	/* nor the list's folding */
	a.open_group = af->open_group;
	af->open_group = NULL;
	acct_filter_free(af);
	hist_filter_free(hf);
	*af = a;
	*hf = h;
	return true;
}

void
filter_describe(struct kam_buf *out, const struct acct_filter *af)
{
	const char *names[] = { "tier", "owner", "team", "lifecycle", "status",
	    "person", "role" };
	const char *vals[] = { af->tier, af->owner, af->team, af->lifecycle,
	    af->status, af->team_person, af->team_role };
	size_t start = out->len;

	for (size_t i = 0; i < countof(names); i++)
		if (vals[i] != NULL)
			buf_addf(out, "%s%s=%s", out->len > start ? " " : "",
			    names[i], vals[i]);
	if (af->mine)
		buf_addf(out, "%smine", out->len > start ? " " : "");
}

/* One filter in words after the ones before it in out (from start). */
static void
add_filter(struct kam_buf *out, size_t start, const char *key, const char *value)
{
	if (value == NULL)
		return;
	buf_adds(out, out->len > start ? ", " : "");
	if (key != NULL && strcmp(value, "any") == 0)
		buf_addf(out, "any %s", key);
	else if (key != NULL)
		buf_addf(out, "%s %s", key, words_of(value));
	else
		buf_adds(out, value);
}

void
filter_words(struct kam_buf *out, const struct acct_filter *af)
{
	size_t start = out->len;

	add_filter(out, start, "tier", af->tier);
	add_filter(out, start, "owner", af->owner);
	add_filter(out, start, "team", af->team);
	add_filter(out, start, "lifecycle", af->lifecycle);
	add_filter(out, start, "status", af->status);
	add_filter(out, start, NULL, af->mine ? "mine" : NULL);
	add_filter(out, start, "person", af->team_person);
	add_filter(out, start, "role", af->team_role);
}

void
hist_filter_words(struct kam_buf *out, const struct hist_filter *hf)
{
	size_t start = out->len;

	add_filter(out, start, "channel", hf->channel);
	add_filter(out, start, "feedback", hf->feedback);
}

void
hist_filter_free(struct hist_filter *hf)
{
	free(hf->channel);
	free(hf->feedback);
	hf->channel = hf->feedback = NULL;
}
