# bench/run export: kam --export history against psql \copy of the same
# rows and columns, in CSV and JSON, and kam's peak memory at about a fifth
# of the rows and at all of them (sourced by bench/run).

# What a psql user writes for the same rows: history's columns, joins and
# order as src/domain/export_entities.c has them, without kam's formula
# neutralising (that is kam's extra work, and counted against it).
history_sql="SELECT i.id, a.id AS account_id, a.erp_id AS account_erp_id,
 a.name AS account_name, i.occurred_at, i.channel, i.direction,
 c.name AS contact, i.subject, i.body, au.role_name AS author, i.outcome,
 i.follow_up_on, i.feedback
 FROM kam.interaction i JOIN kam.account a ON a.id = i.account_id
 LEFT JOIN kam.contact c ON c.id = i.contact_id
 LEFT JOIN kam.app_user au ON au.id = i.author_id
 ORDER BY i.id"
history_sql=$(echo $history_sql)	# one line, as \copy wants it

rows=$("$PSQL" -X -At -c 'SELECT count(*) FROM kam.interaction')
echo "export: $rows history rows, best of $runs runs each" >&2

"$PSQL" -X -q -c 'VACUUM ANALYZE' 	# same warm state for both
best_of "$runs" kam_csv "$KAM" --export history --format csv
best_of "$runs" psql_csv "$PSQL" -X -q -c "\\copy ($history_sql) to stdout csv header"
best_of "$runs" kam_json "$KAM" --export history --format json
best_of "$runs" psql_json "$PSQL" -X -q -c "COPY (SELECT row_to_json(t) FROM ($history_sql) t) TO STDOUT"

fifth=$("$PSQL" -X -At -c "SELECT (percentile_disc(0.2) WITHIN GROUP
    (ORDER BY occurred_at))::date FROM kam.interaction")
rows_fifth=$("$PSQL" -X -At -c "SELECT count(*) FROM kam.interaction
    WHERE occurred_at < '$fifth'::date + 1")
best_of 1 kam_fifth "$KAM" --export history --format csv --until "$fifth"

printf '\n%-34s %9s %9s %7s\n' "history export" "kam" "psql" "ratio"
printf '%-34s %8ss %8ss %7s  (target <= 1.1)\n' "CSV, $rows rows" \
    "$kam_csv_s" "$psql_csv_s" "$(ratio "$kam_csv_s" "$psql_csv_s")"
printf '%-34s %8ss %8ss %7s  (target <= 1.0)\n' "JSON, $rows rows" \
    "$kam_json_s" "$psql_json_s" "$(ratio "$kam_json_s" "$psql_json_s")"
printf '%-34s %9s %9s\n' "kam peak RSS, CSV, $rows rows" "$(mib "$kam_csv_kb")" ""
printf '%-34s %9s\n' "kam peak RSS, JSON, $rows rows" "$(mib "$kam_json_kb")"
printf '%-34s %9s  (target <= 20 MiB, flat)\n' "kam peak RSS, CSV, $rows_fifth rows" \
    "$(mib "$kam_fifth_kb")"
printf '%-34s %9s\n' "psql peak RSS, CSV" "$(mib "$psql_csv_kb")"
