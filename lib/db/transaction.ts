import { Prisma, type Db, type DbOrTx } from "./client";

/**
 * Runs `fn` inside the caller's transaction when given one, else in a new one: a use case that
 * writes several rows stays all-or-nothing whether a door calls it alone or inside its own
 * transaction (the API stores an idempotent answer in the same transaction as the write).
 */
export function inTransaction<T>(db: DbOrTx, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? (db as Db).$transaction((tx) => fn(tx)) : fn(db);
}

/** A write that lost a race on a unique key (an idempotency key, a one-per-thing rule): the other write is the one. */
export const isUniqueViolation = (e: unknown): boolean => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
