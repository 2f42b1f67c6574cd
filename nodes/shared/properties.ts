/**
 * Node parameters shared by the Hailuo nodes, and those generated from the model table, so that
 * the dropdowns always list exactly what the catalog says each provider offers. Descriptions only:
 * what reads them at run time is parameterValues.ts (timeouts, wait settings, text) and
 * validation.ts (the generation parameters); the Generate options are rows of generationOptions.ts.
 */
import type {
	INodeCredentialDescription,
	INodeProperties,
	INodePropertyOptions,
	NodeHint,
} from 'n8n-workflow';

import { CAMERA_MOVEMENTS } from './camera';
import {
	CUSTOM_MODEL,
	MODEL_CATALOG,
	describeDurations,
	takesSeconds,
	MODE_NAMES,
	PROMPT_MAX_LENGTH,
	describeFormats,
	estimateCost,
	familiesAt,
	priceRange,
	familiesWith,
	modelsFor,
	modesOf,
	providersWithFeature,
	resolutionsOffered,
} from './catalog';
import { REFERENCE_MAX_LENGTH } from './callbackReference';
import { GENERATION_OPTIONS, GENERATION_OPTION_NAMES } from './generationOptions';
import { IMAGE_LIMITS_TEXT, formatNames } from './imageInput';
import { DURABLE_WAIT_SECONDS } from './parameterValues';
import { PROVIDERS, PROVIDER_IDS, providerById } from './providers';
import type { CatalogRow } from './catalog';
import type { ProviderId } from './providers';
import type { OptionName, ProviderCapabilities } from './providers/provider';
import { choosableByAgent, outsideAgent } from './toolMode';
import { ASPECT_RATIOS } from './types';
import type { AspectRatio, GenerationMode, Resolution } from './types';

// ---------------------------------------------------------------- help texts derived from the registry

/** "MiniMax and SeaArt", "MiniMax, Atlas Cloud and SeaArt". */
export function providerNames(ids: ProviderId[]): string {
	const names = ids.map((id) => providerById(id).displayName);
	return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'no provider');
}

export function providersWhere(test: (capabilities: ProviderCapabilities) => boolean): ProviderId[] {
	return PROVIDERS.filter((p) => test(p.capabilities)).map((p) => p.id);
}

/** Who takes an option, and what the providers say about it in their own modules. */
function optionHelp(option: Exclude<OptionName, 'cancelOnTimeout'>): string {
	const ids = option === 'callbackUrl' ? providersWhere((c) => c.callbacks) : providersWithFeature(option);
	const notes = PROVIDERS.flatMap((p) => (p.optionNotes?.[option] ? [`${p.displayName}: ${p.optionNotes[option]}`] : []));
	return [`Taken by ${providerNames(ids)}`, ...notes].join('. ');
}

/** "JPG/JPEG, PNG, WebP (Atlas Cloud: JPG/JPEG, PNG), under 20 MB, …": the formats most providers take, then the exceptions. */
export function imageRulesText(): string {
	const byFormats = new Map<string, ProviderId[]>();
	for (const p of PROVIDERS) {
		const formats = formatNames(p.capabilities.imageFormats);
		byFormats.set(formats, [...(byFormats.get(formats) ?? []), p.id]);
	}
	const [common, ...exceptions] = [...byFormats].sort((a, b) => b[1].length - a[1].length);
	const others = exceptions.map(([formats, ids]) => `${providerNames(ids)}: ${formats}`).join('; ');
	return `${common[0]}${others ? ` (${others})` : ''}, ${IMAGE_LIMITS_TEXT}`;
}

/** How a binary image reaches each provider. */
export function binaryImageText(): string {
	const uploading = PROVIDERS.filter((p) => p.uploadFile).map((p) => p.id);
	return `Uploaded first on ${providerNames(uploading)}, which has an upload endpoint; sent inline as a data URL to the others`;
}

/** The registry's first provider. */
const DEFAULT_PROVIDER = PROVIDERS[0].id;

export const providerProperty: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	noDataExpression: true,
	options: PROVIDERS.map((p) => ({ name: p.displayName, value: p.id })),
	default: DEFAULT_PROVIDER,
	description: 'Who runs the Hailuo model and bills you for it. Each has its own credential.',
};

/** The Provider list of the Hailuo Trigger: the providers that call back. */
export const callbackProviderProperty: INodeProperties = {
	...providerProperty,
	options: PROVIDERS.filter((p) => p.capabilities.callbacks).map((p) => ({ name: p.displayName, value: p.id })),
	default: PROVIDERS.find((p) => p.capabilities.callbacks)!.id,
	description: `The provider the videos were created with, using the same credential. ${providerNames(providersWhere((c) => !c.callbacks))} sends no callbacks: use Hailuo Wait for Result in Check Once mode.`,
};

/** A provider's credential as a node lists it: the Provider Account, shown for the provider picked. */
export function providerCredential(id: ProviderId): INodeCredentialDescription {
	return {
		name: providerById(id).credentialType,
		// n8n's editor hides the Provider parameter behind the credential picker (each provider has
		// its own credential type), so the picker's label names what the user is choosing.
		displayName: 'Provider Account',
		required: true,
		displayOptions: { show: { provider: [id] } },
	};
}

const MODE_DESCRIPTIONS: Record<GenerationMode, string> = {
	textToVideo: 'Generate a video from the prompt alone',
	imageToVideo: 'Animate an image (the first frame) guided by the prompt',
	firstLastFrame: 'Animate from a first frame to a last frame',
	lastFrame: 'A video that ends on an image (the last frame)',
	references: 'A video guided by reference images, video clips and audio clips (Hailuo 3)',
	subjectReference: 'A video of the person in a face image, doing what the prompt says',
};

/** Mode, then model: one pair of parameters per provider (and mode), filled from the catalog. */
export function modeAndModelProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const provider of PROVIDER_IDS) {
		const modes = modesOf(provider);
		const defaultMode = modes.includes('imageToVideo') ? 'imageToVideo' : modes[0];
		properties.push({
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			noDataExpression: true,
			options: modes.map((mode) => ({ name: MODE_NAMES[mode], value: mode, description: MODE_DESCRIPTIONS[mode] })),
			default: defaultMode,
			displayOptions: { show: { provider: [provider] } },
		});
	}
	for (const provider of PROVIDER_IDS) {
		for (const mode of modesOf(provider)) {
			const options: INodePropertyOptions[] = modelsFor(provider, mode).map((model) => ({
				name: model.name,
				value: model.value,
				description: `${model.value} — ${describeFormats(model.modes[mode]!.formats)}${model.upscaled ? ` (${model.upscaled.join(' and ')}: the host's upscale of a lower render)` : ''}${model.sound ? ', with sound' : ''}`,
			}));
			const firstModel = options[0].value;
			options.push({
				name: 'Custom Model ID',
				value: CUSTOM_MODEL,
				description: 'A Hailuo model the provider added after this node was released: sent as given, its capabilities not checked',
			});
			const modelProperty: INodeProperties = {
				displayName: 'Model',
				name: 'model',
				type: 'options',
				options,
				default: firstModel,
				description: 'The Hailuo model, as this provider offers it for this mode',
				displayOptions: { show: { provider: [provider], mode: [mode] } },
			};
			properties.push(...choosableByAgent(modelProperty, 'model', modelsForAgent(provider, mode)));
		}
	}
	properties.push({
		displayName: 'Custom Model ID',
		name: 'customModelId',
		type: 'string',
		default: '',
		placeholder: 'e.g. minimax/hailuo-2.5',
		description:
			"The model ID exactly as the provider's documentation gives it. Only the prompt and the images are checked: the mode, duration, resolution, options and price are not, and the output says so.",
		displayOptions: { show: { model: [CUSTOM_MODEL] } },
	});
	return properties;
}

/** The model choice as the LLM reads it: each model id with what it renders and costs. */
function modelsForAgent(provider: ProviderId, mode: GenerationMode): string {
	const models = modelsFor(provider, mode).map((model) => {
		const range = priceRange(
			Object.entries(model.modes[mode]!.formats).flatMap(([resolution, durations]) =>
				durations!.map((duration) => estimateCost(provider, model.value, duration, resolution as Resolution)),
			),
		);
		const price = range ? `, ${range} a video` : '';
		return `${model.value} (${model.name}: ${describeFormats(model.modes[mode]!.formats)}${model.sound ? ', with sound' : ''}${price})`;
	});
	return `The model id, one of: ${models.join('; ')}. Duration and resolution must be a pair the model lists.`;
}

/** "Hailuo 3: 7000": the models with their own prompt limit. */
function promptLimitsText(): string {
	const limits = new Map(MODEL_CATALOG.filter((row) => row.promptMaxLength).map((row) => [row.name.replace(/\s*\(.*\)$/, ''), row.promptMaxLength]));
	return [...limits].map(([family, limit]) => `${family}: ${limit}`).join(', ');
}

const promptProperty: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	placeholder: 'e.g. A paper boat drifts down a rain-soaked street at dusk, cinematic lighting',
	description:
		`What should happen in the video, at most ${PROMPT_MAX_LENGTH} characters (${promptLimitsText()}). Required for text to video` +
		` (on ${providerNames(providersWhere((c) => c.promptAlwaysRequired))}: for every mode).` +
		` Camera commands in brackets such as [Pan left] are understood by ${familiesWith('cameraMovements').join(', ')}.`,
};

export const promptProperties = choosableByAgent(
	promptProperty,
	'prompt',
	`What should happen in the video, at most ${PROMPT_MAX_LENGTH} characters (${promptLimitsText()}). Camera moves may be written in brackets, e.g. [Pan left] or [Zoom in].`,
);

/** Source, URL and binary field of one frame image; as a tool the URL only (a tool receives no binary). */
export function frameProperties(
	prefix: 'firstFrame' | 'lastFrame' | 'subject',
	label: string,
	modes: GenerationMode[],
): INodeProperties[] {
	const show = { mode: modes };
	const url: INodeProperties = {
		displayName: `${label} URL`,
		name: `${prefix}Url`,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.jpg',
		description: imageRulesText(),
		displayOptions: { show: { ...show, [`${prefix}Source`]: ['url'] } },
	};
	return [
		outsideAgent({
			displayName: `${label} Source`,
			name: `${prefix}Source`,
			type: 'options',
			options: [
				{ name: 'URL', value: 'url', description: 'A public image URL, or a data URL' },
				{ name: 'Binary Field', value: 'binary', description: 'An image in a binary field of the input item' },
			],
			default: 'url',
			displayOptions: { show },
		}),
		...choosableByAgent(url, `${prefix}Url`, `Public URL of the ${label.toLowerCase()} image: ${imageRulesText()}`, { displayOptions: { show } }),
		outsideAgent({
			displayName: `${label} Binary Field`,
			name: `${prefix}BinaryProperty`,
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field holding the image',
			description: `${imageRulesText()}. ${binaryImageText()}.`,
			displayOptions: { show: { ...show, [`${prefix}Source`]: ['binary'] } },
		}),
	];
}

/**
 * Model values matching a test on every provider that has them: the panel shows or hides a parameter
 * by the model chosen, and a value two hosts share is matched only when the test holds on both.
 */
function modelValuesWhere(test: (model: CatalogRow) => boolean): string[] {
	const values = new Set(MODEL_CATALOG.map((model) => model.value));
	return [...values].filter((value) => MODEL_CATALOG.filter((model) => model.value === value).every(test));
}

/** The models that take a number of seconds (Hailuo 3), and those that take no camera commands. */
const SECONDS_MODELS = modelValuesWhere(takesSeconds);
const NO_CAMERA_MODELS = modelValuesWhere((model) => !Object.values(model.modes).some((spec) => spec!.features.includes('cameraMovements')));

export const cameraMovementsProperty: INodeProperties = {
	displayName: 'Camera Movements',
	name: 'cameraMovements',
	type: 'multiOptions',
	options: CAMERA_MOVEMENTS.map((m) => ({ name: m.english, value: m.value })),
	default: [],
	description:
		"Up to three moves made at the same time, added to the end of the prompt in Hailuo's bracket syntax" +
		` (in Chinese for ${providerNames(providersWhere((c) => c.cameraSyntax === 'chinese'))})`,
	displayOptions: { hide: { model: NO_CAMERA_MODELS } },
};

const RESOLUTIONS = resolutionsOffered();

const durationProperty: INodeProperties = {
	displayName: 'Duration',
	name: 'duration',
	type: 'options',
	options: [
		{ name: '6 Seconds', value: 6 },
		{
			name: '10 Seconds',
			value: 10,
			description: `At ${RESOLUTIONS.filter((r) => r.durations.includes(10)).map((r) => r.resolution).join(' or ')} only`,
		},
	],
	default: 6,
	displayOptions: { hide: { model: SECONDS_MODELS } },
};

/** "Hailuo 3: 4–15 s; Hailuo 3 Max: 5–15 s" from the rows. */
function secondsRangesText(): string {
	const byFamily = new Map<string, Set<number>>();
	for (const row of MODEL_CATALOG.filter(takesSeconds)) {
		const set = byFamily.get(row.name.replace(/\s*\(.*\)$/, '')) ?? new Set<number>();
		Object.values(row.modes).forEach((spec) => Object.values(spec!.formats).flat().forEach((d) => set.add(d)));
		byFamily.set(row.name.replace(/\s*\(.*\)$/, ''), set);
	}
	return [...byFamily].map(([family, durations]) => `${family}: ${describeDurations([...durations])} s`).join('; ');
}

const SECONDS_RANGE = MODEL_CATALOG.filter(takesSeconds).flatMap((row) => Object.values(row.modes).flatMap((spec) => Object.values(spec!.formats).flat()));

/** Hailuo 3's duration: a whole number of seconds within the model's range (read by validation.ts). */
const durationSecondsProperty: INodeProperties = {
	displayName: 'Duration (Seconds)',
	name: 'durationSeconds',
	type: 'number',
	typeOptions: { minValue: Math.min(...SECONDS_RANGE), maxValue: Math.max(...SECONDS_RANGE), numberPrecision: 0 },
	default: 6,
	description: `How long the video runs, in whole seconds. ${secondsRangesText()}. Videos come out a fraction of a second longer.`,
	displayOptions: { show: { model: SECONDS_MODELS } },
};

/** One `duration` for the LLM: Duration or Duration (Seconds), whichever the model takes. */
const DURATION_FOR_AGENT = 'The video length in whole seconds: a duration the chosen model lists for the chosen resolution (see model).';

export const durationProperties = [
	...choosableByAgent(durationProperty, 'duration', DURATION_FOR_AGENT, { type: 'number' }),
	...choosableByAgent(durationSecondsProperty, 'duration', DURATION_FOR_AGENT, { type: 'number' }),
];

const RATIO_NAMES: Record<AspectRatio, string> = {
	adaptive: 'Adaptive',
	'21:9': '21:9 (Cinema)',
	'16:9': '16:9 (Landscape)',
	'4:3': '4:3',
	'1:1': '1:1 (Square)',
	'3:4': '3:4',
	'9:16': '9:16 (Portrait, Stories and Reels)',
};

/**
 * Aspect Ratio (read by validation.ts): for text to video a concrete one, for references Adaptive
 * too (following the reference images); with frames the video follows the images, so none is asked.
 */
export function aspectRatioProperties(): INodeProperties[] {
	const ratioModels = modelValuesWhere((model) => model.aspectRatios !== undefined);
	const ratios = (withAdaptive: boolean) =>
		ASPECT_RATIOS.filter((ratio) => withAdaptive || ratio !== 'adaptive')
			.map((ratio) => ({ name: RATIO_NAMES[ratio], value: ratio }))
			.sort((a, b) => a.name.localeCompare(b.name));
	const forAgent = (withAdaptive: boolean) =>
		`The shape of the video, one of: ${ASPECT_RATIOS.filter((ratio) => withAdaptive || ratio !== 'adaptive').join(', ')}` +
		`${withAdaptive ? ' (adaptive follows the references)' : ''}. Taken by ${[...new Set(MODEL_CATALOG.filter((row) => row.aspectRatios).map((row) => row.name.replace(/\s*\(.*\)$/, '')))].join(', ')}; other models ignore it.`;
	return [
		...choosableByAgent(
			{
				displayName: 'Aspect Ratio',
				name: 'aspectRatio',
				type: 'options',
				options: ratios(false),
				default: '16:9',
				description: 'The shape of the video',
				displayOptions: { show: { mode: ['textToVideo'], model: ratioModels } },
			},
			'aspectRatio',
			forAgent(false),
		),
		...choosableByAgent(
			{
				displayName: 'Aspect Ratio',
				name: 'aspectRatio',
				type: 'options',
				options: ratios(true),
				default: 'adaptive',
				description: 'The shape of the video; Adaptive follows the references',
				displayOptions: { show: { mode: ['references'], model: ratioModels } },
			},
			'aspectRatio',
			forAgent(true),
		),
	];
}

const resolutionProperty: INodeProperties = {
	displayName: 'Resolution',
	name: 'resolution',
	type: 'options',
	options: [
		...RESOLUTIONS.map(({ resolution, durations }) => ({
			name: resolution,
			value: resolution,
			description: `${durations.join(' or ')} seconds; ${familiesAt(resolution).join(', ')}`,
		})).sort((a, b) => (a.name < b.name ? -1 : 1)),
		{ name: 'Model Default', value: 'default', description: '768P where the model offers it' },
	],
	default: 'default',
};

export const resolutionProperties = choosableByAgent(
	resolutionProperty,
	'resolution',
	`One of ${RESOLUTIONS.map((r) => r.resolution).join(', ')}, or "default" (768P where the model offers it): a resolution the chosen model lists (see model).`,
);

export const generationOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	// One per row of the options table, in the alphabetical order n8n's lint asks of a collection.
	options: GENERATION_OPTION_NAMES.map((option): INodeProperties => {
		const row = GENERATION_OPTIONS[option];
		return { name: option, ...row, description: `${row.description}. ${optionHelp(option)}.` };
	}).sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

/** The providers that post to a URL when a task ends. */
const CALLBACK_PROVIDERS = providersWhere((c) => c.callbacks);

/** Where Generate has the provider post each task's end: nowhere, a Hailuo Trigger (with a signed reference), or any URL. */
export function sendResultsToProperties(): INodeProperties[] {
	const show = { provider: CALLBACK_PROVIDERS };
	return [
		{
			displayName: 'Send Results To',
			name: 'sendResultsTo',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Nowhere', value: 'nowhere', description: 'Wait here, or collect the videos with Hailuo Wait for Result' },
				{
					name: 'A Hailuo Trigger',
					value: 'hailuoTrigger',
					description: 'The provider calls the Hailuo Trigger of another workflow when each video is ready: nothing waits meanwhile',
				},
				{ name: 'A Custom URL', value: 'url', description: 'The provider posts its own callbacks to a URL of yours' },
			],
			default: 'nowhere',
			description: `Who the provider tells when a task ends. ${optionHelp('callbackUrl')}.`,
			displayOptions: { show },
		},
		{
			displayName: 'Hailuo Trigger URL',
			name: 'triggerUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://your-n8n.example.com/webhook/…',
			description:
				"The Production URL of the Hailuo Trigger that receives the videos: open that node in its workflow, click Webhook URLs, choose Production URL and copy it here, then publish that workflow (n8n 1.x: activate it). The provider calls this URL over the internet, so it must be your n8n's public address (set WEBHOOK_URL), not localhost. A signed reference is added to it, so the Trigger can check the callback came from a task of this credential's account.",
			displayOptions: { show: { ...show, sendResultsTo: ['hailuoTrigger'] } },
		},
		{
			displayName: 'Fields to Carry Along',
			name: 'carryFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. caption, channel',
			description: `Input fields (comma-separated names) the Hailuo Trigger outputs with the video. They travel in the callback URL: keep them short (an ID, a caption), at most ${REFERENCE_MAX_LENGTH} characters in all.`,
			displayOptions: { show: { ...show, sendResultsTo: ['hailuoTrigger'] } },
		},
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://your-n8n.example.com/webhook/hailuo',
			description: 'Where the provider posts status changes, in its own format',
			displayOptions: { show: { ...show, sendResultsTo: ['url'] } },
		},
	];
}

/** The providers whose tasks can be cancelled. */
const CANCELLING_PROVIDERS = PROVIDERS.filter((p) => p.cancelTask).map((p) => p.id);

/** " (MiniMax: Hailuo 3 tasks only, …)": what the providers say about cancelling. */
function cancelNotes(): string {
	const notes = PROVIDERS.flatMap((p) => (p.optionNotes?.cancelOnTimeout ? [`${p.displayName}: ${p.optionNotes.cancelOnTimeout}`] : []));
	return notes.length ? ` (${notes.join('; ')})` : '';
}

/** Download Video and its binary field: Wait for Result, Generate's "wait" mode and the Trigger. */
export function downloadProperties(show?: Record<string, Array<string | boolean>>): INodeProperties[] {
	return [
		{
			displayName: 'Download Video',
			name: 'downloadVideo',
			type: 'boolean',
			default: false,
			description: 'Whether to add the MP4 to the output as binary data (provider URLs expire, MiniMax\'s after about an hour)',
			...(show ? { displayOptions: { show } } : {}),
		},
		{
			displayName: 'Put Video in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the video in',
			displayOptions: { show: { ...show, downloadVideo: [true] } },
		},
	];
}

/** Polling, download and cancelling: the same in Wait for Result and in Generate's "wait" mode. */
export function waitProperties(show?: Record<string, Array<string | boolean>>): INodeProperties[] {
	const displayOptions = show ? { show } : undefined;
	return [
		// Not as a tool: an AI Agent takes no binary data (n8n drops it), so a download would only cost time.
		...downloadProperties(show).map(outsideAgent),
		{
			displayName: 'Check',
			name: 'polling',
			type: 'options',
			options: [
				{
					name: 'Automatically',
					value: 'automatic',
					description:
						"First when the model's typical render time is nearly up, then more often; learns from the tasks that finish in the run",
				},
				{ name: 'At a Fixed Interval', value: 'fixed', description: 'Every few seconds, from the start' },
			],
			default: 'automatic',
			description: 'When to ask the provider about unfinished tasks (each check is an API call)',
			displayOptions,
		},
		{
			displayName: 'Check Every (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'How often to ask the provider about unfinished tasks',
			displayOptions: { show: { ...show, polling: ['fixed'] } },
		},
		{
			displayName: 'Cancel on Timeout',
			name: 'cancelOnTimeout',
			type: 'boolean',
			default: false,
			description: `Whether to cancel a task at the provider (ending its billing) when the Timeout gives up on it. Only ${providerNames(CANCELLING_PROVIDERS)} can cancel${cancelNotes()}. When the execution is cancelled, its tasks are always cancelled where the provider can.`,
			displayOptions: { show: { ...show, provider: CANCELLING_PROVIDERS } },
		},
	];
}

/** The node's time budget: waiting for rate-limit slots and, where the node waits, for the videos. */
export function timeoutProperty(description: string): INodeProperties {
	return {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 900,
		description,
	};
}

export const minimumWaitProperty: INodeProperties = {
	displayName: 'Minimum Wait (Seconds)',
	name: 'minimumWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DURABLE_WAIT_SECONDS,
	description: `How far ahead Still Rendering items' resumeAt is at least. n8n's Wait node saves the execution to its database, holding nothing, only for waits of 65 s or more; with less (quicker results) the execution keeps running while it waits. Default ${DURABLE_WAIT_SECONDS}.`,
	displayOptions: { show: { waitMode: ['checkOnce'] } },
};

const PROVIDER_NAMES = Object.fromEntries(PROVIDERS.map((p) => [p.id, p.displayName]));

/** The output-pane hint for providers whose video URLs expire soon, when the video is not downloaded. */
export function expiringUrlHint(): NodeHint[] {
	const expiring = PROVIDERS.filter((p) => p.limits.videoUrlLifetimeMs !== undefined);
	if (expiring.length === 0) return [];
	const lifetimes = expiring.map((p) => `${p.displayName}'s after about ${Math.round(p.limits.videoUrlLifetimeMs! / 3_600_000)} h`);
	return [
		{
			message: `Video URLs expire (${lifetimes.join(', ')}): turn on Download Video to keep the files, or publish them right away.`,
			type: 'info',
			location: 'outputPane',
			whenToDisplay: 'afterExecution',
			displayCondition: `={{ ${JSON.stringify(expiring.map((p) => p.id))}.includes($parameter["provider"]) && !$parameter["downloadVideo"] }}`,
		},
	];
}

/** Node subtitle showing the provider's name, e.g. "Atlas Cloud · Hailuo 2.3 Standard (768P)". */
export function providerSubtitle(detailExpression: string): string {
	return `={{ ${JSON.stringify(PROVIDER_NAMES)}[$parameter["provider"]] + " · " + ${detailExpression} }}`;
}

const MODEL_NAMES = Object.fromEntries(MODEL_CATALOG.map((model) => [model.value, model.name]));

/** Subtitle detail naming the chosen model as the Model list does (its id if it is not listed, e.g. an expression). */
export const MODEL_SUBTITLE = `(${JSON.stringify(MODEL_NAMES)}[$parameter["model"]] || $parameter["model"])`;
