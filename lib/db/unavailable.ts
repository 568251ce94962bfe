/**
 * Whether an error means "the database cannot be reached right now" (a PostgreSQL restart, a
 * network cut, a pool that cannot get a connection, a SQLite file locked by another writer for
 * longer than the busy timeout) rather than a bug: the user is told to try again shortly, and
 * what they typed stays in the form. Prisma and the drivers report this in several shapes.
 */
const CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "08000", "08003", "08006", "SQLITE_BUSY"]);
const MESSAGES = /can't reach database server|connection terminated|connection refused|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection due to administrator command|database is locked|server closed the connection unexpectedly|DatabaseNotReachable/i;

export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 4) return false;
  const err = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
  if (typeof err.code === "string" && CODES.has(err.code)) return true;
  if (err.name === "PrismaClientInitializationError") return true;
  if (typeof err.kind === "string" && /DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections|SocketNotReachable/.test(err.kind)) return true;
  if (typeof err.message === "string" && MESSAGES.test(err.message)) return true;
  return isDatabaseUnavailable(err.cause, depth + 1);
}
