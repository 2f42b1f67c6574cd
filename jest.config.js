// Tests run against the built package (dist/), the same JavaScript n8n loads: `npm test` builds first.
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	testTimeout: 60_000,
	// One engine run at a time keeps timing-sensitive polling tests stable on 2 cores.
	maxWorkers: 2,
	// n8n's Wait node (used in loops) requires sanitize-html for forms: see the stub's header.
	moduleNameMapper: { '^sanitize-html$': '<rootDir>/test/harness/stubs/sanitize-html.js' },
};
