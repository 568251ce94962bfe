import { inject } from "vitest";
import { createDb, providerOf } from "@/lib/db/client";

/** The run's fresh database (see global-setup.ts). */
export const databaseUrl = inject("databaseUrl");
export const provider = providerOf(databaseUrl);
export const testDb = createDb(databaseUrl);
