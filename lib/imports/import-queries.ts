import type { DbOrTx } from "@/lib/db/client";

export type ImportRunRow = {
  id: string; source: string; kind: string; fileName: string; checksum: string; fileDate: string; status: string; rows: number;
  created: number; updated: number; closed: number; unchanged: number; errorCount: number; createdAt: string; by: string | null;
};

/** The import history, newest first: who, when, which file (checksum), what it did. */
export async function listImportRuns(db: DbOrTx, take = 25): Promise<ImportRunRow[]> {
  const runs = await db.importRun.findMany({ orderBy: { createdAt: "desc" }, take });
  const users = new Map((await db.user.findMany({ where: { id: { in: runs.map((r) => r.actorId ?? "") } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return runs.map((r) => ({
    id: r.id, source: r.source, kind: r.kind, fileName: r.fileName, checksum: r.checksum, fileDate: r.fileDate, status: r.status, rows: r.rows,
    created: r.created, updated: r.updated, closed: r.closed, unchanged: r.unchanged, errorCount: r.errorCount, createdAt: r.createdAt.toISOString(), by: r.actorId ? (users.get(r.actorId) ?? null) : null,
  }));
}

/** The source last imported (the form proposes it again). */
export async function lastImportSource(db: DbOrTx): Promise<string | null> {
  return (await db.importRun.findFirst({ where: { status: "applied" }, orderBy: { createdAt: "desc" }, select: { source: true } }))?.source ?? null;
}
