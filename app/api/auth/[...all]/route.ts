import { handleAuthRequest } from "@/server/auth";

// Next.js 16 gives a route handler no trustworthy peer address (no `request.ip`, no socket; it
// fills X-Forwarded-For with the socket address only when the client sent none, so a client can
// always pre-empt it). The peer is therefore unknown here: the client address comes from
// X-Forwarded-For only with TRUSTED_PROXIES set, and otherwise sign-in is limited per account
// only. See server/client-address.ts.

export async function GET(request: Request) {
  return handleAuthRequest(request, { peer: null });
}

export async function POST(request: Request) {
  return handleAuthRequest(request, { peer: null });
}
