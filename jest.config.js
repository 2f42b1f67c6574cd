// Tests run against the built package (dist/), the same JavaScript n8n loads: `npm test` builds first.
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	testTimeout: 60_000,
	// One engine run at a time keeps timing-sensitive polling tests stable on 2 cores.
	maxWorkers: 2,
};
