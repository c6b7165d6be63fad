# bench/run quality: every data-quality rule over all accounts, as kam
# --quality -f csv (and kam --export quality, the scores) against psql
# \copy of the same rows, and one account's findings against psql
# (sourced by bench/run). Both run as the benchmark's login.

# The rows of src/domain/export_entities.c's findings entity, as a psql
# user writes them.
findings_sql="SELECT a.id, a.erp_id, a.name, o.role_name, a.team, a.tier,
 q.score, f.rule, f.kind, f.severity, f.entity, f.entity_id, f.field, f.detail
 FROM kam.account a JOIN kam.account_quality q ON q.account_id = a.id
 LEFT JOIN kam.app_user o ON o.id = a.owner_id
 JOIN kam.quality_finding f ON f.account_id = a.id
 ORDER BY q.score, a.name, a.id, f.severity_rank, f.rule, f.entity_id"
findings_sql=$(echo $findings_sql)
scores_sql="SELECT a.id, a.erp_id, a.name, o.role_name, a.team, a.tier,
 q.score, q.findings, q.high, q.medium, q.low
 FROM kam.account a JOIN kam.account_quality q ON q.account_id = a.id
 LEFT JOIN kam.app_user o ON o.id = a.owner_id ORDER BY q.score, a.name, a.id"
scores_sql=$(echo $scores_sql)
# the bare view, counted in the server: what the rules cost alone
rules_sql="SELECT count(*) FROM kam.quality_finding"

counts=$("$PSQL" -X -At -F ' ' -c "SELECT (SELECT count(*) FROM kam.account),
    (SELECT count(*) FROM kam.contact), (SELECT count(*) FROM kam.interaction),
    (SELECT count(*) FROM kam.quality_finding)")
read -r n_accounts n_contacts n_interactions n_findings <<< "$counts"
echo "quality: $n_accounts accounts, $n_contacts contacts, $n_interactions" \
    "interactions, $n_findings findings; best of $runs runs" >&2

"$PSQL" -X -q -c 'VACUUM ANALYZE'
best_of "$runs" kam_all "$KAM" --quality -f csv
best_of "$runs" psql_all "$PSQL" -X -q -c "\\copy ($findings_sql) to stdout csv header"
best_of "$runs" kam_scores "$KAM" --export quality
best_of "$runs" psql_scores "$PSQL" -X -q -c "\\copy ($scores_sql) to stdout csv header"
best_of "$runs" psql_rules "$PSQL" -X -q -c "$rules_sql"

# one account in the middle of the table: the server's own time for its
# findings (EXPLAIN ANALYZE), and whole processes
one=$("$PSQL" -X -At -c "SELECT id FROM kam.account WHERE tier = 'key'
    ORDER BY id OFFSET (SELECT count(*) / 2 FROM kam.account WHERE tier = 'key') LIMIT 1")
one_ms=$("$PSQL" -X -At -c "EXPLAIN (ANALYZE, FORMAT JSON)
    SELECT * FROM kam.quality_finding WHERE account_id = $one" |
    sed -n 's/.*"Execution Time": \([0-9.]*\).*/\1/p')
best_of "$runs" kam_one "$KAM" --quality --account "$one"
best_of "$runs" psql_one "$PSQL" -X -q -c "SELECT * FROM kam.quality_finding WHERE account_id = $one"

printf '\n%-40s %9s %9s %7s\n' "data quality" "kam" "psql" "ratio"
printf '%-40s %8ss %8ss %7s  (target <= 5 s)\n' "all findings, CSV ($n_findings rows)" \
    "$kam_all_s" "$psql_all_s" "$(ratio "$kam_all_s" "$psql_all_s")"
printf '%-40s %8ss %8ss %7s\n' "all scores, CSV ($n_accounts rows)" \
    "$kam_scores_s" "$psql_scores_s" "$(ratio "$kam_scores_s" "$psql_scores_s")"
printf '%-40s %9s %8ss\n' "the rules alone (count in the server)" "" "$psql_rules_s"
printf '%-40s %8ss %8ss %7s\n' "one account, whole process" \
    "$kam_one_s" "$psql_one_s" "$(ratio "$kam_one_s" "$psql_one_s")"
printf '%-40s %9s %7sms  (target <= 20 ms)\n' "one account, server execution" "" "$one_ms"
printf '%-40s %9s\n' "kam peak RSS, all findings" "$(mib "$kam_all_kb")"

# Duplicates (migrations 0052, 0057): the door's check for one account
# (kam.account_lookalikes, what the account form and the sync ask) in the
# server, and the full scan (kam --duplicates against psql running
# kam.duplicate_accounts()), each cut at BENCH_DUP_SECONDS (default 120).
dup_max=${BENCH_DUP_SECONDS:-120}
door_ms=$("$PSQL" -X -At -c "EXPLAIN (ANALYZE, FORMAT JSON)
    SELECT l.* FROM kam.account a, kam.account_lookalikes(a.id, a.name,
        a.country, a.city, a.vat_id) l WHERE a.id = $one" |
    sed -n 's/.*"Execution Time": \([0-9.]*\).*/\1/p')
# timed DUR CMD...: seconds, or "> DUR" when cut at DUR. The server's
# statement is cut as well (statement_timeout through PGOPTIONS, which
# libpq sends for kam and psql alike): a client killed alone left its
# scan and two parallel workers running on after the benchmark, and the
# benchmarks after it measured them.
timed() {
	local max=$1 t; shift
	t=$(mktemp)
	if PGOPTIONS="${PGOPTIONS:-} -c statement_timeout=${max}s" \
	    /usr/bin/time -f '%e' -o "$t" timeout "$((max + 5))" "$@" >/dev/null 2>&1; then
		cat "$t"
	else
		echo "> $max"
	fi
	rm -f "$t"
}
kam_dup=$(timed "$dup_max" "$KAM" --duplicates -f csv)
psql_dup=$(timed "$dup_max" "$PSQL" -X -q -c "\\copy (SELECT * FROM kam.duplicate_accounts()) to stdout csv" -c "\\copy (SELECT * FROM kam.duplicate_contacts()) to stdout csv")
printf '%-40s %9s %7sms\n' "one account's look-alikes, server" "" "$door_ms"
printf '%-40s %8ss %8ss  (target <= 10 s)\n' "duplicate scan, all accounts" \
    "$kam_dup" "$psql_dup"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
