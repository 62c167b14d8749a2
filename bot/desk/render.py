"""Staff-facing texts built from rows: the queue, statistics, an exported transcript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from bot.db.models import Case, CaseMessage
from bot.db.repos.cases import CaseRepo
from bot.desk.cards import PRIORITY_TAGS
from bot.desk.queue import QueueItem, order, waiting_minutes
from bot.desk.stats import CaseFacts, duration, period_stats
from bot.desk.texts import OUTCOMES, label, staff_text


def queue_text(cases: Sequence[Case], now: dt.datetime) -> str:
    """Open cases, unassigned and most urgent first, with waiting time and assignee."""
    items = order(
        QueueItem(c.public_id, c.priority, c.status, c.created_at, c.assignee_label) for c in cases
    )
    if not items:
        return staff_text("queue_empty")
    lines = [staff_text("queue_head", n=len(items))]
    for item in items:
        parts = [
            f"#{item.public_id}",
            PRIORITY_TAGS[item.priority],
            staff_text("waiting_min", minutes=waiting_minutes(item, now)),
        ]
        if item.status == "assigned" and item.assignee_label:
            parts.append(staff_text("taken_by", who=escape(item.assignee_label)))
        lines.append(" · ".join(parts))
    return "\n".join(lines)


def stats_text(cases: Sequence[Case], now: dt.datetime) -> str:
    """Today (since local midnight UTC) and the last seven days."""
    facts = [
        CaseFacts(c.created_at, c.first_reply_at, c.closed_at, c.status, c.outcome) for c in cases
    ]
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    blocks = [staff_text("stats_head")]
    for key, since in (("today", midnight), ("week", now - dt.timedelta(days=7))):
        s = period_stats(facts, since)
        none = staff_text("no_data")
        outcomes = ", ".join(f"{label(OUTCOMES, k)} {v}" for k, v in sorted(s.outcomes.items()))
        blocks.append(
            staff_text(
                "stats_period",
                period=staff_text(key),
                opened=s.opened,
                closed=s.closed,
                open=s.open_now,
                median=duration(s.median_s, none),
                p90=duration(s.p90_s, none),
                n=s.replied,
                outcomes=outcomes or "—",
            )
        )
    return "\n\n".join(blocks)


def transcript(case: Case, lines: Sequence[CaseMessage], repo: CaseRepo) -> str:
    """Plain-text transcript for an export (pseudonym only, no Telegram ids)."""
    head = f"#{case.public_id} · {PRIORITY_TAGS[case.priority]} · {case.lang} · {case.status}"
    out = [head, ""]
    for line in lines:
        stamp = line.created_at.strftime("%Y-%m-%d %H:%M")
        out.append(f"[{stamp}] {line.author}: {repo.body(line) or '[media]'}")
    return "\n".join(out) + "\n"
