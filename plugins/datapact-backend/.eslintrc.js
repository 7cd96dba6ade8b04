module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // Lifecycle tests assert through a helper named after what it checks.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectEndedBySweep'] },
    ],
  },
});
