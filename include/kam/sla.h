/* The service level card support agents look up: the account's current
 * SLA (or its last one, or none), whether support is open right now in
 * the SLA's time zone, escalation, goodwill and active warranties. */
#ifndef KAM_SLA_H
#define KAM_SLA_H

#include <stdbool.h>

#include "kam/account.h"
#include "kam/buf.h"
#include "kam/db.h"

enum sla_field {
	SLA_ACCOUNT, SLA_ERP_ID, SLA_OWNER, SLA_OWNER_EMAIL, SLA_STATE,
	SLA_NAME, SLA_FIRST_RESPONSE, SLA_RESOLUTION, SLA_HOURS, SLA_TIME_ZONE,
	SLA_OPEN_NOW, SLA_LOCAL_NOW, SLA_CHANNELS, SLA_ESC_NAME, SLA_ESC_PHONE,
	SLA_ESC_EMAIL, SLA_ESCALATION, SLA_GOODWILL, SLA_VALID_FROM,
	SLA_VALID_TO, SLA_WARRANTIES, SLA_ALSO_VALID, SLA_JSON, SLA_ID,
	SLA_CALENDAR, SLA_CHANGE_THERE, SLA_CHANGE_HERE, SLA_CHANGE_IN,
	SLA_RESPONSE_THERE, SLA_RESPONSE_HERE, SLA_RESOLUTION_THERE,
	SLA_RESOLUTION_HERE, SLA_HOLIDAY, SLA_NFIELDS
};

/* Values as text (NULL when absent); SLA_STATE is valid, expired,
 * upcoming or missing; SLA_ID is the service level's row (NULL: none); SLA_OPEN_NOW is t or f, NULL
 * when no service level is in force; SLA_ALSO_VALID names the others in
 * force today (NULL: none); SLA_WARRANTIES holds one
 * warranty a line; SLA_JSON is the whole card as one JSON object, from
 * sla_card_lookup asked for JSON only (NULL otherwise).
 * Under a service level in force: SLA_CHANGE_* is when support next
 * closes (open now) or opens (closed), as text in the calendar's zone
 * (THERE) and the agent's (HERE, NULL when the same), and in how many
 * seconds (IN); SLA_RESPONSE_* and SLA_RESOLUTION_* when a ticket logged
 * now is due; SLA_HOLIDAY the next holiday, named. */
struct sla_card {
	char	*field[SLA_NFIELDS];
};

int	sla_card_load(struct kam_db *db, const char *account_id, struct sla_card *card);
void	sla_card_free(struct sla_card *card);

/* The same, asynchronously (see kam/db.h): recv returns false on a
 * database error; an account that has gone leaves every field NULL. */
/* The card as labelled lines, in the order support reads them; values
 * are raw text (sanitise before printing). Absent values are left out. */
enum sla_line { SLA_LINE_TEXT, SLA_LINE_WARNING, SLA_LINE_OPEN, SLA_LINE_CLOSED };
typedef void	(*sla_line_fn)(void *ctx, const char *label, const char *value,
		    enum sla_line kind);
void	sla_card_lines(const struct sla_card *c, sla_line_fn emit, void *ctx);

/* Seconds as "45 min", "4 h", "1 day 4 h" (reset first; empty for NULL). */
void	sla_duration(struct kam_buf *b, const char *seconds);
/* Seconds to come as "in 2 h 10 min", "in 1 d 3 h": the two largest
 * units, whole minutes rounded up (reset first; empty for NULL). */
void	sla_until(struct kam_buf *b, const char *seconds);

/* kam --sla in one round trip when key is an account's exact name or id
 * (two when it is not): the schema's migrations (count and latest, for
 * migrate_verdict), the accounts key names (account_find's search) and,
 * when it names exactly one, its card (with SLA_JSON when json). A
 * database error is left for the caller to read (db_error) and its code
 * returned. */
struct sla_lookup {
	int			schema_n, schema_latest;
	struct account_matches	matches;
	struct sla_card		card;	/* filled when matches.n is 1 */
};
int	sla_card_lookup(struct kam_db *db, const char *key, bool json,
	    struct sla_lookup *l);

bool	sla_card_send(struct kam_db *db, const char *account_id);
bool	sla_card_recv(struct kam_db *db, struct sla_card *card);

#endif
