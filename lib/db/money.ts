/** Money lives in the database as BigInt cents; DTOs carry safe-integer numbers. */
export function centsToNumber(value: bigint | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === "bigint" ? Number(value) : value;
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of safe range: ${String(value)}`);
  return n;
}
