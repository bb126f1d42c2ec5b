import { createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const MALFORMED = { statusCode: 400, error: 'Bad Request', code: 'validation_failed', message: ['id must be a UUID'] };

describe('alerts: a malformed id in the path is a 400 naming the parameter', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = await createUser(t.client, t.sql);
  });

  afterAll(() => t.close());

  it.each([
    ['get', '/api/alerts/rules/nope'],
    ['patch', '/api/alerts/rules/nope'],
    ['delete', '/api/alerts/rules/nope'],
    ['patch', '/api/alerts/channels/nope'],
    ['delete', '/api/alerts/channels/nope'],
    ['post', '/api/alerts/channels/nope/test'],
    ['delete', '/api/alerts/silences/nope'],
    ['get', '/api/alerts/nope/history'],
    ['post', '/api/alerts/nope/acknowledge'],
    ['post', '/api/alerts/nope/resolve'],
  ] as const)('%s %s', async (method, path) => {
    const res = await t.client[method](path, user.auth).send({});
    expect(res.status).toBe(400);
    expect(res.body).toEqual(MALFORMED);
  });
});
