#include <string.h>

#include "prompt.h"

#define PROMPT_MAX 256	/* bytes: a search or command, not a document */

void
prompt_init(struct prompt *p)
{
	memset(p, 0, sizeof *p);
	textedit_init(&p->ed, PROMPT_MAX, false);
}

void
prompt_free(struct prompt *p)
{
	textedit_free(&p->ed);
}

void
prompt_open(struct prompt *p, char lead, const char *text)
{
	p->active = true;
	p->lead = lead;
	textedit_set(&p->ed, text);
}

void
prompt_close(struct prompt *p)
{
	p->active = false;
}

static enum prompt_result
result(enum tx_result r)
{
	return r == TX_EDITED ? PROMPT_EDITED : r == TX_MOVED ? PROMPT_MOVED :
	    PROMPT_IGNORED;
}

enum prompt_result
prompt_insert(struct prompt *p, uint32_t cp)
{
	return result(textedit_insert(&p->ed, cp));
}

enum prompt_result
prompt_act(struct prompt *p, enum kam_action a)
{
	switch (a) {
	case ACT_ACCEPT: return PROMPT_ACCEPT;
	case ACT_CANCEL: return PROMPT_CANCEL;
	case ACT_ERASE:
		/* Backspace on an empty prompt closes it, as in vi and less */
		if (p->ed.text.len == 0)
			return PROMPT_CANCEL;
		return result(textedit_act(&p->ed, a));
	default: return result(textedit_act(&p->ed, a));
	}
}
