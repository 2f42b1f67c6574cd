#!/usr/bin/env node
// `npm run test:package` (after `n8n-node build`): packs the package as `npm publish` would, then checks
// the tarball n8n users get. It fails naming every file n8n does not load (README, LICENSE, CHANGELOG
// and package.json aside) and every file n8n needs but the tarball lacks, and lints the published
// JavaScript and the source the way n8n's community package scanner does: its rules, with inline
// `eslint-disable` comments ignored. It prints the tarball's size and file count.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
const { ESLint } = require('eslint');

const PROJECT_DIR = path.join(__dirname, '..');

// What an installed community package gives n8n: the node and credential modules (with the modules they
// require) and the nodes' codex files. Icons count only when a packed module names them (below).
// `n8n-node build` copies every PNG and SVG of the repository into dist/ (README screenshots, test
// fixtures) and cannot be told otherwise: package.json `files` keeps those out, and this list catches
// whatever else would slip in.
const ALLOWED_FILES = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^CHANGELOG\.md$/,
	/^dist\/nodes\/.+\.js$/,
	/^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/,
	/^dist\/credentials\/[^/]+\.js$/,
];
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
// A node or credential names its icons as `icon: { light: 'file:../icons/x.svg', dark: … }`,
// relative to its own module.
const ICON_REFERENCE = /["']file:([^"']+\.(?:svg|png))["']/g;

// The scanner (@n8n/scan-community-package 0.32.0, `buildScanConfig` and `analyzePackage` in
// https://github.com/n8n-io/n8n/blob/master/packages/@n8n/scan-community-package/scanner/scanner.mjs)
// lints the provenance-attested source and the published tarball with one flat config,
// `allowInlineConfig: false`, and fails on any error. Its plugins are the ones `n8n-node lint` uses, so
// they are taken from @n8n/node-cli's own dependencies here. Differences: the scanner pins
// @n8n/eslint-plugin-community-nodes 0.29.0, node-cli brings 0.32.0 (its recommended set is 0.29's plus
// `no-unsafe-connection-type-cast`); the scanner's provenance check needs the version published, and
// the YARA rules on n8n's master branch (not in any release yet) are not run here.
const PUBLISHED_PATTERNS = ['**/*.js', 'package.json'];
const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];

async function scannerConfig() {
	const nodeCliRequire = createRequire(require.resolve('@n8n/node-cli/eslint'));
	const { defineConfig } = nodeCliRequire('eslint/config');
	const { parser } = nodeCliRequire('typescript-eslint');
	const n8nNodesBase = nodeCliRequire('eslint-plugin-n8n-nodes-base');
	const communityPluginUrl = pathToFileURL(nodeCliRequire.resolve('@n8n/eslint-plugin-community-nodes')).href;
	const { n8nCommunityNodesPlugin } = await import(communityPluginUrl);

	return {
		glob: nodeCliRequire('fast-glob'),
		config: defineConfig(
			n8nCommunityNodesPlugin.configs.recommended,
			{ rules: { 'no-console': 'error' } },
			{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
			{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
			{
				files: ['**/credentials/**/*.ts'],
				rules: {
					...n8nNodesBase.configs.credentials.rules,
					'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
					'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
				},
			},
			{
				files: ['**/nodes/**/*.ts'],
				rules: {
					...n8nNodesBase.configs.nodes.rules,
					'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
					'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
					'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
				},
			},
			{ files: ['**/*.json'], languageOptions: { parser } },
			{ files: ['**/*.ts'], languageOptions: { parser } },
		),
	};
}

function pack(destination) {
	const output = execFileSync('npm', ['pack', '--json', '--loglevel=error', `--pack-destination=${destination}`], {
		cwd: PROJECT_DIR,
		encoding: 'utf8',
	});
	const [info] = JSON.parse(output);
	const packageDir = path.join(destination, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', path.join(destination, info.filename), '-C', packageDir, '--strip-components=1']);
	return { info, packageDir };
}

function listFiles(dir) {
	return fs
		.readdirSync(dir, { recursive: true })
		.filter((file) => fs.statSync(path.join(dir, file)).isFile())
		.map((file) => file.split(path.sep).join('/'))
		.sort();
}

function referencedIcons(packageDir, files) {
	const icons = new Map();
	for (const file of files.filter((name) => name.endsWith('.js'))) {
		for (const [, reference] of fs.readFileSync(path.join(packageDir, file), 'utf8').matchAll(ICON_REFERENCE)) {
			icons.set(path.posix.join(path.posix.dirname(file), reference), file);
		}
	}
	return icons;
}

function contentProblems(packageDir, files) {
	const packed = new Set(files);
	const icons = referencedIcons(packageDir, files);
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const problems = [];
	for (const file of files) {
		if (!icons.has(file) && !ALLOWED_FILES.some((pattern) => pattern.test(file))) {
			problems.push(`not loaded by n8n: ${file}`);
		}
	}
	for (const file of REQUIRED_FILES) {
		if (!packed.has(file)) problems.push(`missing: ${file}`);
	}
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!packed.has(file)) problems.push(`missing: ${file} (listed in package.json "n8n")`);
	}
	for (const [icon, module] of icons) {
		if (!packed.has(icon)) problems.push(`missing: ${icon} (the icon of ${module})`);
	}
	return problems;
}

async function lint(dir, patterns, { glob, config }) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: config });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const count = (key) => results.reduce((sum, result) => sum + result[key], 0);
	const report = count('errorCount') + count('warningCount') > 0 ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { files: files.length, errors: count('errorCount'), warnings: count('warningCount'), report };
}

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-hailuo-pack-'));
	try {
		const { info, packageDir } = pack(workDir);
		const files = listFiles(packageDir);
		console.log(`${info.filename}: ${files.length} files, ${kilobytes(info.size)} packed, ${kilobytes(info.unpackedSize)} unpacked`);

		const problems = contentProblems(packageDir, files);
		for (const problem of problems) console.log(`  ${problem}`);
		console.log(problems.length === 0 ? 'Contents: only what n8n loads, nothing missing' : `Contents: ${problems.length} problem(s), listed above`);

		const scanner = await scannerConfig();
		let lintErrors = 0;
		const parts = [
			{ name: 'published package', dir: packageDir, patterns: PUBLISHED_PATTERNS },
			{ name: 'source', dir: PROJECT_DIR, patterns: SOURCE_PATTERNS },
		];
		for (const part of parts) {
			const result = await lint(part.dir, part.patterns, scanner);
			lintErrors += result.errors;
			if (result.report) console.log(result.report);
			console.log(`Scanner lint of the ${part.name}: ${result.files} files, ${result.errors} errors, ${result.warnings} warnings`);
		}

		if (problems.length > 0 || lintErrors > 0) process.exitCode = 1;
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
