/* The annual-talk brief (kam --brief, b in the client): one page on one
 * account for the talk with the customer, read from the database in one
 * go (brief_load) and written as Markdown, HTML or groff -ms input
 * (brief_write; kam --brief runs groff for the PDF). Figures come from
 * where the screens get them: revenue, target and the 24 months from
 * kam.portfolio (migration 0030), the service level from the SLA card
 * (kam/sla.h). Money always with its currency: the account's own. */
#ifndef KAM_BRIEF_H
#define KAM_BRIEF_H

#include "kam/buf.h"
#include "kam/db.h"
#include "kam/markup.h"
#include "kam/sla.h"

/* The head: master data, the team, this year's plan and the figures. */
enum brief_head {
	BH_TODAY, BH_NAME, BH_ERP_ID, BH_LEGAL_NAME, BH_VAT_ID, BH_TIER,
	BH_LIFECYCLE, BH_STATUS, BH_INDUSTRY, BH_CITY, BH_COUNTRY, BH_ADDRESS,
	BH_PARENT, BH_CURRENCY, BH_CREDIT_LIMIT, BH_PAYMENT_TERMS, BH_OWNER,
	BH_OWNER_EMAIL, BH_TEAM, BH_TEAM_MEMBERS, BH_YEAR, BH_PLAN_STATUS,
	BH_TALK, BH_TALK_ON, BH_OBJECTIVES, BH_INNOVATION, BH_ACTIONS_DONE,
	BH_ACTIONS_TOTAL, BH_REVENUE, BH_TARGET, BH_TARGET_PCT, BH_SPARK,
	BH_SPARK_FROM, BH_SPARK_TO, BH_MONTH_MAX, BH_GROWTH,
	BH_OVERDUE_INVOICES, BH_OVERDUE, BH_CONTACT_DAYS, BH_NFIELDS
};
enum brief_action { BA_TITLE, BA_KIND, BA_OWNER, BA_DUE, BA_STATUS,
	BA_DONE_ON, BA_NFIELDS };
enum brief_condition { BC_KIND, BC_TITLE, BC_VALUE, BC_UNIT, BC_FROM,
	BC_TO, BC_ENDING, BC_NFIELDS };
enum brief_feedback { BF_KIND, BF_ON, BF_SUBJECT, BF_STATE, BF_DUE,
	BF_NFIELDS };
enum brief_contact { BT_ON, BT_CHANNEL, BT_DIRECTION, BT_SUBJECT,
	BT_CONTACT, BT_AUTHOR, BT_NFIELDS };
/* The account team's roles beside the owner in sales (kam.team_member). */
enum brief_role { BR_LABEL, BR_PERSON, BR_DEPUTY, BR_NFIELDS };

/* Lists are cut at these lengths, and values at a line of the page
 * (columns), so that the brief holds on one page; each list says when
 * there are more. */
#define BRIEF_ACTIONS		5
#define BRIEF_CONDITIONS	5
#define BRIEF_FEEDBACK		4
#define BRIEF_CONTACTS		4
#define BRIEF_ROLES		6
#define BRIEF_OBJECTIVES	3	/* lines of the plan's objectives */
#define BRIEF_LINE		120

enum brief_list { BL_ACTIONS, BL_CONDITIONS, BL_FEEDBACK, BL_CONTACTS,
	BL_ROLES, BL_NLISTS };

struct brief {
	struct kam_res	*head;			/* one row */
	struct kam_res	*list[BL_NLISTS];	/* up to the limit + 1 rows */
	struct sla_card	 sla;
};

/* Reads the brief of the account with id account_id; a sysexits code,
 * the database's error logged. */
int	brief_load(struct kam_db *db, const char *account_id, struct brief *b);
void	brief_free(struct brief *b);

/* Appends the brief as a whole document in format m (MARKUP_ROFF: groff
 * -ms input for one page of A4). */
void	brief_write(const struct brief *b, enum markup m, struct kam_buf *out);

#endif
