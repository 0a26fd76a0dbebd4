-- Fill due_at for referrals made before it existed: the first instant after the deadline day in
-- Amsterdam, counting Dutch working days as packages/core/src/working-days.ts does (responseDueAt).
-- The functions are temporary (pg_temp): core stays the one place the rule lives;
-- apps/api/src/services/referrals/due-at-backfill.test.ts checks that they agree with it.
CREATE FUNCTION pg_temp.schakel_is_working_day(d date) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  y int := extract(year FROM d)::int;
  a int; b int; c int; dd int; e int; f int; g int; h int; i int; k int; l int; m int;
  easter date;
  kings date;
BEGIN
  IF extract(isodow FROM d) >= 6 THEN
    RETURN false;
  END IF;
  a := y % 19; b := y / 100; c := y % 100; dd := b / 4; e := b % 4; f := (b + 8) / 25; g := (b - f + 1) / 3;
  h := (19 * a + b - dd - g + 15) % 30; i := c / 4; k := c % 4; l := (32 + 2 * e + 2 * i - h - k) % 7;
  m := (a + 11 * h + 22 * l) / 451;
  easter := make_date(y, (h + l - 7 * m + 114) / 31, ((h + l - 7 * m + 114) % 31) + 1);
  kings := make_date(y, 4, 27);
  IF extract(isodow FROM kings) = 7 THEN
    kings := make_date(y, 4, 26);
  END IF;
  RETURN d NOT IN (make_date(y, 1, 1), easter + 1, kings, easter + 39, easter + 50, make_date(y, 12, 25), make_date(y, 12, 26))
    AND NOT (y % 5 = 0 AND d = make_date(y, 5, 5));
END;
$$;
--> statement-breakpoint
CREATE FUNCTION pg_temp.schakel_response_due_at(since timestamptz, days int) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  d date := (since AT TIME ZONE 'Europe/Amsterdam')::date;
  remaining int := days;
BEGIN
  WHILE remaining > 0 LOOP
    d := d + 1;
    IF pg_temp.schakel_is_working_day(d) THEN
      remaining := remaining - 1;
    END IF;
  END LOOP;
  RETURN (d + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam';
END;
$$;
--> statement-breakpoint
UPDATE referrals SET due_at = pg_temp.schakel_response_due_at(last_move_at, response_target_days) WHERE due_at IS NULL;
