/** Small, uncached responses for endpoints: JSON for scripts, plain text for errors. */
const NO_STORE = { 'cache-control': 'no-store' };

/** A JSON body with `status`, never cached. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE },
  });
}

/** A plain-text body with `status`, never cached. */
export function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE } });
}
