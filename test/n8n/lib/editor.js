// The n8n editor in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): log in,
// search the node creator as a user does, open an example, check that the Hailuo nodes render with their
// names and the package's icons, open Hailuo Generate's panel, record what it shows, and save screenshots.
// The data-test-id attributes used here are the same in n8n 1.123 and 2.40.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const assert = require('node:assert/strict');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const VIEWPORT = { width: 1400, height: 900 };

/**
 * Opens a browser session; `check(name, fn)` records each editor check (fn gets the page).
 * Returns { page, close }.
 */
async function openEditor({ playwrightDir, baseUrl, owner }) {
	const { chromium } = require(playwrightDir);
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-hailuo-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: VIEWPORT,
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	const problems = [];
	page.on('pageerror', (error) => isOwnVersionCheckError(error) || problems.push(`page error: ${error.message} (${String(error.stack).split('\n').slice(1, 3).join(' ').trim()})`));
	page.on('response', (response) => {
		if (response.status() >= 400 && new URL(response.url()).origin === baseUrl && !isExpectedFailure(response)) {
			problems.push(`HTTP ${response.status()} ${response.url()}`);
		}
	});

	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(owner.email);
	await page.locator('input[type="password"]').first().fill(owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));

	return {
		page,
		problems,
		async close() {
			await context.close();
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/**
 * Failures n8n's editor causes by itself, for every node: the login probe before signing in (401),
 * /schemas/<node type>/<version>.json, which n8n 2.40 only has for some of its own nodes (404), and
 * n8n 1.x's AI assistant asking for its sessions although N8N_AI_ENABLED is off (403).
 */
function isExpectedFailure(response) {
	const { pathname } = new URL(response.url());
	const status = response.status();
	return (status === 401 && pathname === '/rest/login') || (status === 404 && pathname.startsWith('/schemas/')) || (status === 403 && pathname === '/rest/ai/sessions/metadata');
}

/**
 * Opens the node creator as a user does: `trigger` from the "add first step" button of a new, empty
 * workflow (the trigger panel); `actions` from the + button of the workflow open in the page.
 */
async function openNodeCreator(page, baseUrl, panel) {
	if (panel === 'trigger') {
		await page.goto(`${baseUrl}/workflow/new`);
		await page.locator('[data-test-id="canvas-add-button"]').first().click();
	} else {
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	}
	await page.locator('[data-test-id="node-creator-search-bar"]').waitFor({ state: 'visible' });
}

/**
 * Types `query` into the open node creator's search, key by key, and returns the node names it lists, top
 * to bottom: as soon as all of `wanted` are listed, else what it lists after 5 s.
 */
async function searchNodeCreator(page, query, wanted) {
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	await search.fill('');
	await search.pressSequentially(query, { delay: 40 });
	const names = page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]:visible');
	let listed = [];
	for (const deadline = Date.now() + 5000; Date.now() < deadline; await page.waitForTimeout(250)) {
		listed = (await names.allInnerTexts()).map((n) => n.trim());
		if (wanted.every((name) => listed.includes(name))) break;
	}
	return listed;
}

/** n8n 1.x's version-notification store reads its settings, absent with N8N_VERSION_NOTIFICATIONS_ENABLED off: n8n's own error, for every page. */
function isOwnVersionCheckError(error) {
	return /reading 'enabled'/.test(error.message) && /\/assets\/versions\.store-/.test(String(error.stack));
}

function canvasNode(page, name) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

async function openWorkflow(page, baseUrl, workflowId, nodeNames) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	for (const name of nodeNames) await canvasNode(page, name).waitFor({ state: 'visible' });
	// let icons load and the canvas settle on its fit-to-view zoom before the screenshot
	await page.waitForLoadState('networkidle');
}

/** Name text, icon source and whether the icon image actually loaded, for one canvas node. */
async function describeCanvasNode(page, name) {
	const node = canvasNode(page, name);
	const text = await node.innerText();
	const icon = await node.evaluate((element) => {
		const img = element.querySelector('img');
		if (img) return { kind: 'img', src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 };
		const svg = element.querySelector('[data-test-id="node-icon"] svg, .n8n-node-icon svg, svg');
		return svg ? { kind: 'svg', src: null, loaded: true, markup: svg.outerHTML.slice(0, 120) } : null;
	});
	return { name, text, icon };
}

function assertPackageIcon(node) {
	assert.ok(node.icon, `${node.name}: no icon on the canvas`);
	assert.equal(node.icon.kind, 'img', `${node.name}: icon is an inline svg, not the package's icon file (${node.icon.markup})`);
	assert.match(node.icon.src, /\/icons\/n8n-nodes-hailuo\//, `${node.name}: icon ${node.icon.src} is not from the package`);
	assert.ok(node.icon.loaded, `${node.name}: icon ${node.icon.src} did not load`);
}

/** Opens a node's parameter panel (NDV) by double-click; returns the panel locator. */
async function openNodePanel(page, name) {
	await canvasNode(page, name).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor({ state: 'visible' });
	await panel.locator('[data-test-id="node-parameters"]').waitFor({ state: 'visible' });
	return panel;
}

/** Field labels of the open panel's Parameters tab, top to bottom, as a user reads them. */
async function panelFieldLabels(panel) {
	// :visible leaves out the Settings tab, which is in the DOM but hidden
	const labels = await panel.locator('[data-test-id="node-parameters"] [data-test-id="input-label"]:visible, [data-test-id="node-parameters"] .n8n-input-label:visible').allInnerTexts();
	const seen = [];
	for (const label of labels.map((l) => l.trim().split('\n')[0].trim()).filter(Boolean)) if (!seen.includes(label)) seen.push(label);
	return seen;
}

function credentialSelect(panel) {
	return panel.locator('[data-test-id="node-credentials-select"]').first();
}

/** The credential the picker shows (for this node: the provider account). */
async function credentialShown(panel) {
	const select = credentialSelect(panel);
	await select.waitFor({ state: 'visible' });
	return (await select.locator('input').first().inputValue().catch(() => '')) || (await select.innerText()).trim();
}

/** The text an options or text parameter shows, by parameter name. */
async function fieldValue(panel, parameterName) {
	const input = panel.locator(`[data-test-id="parameter-input-${parameterName}"] input, [data-test-id="parameter-input-${parameterName}"] textarea`).first();
	await input.waitFor({ state: 'attached' });
	return (await input.inputValue()).trim();
}

/** What the credential picker shows, and the entries of its dropdown ("<name> <type>"). */
async function credentialPicker(page, panel) {
	const shown = await credentialShown(panel);
	const select = credentialSelect(panel);
	await select.click();
	const options = page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');
	await options.first().waitFor({ state: 'visible' });
	const entries = (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
	return { shown, entries };
}

module.exports = { openEditor, openNodeCreator, searchNodeCreator, openWorkflow, describeCanvasNode, assertPackageIcon, openNodePanel, panelFieldLabels, credentialShown, fieldValue, credentialPicker };
