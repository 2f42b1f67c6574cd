// Builds and packs n8n-nodes-hailuo, then installs the .tgz the way n8n 2.40 installs a community
// package (CommunityPackagesService.downloadPackage): unpacked into <user>/.n8n/nodes/node_modules/<name>,
// dev/peer/optional dependencies removed, a shallow `npm install` inside it, and the package listed in
// nodes/package.json. n8n-workflow then resolves to n8n's own copy, as for real users.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { runChecked } = require('./processes');
const { cleanEnv, runtime } = require('./setup');
const { PROJECT_DIR } = require('./paths');

async function buildAndPack(destDir, logFile) {
	const env = cleanEnv();
	await runChecked('npm run build', 'npm', ['run', 'build'], { cwd: PROJECT_DIR, env, logFile });
	const packed = await runChecked('npm pack', 'npm', ['pack', '--json', '--loglevel=error', `--pack-destination=${destDir}`], { cwd: PROJECT_DIR, env, logFile });
	const [info] = JSON.parse(packed.stdout);
	return { tarball: path.join(destDir, info.filename), name: info.name, version: info.version, files: info.entryCount };
}

async function installLikeN8n({ tarball, name, version }, nodesDir, logFile) {
	const packageDir = path.join(nodesDir, 'node_modules', name);
	fs.mkdirSync(packageDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [name]: version } }, null, 2));
	await runChecked('tar', 'tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: nodesDir, env: cleanEnv(), logFile });

	const manifestFile = path.join(packageDir, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));

	const npmArgs = ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'];
	await runChecked('npm install (package)', 'npm', npmArgs, { cwd: packageDir, env: runtime().env, logFile });
	return packageDir;
}

module.exports = { buildAndPack, installLikeN8n };
