#!/usr/bin/env bash
# Builds a database with 1,000,000 messages (10,000 users, one or two receivers each, 70% read),
# migrated by the real Flyway migrations, and prints the EXPLAIN (ANALYZE, BUFFERS) plans of the
# inbox, sync, unread count, outbox and admin queries exactly as Herald issues them.
#   deploy/bench/explain-plans.sh [MESSAGES]      (needs PostgreSQL on 127.0.0.1:5432 as postgres)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-1000000}
db=herald_explain
psql_() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

psql_ -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
for f in "$root"/schema/src/main/resources/db/migration/V*.sql; do psql_ -d $db -f "$f"; done

echo "generating $n messages..." >&2
psql_ -d $db <<SQL
create temporary table seed as
select g as n,
       now() - make_interval(secs => ($n - g) * 0.5) as at,
       'u' || (1 + (g::bigint * 7919) % 10000) as sender,
       'u' || (1 + (g::bigint * 104729) % 10000) as receiver,
       'u' || (1 + (g::bigint * 1299709) % 10000) as receiver2,
       (array['text','text','text','alert','system'])[1 + g % 5] as type
from generate_series(1, $n) g;

insert into users (id, name, created_at, updated_at)
select 'u' || g, 'User ' || g, now(), now() from generate_series(1, 10000) g;

insert into messages (id, sender_id, sender_name, title, body, type, created_at, stream_sequence)
select (lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0') || '7'
          || substr(md5(n::text), 1, 3) || '8' || substr(md5(n::text || 'x'), 1, 15))::uuid,
       sender, 'User', '', 'message number ' || n || ' ' || md5(n::text), type, at, n
from seed;

insert into receipts (receiver_id, message_id, read_at, stream_sequence)
select s.receiver, m.id, case when s.n % 10 < 7 then s.at end, s.n
from seed s join messages m on m.stream_sequence = s.n;
insert into receipts (receiver_id, message_id, read_at, stream_sequence)
select s.receiver2, m.id, null, s.n
from seed s join messages m on m.stream_sequence = s.n
where s.n % 3 = 0 and s.receiver2 <> s.receiver
on conflict do nothing;
analyze;
SQL

explain() { echo; echo "### $1"; echo; echo '```'; psql_ -d $db -c "explain (analyze, buffers, costs off, timing on) $2" | sed '/^$/d'; echo '```'; }
bound=$(psql_ -d $db -Atc "select (lpad(to_hex((extract(epoch from now() - interval '1 day') * 1000)::bigint), 12, '0') || '70008000000000000000')::uuid")
cursor=$(psql_ -d $db -Atc "select message_id from receipts where receiver_id = 'u42' order by message_id desc offset 60 limit 1")
# The same receipt's sync position (sequence, id); the ack floor is the last sequence (the worker caught up).
sync_cursor=$(psql_ -d $db -Atc "select format('%s, %L', coalesce(stream_sequence, 0), message_id) from receipts where receiver_id = 'u42' and message_id = '$cursor'")
floor=$n

echo "# Query plans on $(psql_ -d $db -Atc 'select count(*) from messages') messages, $(psql_ -d $db -Atc 'select count(*) from receipts') receipts"
explain "Inbox, newest first (ListReceived, first page)" "select m.*, r.read_at from receipts r join messages m on m.id = r.message_id where r.receiver_id = 'u42' and r.deleted_at is null order by r.message_id desc limit 51"
explain "Inbox, next page (keyset: before a cursor)" "select m.*, r.read_at from receipts r join messages m on m.id = r.message_id where r.receiver_id = 'u42' and r.deleted_at is null and r.message_id < '$cursor' order by r.message_id desc limit 51"
explain "Inbox, unread only" "select m.*, r.read_at from receipts r join messages m on m.id = r.message_id where r.receiver_id = 'u42' and r.deleted_at is null and r.read_at is null order by r.message_id desc limit 51"
explain "Sync, publish order after a cursor, up to the ack floor" "select m.*, r.read_at, coalesce(r.stream_sequence, 0) from receipts r join messages m on m.id = r.message_id where r.receiver_id = 'u42' and r.deleted_at is null and coalesce(r.stream_sequence, 0) <= $floor and (coalesce(r.stream_sequence, 0), r.message_id) > ($sync_cursor) order by coalesce(r.stream_sequence, 0) asc, r.message_id asc limit 101"
explain "Unread count" "select count(*) from receipts where receiver_id = 'u42' and read_at is null and deleted_at is null"
explain "Outbox, newest first (ListSent)" "select * from messages where sender_id = 'u42' and sender_deleted_at is null order by sender_id desc, id desc limit 51"
explain "Receipts of a page (read states)" "select * from receipts where message_id in (select id from messages where sender_id = 'u42' order by id desc limit 50) order by message_id, receiver_id"
explain "Admin: type within the last day, newest first" "select * from messages where type = 'alert' and id >= '$bound' order by id desc limit 51"
explain "Admin: messages received by a user" "select * from messages where id in (select message_id from receipts where receiver_id = 'u42') order by id desc limit 51"
# Text has no index (V10): it is checked on the newest candidates, at most 100,000 (TextScan); a rare text checks them
# all, a common one stops at the page; a short page then finds where the scan stopped; a count checks 100,001 at most.
text_scan() { echo "select scanned.* from (select * from messages $1 order by id desc limit 100000) scanned where (scanned.body ilike '%$2%' escape '!' or scanned.title ilike '%$2%' escape '!') order by scanned.id desc limit 51"; }
explain "Admin: text contains, rare (no match among the newest 100,000)" "$(text_scan "" c4ca4238a0b9)"
explain "Admin: text contains, common" "$(text_scan "" 'number 99')"
explain "Admin: text contains, by a sender" "$(text_scan "where sender_id = 'u42'" c4ca4238a0b9)"
explain "Admin: where a short text page's scan stopped" "select id from messages order by id desc offset 99999 limit 2"
recent=$(psql_ -d $db -Atc "select (lpad(to_hex((extract(epoch from now() - interval '12 hours') * 1000)::bigint), 12, '0') || '70008000000000000000')::uuid")
explain "Admin: count of a text within the last 12 hours (86,400 candidates)" "select count(*) filter (where (scanned.body ilike '%c4ca4238a0b9%' escape '!' or scanned.title ilike '%c4ca4238a0b9%' escape '!')), count(*) from (select title, body from messages where id >= '$recent' limit 100001) scanned"
explain "Admin: count by sender" "select count(*) from messages where sender_id = 'u42'"
