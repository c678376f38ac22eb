import { z } from 'zod';
import { ARROW_MIME, CSRF_HEADER, ErrorBody, ROUTES, SESSION_COOKIE, type RouteSpec } from './contract.ts';

type Json = Record<string, unknown>;

const schema = (s: z.ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;

function parameters(s: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!(s instanceof z.ZodObject)) return [];
  return Object.entries(s.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name, in: where, required: where === 'path' || !field.safeParse(undefined).success,
    schema: schema(field, 'input'), ...(field.description ? { description: field.description } : {}),
  }));
}

function operation(name: string, r: RouteSpec): Json {
  const error = { description: 'Error', content: { 'application/json': { schema: schema(ErrorBody, 'output') } } };
  const ok: Json = r.response
    ? { 'application/json': { schema: schema(r.response, 'output') }, ...(r.tables ? { [ARROW_MIME]: {}, 'text/csv': {} } : {}) }
    : { 'application/octet-stream': {} };
  const body = r.body ? { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } }
    : name === 'upload' ? {
      required: true,
      content: { 'multipart/form-data': { schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } } },
    } : undefined;
  return {
    operationId: name,
    summary: r.summary,
    description: `Roles: ${r.roles === 'public' ? 'anyone' : r.roles.join(', ')}.${r.tables ? ` Tables for ?table= (Arrow, CSV): ${r.tables.join(', ')}.` : ''}`,
    ...(r.roles === 'public' ? { security: [] } : {}),
    parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query'),
      ...(r.method !== 'get' && r.roles !== 'public' ? [{ name: CSRF_HEADER, in: 'header', required: true, schema: { type: 'string' } }] : [])],
    ...(body ? { requestBody: body } : {}),
    responses: { 200: { description: 'OK', content: ok }, 400: error, 401: error, 403: error, 404: error },
  };
}

/** OpenAPI 3.1 for every route of the contract, generated from the same zod schemas the server validates with. */
export function buildOpenApi(): Json {
  const paths: Record<string, Json> = {};
  for (const [name, r] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const p = r.path.replace(/:(\w+)/g, '{$1}');
    paths[p] = { ...(paths[p] ?? {}), [r.method]: operation(name, r) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Vitrina API', version: '1.0.0', description: 'Oversight analytics for the police front offices of Almaty oblast.' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    security: [{ session: [] }],
    paths,
  };
}
