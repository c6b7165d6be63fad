# bench/run merge: kam --merge of two accounts with 5 000 history entries
# each (and whatever else the generator gave them), then kam --unmerge of
# it, whole processes, against psql running the same moves (UPDATE ...
# SET account_id, the plans, the tombstone) and the same moves back in one
# transaction each (sourced by bench/run). The merge and its undo leave the
# data as they found it, so each run starts from the same place.

# Two accounts of one team (the first two by id), topped up to 5 000
# entries each, once.
read -r winner loser <<<"$("$PSQL" -X -At -F ' ' -c "SELECT min(id), max(id) FROM (
    SELECT id FROM kam.account WHERE merged_into IS NULL ORDER BY id LIMIT 2) x")"
"$PSQL" -X -q -v ON_ERROR_STOP=1 -v w="$winner" -v l="$loser" <<'SQL'
INSERT INTO kam.interaction (account_id, occurred_at, channel, subject, author_id)
SELECT a.id, now() - g * interval '1 hour', 'call', 'Bench call ' || g,
       (SELECT min(id) FROM kam.app_user)
  FROM kam.account a
 CROSS JOIN LATERAL generate_series(1, 5000 - (SELECT count(*)
     FROM kam.interaction i WHERE i.account_id = a.id)) g
 WHERE a.id IN (:w, :l);
SQL
counts=$("$PSQL" -X -At -c "SELECT string_agg(account_id || ': ' || n || ' entries', ', ')
    FROM (SELECT account_id, count(*) n FROM kam.interaction
           WHERE account_id IN ($winner, $loser) GROUP BY 1 ORDER BY 1) x")
echo "merge: account $loser into $winner ($counts), $runs runs" >&2

# The moves as one would write them in psql (no record, no checks): what
# a merge costs at least.
psql_moves="BEGIN;
WITH c AS (UPDATE kam.contact SET account_id = :w WHERE account_id = :l RETURNING 1),
     s AS (UPDATE kam.service_level SET account_id = :w WHERE account_id = :l RETURNING 1),
     i AS (UPDATE kam.interaction SET account_id = :w WHERE account_id = :l RETURNING 1)
SELECT;
UPDATE kam.plan_action a SET plan_id = w.id FROM kam.account_plan l
  JOIN kam.account_plan w ON w.account_id = :w AND w.year = l.year
 WHERE l.account_id = :l AND a.plan_id = l.id;
DELETE FROM kam.account_plan l USING kam.account_plan w
 WHERE l.account_id = :l AND w.account_id = :w AND w.year = l.year;
UPDATE kam.account_plan SET account_id = :w WHERE account_id = :l;
UPDATE kam.special_condition SET account_id = :w WHERE account_id = :l;
UPDATE kam.erp_order SET account_id = :w WHERE account_id = :l;
UPDATE kam.erp_invoice SET account_id = :w WHERE account_id = :l;
UPDATE kam.account SET status = 'churned' WHERE id = :l;
ROLLBACK;"
# the undo's counterpart: the same rows moved back (the loser's rows are
# still the loser's after the ROLLBACK above, so the moves go the other way)
psql_back="${psql_moves//:w/:t}"
psql_back="${psql_back//:l/:w}"
psql_back="${psql_back//:t/:l}"

kam_merge() { "$KAM" --merge "$winner" "$loser"; }
kam_unmerge() { "$KAM" --unmerge "$merge_id"; }
psql_run() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -v w="$winner" -v l="$loser" <<<"$1"; }

# seconds of one call (its output kept out of the way)
seconds() {
	local start end
	start=$(date +%s%N)
	"$@" >/dev/null || return
	end=$(date +%s%N)
	awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

best() { printf '%s\n' "$@" | sort -n | head -1; }

merges=() undos=() pmerges=() pundos=()
for ((r = 0; r < runs; r++)); do
	merges+=("$(seconds kam_merge)")
	# kam_merge ran in a subshell above: find the merge it made
	merge_id=$("$PSQL" -X -At -c "SELECT max(id) FROM kam.merge")
	undos+=("$(seconds kam_unmerge)")
	pmerges+=("$(seconds psql_run "$psql_moves")")
	pundos+=("$(seconds psql_run "$psql_back")")
done
# The database as it was found: the moves and their undo left a dead and
# a new version of each moved row, whose pages the visibility map no
# longer calls all-visible, and an index-only scan of the entries run
# after this (bench/run voc's measures) fetched 88 051 of them from the
# heap: 1.6 s instead of 0.9.
"$PSQL" -X -q -c "VACUUM kam.interaction, kam.contact, kam.service_level,
    kam.account_plan, kam.plan_action, kam.special_condition, kam.erp_order,
    kam.erp_invoice, kam.account" >/dev/null
km=$(best "${merges[@]}") ku=$(best "${undos[@]}")
pm=$(best "${pmerges[@]}") pu=$(best "${pundos[@]}")
printf '\n%-46s %8s\n' "merge of two accounts, 5 000 entries each" "s"
printf '%-46s %8s   (target <= 1 s)\n' "kam --merge W L" "$km"
printf '%-46s %8s   ratio %s\n' "psql, the same moves (no record, rolled back)" \
    "$pm" "$(ratio "$km" "$pm")"
printf '%-46s %8s   (target <= 1 s)\n' "kam --unmerge ID" "$ku"
printf '%-46s %8s   ratio %s\n' "psql, the same moves back" "$pu" "$(ratio "$ku" "$pu")"
printf 'load: %s\n' "$(uptime | sed 's/.*load average: //')"
