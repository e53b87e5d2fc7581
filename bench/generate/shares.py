"""Share capital: subscriptions, payments, top-ups and payouts, posted."""

from datetime import date, timedelta
from time import perf_counter

from .common import _add_months, _random_day


class SharesMixin:
    def _plan_shares(self, rng, plan):
        """[(person key, kind, date, share qty, amount, note)], per member in
        posting order."""
        unit = plan["unit"]
        movements = []

        def membership(key, entry, qty, note):
            capital = qty * self.nominal_value
            movements.append((key, "subscription", entry, qty, 0.0, note))
            installments = 1 if rng.random() < 0.65 else rng.randint(2, 3)
            part = round(capital / installments // 10 * 10, 2)
            for i in range(installments):
                amount = (
                    part
                    if i < installments - 1
                    else round(capital - part * (installments - 1), 2)
                )
                day = (
                    entry + timedelta(days=14) if i == 0 else _add_months(entry, i + 1)
                )
                movements.append(
                    (
                        key,
                        "payment",
                        day,
                        0,
                        amount,
                        f"{i + 1}. Rate"
                        if installments > 1
                        else "Einzahlung Geschäftsanteile",
                    )
                )
            return capital

        membership(
            "main",
            plan["main"]["entry"],
            max(2, int(unit["rooms"] * 2)) + rng.choice((0, 0, 0, 1, 2)),
            "Pflichtanteile lt. Satzung",
        )
        if rng.random() < 0.05:
            day = _random_day(
                rng,
                plan["main"]["entry"] + timedelta(days=60),
                self.today - timedelta(days=30),
            )
            qty = rng.randint(1, 3)
            movements.append(
                ("main", "top_up", day, qty, 0.0, "Zusätzliche Anteile (freiwillig)")
            )
            movements.append(
                (
                    "main",
                    "payment",
                    day + timedelta(days=10),
                    0,
                    qty * self.nominal_value,
                    "Einzahlung Zusatzanteile",
                )
            )
        if plan["co"] and plan["co"]["member"]:
            membership(
                "co", plan["co"]["entry"], 2, "Pflichtanteile lt. Satzung (Mitnutzer)"
            )
        former = plan["former"]
        if former:
            qty = max(2, int(unit["rooms"] * 2))
            capital = membership(
                "former", former["entry"], qty, "Pflichtanteile lt. Satzung"
            )
            payout = date(former["exit"].year + 1, 7, 15)
            movements.append(
                (
                    "former",
                    "payout",
                    min(payout, self.today),
                    qty,
                    capital,
                    "Auszahlung Geschäftsguthaben nach Austritt zum "
                    f"{former['exit']:%d.%m.%Y}",
                )
            )
        return [m for m in movements if m[2] <= self.today]

    def _create_share_movements(self, plans):
        vals_list = []
        for plan in plans:
            for key, kind, day, qty, amount, note in plan["shares"]:
                vals_list.append(
                    {
                        "partner_id": plan[f"{key}_id"],
                        "company_id": self.company.id,
                        "kind": kind,
                        "date": day,
                        "share_qty": qty,
                        "nominal_value": self.nominal_value,
                        "amount": amount,
                        "note": note,
                    }
                )
        movement_ids = self._create("wbg54.share.movement", vals_list)
        t0 = perf_counter()
        self.env["wbg54.share.movement"].browse(movement_ids).action_post()
        self.env.flush_all()
        seconds = perf_counter() - t0
        self.stats.add("wbg54.share.movement", 0, seconds)
        self.stats.step("wbg54.share.movement: action_post", seconds)
