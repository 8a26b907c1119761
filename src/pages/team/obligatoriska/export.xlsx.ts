/** The .xlsx (exceljs) of required-course compliance: one row per person × assigned course. */
import type { APIRoute } from 'astro';
import { complianceXlsx, xlsxHeaders } from '#lib/assignments/assignment-export.ts';
import { exportRequest } from '#lib/assignments/export-request.ts';

export const prerender = false;

export const GET: APIRoute = async (ctx) => {
  const req = await exportRequest(ctx, 'xlsx');
  if (req instanceof Response) return req;
  const body = await complianceXlsx(req.rows, req.titles);
  return new Response(body, { status: 200, headers: xlsxHeaders(`${req.filename}.xlsx`) });
};
