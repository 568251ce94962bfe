import net from "node:net";
import path from "node:path";
import fs from "node:fs";
import { PrismaClient as SqliteClient, Prisma } from "@/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/generated/postgresql/client";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { isPostgresUrl, settings } from "@/lib/env/settings";

/** Both generated clients have the same models; the SQLite one's types stand for both. */
export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;
export type DbOrTx = Db | Tx;
export { Prisma };

export type DbProvider = "sqlite" | "postgresql";

/** The PostgreSQL application_name of the app's connections. */
export const APP_CONNECTION_NAME = "dunning-workbench";

export function providerOf(url: string): DbProvider {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}

/**
 * The database behind a client or transaction. Prisma keeps it on the client (and the transaction
 * clients it hands out) as `_activeProvider`; both generated clients have it.
 */
export function providerOfClient(db: DbOrTx): DbProvider {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * Text for a Prisma `contains` / `startsWith` filter, meant literally: Prisma puts it into a LIKE
 * unescaped, so a % or _ typed would match any text or character. PostgreSQL's LIKE takes a
 * backslash as its escape by default; SQLite's LIKE has no escape without an ESCAPE clause (which
 * Prisma does not write), so there the text is left as it is: a % or _ typed matches like a
 * wildcard (the search box avoids that path, see lib/debtors/text-search.ts).
 */
export function likeText(text: string, provider: DbProvider): string {
  return provider === "postgresql" ? text.replace(/[\\%_]/g, (c) => `\\${c}`) : text;
}

/** Resolves file:./x relative to the project root, as the migration tool does. */
export function sqlitePath(url: string): string {
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

/**
 * PostgreSQL prepared statements: without a name, every statement is parsed and planned anew on
 * each run (on the debtor page that was about 9 of its 11 ms of database CPU). A named statement
 * is parsed once per connection, and PostgreSQL plans it once it has seen that a generic plan
 * does as well as the custom ones. Each distinct SQL text gets a name, up to MAX_NAMED_STATEMENTS
 * texts for the process: the driver keeps a connection's statements as long as the connection
 * lives, so texts past that (a list with an unusual number of values, say) run unnamed as before.
 * DATABASE_PREPARED_STATEMENTS=off runs every statement unnamed, for a connection pooler in
 * transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
 */
export const MAX_NAMED_STATEMENTS = 2_000;
const statementNames = new Map<string, string>();
export function statementName(query: { sql: string }): string | undefined {
  let name = statementNames.get(query.sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `dw${statementNames.size.toString(36)}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

/** A PostgreSQL connection in use that says nothing for this long is considered dead. */
export const SILENT_CONNECTION_MS = 45_000;

export function createDb(url: string, opts: { poolSize?: number; silentMs?: number; preparedStatements?: boolean } = {}): Db {
  if (isPostgresUrl(url)) {
    // ?schema=name selects a PostgreSQL schema (the integration tests use one per run).
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    const adapter = new PrismaPg(
      {
        connectionString: parsed.toString(),
        max: opts.poolSize ?? 10,
        // adapter-pg waits forever for a connection by default: fail fast instead.
        connectionTimeoutMillis: 5_000,
        // A network that stops answering without closing (a split, a frozen server) must fail the
        // request instead of hanging until TCP gives up (~15 minutes) with the pool tied up: a
        // connection silent for SILENT_CONNECTION_MS while in use is cut, and the request gets the
        // app's "try again" answer. Idle pooled connections are closed earlier (idleTimeoutMillis).
        stream: () => {
          const socket = new net.Socket();
          socket.setTimeout(opts.silentMs ?? SILENT_CONNECTION_MS, () => socket.destroy(new Error("Connection terminated: the database stopped answering")));
          return socket;
        },
        keepAlive: true,
        idleTimeoutMillis: 30_000,
        // Named, so `npm run db:restore` can see that the app is still connected and refuse.
        application_name: APP_CONNECTION_NAME,
        // Raw SQL is unqualified: make the chosen schema the search path too.
        ...(schema ? { options: `-c search_path="${schema.replace(/"/g, "")}"` } : {}),
      },
      // The option's type says string; undefined reaches pg as no name (an unnamed statement).
      { ...(schema ? { schema } : {}), ...(opts.preparedStatements === false ? {} : { statementNameGenerator: statementName as (query: { sql: string }) => string }) },
    );
    return new PgClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
  }
  const file = sqlitePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const base = new PrismaBetterSqlite3({ url: file, timeout: 10_000 }, { timestampFormat: "unixepoch-ms" });
  const adapter: SqlDriverAdapterFactory = {
    provider: "sqlite",
    adapterName: base.adapterName,
    connect: async () => {
      const connection = await base.connect();
      await connection.executeScript(SQLITE_PRAGMAS);
      beginImmediately(connection);
      keepStatements(connection);
      return oneTransactionAtATime(connection);
    },
  };
  return new SqliteClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
}

/**
 * Per-connection settings for a busy server (README, "SQLite for a team", says why each):
 * - WAL: readers (other requests, other processes) run beside the one writer;
 * - synchronous=FULL: every acknowledged write (a call note, an agreement) survives a power cut,
 *   at one flush per commit;
 * - busy_timeout: a writer waits up to 10 s for another process's write lock instead of failing;
 * - a 64 MB page cache and 256 MB of the file memory-mapped: the large set's hot pages stay in
 *   memory (the default cache is 2 MB); temporary sorts and groupings in memory;
 * - checkpoints: the committing writer copies the WAL back into the database once 1,000 pages
 *   (4 MB) have been written (SQLite's default, passive: it never waits for readers, and what a
 *   long reader held back is copied at a later commit); the file is cut back to 64 MB afterwards,
 *   so a burst (an import) does not leave a large WAL behind.
 */
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 10000",
  "PRAGMA cache_size = -65536",
  "PRAGMA mmap_size = 268435456",
  "PRAGMA temp_store = MEMORY",
  "PRAGMA wal_autocheckpoint = 1000",
  "PRAGMA journal_size_limit = 67108864",
].join("; ") + ";";

/**
 * Waiting for a transaction to start: as long as the pool waits for a connection (5 s), not
 * Prisma's default 2 s, so a burst of writes queues instead of failing (P2028, which is also
 * answered as "try again", see unavailable.ts).
 */
const TRANSACTION_OPTIONS = { maxWait: 5_000, timeout: 15_000 };

type Queryable = { queryRaw(q: unknown): Promise<unknown>; executeRaw(q: unknown): Promise<unknown>; executeScript(s: string): Promise<void>; startTransaction(i?: unknown): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }> };

/**
 * The SQLite adapter has one connection. Its lock orders transactions, but a plain query (not in a
 * transaction) runs at once on that same connection, so while another request's transaction is
 * open, the query runs inside it: a write answered as done is undone when that transaction rolls
 * back (a conflict, a refusal) or when the process dies before the commit (found by the kill -9 and
 * race drills: 5 acknowledged writes lost in 5 kills). Here a plain query waits until no
 * transaction is open or queued.
 */
function oneTransactionAtATime<C>(connection: C): C {
  const c = connection as unknown as Queryable;
  let open = 0;
  let idle: Promise<void> = Promise.resolve();
  let markIdle = () => {};
  const enter = () => {
    if (open++ === 0) idle = new Promise<void>((resolve) => (markIdle = resolve));
  };
  const leave = () => {
    if (--open === 0) markIdle();
  };
  const whenIdle = async () => {
    while (open > 0) await idle;
  };
  const queryRaw = c.queryRaw.bind(c);
  const executeRaw = c.executeRaw.bind(c);
  const executeScript = c.executeScript.bind(c);
  const startTransaction = c.startTransaction.bind(c);
  c.queryRaw = async (q) => (await whenIdle(), queryRaw(q));
  c.executeRaw = async (q) => (await whenIdle(), executeRaw(q));
  c.executeScript = async (s) => (await whenIdle(), executeScript(s));
  c.startTransaction = async (isolation) => {
    enter();
    let tx: Awaited<ReturnType<Queryable["startTransaction"]>>;
    try {
      tx = await startTransaction(isolation);
    } catch (e) {
      leave();
      throw e;
    }
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        leave();
      }
    };
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = async () => {
      try {
        await commit();
      } finally {
        end();
      }
    };
    tx.rollback = async () => {
      try {
        await rollback();
      } finally {
        end();
      }
    };
    return tx;
  };
  return connection;
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE) instead of at their
 * first write. With a second writer on the file (a cron script, a second process) a deferred
 * transaction that read first and then writes cannot wait for the lock: SQLite answers "database
 * is locked" at once to avoid a deadlock, and busy_timeout never applies. Taken at BEGIN, the
 * lock is waited for (up to busy_timeout) and the transaction then runs to its end. The driver
 * adapter starts every transaction with exactly `BEGIN`, so that one statement is rewritten.
 */
function beginImmediately(connection: unknown): void {
  const raw = (connection as { client?: { prepare?: (sql: string) => unknown } }).client;
  if (!raw?.prepare) throw new Error("SQLite driver adapter changed: cannot make transactions begin immediately");
  const prepare = raw.prepare.bind(raw);
  raw.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
}

/** Prepared statements kept per connection (distinct SQL texts; an IN list of each length is one). */
export const STATEMENT_CACHE_SIZE = 500;

type RawStatement = { reader: boolean; run(...args: unknown[]): unknown; all(...args: unknown[]): unknown[]; columns(): unknown[]; raw(on?: boolean): RawStatement };
type Kept = { stmt: RawStatement; columns: unknown[] | null };

/**
 * The driver adapter prepares every statement anew (`prepare(sql).bind(args)`): SQLite parses
 * and plans it each time, about 50 µs, some 2 ms of a debtor page's ~40 statements. Here each
 * SQL text is prepared once per connection and kept (least recently used out past
 * STATEMENT_CACHE_SIZE); `prepare` hands out a light handle that runs the kept statement with
 * the arguments given to `bind` (better-sqlite3 binds a statement object only once, so the kept
 * one is never bound). The adapter uses exactly `reader`, `run()`, `columns()` and `raw().all()`
 * on what `bind` returns, and `run()` on what `prepare` returns; anything else it reached for
 * would throw, and the integration tests run every query through here. One connection runs one
 * statement at a time (the driver is synchronous), so sharing a kept statement is safe.
 */
function keepStatements(connection: unknown): void {
  const raw = (connection as { client?: { prepare?: (sql: string) => unknown } }).client;
  if (!raw?.prepare) throw new Error("SQLite driver adapter changed: cannot keep prepared statements");
  const prepare = raw.prepare.bind(raw) as (sql: string) => RawStatement;
  const kept = new Map<string, Kept>();
  const statementFor = (sql: string): Kept => {
    let k = kept.get(sql);
    if (k) kept.delete(sql);
    else k = { stmt: prepare(sql), columns: null };
    kept.set(sql, k);
    if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
    return k;
  };
  raw.prepare = (sql: string) => {
    const k = statementFor(sql);
    const { stmt } = k;
    return {
      run: () => stmt.run(),
      bind: (args: unknown[]) => ({
        reader: stmt.reader,
        run: () => stmt.run(args),
        // The adapter only reads each column's name and declared type: built once per statement
        // (better-sqlite3 builds a fresh object per column on every call, 1 to 2 % of a page).
        columns: () => (k.columns ??= stmt.columns()),
        raw: () => ({ all: () => stmt.raw(true).all(args) }),
      }),
    };
  };
}

const globalForDb = globalThis as unknown as { __dunningDb?: Db };

/** The application's database, chosen by DATABASE_URL. */
export function db(): Db {
  globalForDb.__dunningDb ??= createDb(settings().databaseUrl, { poolSize: settings().databasePoolSize, preparedStatements: settings().databasePreparedStatements });
  return globalForDb.__dunningDb;
}

export function dbProvider(): DbProvider {
  return providerOf(settings().databaseUrl);
}
