export { TestClient } from './http/test-client';
export type { Credentials } from './http/test-client';
export { createUser, createApiKey, createAgent, createDeployment } from './factories';
export type { TestUser, TestAgent } from './factories';
export { describeAuthorizationMatrix, CALLERS } from './authorization-matrix';
export type { MatrixRoute, MatrixWorld, Caller } from './authorization-matrix';
export { createTestDatabase, sqlClient } from './test-database';
export { TEST_ADMIN_URL_ENV, TEMPLATE_DATABASE } from './test-database-env';
export { TcpProxy } from './net/tcp-proxy';
