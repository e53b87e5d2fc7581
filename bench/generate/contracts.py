"""Usage contracts with their fee history, activated as staff would."""

from collections import defaultdict
from datetime import date
from time import perf_counter

from odoo.fields import Command

ACTIVATE_BATCH = 500  # contracts per action_activate()

FEE_NOTES = {
    "base": "Anpassung Nutzungsgebühr nach Modernisierung",
    "heating_costs": "Anpassung Heizkostenvorauszahlung (Energiepreise)",
    "operating_costs": "Anpassung nach Betriebskostenabrechnung",
}

# damage categories (xml ids of wbg54_portal) with what tenants write


class ContractsMixin:
    def _plan_fees(self, rng, unit, start, end, changes):
        area = unit["living_area"]
        amounts = {
            "base": round(area * rng.uniform(5.2, 7.8), 2),
            "operating_costs": round(area * rng.uniform(1.7, 2.4), 2),
            "heating_costs": round(area * rng.uniform(0.9, 1.5), 2),
        }
        lines = [
            (fee_type, amount, start, False) for fee_type, amount in amounts.items()
        ]
        last_day = end or self.today
        candidates = [
            date(year, month, 1)
            for year in range(start.year + 1, last_day.year + 1)
            for month in (1, 7)
            if date(year, month, 1) <= last_day
        ]
        for day in sorted(rng.sample(candidates, min(changes, len(candidates)))):
            for fee_type in rng.sample(list(amounts), rng.randint(1, 3)):
                amounts[fee_type] = round(
                    amounts[fee_type] * rng.uniform(1.02, 1.08), 2
                )
                note = FEE_NOTES[fee_type]
                if fee_type == "operating_costs":
                    note = f"{note} {day.year - 1}"
                lines.append((fee_type, amounts[fee_type], day, note))
        return lines

    def _create_contracts(self, plans):
        env = self.env
        vals_list, owners = [], []
        for plan in plans:
            if plan["former"]:
                vals_list.append(
                    {
                        "unit_id": plan["unit_id"],
                        "partner_id": plan["former_id"],
                        "date_start": plan["former"]["start"],
                        "date_end": plan["former"]["end"],
                        "note": "<p>Kündigung durch das Mitglied zum "
                        f"{plan['former']['end']:%d.%m.%Y}.</p>",
                    }
                )
                owners.append((plan, "former"))
            vals_list.append(
                {
                    "unit_id": plan["unit_id"],
                    "partner_id": plan["main_id"],
                    "date_start": plan["start"],
                    "co_member_ids": [Command.set([plan["co_id"]])]
                    if plan["co"]
                    else [],
                }
            )
            owners.append((plan, "main"))
        t0 = perf_counter()
        for vals, name in zip(
            vals_list, self._reserve("wbg54.contract", len(vals_list)), strict=False
        ):
            vals["name"] = name
        self.stats.step("sequences", perf_counter() - t0)
        contract_ids = self._create("wbg54.contract", vals_list)
        for (plan, key), contract_id in zip(owners, contract_ids, strict=False):
            plan[f"{key}_contract_id"] = contract_id

        lines = []
        for plan, key in owners:
            fees = plan["former"]["fees"] if key == "former" else plan["fees"]
            lines += [
                {
                    "contract_id": plan[f"{key}_contract_id"],
                    "fee_type": fee_type,
                    "amount": amount,
                    "date_from": day,
                    "note": note,
                }
                for fee_type, amount, day, note in fees
            ]
        self._create("wbg54.contract.fee.line", lines)

        # activate as staff does; the previous contracts of re-let units then end
        t0 = perf_counter()
        contracts = env["wbg54.contract"].browse(contract_ids)
        for start in range(0, len(contracts), ACTIVATE_BATCH):
            contracts[start : start + ACTIVATE_BATCH].action_activate()
        previous = env["wbg54.contract"].browse(
            [plan["former_contract_id"] for plan in plans if plan["former"]]
        )
        previous.action_end()
        by_exit = defaultdict(list)
        for plan in plans:
            if plan["former"]:
                by_exit[plan["former"]["exit"]].append(plan["former_id"])
        for exit_date, partner_ids in by_exit.items():
            env["res.partner"].browse(partner_ids).write(
                {"membership_state": "former", "member_exit_date": exit_date}
            )
        env.flush_all()
        seconds = perf_counter() - t0
        self.stats.add("wbg54.contract", 0, seconds)
        self.stats.step("wbg54.contract: action_activate/action_end", seconds)
