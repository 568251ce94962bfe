"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { addRateAction, runDunningAction, savePolicyAction } from "@/server/actions/dunning";
import { CHANNELS, SEGMENTS, TEMPLATES } from "@/lib/dunning/dunning-ladder";
import type { MessageKey } from "@/lib/i18n/translate";

type StepJson = { level: number; code: string; offsetDays: number; channel: string; template: string; minAmountCents: string | null; onlyNewCustomers: boolean; segment: string; chargesCosts: boolean; payWithinDays: number };
type PolicyJson = { id: string; name: string; isDefault: boolean; version: number; steps: StepJson[]; debtorCount: number };
type Result = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

const input = "rounded border border-slate-300 px-1 py-0.5";

export function RunNowButton() {
  const { t } = useT();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <Button
        variant="primary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await runDunningAction({});
            setMessage(r.ok ? t("dunning.run.done", { messages: r.data.messages, emails: r.data.emails, letters: r.data.letters, tasks: r.data.tasks }) : r.error);
            router.refresh();
          })
        }
      >
        {pending ? t("dunning.run.running") : t("dunning.run")}
      </Button>
      {message ? (
        <span role="status" className="text-[13px] text-slate-700" data-testid="run-result">
          {message}
        </span>
      ) : null}
    </span>
  );
}

export function PolicyEditor({ policies, canEdit }: { policies: PolicyJson[]; canEdit: boolean }) {
  const { t } = useT();
  const router = useRouter();
  const [selectedId, setSelectedId] = useState(policies[0]?.id ?? "");
  const selected = policies.find((p) => p.id === selectedId) ?? null;
  const [name, setName] = useState(selected?.name ?? "");
  const [steps, setSteps] = useState<StepJson[]>(selected?.steps ?? []);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const pick = (id: string) => {
    const p = policies.find((x) => x.id === id);
    setSelectedId(id);
    setName(p ? p.name : "");
    setSteps(p ? p.steps : (policies[0]?.steps ?? []));
    setMessage(null);
  };
  const update = (i: number, patch: Partial<StepJson>) => setSteps((s) => s.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const move = (i: number, d: number) => setSteps((s) => {
    const n = [...s];
    const [x] = n.splice(i, 1);
    n.splice(i + d, 0, x!);
    return n;
  });
  const save = () =>
    start(async () => {
      const res: Result = await savePolicyAction({
        policyId: selected ? selected.id : null,
        version: selected ? selected.version : null,
        name,
        steps: steps.map((s) => ({ code: s.code, offsetDays: Number(s.offsetDays), channel: s.channel, template: s.template, minAmountCents: s.minAmountCents === null || s.minAmountCents === "" ? null : s.minAmountCents, onlyNewCustomers: s.onlyNewCustomers, segment: s.segment, chargesCosts: s.chargesCosts, payWithinDays: Number(s.payWithinDays) })),
      });
      if (res.ok) {
        setMessage({ ok: true, text: t("common.saved") });
        setFieldErrors({});
        router.refresh();
      } else {
        setMessage({ ok: false, text: res.error });
        setFieldErrors(res.fieldErrors ?? {});
      }
    });
  const err = (i: number, f: string) => fieldErrors[`steps.${i}.${f}`]?.join(" ");

  return (
    <Panel title={t("dunning.policy")}>
      <div className="flex flex-wrap items-center gap-2 px-3 py-2 text-[13px]">
        <label>
          {t("dunning.policy.pick")}{" "}
          <select value={selectedId} onChange={(e) => pick(e.target.value)} className={input} data-testid="policy-select">
            {policies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.isDefault ? ` (${t("dunning.policy.default")})` : ""} · {t("dunning.policy.debtors", { count: p.debtorCount })}
              </option>
            ))}
            {canEdit ? <option value="">{t("dunning.policy.new")}</option> : null}
          </select>
        </label>
        {canEdit ? (
          <label>
            {t("dunning.policy.name")} <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} className={input} />
          </label>
        ) : null}
        <span className="text-slate-500">{t("dunning.policy.help")}</span>
      </div>
      <table className="w-full text-[13px]" data-testid="ladder">
        <thead className="border-y border-slate-200 bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-1 font-medium">#</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("dunning.step.code")}</th>
            <th scope="col" className="num px-2 py-1 font-medium">{t("dunning.step.offset")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("dunning.step.channel")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("dunning.step.template")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("dunning.step.conditions")}</th>
            <th scope="col" className="num px-2 py-1 font-medium">{t("dunning.step.payWithin")}</th>
            <th scope="col" className="px-2 py-1 font-medium">{t("dunning.step.costs")}</th>
            {canEdit ? <th scope="col" className="px-3 py-1" /> : null}
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i} className="border-b border-slate-100 align-top last:border-0">
              <td className="px-3 py-1 text-slate-500">{i + 1}</td>
              <td className="px-2 py-1">
                <input aria-label={t("dunning.step.code")} disabled={!canEdit} value={s.code} onChange={(e) => update(i, { code: e.target.value })} className={`${input} w-36`} />
              </td>
              <td className="num px-2 py-1">
                <input aria-label={t("dunning.step.offset")} disabled={!canEdit} type="number" value={s.offsetDays} onChange={(e) => update(i, { offsetDays: Number(e.target.value) })} className={`${input} w-16 text-right`} />
                {err(i, "offsetDays") ? <div className="text-[12px] text-red-700">{err(i, "offsetDays")}</div> : null}
              </td>
              <td className="px-2 py-1">
                <select aria-label={t("dunning.step.channel")} disabled={!canEdit} value={s.channel} onChange={(e) => update(i, { channel: e.target.value })} className={input}>
                  {CHANNELS.map((c) => (
                    <option key={c} value={c}>{t(`dunning.channel.${c}` as MessageKey)}</option>
                  ))}
                </select>
              </td>
              <td className="px-2 py-1">
                <select aria-label={t("dunning.step.template")} disabled={!canEdit} value={s.template} onChange={(e) => update(i, { template: e.target.value })} className={input}>
                  {TEMPLATES.map((c) => (
                    <option key={c} value={c}>{t(`dunning.template.${c}` as MessageKey)}</option>
                  ))}
                </select>
              </td>
              <td className="px-2 py-1">
                <div className="flex flex-wrap items-center gap-1">
                  <select aria-label={t("dunning.step.segment")} disabled={!canEdit} value={s.segment} onChange={(e) => update(i, { segment: e.target.value })} className={input}>
                    {SEGMENTS.map((c) => (
                      <option key={c} value={c}>{t(`dunning.segment.${c}` as MessageKey)}</option>
                    ))}
                  </select>
                  <label className="whitespace-nowrap">
                    ≥ €{" "}
                    <input aria-label={t("dunning.step.minAmount")} disabled={!canEdit} inputMode="numeric" value={s.minAmountCents === null ? "" : String(Number(s.minAmountCents) / 100)} onChange={(e) => update(i, { minAmountCents: e.target.value.trim() === "" ? null : String(Math.round(Number(e.target.value.replace(",", ".")) * 100)) })} className={`${input} w-20 text-right`} />
                  </label>
                  <label className="whitespace-nowrap">
                    <input type="checkbox" disabled={!canEdit} checked={s.onlyNewCustomers} onChange={(e) => update(i, { onlyNewCustomers: e.target.checked })} /> {t("dunning.step.newCustomers")}
                  </label>
                </div>
                {err(i, "segment") ? <div className="text-[12px] text-red-700">{err(i, "segment")}</div> : null}
              </td>
              <td className="num px-2 py-1">
                <input aria-label={t("dunning.step.payWithin")} disabled={!canEdit} type="number" min={0} max={60} value={s.payWithinDays} onChange={(e) => update(i, { payWithinDays: Number(e.target.value) })} className={`${input} w-14 text-right`} />
                {err(i, "payWithinDays") ? <div className="text-[12px] text-red-700">{err(i, "payWithinDays")}</div> : null}
              </td>
              <td className="px-2 py-1">
                <input type="checkbox" aria-label={t("dunning.step.costs")} disabled={!canEdit} checked={s.chargesCosts} onChange={(e) => update(i, { chargesCosts: e.target.checked })} />
              </td>
              {canEdit ? (
                <td className="whitespace-nowrap px-3 py-1 text-right">
                  <Button variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("dunning.step.up")}>↑</Button>
                  <Button variant="ghost" disabled={i === steps.length - 1} onClick={() => move(i, 1)} aria-label={t("dunning.step.down")}>↓</Button>
                  <Button variant="ghost" onClick={() => setSteps((x) => x.filter((_, k) => k !== i))} aria-label={t("dunning.step.remove")}>×</Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit ? (
        <div className="flex items-center gap-2 px-3 py-2">
          <Button onClick={() => setSteps((s) => [...s, { level: s.length + 1, code: "step", offsetDays: (s.at(-1)?.offsetDays ?? 0) + 7, channel: "email", template: "reminder", minAmountCents: null, onlyNewCustomers: false, segment: "all", chargesCosts: false, payWithinDays: 7 }])}>
            {t("dunning.step.add")}
          </Button>
          <Button variant="primary" disabled={pending} onClick={save}>
            {t("common.save")}
          </Button>
          {message ? (
            <span role={message.ok ? "status" : "alert"} className={`text-[13px] ${message.ok ? "text-green-800" : "text-red-700"}`}>
              {message.text}
            </span>
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}

export function RateForm() {
  const { t } = useT();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2 border-t border-slate-200 px-3 py-2 text-[12px]"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        start(async () => {
          const r = await addRateAction({ kind: String(fd.get("kind")), validFrom: String(fd.get("validFrom")), ratePercent: String(fd.get("ratePercent")), source: String(fd.get("source")) });
          setMessage(r.ok ? { ok: true, text: t("common.saved") } : { ok: false, text: [r.error, ...Object.values(r.fieldErrors ?? {}).flat()].join(" ") });
          if (r.ok) router.refresh();
        });
      }}
    >
      <label>
        {t("dunning.rates.kind")}{" "}
        <select name="kind" className={input}>
          <option value="commercial">{t("dunning.rates.commercial")}</option>
          <option value="statutory">{t("dunning.rates.statutory")}</option>
        </select>
      </label>
      <label>
        {t("dunning.rates.from")} <input name="validFrom" placeholder="2026-07-01" required className={`${input} w-24`} />
      </label>
      <label>
        {t("dunning.rates.rate")} <input name="ratePercent" placeholder="10,15" required className={`${input} w-16`} />
      </label>
      <label>
        {t("dunning.rates.source")} <input name="source" required maxLength={200} className={`${input} w-48`} />
      </label>
      <Button type="submit" disabled={pending}>{t("dunning.rates.add")}</Button>
      {message ? <span role={message.ok ? "status" : "alert"} className={message.ok ? "text-green-800" : "text-red-700"}>{message.text}</span> : null}
    </form>
  );
}
