/* The ":" commands: parsing what was typed into a command and its
 * argument, and ":filter" words into filters. No curses. */
#ifndef KAM_TUI_CMDLINE_H
#define KAM_TUI_CMDLINE_H

#include <stdbool.h>

#include "kam/account_list.h"
#include "kam/buf.h"

enum cmd_kind {
	CMD_NONE, CMD_ACCOUNT, CMD_SLA, CMD_THEME, CMD_FILTER, CMD_SORT,
	CMD_QUIT, CMD_HELP, CMD_AGENDA, CMD_PORTFOLIO, CMD_QUEUE,
	CMD_SYNC, CMD_VOC, CMD_CALENDARS, CMD_QUALITY, CMD_TEAM,
	CMD_STATE, CMD_TOPICS, CMD_ANSWER, CMD_OWNER	/* feedback's loop */
};

struct cmd {
	enum cmd_kind	 kind;
	const char	*arg;		/* the rest of the line, trimmed; may be "" */
};

/* Parses line (without the ':'); false with err set when it is not a
 * command or lacks its argument. The arg points into line. */
bool	cmd_parse(char *line, struct cmd *cmd, struct kam_buf *err);

/* History filters, set with ":filter channel=call feedback=complaint". */
struct hist_filter {
	char	*channel;
	char	*feedback;
};

/* Parses "tier=key owner=anna team=north lifecycle=retention
 * status=at_risk mine person=me role=service_owner channel=call
 * feedback=idea" into the account and history filters (person and role:
 * the account team); no words clears both. Unknown words or values: false
 * with err set, filters unchanged. */
bool	filter_parse(const char *args, struct acct_filter *af,
	    struct hist_filter *hf, struct kam_buf *err);
/* The filters as they are typed, for the F prompt. */
void	filter_describe(struct kam_buf *out, const struct acct_filter *af);
/* The filters in words, for the status line: "tier key, status at risk,
 * mine"; "channel call, any feedback". */
void	filter_words(struct kam_buf *out, const struct acct_filter *af);
void	hist_filter_words(struct kam_buf *out, const struct hist_filter *hf);
void	hist_filter_free(struct hist_filter *hf);

/* The next value of a cycle (NULL, then each value, then NULL again). */
const char *filter_cycle(const char *const *values, const char *current);
extern const char *const hist_channels[];
extern const char *const hist_feedbacks[];

#endif
