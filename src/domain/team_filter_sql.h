/* The account team filter of the list and the portfolio (issue 17, item
 * 4) as SQL text over an account's id and owner, the person and the role
 * given as parameters: accounts where PERSON (a login; NULL or "me": the
 * user) is on the account team, as owner in sales, person or deputy
 * (kam.in_account_team, migration 0050), in ROLE when one is given
 * ("sales": the owner). Both NULL: no filter. */
#ifndef KAM_TEAM_FILTER_SQL_H
#define KAM_TEAM_FILTER_SQL_H

#define TEAM_PERSON(person) "coalesce(nullif(" person "::text, 'me'), " \
	"(SELECT u.role_name FROM kam.app_user u WHERE u.id = kam.my_user_id()))"

#define TEAM_FILTER(id, owner, person, role) \
	"((" person "::text IS NULL AND " role "::text IS NULL) OR CASE " \
	"WHEN " role "::text IS NULL THEN kam.in_account_team(" id ", " \
	TEAM_PERSON(person) ") WHEN " role " = 'sales' THEN " owner " = " \
	"(SELECT u.id FROM kam.app_user u WHERE u.role_name = " \
	TEAM_PERSON(person) ") ELSE EXISTS (SELECT 1 FROM kam.team_member t " \
	"JOIN kam.app_user u ON u.id IN (t.person_id, t.deputy_id) " \
	"WHERE t.account_id = " id " AND t.role = " role " AND u.role_name = " \
	TEAM_PERSON(person) ") END)"

#endif
