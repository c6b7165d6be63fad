#!/usr/bin/env bats
# The portfolio in a real terminal (tmux): p and :portfolio, each
# account's figures as kam.portfolio has them, the bar and the sparkline
# (Unicode, or ASCII outside UTF-8), sort and filter as on the list, the
# team's totals in the reporting currency, Enter to the account, and a
# role that may not read plans refused.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_start
	psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
-- C1 (anna, key): a target, orders in two of the last 24 months
UPDATE kam.account_plan SET year = extract(year FROM current_date), revenue_target = 200000
 WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1')
   AND NOT EXISTS (SELECT 1 FROM kam.account_plan q WHERE q.account_id = kam.account_plan.account_id
                    AND q.year = extract(year FROM current_date));
INSERT INTO kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, erp_updated_at)
SELECT 'PF' || g, id, 'PF-' || g, (date_trunc('month', current_date) - (g || ' months')::interval)::date,
       100 * (g + 1), 'EUR', 'shipped', now()
  FROM kam.account, generate_series(0, 23, 3) g WHERE erp_id = 'C1';
SQL
}

teardown_file() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	screen_db_stop
}

setup() {
	. "$KAM_SRCDIR/tests/screen/lib.bash"
	export PGUSER=anna
}

teardown() {
	screen_stop
}

open_portfolio() {
	screen_start "$@"
	screen_keys p
	screen_wait "Portfolio: row 1 of"
}

# C1's figures as kam.portfolio has them, as the screen writes them, in
# its columns' order; $1 is the SQL's extra condition.
c1_figures() {
	PGUSER=anna psql -X -At -F $'\t' -c "SELECT p.tier, p.target_pct || '%',
	    to_char(round(p.revenue_year), 'FM999,999,999,990') || ' ' || p.currency,
	    p.growth_pct, to_char(round(p.overdue_amount), 'FM999,999,999,990') || ' ' || p.currency,
	    p.overdue_invoices, p.condition_ends_on, p.talk, p.contact_days,
	    p.open_complaints, p.breach_kinds, p.team, p.owner_name
	    FROM kam.portfolio p WHERE p.erp_id = 'C1'"
}

# The team's totals as kam.portfolio_team has them, as the title says.
team_totals() {
	PGUSER=anna psql -X -At -c "SELECT team || ' (' || accounts || '): ' ||
	    to_char(round(revenue), 'FM999,999,999,990') || ' ' || reporting_currency || ' of ' ||
	    to_char(round(target), 'FM999,999,999,990') || ' ' || reporting_currency ||
	    ', overdue ' || to_char(round(overdue), 'FM999,999,999,990') || ' ' || reporting_currency
	    FROM kam.portfolio_team WHERE team = '$1'"
}

# open_by_revenue [ENV...]: the portfolio, the biggest revenue (C1) on top.
open_by_revenue() {
	open_portfolio "$@"
	screen_keys : ; screen_type "sort revenue desc"; screen_keys Enter
	screen_wait "sort revenue desc"
}

@test "p shows one line an account with the figures of kam.portfolio" {
	SCREEN_COLS=220 open_by_revenue
	local line want f
	line=$(screen_line "Nordwind GmbH")
	want="*"
	IFS=$'\t' read -ra f <<<"$(c1_figures)"
	[ "${#f[@]}" -eq 13 ]
	for v in "${f[@]}"; do want="$want$v*"; done
	[[ "$line" == $want ]]
	# the bar and the sparkline in block characters
	[[ "$line" == *"█████░░░ 74%"* ]]
	[[ "$line" == *"█  ▇  ▆  ▅  ▄  ▃  ▂"* ]]
	[[ "$(screen_text | head -n 2 | tail -n 1)" == "Account"*"Tier"*"Target"*"Revenue"*"24 months"*"Growth %"*"Overdue"*"Talk"*"Contact"*"Compl."*"Alarms"* ]]
}

@test ":portfolio opens it too; the title gives the team's totals in the reporting currency" {
	screen_start
	screen_keys : ; screen_type portfolio; screen_keys Enter
	screen_wait "Portfolio: row 1 of"
	screen_keys : ; screen_type "sort revenue desc"; screen_keys Enter
	screen_wait "sort revenue desc"
	[ -n "$(team_totals north)" ]
	[[ "$(screen_text | head -n 1)" == "kam - Portfolio - $(team_totals north)"* ]]
	# a team with an account in a currency without a rate has no total
	screen_sql "UPDATE kam.account SET currency = 'SEK' WHERE erp_id = 'C2'"
	screen_keys : ; screen_type "filter team=south"; screen_keys Enter
	screen_keys C-l
	screen_wait "no total: no rate for SEK"
	screen_sql "UPDATE kam.account SET currency = 'EUR' WHERE erp_id = 'C2'"
}

# The totals are worked out for a filter's first page and passed back
# with the pages after it (0082's section in bench/README.md): a sort
# keeps them, a change of the data (read again live) works them out anew.
@test "the title's team totals follow a change of the data; a sort after it keeps the new ones" {
	local before after
	open_by_revenue
	before=$(team_totals north)
	[[ "$(screen_text | head -n 1)" == "kam - Portfolio - $before"* ]]
	screen_sql "UPDATE kam.account_plan SET revenue_target = revenue_target + 5000
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1')
	      AND year = extract(year FROM current_date)"
	after=$(team_totals north)
	[ "$after" != "$before" ]
	screen_wait "kam - Portfolio - $after"
	screen_keys : ; screen_type "sort name"; screen_keys Enter
	screen_wait "sort name"
	screen_keys : ; screen_type "sort revenue desc"; screen_keys Enter
	screen_wait "sort revenue desc"
	screen_wait "kam - Portfolio - $after"
	screen_sql "UPDATE kam.account_plan SET revenue_target = revenue_target - 5000
	    WHERE account_id = (SELECT id FROM kam.account WHERE erp_id = 'C1')
	      AND year = extract(year FROM current_date)"
	screen_wait "kam - Portfolio - $before"
}

@test "outside UTF-8 the bar and the sparkline are ASCII" {
	SCREEN_COLS=120 open_by_revenue LC_ALL=C
	local line
	line=$(screen_line "Nordwind GmbH")
	[[ "$line" == *"#####... 74%"* ]]
	[[ "$line" == *"#  *  +  =  :  -  ."* ]]
	[[ "$(screen_text)" != *"█"* ]]
}

@test "s, S and r sort as on the list; :filter and m filter, and the status line says so" {
	open_portfolio
	screen_keys s
	screen_wait "sort tier"
	[[ "$(screen_text | sed -n 3p)" == "Åhléns AB"* ]]	# strategic first
	screen_keys S r
	screen_wait "sort name desc"
	[[ "$(screen_text)" == *"Zeta Paging 0300"*"Zeta Paging 0299"* ]]
	screen_keys : ; screen_type "filter team=south"; screen_keys Enter
	screen_wait "filter: team south"
	run screen_text
	[[ "$output" == *"Åhléns AB"* ]]
	[[ "$output" != *"Nordwind"* ]]
	screen_keys m
	screen_wait "No accounts match."	# anna has no account in the south
	screen_keys : ; screen_type "filter"; screen_keys Enter
	screen_wait "Zeta Paging 0300"
	[[ "$(screen_text)" != *"filter:"* ]]
	screen_keys : ; screen_type "filter channel=call"; screen_keys Enter
	screen_wait "the portfolio takes tier="
	screen_keys : ; screen_type "sort nonsense"; screen_keys Enter
	screen_wait "the portfolio sorts by name"
}

# A name that goes on where another ends: with a space between the value
# and the id in the sort key, "aa prefix 0" sorted before "aa prefix"
# (the space against the id's first digit; migration 0083's keys use
# chr(1)).
@test "by name, a name comes before the same name gone on ('Aa Prefix', then 'Aa Prefix 0')" {
	screen_sql "INSERT INTO kam.account (erp_id, name, tier, owner_id, team, country, city, vat_id)
	    SELECT v.erp_id, v.name, 'standard', u.id, u.team, 'DE', 'Berlin', NULL
	      FROM (VALUES ('PFX0', 'Aa Prefix 0'), ('PFX', 'Aa Prefix')) v (erp_id, name)
	     CROSS JOIN kam.app_user u WHERE u.role_name = 'anna'"
	open_portfolio
	screen_wait "Aa Prefix"
	[ "$(screen_text | grep -oE 'Aa Prefix( 0)?' | tr '\n' '|')" = "Aa Prefix|Aa Prefix 0|" ]
	screen_stop
	screen_sql "DELETE FROM kam.account WHERE erp_id IN ('PFX', 'PFX0')"
}

# zeta_shown: the paging accounts on the screen, top to bottom
zeta_shown() {
	screen_text | grep -o 'Zeta Paging [0-9][0-9][0-9][0-9]'
}

@test "G reads the last page alone; up from it and down again, every account once, in the sort's order (migration 0062)" {
	local want all= i shown n
	want=$(pg_as anna -At -c "SELECT name FROM kam.portfolio
	    WHERE name LIKE 'Zeta Paging %' ORDER BY kam.fold(name), id")
	n=$(pg_as anna -At -c "SELECT count(*) FROM kam.portfolio")
	[ "$(wc -l <<<"$want")" -eq 300 ]
	[ "$n" -gt 300 ]
	open_portfolio
	screen_wait "Portfolio: row 1 of 100+"
	screen_keys G
	screen_wait "Portfolio: row 100 of the last 100"
	[ "$(zeta_shown | tail -n 1)" = "$(tail -n 1 <<<"$want")" ]
	for i in $(seq 40); do
		shown=$(zeta_shown)
		[ -z "$shown" ] || is_run_of "$shown" "$want"
		all+="$shown"$'\n'
		[[ "$(screen_text)" != *"Portfolio: row 1 of"* ]] || break
		screen_keys PPage
	done
	[[ "$(screen_text)" == *"Portfolio: row 1 of $n"* ]]
	[ "$(sort -u <<<"$all" | grep -c Zeta)" -eq 300 ]
	for i in $(seq 40); do
		screen_keys NPage
		shown=$(zeta_shown)
		[ -z "$shown" ] || is_run_of "$shown" "$want"
	done
	[[ "$(screen_text)" == *"Portfolio: row $n of $n"* ]]
}

@test "G after a sort descending shows what paging down to the end shows, the title's team totals too" {
	local n forward i
	n=$(pg_as anna -At -c "SELECT count(*) FROM kam.portfolio")
	open_by_revenue
	for i in $(seq 40); do
		[[ "$(screen_text)" == *"Portfolio: row "*" of $n |"* ]] && break
		screen_keys NPage
	done
	screen_keys G
	screen_wait "Portfolio: row $n of $n"
	forward=$(screen_text | grep -v -e "Portfolio: row" -e "^ *$")
	screen_stop
	open_by_revenue
	screen_keys G
	screen_wait "Portfolio: row 100 of the last 100"
	diff <(screen_text | grep -v -e "Portfolio: row" -e "^ *$") <(printf '%s\n' "$forward")
	[[ "$forward" == *"Portfolio - "* ]]
}

@test "Enter opens the account under the cursor; q comes back" {
	open_by_revenue
	screen_keys Enter
	screen_wait "Master data"
	[[ "$(screen_text)" == *"Nordwind GmbH"* ]]
	screen_keys q
	screen_wait "sort revenue desc"
}

@test "a role that may not read plans and invoices is told so, and nothing is asked" {
	PGUSER=sam screen_start
	screen_to_list
	screen_keys p
	screen_wait "may not read"
}
