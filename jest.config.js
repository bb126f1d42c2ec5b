/** Unit specs live beside the code; e2e specs under test/ share one embedded PostgreSQL. */
const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: { '^@fleetwatch/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  rootDir: __dirname,
};

module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
  // A fresh worker process per test file: MikroORM's decorator metadata outlives a file inside a
  // reused worker and breaks entity discovery in the next file ("incompatible receiver #<Map>").
  workerIdleMemoryLimit: '1KB',
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      slowTestThreshold: 30,
      // The OTLP exporters used by test/otlp load http with import(); see the transform's comment.
      transform: { ...shared.transform, '/node_modules/@opentelemetry/otlp-exporter-base/.+\\.js$': '<rootDir>/test/setup/dynamic-import.transform.js' },
      transformIgnorePatterns: ['/node_modules/(?!@opentelemetry/otlp-exporter-base/)'],
    },
  ],
};
