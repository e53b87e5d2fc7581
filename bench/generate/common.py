"""Scale, batch sizes, context and date helpers shared by the generators."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

SEED = 1954
HOUSEHOLDS_PER_SCALE = 1000
CHUNK_HOUSEHOLDS = 500  # households per transaction
BATCH = 2000  # records per create() call
CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


def _add_months(day, months):
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _month_end(day):
    return _add_months(day, 1) - timedelta(days=1)


def _random_day(rng, start, end):
    """A day in [start, end]."""
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _at(day, rng, hour_from=7, hour_to=17):
    return datetime.combine(
        day,
        time(rng.randint(hour_from, hour_to), rng.randint(0, 59), rng.randint(0, 59)),
    )


class _Stats:
    """Records created and seconds spent, per model and per step."""

    def __init__(self):
        self.models = defaultdict(lambda: [0, 0.0])
        self.steps = defaultdict(float)

    def add(self, model, count, seconds):
        self.models[model][0] += count
        self.models[model][1] += seconds

    def step(self, name, seconds):
        self.steps[name] += seconds

    def report(self):
        def rate(count, seconds):
            return round(count / seconds, 1) if seconds else None

        models = {
            model: {
                "created": count,
                "seconds": round(seconds, 2),
                "per_second": rate(count, seconds),
            }
            for model, (count, seconds) in sorted(self.models.items())
        }
        created = sum(count for count, _seconds in self.models.values())
        seconds = sum(seconds for _count, seconds in self.models.values())
        return (
            models,
            {name: round(seconds, 2) for name, seconds in sorted(self.steps.items())},
            created,
            seconds,
        )
