/** GET: everything stored about the signed-in participant, as a JSON download (GDPR art. 15). */
import type { APIRoute } from 'astro';
import { personalData } from '#lib/accounts/personal-data.ts';
import { requireUser } from '#lib/access/guard.ts';
import { audit } from '#lib/audit/audit-log.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const user = requireUser(ctx);
  if (user instanceof Response) return user;
  const db = ctx.locals.db;
  const data = await personalData(db, user.id);
  if (!data) return new Response(null, { status: 404 });
  await audit(db, {
    actor: { id: user.id, email: user.email },
    action: 'personal-data.export',
    targetType: 'user',
    targetId: user.id,
    agencyId: user.agencyId,
    outcome: 'ok',
  });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="kompetensnav-mina-uppgifter-${data.exportedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
};
