import { createUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

/** Clients branch on `code`, so every code must be in the OpenAPI document and in every error body. */
describe('error codes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists every code in the ErrorResponse schema of the OpenAPI document', async () => {
    const res = await t.client.get('/api/docs-json');
    expect(res.status).toBe(200);
    const schema = res.body.components.schemas.ErrorResponse;
    expect(schema.required).toEqual(['statusCode', 'error', 'code', 'message']);
    const codes: string[] = schema.properties.code.enum;
    for (const code of [
      'validation_failed',
      'unauthorized',
      'not_found',
      'database_unavailable',
      'internal_error',
      'agent_not_found',
      'agent_name_taken',
      'rule_not_found',
      'too_many_exports',
      'invalid_cursor',
    ]) {
      expect(codes).toContain(code);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('puts the domain code, or the generic one, in the body', async () => {
    const user = await createUser(t.client, t.sql);
    const missing = await t.client.get('/api/agents/0190f3a4-0000-7000-8000-000000000000', user.auth);
    expect(missing.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'agent_not_found',
      message: 'agent 0190f3a4-0000-7000-8000-000000000000 not found',
    });
    const anonymous = await t.client.get('/api/agents');
    expect(anonymous.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'unauthorized',
      message: 'Missing, invalid, expired or revoked credentials',
    });
    const unknownRoute = await t.client.get('/api/no-such-route', user.auth);
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.code).toBe('not_found');
  });
});
