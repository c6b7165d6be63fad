# bench/run report: the whole "kam --report portfolio -f csv" process over
# every account (as anna, a manager, who reads all of them) against psql
# copying the same query's rows out as CSV; the kept figures' refresh and
# the server's time for the view alone (sourced by bench/run).

# The report's statement (the portfolio export entity,
# src/domain/export_entities.c): its columns, from kam.portfolio, by team
# and name.
report_sql="SELECT a.id AS account_id, a.erp_id AS account_erp_id,
 a.name AS account_name, a.tier, a.status, a.owner_role AS owner, a.team,
 a.currency, a.reporting_currency, a.revenue_year AS revenue,
 a.revenue_reporting, a.revenue_target AS target, a.target_reporting,
 a.target_pct, a.growth_pct, a.overdue_invoices, a.overdue_amount AS overdue,
 a.overdue_reporting, a.condition_ends_on, a.condition_title AS condition,
 a.talk, a.talk_on, a.contact_days, a.open_complaints AS complaints,
 a.breaches AS alarms, a.breach_kinds AS alarm_kinds
 FROM kam.portfolio a ORDER BY a.team, kam.fold(a.name), a.id"

# rows missing or stale since the last run (a day passed, a sync, rates)
s=$(date +%s%N)
refreshed=$("$PSQL" -X -At -c 'SELECT kam.portfolio_figures_refresh()')
refresh_ms=$(( ($(date +%s%N) - s) / 1000000 ))

kam_report() { PGUSER=anna "$KAM" --report portfolio -f csv; }
psql_report() {
	PGUSER=anna "$PSQL" -X -q -v ON_ERROR_STOP=1 \
	    -c "\\copy ($report_sql) to stdout csv header"
}
# the same rows on both sides, before timing (and warm caches)
kam_n=$(kam_report | wc -l)
psql_n=$(psql_report | wc -l)
[ "$kam_n" = "$psql_n" ] || {
	echo "bench: kam wrote $kam_n lines, psql $psql_n" >&2; exit 1; }

# (best_of runs a program, not a shell function)
best_of "$runs" kam env PGUSER=anna "$KAM" --report portfolio -f csv
best_of "$runs" psql env PGUSER=anna "$PSQL" -X -q -v ON_ERROR_STOP=1 \
    -c "\\copy ($report_sql) to stdout csv header"
load=$(cut -d ' ' -f 1-3 /proc/loadavg)
printf '\nkam --report portfolio -f csv, %s rows, best of %s; load average %s\n' \
    "$((kam_n - 1))" "$runs" "$load"
printf '%-44s %8s\n' "" "s"
printf '%-44s %8s\n' "kam --report portfolio -f csv" "$kam_s"
printf '%-44s %8s   ratio %s (target <= 2)\n' "psql \\copy of the same query" \
    "$psql_s" "$(ratio "$kam_s" "$psql_s")"
printf '%-44s %8s   (%s accounts worked out again)\n' \
    "kam.portfolio_figures_refresh() before" "$((refresh_ms / 1000)).$(printf '%03d' $((refresh_ms % 1000)))" "$refreshed"
