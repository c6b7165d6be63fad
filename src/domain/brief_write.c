/* The brief as a document: the sections in the order of the talk, each
 * written through a few parts (heading, labelled line, list item, chart)
 * that know their format. Every value goes through markup_text; only
 * kam's own words and numbers are written as they are. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "kam/brief.h"
#include "kam/money.h"
#include "kam/spark.h"

struct doc {
	enum markup	 m;
	struct kam_buf	*out;
	bool		 in_list;	/* a list is open (HTML, roff) */
	struct kam_buf	 line;		/* one value put together */
};

/* groff -ms for one page of A4: small type, narrow margins, no page
 * headers or footers. */
static const char roff_start[] =
	".\\\" kam --brief: groff -ms input (groff_ms(7))\n"
	".nr PS 8\n.nr VS 9.5p\n.nr PD 0.5p\n.nr PO 0.7i\n.nr LL 6.9i\n"
	".nr HM 0.4i\n.nr FM 0.4i\n"
	".ds LH\n.ds CH\n.ds RH\n.ds LF\n.ds CF\n.ds RF\n";

static const char html_start[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<style>body{font:10pt sans-serif;max-width:48em;margin:1em auto}"
	"h1{font-size:14pt}h2{font-size:11pt;margin:.8em 0 .2em}"
	"p,ul{margin:.1em 0}svg{vertical-align:bottom}</style>\n";

static void
text(struct doc *d, const char *s)
{
	markup_text(d->out, d->m, s);
}

/* A value cut to a line of the page (an item's or a field's). */
static void
line_text(struct doc *d, const char *s)
{
	markup_text_cut(d->out, d->m, s, BRIEF_LINE);
}

static void
list_end(struct doc *d)
{
	if (!d->in_list)
		return;
	d->in_list = false;
	buf_adds(d->out, d->m == MARKUP_HTML ? "</ul>\n" :
	    d->m == MARKUP_ROFF ? ".LP\n" : "");
}

static void
doc_start(struct doc *d, const char *name, const char *today)
{
	if (d->m == MARKUP_ROFF) {
		buf_adds(d->out, roff_start);
		buf_adds(d->out, ".TL\n");
	} else if (d->m == MARKUP_HTML) {
		buf_adds(d->out, html_start);
		buf_adds(d->out, "<title>Annual talk brief: ");
		text(d, name);
		buf_adds(d->out, "</title>\n</head>\n<body>\n<h1>");
	} else
		buf_adds(d->out, "# ");
	buf_adds(d->out, d->m == MARKUP_ROFF ? "\\&Annual talk brief: " :
	    "Annual talk brief: ");
	/* roff: the value's own \& is harmless mid-line */
	text(d, name);
	buf_adds(d->out, ", ");
	text(d, today);
	buf_adds(d->out, d->m == MARKUP_ROFF ? "\n" :
	    d->m == MARKUP_HTML ? "</h1>\n" : "\n");
}

static void
doc_end(struct doc *d)
{
	list_end(d);
	if (d->m == MARKUP_HTML)
		buf_adds(d->out, "</body>\n</html>\n");
}

static void
section(struct doc *d, const char *title)
{
	list_end(d);
	if (d->m == MARKUP_ROFF)
		buf_addf(d->out, ".SH\n%s\n.LP\n", title);
	else if (d->m == MARKUP_HTML)
		buf_addf(d->out, "<h2>%s</h2>\n", title);
	else
		buf_addf(d->out, "\n## %s\n\n", title);
}

static void
label(struct doc *d, const char *name)
{
	list_end(d);
	if (d->m == MARKUP_ROFF)
		buf_addf(d->out, "\\fB%s:\\fP ", name);
	else if (d->m == MARKUP_HTML)
		buf_addf(d->out, "<p><b>%s:</b> ", name);
	else
		buf_addf(d->out, "- **%s:** ", name);
}

static void
label_end(struct doc *d)
{
	buf_adds(d->out, d->m == MARKUP_ROFF ? "\n.br\n" :
	    d->m == MARKUP_HTML ? "</p>\n" : "\n");
}

/* A labelled line; nothing when the value is absent. */
static void
field(struct doc *d, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	if (*name != '\0')
		label(d, name);
	else {	/* a value's second line */
		list_end(d);
		buf_adds(d->out, d->m == MARKUP_HTML ? "<p>" :
		    d->m == MARKUP_MD ? "- " : "");
	}
	line_text(d, value);
	label_end(d);
}

static void
item(struct doc *d, const char *value)
{
	if (!d->in_list && d->m == MARKUP_HTML)
		buf_adds(d->out, "<ul>\n");
	d->in_list = true;
	buf_adds(d->out, d->m == MARKUP_ROFF ? ".IP \\(bu 1.2m\n" :
	    d->m == MARKUP_HTML ? "<li>" : "- ");
	line_text(d, value);
	buf_adds(d->out, d->m == MARKUP_HTML ? "</li>\n" : "\n");
}

/* The sparkline as a small bar chart: groff draws filled polygons
 * (groff(7), \D'P ...'), HTML an inline SVG, Markdown the block
 * characters the screens use. A month without orders is a gap. */
static void
chart(struct doc *d, const char *levels)
{
	size_t n = strlen(levels);

	if (d->m == MARKUP_MD) {
		spark_line(d->out, levels, true);
		return;
	}
	if (d->m == MARKUP_HTML)
		buf_addf(d->out, "<svg width=\"%zu\" height=\"16\" role=\"img\" "
		    "aria-label=\"orders a month\">", n * 6);
	else
		buf_adds(d->out, "\\x'-6p'");
	for (size_t i = 0; i < n; i++) {
		int h = levels[i] >= '0' && levels[i] <= '7' ?
		    (levels[i] - '0' + 1) * 2 : 0;

		if (d->m == MARKUP_HTML && h > 0)
			buf_addf(d->out, "<rect x=\"%zu\" y=\"%d\" width=\"5\" "
			    "height=\"%d\"/>", i * 6, 16 - h, h);
		else if (d->m == MARKUP_ROFF && h > 0)
			buf_addf(d->out, "\\D'P 0 -%dp 4p 0 0 %dp'\\h'1p'", h * 3 / 4,
			    h * 3 / 4);
		else if (d->m == MARKUP_ROFF)
			buf_adds(d->out, "\\h'5p'");
	}
	if (d->m == MARKUP_HTML)
		buf_adds(d->out, "</svg>");
}

/* NULL as "": for values put together. */
static const char *
s(const char *v)
{
	return v ? v : "";
}

static const char *
head(const struct brief *b, enum brief_head f)
{
	return res_get(b->head, 0, f);
}

static void
master_data(struct doc *d, const struct brief *b)
{
	section(d, "Account");
	buf_reset(&d->line);
	buf_addf(&d->line, "%s%s%s", s(head(b, BH_NAME)),
	    head(b, BH_ERP_ID) ? ", ERP " : "", s(head(b, BH_ERP_ID)));
	field(d, "Account", d->line.data);
	field(d, "Legal name", head(b, BH_LEGAL_NAME));
	buf_reset(&d->line);
	buf_addf(&d->line, "%s, %s, %s", s(head(b, BH_TIER)),
	    s(head(b, BH_LIFECYCLE)), s(head(b, BH_STATUS)));
	field(d, "Tier, lifecycle, status", d->line.data);
	field(d, "Industry", head(b, BH_INDUSTRY));
	buf_reset(&d->line);
	if (head(b, BH_ADDRESS) != NULL)
		buf_addf(&d->line, "%s, ", head(b, BH_ADDRESS));
	buf_addf(&d->line, "%s%s%s", s(head(b, BH_CITY)),
	    head(b, BH_CITY) && head(b, BH_COUNTRY) ? ", " : "",
	    s(head(b, BH_COUNTRY)));
	field(d, "Address", d->line.data);
	field(d, "VAT id", head(b, BH_VAT_ID));
	field(d, "Part of", head(b, BH_PARENT));
	buf_reset(&d->line);
	money_format(&d->line, head(b, BH_CREDIT_LIMIT), head(b, BH_CURRENCY));
	field(d, "Credit limit", d->line.data);
	field(d, "Payment terms", head(b, BH_PAYMENT_TERMS));
}

static void
revenue(struct doc *d, const struct brief *b)
{
	const char *cur = head(b, BH_CURRENCY);

	buf_reset(&d->line);
	money_format(&d->line, head(b, BH_REVENUE), cur);
	if (head(b, BH_TARGET) != NULL) {
		buf_adds(&d->line, " of ");
		money_format(&d->line, head(b, BH_TARGET), cur);
		if (head(b, BH_TARGET_PCT) != NULL)
			buf_addf(&d->line, " (%s %%)", head(b, BH_TARGET_PCT));
	} else
		buf_adds(&d->line, ", no target");
	field(d, "Revenue this year", d->line.data);
	if (head(b, BH_GROWTH) != NULL) {
		buf_reset(&d->line);
		buf_addf(&d->line, "%s %% on the same months last year",
		    head(b, BH_GROWTH));
		field(d, "Orders", d->line.data);
	}
	if (head(b, BH_SPARK) != NULL) {
		label(d, "Orders a month");
		chart(d, head(b, BH_SPARK));
		buf_reset(&d->line);
		buf_addf(&d->line, " %s to %s", s(head(b, BH_SPARK_FROM)),
		    s(head(b, BH_SPARK_TO)));
		if (head(b, BH_MONTH_MAX) != NULL) {
			buf_adds(&d->line, ", best month ");
			money_format(&d->line, head(b, BH_MONTH_MAX), cur);
		}
		text(d, d->line.data);
		label_end(d);
	}
	if (head(b, BH_OVERDUE_INVOICES) != NULL &&
	    strcmp(head(b, BH_OVERDUE_INVOICES), "0") != 0) {
		buf_reset(&d->line);
		money_format(&d->line, head(b, BH_OVERDUE), cur);
		buf_addf(&d->line, " (invoices: %s)", head(b, BH_OVERDUE_INVOICES));
		field(d, "Overdue", d->line.data);
	}
}

/* Rows shown of list l, and a last item when it has more. */
static int
shown(const struct brief *b, enum brief_list l, int limit)
{
	int n = res_rows(b->list[l]);

	return n > limit ? limit : n;
}

static void
more(struct doc *d, const struct brief *b, enum brief_list l, int limit)
{
	if (res_rows(b->list[l]) > limit)
		item(d, "and more: see kam");
}

static const char *
row(const struct brief *b, enum brief_list l, int i, int f)
{
	return res_get(b->list[l], i, f);
}

/* Each role of the account team, its person and deputy: the role's name
 * is an administrator's text, so an item (escaped), not a label. */
static void
roles(struct doc *d, const struct brief *b)
{
	int n = shown(b, BL_ROLES, BRIEF_ROLES);

	for (int i = 0; i < n; i++) {
		buf_reset(&d->line);
		buf_addf(&d->line, "%s: %s", row(b, BL_ROLES, i, BR_LABEL),
		    row(b, BL_ROLES, i, BR_PERSON));
		if (row(b, BL_ROLES, i, BR_DEPUTY) != NULL)
			buf_addf(&d->line, ", deputy %s",
			    row(b, BL_ROLES, i, BR_DEPUTY));
		item(d, d->line.data);
	}
	more(d, b, BL_ROLES, BRIEF_ROLES);
}

static void
team(struct doc *d, const struct brief *b)
{
	section(d, "Account team");
	buf_reset(&d->line);
	buf_addf(&d->line, "%s%s%s%s", head(b, BH_OWNER) ? head(b, BH_OWNER) :
	    "nobody", head(b, BH_OWNER_EMAIL) ? " <" : "",
	    s(head(b, BH_OWNER_EMAIL)), head(b, BH_OWNER_EMAIL) ? ">" : "");
	field(d, "Owner", d->line.data);
	field(d, "Team", head(b, BH_TEAM));
	field(d, "Team members", head(b, BH_TEAM_MEMBERS));
	roles(d, b);
}

static void
plan(struct doc *d, const struct brief *b)
{
	int n = shown(b, BL_ACTIONS, BRIEF_ACTIONS);

	buf_reset(&d->line);
	buf_addf(&d->line, "Plan %s and progress", s(head(b, BH_YEAR)));
	section(d, d->line.data);
	if (head(b, BH_PLAN_STATUS) == NULL) {
		field(d, "Plan", "none for this year");
		revenue(d, b);
		return;
	}
	buf_reset(&d->line);
	buf_addf(&d->line, "%s, %s of %s actions done%s", head(b, BH_PLAN_STATUS),
	    s(head(b, BH_ACTIONS_DONE)), s(head(b, BH_ACTIONS_TOTAL)),
	    strcmp(s(head(b, BH_INNOVATION)), "t") == 0 ?
	    ", innovation access" : "");
	field(d, "Plan", d->line.data);
	buf_reset(&d->line);
	buf_addf(&d->line, "%s%s%s", s(head(b, BH_TALK)),
	    head(b, BH_TALK_ON) ? ", " : "", s(head(b, BH_TALK_ON)));
	field(d, "Annual talk", d->line.data);
	revenue(d, b);
	for (int i = 0; i < n; i++) {
		buf_reset(&d->line);
		buf_addf(&d->line, "%s (%s, %s", row(b, BL_ACTIONS, i, BA_TITLE),
		    row(b, BL_ACTIONS, i, BA_KIND), row(b, BL_ACTIONS, i, BA_STATUS));
		if (row(b, BL_ACTIONS, i, BA_DONE_ON) != NULL)
			buf_addf(&d->line, " %s", row(b, BL_ACTIONS, i, BA_DONE_ON));
		else if (row(b, BL_ACTIONS, i, BA_DUE) != NULL)
			buf_addf(&d->line, ", due %s", row(b, BL_ACTIONS, i, BA_DUE));
		if (row(b, BL_ACTIONS, i, BA_OWNER) != NULL)
			buf_addf(&d->line, ", %s", row(b, BL_ACTIONS, i, BA_OWNER));
		buf_adds(&d->line, ")");
		item(d, d->line.data);
	}
	more(d, b, BL_ACTIONS, BRIEF_ACTIONS);
}

/* The SLA card's lines, those of the account and its owner left out
 * (above already), and the warranties (conditions, listed below); a
 * value of several lines becomes several. */
static void
sla_line(void *ctx, const char *name, const char *value, enum sla_line kind)
{
	struct doc *d = ctx;
	const char *nl;

	(void)kind;
	if (strcmp(name, "Account") == 0 || strcmp(name, "Account owner") == 0 ||
	    strcmp(name, "Warranty") == 0)
		return;
	while ((nl = strchr(value, '\n')) != NULL) {
		struct kam_buf part;

		buf_init(&part);
		buf_add(&part, value, (size_t)(nl - value));
		field(d, name, part.data);
		buf_free(&part);
		value = nl + 1;
	}
	field(d, name, value);
}

static void
condition_text(struct kam_buf *out, const struct brief *b, int i)
{
	const char *unit = row(b, BL_CONDITIONS, i, BC_UNIT);

	buf_addf(out, "%s: %s", row(b, BL_CONDITIONS, i, BC_KIND),
	    row(b, BL_CONDITIONS, i, BC_TITLE));
	if (unit != NULL && strcmp(unit, "amount") == 0) {
		buf_adds(out, ", ");
		money_format(out, row(b, BL_CONDITIONS, i, BC_VALUE),
		    head(b, BH_CURRENCY));
	} else if (unit != NULL)
		buf_addf(out, ", %s %s", row(b, BL_CONDITIONS, i, BC_VALUE),
		    strcmp(unit, "percent") == 0 ? "%" : unit);
	buf_addf(out, ", from %s", row(b, BL_CONDITIONS, i, BC_FROM));
	if (row(b, BL_CONDITIONS, i, BC_TO) != NULL)
		buf_addf(out, " to %s", row(b, BL_CONDITIONS, i, BC_TO));
}

static void
conditions(struct doc *d, const struct brief *b)
{
	int n = shown(b, BL_CONDITIONS, BRIEF_CONDITIONS);

	section(d, "Conditions and service level");
	sla_card_lines(&b->sla, sla_line, d);
	if (n == 0)
		field(d, "Conditions", "none in force");
	for (int i = 0; i < n; i++) {
		buf_reset(&d->line);
		condition_text(&d->line, b, i);
		item(d, d->line.data);
	}
	more(d, b, BL_CONDITIONS, BRIEF_CONDITIONS);
}

static void
feedback(struct doc *d, const struct brief *b)
{
	int n = shown(b, BL_FEEDBACK, BRIEF_FEEDBACK);

	section(d, "Open complaints and ideas");
	if (n == 0)
		field(d, "Open", "none");
	for (int i = 0; i < n; i++) {
		buf_reset(&d->line);
		buf_addf(&d->line, "%s %s: %s", row(b, BL_FEEDBACK, i, BF_ON),
		    row(b, BL_FEEDBACK, i, BF_KIND), row(b, BL_FEEDBACK, i, BF_SUBJECT));
		if (row(b, BL_FEEDBACK, i, BF_STATE) != NULL)
			buf_addf(&d->line, " (%s)", row(b, BL_FEEDBACK, i, BF_STATE));
		if (row(b, BL_FEEDBACK, i, BF_DUE) != NULL)
			buf_addf(&d->line, ", answer due %s",
			    row(b, BL_FEEDBACK, i, BF_DUE));
		item(d, d->line.data);
	}
	more(d, b, BL_FEEDBACK, BRIEF_FEEDBACK);
}

static void
contacts(struct doc *d, const struct brief *b)
{
	int n = shown(b, BL_CONTACTS, BRIEF_CONTACTS);

	section(d, "Last contacts");
	if (head(b, BH_CONTACT_DAYS) != NULL) {
		buf_reset(&d->line);
		buf_addf(&d->line, "%s days ago", head(b, BH_CONTACT_DAYS));
		field(d, "Last contact", d->line.data);
	}
	if (n == 0)
		field(d, "Contacts", "none logged");
	for (int i = 0; i < n; i++) {
		buf_reset(&d->line);
		buf_addf(&d->line, "%s %s %s: %s", row(b, BL_CONTACTS, i, BT_ON),
		    row(b, BL_CONTACTS, i, BT_DIRECTION),
		    row(b, BL_CONTACTS, i, BT_CHANNEL),
		    row(b, BL_CONTACTS, i, BT_SUBJECT));
		if (row(b, BL_CONTACTS, i, BT_CONTACT) != NULL)
			buf_addf(&d->line, " (%s)", row(b, BL_CONTACTS, i, BT_CONTACT));
		item(d, d->line.data);
	}
	more(d, b, BL_CONTACTS, BRIEF_CONTACTS);
}

/* The talk's points: the plan's objectives, one a line, then what the
 * figures above raise: the year against target, conditions ending within
 * 90 days, open feedback, a service level not in force, next year. */
static void
agenda(struct doc *d, const struct brief *b)
{
	const char *obj = head(b, BH_OBJECTIVES), *nl;
	const char *state = b->sla.field[SLA_STATE];
	const char *year_text = s(head(b, BH_YEAR));
	char *end;
	long year = strtol(year_text, &end, 10);

	section(d, "Agenda of the talk");
	item(d, "The year so far: revenue against target, the plan's actions");
	for (int k = 0; obj != NULL && *obj != '\0'; k++) {
		if (k == BRIEF_OBJECTIVES) {
			item(d, "More objectives: see the plan in kam");
			break;
		}
		nl = strchr(obj, '\n');
		buf_reset(&d->line);
		buf_adds(&d->line, "Objective: ");
		buf_add(&d->line, obj, nl ? (size_t)(nl - obj) : strlen(obj));
		if (d->line.len > strlen("Objective: "))
			item(d, d->line.data);
		obj = nl ? nl + 1 : NULL;
	}
	for (int i = 0; i < shown(b, BL_CONDITIONS, BRIEF_CONDITIONS); i++)
		if (strcmp(s(row(b, BL_CONDITIONS, i, BC_ENDING)), "t") == 0) {
			buf_reset(&d->line);
			buf_addf(&d->line, "Renewal: %s, ends %s",
			    row(b, BL_CONDITIONS, i, BC_TITLE),
			    row(b, BL_CONDITIONS, i, BC_TO));
			item(d, d->line.data);
		}
	if (res_rows(b->list[BL_FEEDBACK]) > 0)
		item(d, "The open complaints and ideas above");
	if (state != NULL && strcmp(state, "valid") != 0) {
		buf_reset(&d->line);
		buf_addf(&d->line, "Service level: %s", state);
		item(d, d->line.data);
	}
	/* the year is the database's; a brief without one names no next */
	if (end == year_text || *end != '\0' || year < 1 || year > 9998)
		return;
	buf_reset(&d->line);
	buf_addf(&d->line, "Plan and target for %ld", year + 1);
	item(d, d->line.data);
}

void
brief_write(const struct brief *b, enum markup m, struct kam_buf *out)
{
	struct doc d = { .m = m, .out = out };

	buf_init(&d.line);
	doc_start(&d, head(b, BH_NAME), head(b, BH_TODAY));
	master_data(&d, b);
	team(&d, b);
	plan(&d, b);
	conditions(&d, b);
	feedback(&d, b);
	contacts(&d, b);
	agenda(&d, b);
	doc_end(&d);
	buf_free(&d.line);
}
