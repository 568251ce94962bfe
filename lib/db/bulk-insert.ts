import { Prisma, providerOfClient, type DbOrTx, type DbProvider } from "./client";

/**
 * Many rows in few statements, inside the caller's transaction, for imports of hundreds of
 * thousands of rows. The rows of a statement travel as one JSON text parameter that the database
 * unpacks itself (SQLite json_each, PostgreSQL jsonb_array_elements): Prisma spends microseconds
 * on every bound parameter (and builds its query per row in createMany), so 200,000 invoices as
 * multi-row VALUES took ~12 s on SQLite and ~26 s on PostgreSQL, as JSON ~5 s and ~7 s, with a
 * fraction of the memory. A column with one value for all rows (`same`) is sent once per
 * statement. Reads the other way round: the rows of a query come back as one JSON text, parsed
 * natively, instead of one Prisma object per row. Columns are written as given: the caller
 * supplies ids and timestamps (updatedAt too).
 */

/** What a column holds, as the JSON and the cast on each side need it. */
export type ColumnType = "text" | "int" | "bigint" | "bool" | "timestamp";
/** A column with one value for every row: sent once per statement, not in each row. */
export type SameValue = { type: ColumnType; value: unknown };
/** Column name -> type (or the one value), in the order of the values in each row. */
export type Columns = Record<string, ColumnType | SameValue>;
type Row = readonly unknown[];

export function same(type: ColumnType, value: unknown): SameValue {
  return { type, value };
}

/**
 * Rows per statement (of ten columns; fewer for wider rows). Kept small: Prisma's debug module
 * keeps its last 100 log lines whether or not debugging is on, and each raw statement logs its
 * parameters, so the JSON of the last 100 statements stays in memory until later queries push it
 * out (at 10,000 rows a statement that was ~130 MB). Much smaller costs time and saves nothing.
 */
const ROWS_PER_STATEMENT = 500;


export async function insertRows(db: DbOrTx, table: string, columns: Columns, rows: Iterable<Row>): Promise<number> {
  const names = checkedNames(table, columns);
  const head = Prisma.raw(`INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(", ")}) SELECT ${names.map((c) => `v."${c}"`).join(", ")} FROM `);
  return inStatements(db, columns, rows, (values) => db.$executeRaw`${head}${values}`);
}

/**
 * Updates rows by their key (the first column) to the values given; a column named in `add` is
 * increased by its value instead. One key once per call: with a key twice a database applies
 * either row, not both.
 */
export async function updateRows(db: DbOrTx, table: string, columns: Columns, rows: Iterable<Row>, add: readonly string[] = []): Promise<number> {
  const [key, ...rest] = checkedNames(table, columns);
  const set = rest.map((c) => (add.includes(c) ? `"${c}" = "${table}"."${c}" + v."${c}"` : `"${c}" = v."${c}"`)).join(", ");
  const head = Prisma.raw(`UPDATE "${table}" SET ${set} FROM `);
  const tail = Prisma.raw(` WHERE "${table}"."${key}" = v."${key}"`);
  return inStatements(db, columns, rows, (values) => db.$executeRaw`${head}${values}${tail}`);
}

/**
 * The rows of `SELECT <expressions> <from>` as arrays, in one round trip and one JSON text: text
 * and integers as JSON gives them (cast 64-bit amounts to TEXT to keep every digit), NULL as null.
 * The order of the rows is not kept.
 */
export async function selectRows(db: DbOrTx, expressions: string[], from: Prisma.Sql): Promise<unknown[][]> {
  const list = Prisma.raw(expressions.join(", "));
  const rows =
    providerOfClient(db) === "postgresql"
      ? await db.$queryRaw<Array<{ rows: string | null }>>`SELECT json_agg(json_build_array(${list}))::text AS "rows" ${from}`
      : await db.$queryRaw<Array<{ rows: string | null }>>`SELECT json_group_array(json_array(${list})) AS "rows" ${from}`;
  const text = rows[0]?.rows;
  return text ? (JSON.parse(text) as unknown[][]) : [];
}

/** A list of texts as one parameter, for `x IN ${textList(db, values)}`. */
export function textList(db: DbOrTx, values: readonly string[]): Prisma.Sql {
  const json = JSON.stringify(values);
  return providerOfClient(db) === "postgresql" ? Prisma.sql`(SELECT jsonb_array_elements_text(${json}::jsonb))` : Prisma.sql`(SELECT value FROM json_each(${json}))`;
}

function checkedNames(table: string, columns: Columns): string[] {
  const names = Object.keys(columns);
  const ok = (name: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
  if (!ok(table) || names.length === 0 || !names.every(ok)) throw new Error("bulk rows: bad table or column name");
  return names;
}

/**
 * Sends the rows in JSON batches; `run` gets the rows as a derived table `(...) AS v`. The rows are
 * consumed: their values are rewritten in place to what the JSON carries, and each batch is
 * turned into text by one JSON.stringify (building it value by value made ~2 KB of garbage a row).
 */
async function inStatements(db: DbOrTx, columns: Columns, rows: Iterable<Row>, run: (values: Prisma.Sql) => Promise<number>): Promise<number> {
  const provider = providerOfClient(db);
  const names = Object.keys(columns);
  const varying = names.filter((c) => typeof columns[c] === "string");
  const types = varying.map((c) => columns[c] as ColumnType);
  const convert = types.map((t) => converterOf(provider, t));
  const pg = provider === "postgresql";
  const select = names.map((c) => {
    const spec = columns[c]!;
    if (typeof spec !== "string") {
      const value = sameParameter(provider, spec);
      const as = Prisma.raw(`"${c}"`);
      return pg ? Prisma.sql`CAST(${value} AS ${Prisma.raw(SQL_TYPES[spec.type])}) AS ${as}` : Prisma.sql`${value} AS ${as}`;
    }
    const i = varying.indexOf(c);
    return Prisma.raw(pg ? `${cast(`e->>${i}`, spec)} AS "${c}"` : `value->>${i} AS "${c}"`);
  });
  const open = Prisma.sql`(SELECT ${Prisma.join(select, ", ")} FROM ${Prisma.raw(pg ? "jsonb_array_elements(" : "json_each(")}`;
  const close = Prisma.raw(pg ? "::jsonb) e) AS v" : ")) AS v");
  const perStatement = Math.max(1, Math.floor(ROWS_PER_STATEMENT / Math.max(1, varying.length / 10)));
  let changed = 0;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const json = JSON.stringify(batch);
    batch = [];
    changed += await run(Prisma.sql`${open}${json}${close}`);
  };
  for (const row of rows) {
    const values = row as unknown[];
    for (let i = 0; i < convert.length; i++) {
      const v = values[i];
      values[i] = v === undefined || v === null ? null : convert[i]!(v);
    }
    batch.push(values);
    if (batch.length >= perStatement) await flush();
  }
  await flush();
  return changed;
}

const SQL_TYPES: Record<ColumnType, string> = { text: "text", int: "integer", bigint: "bigint", bool: "boolean", timestamp: "timestamp(3)" };

/** A column's one value as a parameter: as the JSON would carry it, integers as bigint on SQLite (bound as integers). */
function sameParameter(provider: DbProvider, spec: SameValue): unknown {
  if (spec.value === null || spec.value === undefined) return null;
  const v = converterOf(provider, spec.type)(spec.value);
  return provider === "sqlite" && typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v;
}

function cast(expr: string, type: ColumnType): string {
  return type === "text" ? expr : `(${expr})::${SQL_TYPES[type]}`;
}

/**
 * A value as JSON carries it, in the form each database stores it (as the Prisma client writes and
 * reads it): SQLite instants as unix epoch milliseconds (the adapter's timestampFormat) and
 * booleans as 1/0; PostgreSQL instants as UTC timestamps without zone. A 64-bit integer beyond
 * what a JSON number holds exactly goes as text, which both databases read back as the integer.
 */
function converterOf(provider: DbProvider, type: ColumnType): (v: unknown) => unknown {
  switch (type) {
    case "text":
      return (v) => (typeof v === "string" ? v : String(v));
    case "int":
      return (v) => v;
    case "bigint":
      return (v) => (typeof v === "bigint" ? (v <= MAX_EXACT && v >= -MAX_EXACT ? Number(v) : v.toString()) : v);
    case "bool":
      return provider === "postgresql" ? (v) => Boolean(v) : (v) => (v ? 1 : 0);
    case "timestamp":
      return provider === "postgresql" ? (v) => (v as Date).toISOString().slice(0, -1) : (v) => (v as Date).getTime();
  }
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
