const { createDefaultPreset } = require('ts-jest');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  ...createDefaultPreset(),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Integration tests start real HTTP servers and databases; two cores, so keep workers modest.
  maxWorkers: 2,
  // At the end jest asks each worker to exit and waits this long before killing it and printing "A worker
  // process has failed to exit gracefully". Its default, 500 ms, is too short on two loaded cores: with
  // three runs at once (load 10-16), two pure core suites with nothing left open printed it 3 times in 3,
  // and suites that fork children 5 in 6, against 0 in 6 with 1.5 s or 5 s. Still short enough that a
  // handle left open for seconds (the Heroku back-off waits of docs/decisions.md) is reported.
  workerGracefulExitTimeout: 2000,
  testTimeout: 30000,
};
