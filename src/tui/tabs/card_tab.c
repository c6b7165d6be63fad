#include <string.h>

#include "card_tab.h"
#include "client.h"
#include "kam/sla.h"

#define CT(v) ((struct card_tab *)(v))

void
card_tab_init(struct card_tab *ct, const struct kam_view_ops *ops,
    struct view *account, const char *what)
{
	ct->v.ops = ops;
	ct->v.parent = account;
	ct->what = what;
	card_init(&ct->card);
}

void
card_tab_draw(struct view *v, struct tui *t, int y0, int height)
{
	card_draw(t, &CT(v)->card, y0, height);
}

bool
card_tab_action(struct view *v, struct tui *t, enum kam_action a)
{
	(void)t;
	return listnav_act(&CT(v)->card.nav, a);
}

void
card_tab_search(struct view *v, struct tui *t, const char *text, bool live)
{
	(void)t;
	if (!live && text != NULL && *text != '\0')
		card_find(&CT(v)->card, text, 1);
}

bool
card_tab_search_next(struct view *v, struct tui *t, int dir)
{
	return card_find(&CT(v)->card, t->search, dir);
}

void
card_tab_status(struct view *v, struct tui *t, struct kam_buf *out)
{
	(void)t;
	buf_addf(out, " %s", CT(v)->what);
}

void
card_tab_clear(struct view *v)
{
	card_clear(&CT(v)->card);
}

static void
sla_line(void *ctx, const char *label, const char *value, enum sla_line kind)
{
	static const enum theme_elem roles[] = {
		[SLA_LINE_TEXT] = TE_NORMAL, [SLA_LINE_WARNING] = TE_STATUS_ERROR,
		[SLA_LINE_OPEN] = TE_SLA_OPEN, [SLA_LINE_CLOSED] = TE_SLA_CLOSED,
	};

	card_add(ctx, label, value, roles[kind]);
}

void
card_add_sla(struct card *c, const struct sla_card *sla)
{
	if (sla->field[SLA_STATE] != NULL)
		sla_card_lines(sla, sla_line, c);
}
