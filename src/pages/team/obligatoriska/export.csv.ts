/** CSV of required-course compliance: one row per person × assigned course (optionally one assignment). */
import type { APIRoute } from 'astro';
import { complianceCsv } from '#lib/assignments/assignment-export.ts';
import { exportRequest } from '#lib/assignments/export-request.ts';
import { csvHeaders } from '#lib/http/csv.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const req = await exportRequest(ctx, 'csv');
  if (req instanceof Response) return req;
  return new Response(complianceCsv(req.rows, req.titles), { status: 200, headers: csvHeaders(`${req.filename}.csv`) });
};
