export { TestClient } from './http/test-client';
export type { Credentials } from './http/test-client';
export { createUser, createApiKey, createAgent, createDeployment } from './factories';
export type { TestUser, TestAgent } from './factories';
export { describeAuthorizationMatrix, CALLERS } from './authorization-matrix';
export type { MatrixRoute, MatrixWorld, Caller } from './authorization-matrix';
export { createTestDatabase, sqlClient, testAdminUrl } from './test-database';
export { TcpProxy } from './net/tcp-proxy';
