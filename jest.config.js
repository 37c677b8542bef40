const { createDefaultPreset } = require('ts-jest');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  ...createDefaultPreset(),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Integration tests start real HTTP servers and databases; two cores, so keep workers modest.
  maxWorkers: 2,
  testTimeout: 30000,
};
