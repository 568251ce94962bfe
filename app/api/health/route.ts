import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await checkDatabase();
  return Response.json(result.ok ? { status: "ok" } : { status: "unavailable" }, {
    status: result.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
