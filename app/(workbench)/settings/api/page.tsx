import { Panel } from "@/components/ui/panel";
import { settings } from "@/lib/env/settings";
import { translator } from "@/lib/i18n/translate";
import { openApiDocument } from "@/server/api/openapi";
import { requirePageUser } from "@/server/session";
import { pageTitle } from "@/server/page-title";

export const generateMetadata = pageTitle("apiRef.title");

type Schema = { type?: string | string[]; $ref?: string; anyOf?: Schema[]; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; description?: string; default?: unknown; maxLength?: number; pattern?: string };
type Operation = { operationId: string; summary: string; description?: string; tags: string[]; "x-required-scope": string; "x-required-permission": string; parameters?: { name: string; in: string; required: boolean; description?: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }> };

/** A schema in a few words: "string", "integer", "nl | en", "Debtor", "string or null". */
function typeOf(s: Schema | undefined): string {
  if (!s) return "";
  if (s.$ref) return s.$ref.split("/").at(-1)!;
  if (s.enum) return s.enum.map(String).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" or ");
  if (s.type === "array") return `${typeOf(s.items)}[]`;
  return Array.isArray(s.type) ? s.type.join(" or ") : (s.type ?? "any");
}

/** The human-readable API reference, made from the same OpenAPI description the app serves. */
export default async function ApiReferencePage() {
  const user = await requirePageUser();
  const t = translator(user.locale);
  const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>> };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
  const tags = [...new Set(ops.map((o) => o.op.tags[0]!))];
  const limits = settings().apiRateLimit;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-base font-semibold">{t("apiRef.title")}</h1>
        <a className="text-[13px] text-blue-700 underline" href="/api/v1/openapi.json" download="dunning-workbench-openapi.json">
          {t("apiRef.download")}
        </a>
      </div>
      <Panel title={t("apiRef.conventions")}>
        <ul className="list-disc space-y-1 py-2 pl-8 pr-3 text-slate-700">
          <li>{t("apiRef.intro")}</li>
          <li>{t("apiRef.conv.money")}</li>
          <li>{t("apiRef.conv.paging")}</li>
          <li>{t("apiRef.conv.idempotency")}</li>
          <li>{t("apiRef.conv.errors")}</li>
          <li>{t("apiRef.conv.limits", { reads: limits.reads, writes: limits.writes })}</li>
          <li>{t("apiRef.conv.webhooks")}</li>
        </ul>
      </Panel>
      <nav aria-label={t("apiRef.title")} className="flex flex-wrap gap-2 text-[13px]">
        {tags.map((tag) => (
          <a key={tag} href={`#tag-${tag}`} className="text-blue-700 underline">
            {tag}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <Panel key={tag} title={tag} id={`tag-${tag}`}>
          <div className="divide-y divide-slate-100">
            {ops
              .filter((o) => o.op.tags[0] === tag)
              .map(({ path, method, op }) => {
                const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
                const ok = Object.entries(op.responses).find(([code]) => code.startsWith("2"));
                const okSchema = ok?.[1].content?.["application/json"]?.schema;
                return (
                  <section key={op.operationId} id={op.operationId} className="px-3 py-2" aria-labelledby={`${op.operationId}-h`}>
                    <h2 id={`${op.operationId}-h`} className="flex flex-wrap items-baseline gap-2">
                      <span className="rounded bg-slate-800 px-1.5 py-0.5 font-mono text-[11px] font-semibold text-white">{method}</span>
                      <code className="font-mono text-[13px]">/api/v1{path}</code>
                      <span className="font-medium">{op.summary}</span>
                      <span className="text-[12px] text-slate-500">
                        {t("apiRef.scope")}: {op["x-required-scope"]} · {t("apiRef.permission")}: {op["x-required-permission"]}
                      </span>
                    </h2>
                    {op.description ? <p className="mt-1 text-slate-600">{op.description}</p> : null}
                    {op.parameters?.length ? (
                      <div className="mt-1">
                        <h3 className="text-[12px] font-semibold uppercase tracking-wide text-slate-500">{t("apiRef.parameters")}</h3>
                        <ul className="text-[13px]">
                          {op.parameters.map((p) => (
                            <li key={`${p.in}-${p.name}`}>
                              <code className="font-mono">{p.name}</code> <span className="text-slate-500">({p.in}, {typeOf(p.schema)}{p.required ? `, ${t("apiRef.required")}` : ""})</span>
                              {p.description ? <span className="text-slate-600"> — {p.description}</span> : null}
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                    {body ? (
                      <div className="mt-1">
                        <h3 className="text-[12px] font-semibold uppercase tracking-wide text-slate-500">
                          {t("apiRef.body")} <span className="normal-case tracking-normal">({body[0]})</span>
                        </h3>
                        {body[1].schema.properties ? (
                          <ul className="text-[13px]">
                            {Object.entries(body[1].schema.properties).map(([name, s]) => (
                              <li key={name}>
                                <code className="font-mono">{name}</code>{" "}
                                <span className="text-slate-500">
                                  ({typeOf(s)}
                                  {(body[1].schema.required ?? []).includes(name) && s.default === undefined ? `, ${t("apiRef.required")}` : ""}
                                  {s.default !== undefined ? `, default ${JSON.stringify(s.default)}` : ""})
                                </span>
                                {s.description ? <span className="text-slate-600"> — {s.description}</span> : null}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </div>
                    ) : null}
                    {ok ? (
                      <p className="mt-1 text-[13px]">
                        <span className="text-[12px] font-semibold uppercase tracking-wide text-slate-500">{t("apiRef.response")}</span> {ok[0]} — {ok[1].description}
                        {okSchema ? <code className="ml-1 font-mono text-slate-600">{typeOf(okSchema)}</code> : null}
                      </p>
                    ) : null}
                  </section>
                );
              })}
          </div>
        </Panel>
      ))}
    </div>
  );
}
