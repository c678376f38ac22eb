-- Flags become cases (data contract §4): one per office and rule for as long as the breach goes on.
-- A case lists the months it covers, each with the evidence of that month (flag_months); closing it
-- records the day the fix was seen and on what basis, so only newer evidence opens the next case.
-- flags.month now means the case's first month.

create table flag_months (
  flag_id        bigint not null references flags (id),
  month          date not null check (extract(day from month) = 1),
  evidence       jsonb not null,
  evaluation_id  bigint references evaluations (id),
  updated_at     timestamptz not null default now(),
  primary key (flag_id, month)
);
create index flag_months_month on flag_months (month);

alter table flags drop constraint flags_office_code_rule_month_key;
alter table flags
  add column last_month date,
  add column closed_on date,
  add column closed_basis text check (closed_basis in ('inspection', 'note')),
  add column closed_inspection_id bigint references inspections (id);

-- System entries keep their evidence as keys and parameters, so the trail reads in the user's language;
-- month says which month an entry was about; seen_on and inspection_id are a closure's basis.
alter table flag_actions
  add column month date,
  add column items jsonb,
  add column seen_on date,
  add column inspection_id bigint references inspections (id);
alter table flag_actions drop constraint flag_actions_action_check;
alter table flag_actions add constraint flag_actions_action_check check (action in ('open', 'reopen', 'add_month',
  'update_evidence', 'confirm', 'dismiss', 'set_deadline', 'resolve', 'comment'));

-- The stored monthly flags of one office and rule chain into one case until a closed flag (resolved
-- or dismissed) ends it; the next flag after a closed one starts a new case. The case keeps the id
-- of its first month's flag.
create temporary table flag_groups on commit drop as
select id, first_value(id) over (partition by office_code, rule, grp order by month) as case_id
from (
  select id, office_code, rule, month,
    sum(case when prev_closed then 1 else 0 end) over (partition by office_code, rule order by month) as grp
  from (
    select id, office_code, rule, month,
      coalesce(lag(status in ('resolved', 'dismissed')) over (partition by office_code, rule order by month), false) as prev_closed
    from flags
  ) s
) g;

insert into flag_months (flag_id, month, evidence, evaluation_id, updated_at)
select g.case_id, f.month, f.evidence, f.evaluation_id, f.updated_at
from flags f join flag_groups g on g.id = f.id;

-- Every audit entry moves to its case, marked with the month it was about; the system's notes
-- (the first evidence line, in English) get that line's item so they can be said in any language.
alter table flag_actions disable trigger flag_actions_append_only;
update flag_actions a set flag_id = g.case_id, month = f.month,
  items = case when a.action in ('open', 'reopen', 'update_evidence') and a.note = f.evidence -> 'lines' ->> 0
    and f.evidence -> 'items' -> 0 is not null then jsonb_build_array(f.evidence -> 'items' -> 0) end
from flags f join flag_groups g on g.id = f.id
where a.flag_id = f.id;
alter table flag_actions enable trigger flag_actions_append_only;

update flags c set
  status = s.status, deadline = s.deadline, last_month = s.last_month, evidence = s.evidence,
  opened_at = s.opened_at, updated_at = s.updated_at
from (
  select g.case_id,
    case when (array_agg(f.status order by f.month desc))[1] in ('resolved', 'dismissed')
      then (array_agg(f.status order by f.month desc))[1]
      when bool_or(f.status = 'confirmed') then 'confirmed' else 'open' end as status,
    (array_agg(f.deadline order by f.month desc) filter (where f.deadline is not null))[1] as deadline,
    max(f.month) as last_month,
    (array_agg(f.evidence order by f.month desc))[1] as evidence,
    min(f.opened_at) as opened_at, max(f.updated_at) as updated_at
  from flags f join flag_groups g on g.id = f.id
  group by g.case_id
) s
where c.id = s.case_id;

delete from flags f using flag_groups g where g.id = f.id and g.case_id <> f.id;

-- A closed case was closed on the Almaty day of its last resolve or dismiss, on the inspector's note.
update flags c set closed_basis = 'note', closed_on = coalesce(
  (select (max(a.acted_at) at time zone 'Asia/Almaty')::date from flag_actions a
   where a.flag_id = c.id and a.action in ('resolve', 'dismiss')),
  (c.updated_at at time zone 'Asia/Almaty')::date)
where c.status in ('resolved', 'dismissed');

alter table flags alter column last_month set not null;
alter table flags add constraint flags_closed_on check ((status in ('resolved', 'dismissed')) = (closed_on is not null));
-- At most one case per office and rule is being worked at a time.
create unique index flags_one_active on flags (office_code, rule) where status in ('open', 'confirmed');
create index flags_last_month on flags (last_month);
