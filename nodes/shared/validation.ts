/**
 * Validation and planning: turns one item's node parameters into a generation request, before any network call:
 * every rule of the model table, the prompt, the camera commands and the input images is checked
 * here, and each error names the field and what it accepts.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { CAMERA_MOVEMENTS, MAX_SIMULTANEOUS_MOVEMENTS, cameraMovementNamed, withCameraMovements } from './camera';
import {
	CUSTOM_MODEL,
	FEATURE_NAMES,
	MODE_NAMES,
	PROMPT_MAX_LENGTH,
	customModel,
	defaultResolution,
	describeDurations,
	describeFormats,
	findModel,
	modelsFor,
	modesOf,
	promptMaxLength,
	takesSeconds,
} from './catalog';
import type { PricedInputs } from './catalog';
import { REFERENCE_MAX_LENGTH, newNonce, signReference, withReference } from './callbackReference';
import { GENERATION_OPTION_NAMES } from './generationOptions';
import type { GenerationOptionValues } from './generationOptions';
import { checkImageUrl, readImageBinary } from './imageInput';
import type { FrameInput } from './imageInput';
import { listParameter, textParameter } from './parameterValues';
import type { RegisteredProvider } from './providers';
import { HAILUO_3 } from './providers/provider';
import type { ModelSpec, Provider, ReferenceLimits } from './providers/provider';
import { readReferences } from './referenceInput';
import type { PlannedReferences } from './referenceInput';
import type { AspectRatio, Duration, GenerationMode, GenerationRequest, ModelFeature, Resolution } from './types';

/** A request whose images and reference files may still need uploading. */
export interface PlannedGeneration {
	request: Omit<GenerationRequest, 'firstFrameImage' | 'lastFrameImage' | 'references'>;
	firstFrame?: FrameInput;
	lastFrame?: FrameInput;
	subject?: FrameInput;
	references?: PlannedReferences;
	/** What the inputs add to the price (Hailuo 3). */
	pricedInputs: PricedInputs;
	/** Whether the video will have a sound track. */
	hasSound: boolean;
	/** Said in the output: e.g. that a custom model's capabilities were not checked. */
	notice?: string;
	/** When results go to a Hailuo Trigger: the nonce of the reference in `request.callbackUrl`, registered with the task after the create. */
	callbackNonce?: string;
}

const FRAMES = {
	first: { label: 'First Frame Image', prefix: 'firstFrame' },
	last: { label: 'Last Frame Image', prefix: 'lastFrame' },
	subject: { label: 'Subject Image', prefix: 'subject' },
} as const;

const RESOLUTION_DEFAULT = 'default';

/** `referenceKey`: the credential's key for signing the reference a Hailuo Trigger checks. */
export async function planGeneration(
	ctx: IExecuteFunctions,
	provider: RegisteredProvider,
	itemIndex: number,
	referenceKey: Buffer,
): Promise<PlannedGeneration> {
	const node = ctx.getNode();
	const fail = (message: string, description?: string) =>
		new NodeOperationError(node, message, { itemIndex, description });

	const mode = ctx.getNodeParameter('mode', itemIndex) as GenerationMode;
	const offeredModes = modesOf(provider.id);
	if (!offeredModes.includes(mode)) {
		throw fail(
			`Mode "${MODE_NAMES[mode] ?? mode}" is not offered by ${provider.displayName}`,
			`Choose one of: ${offeredModes.map((m) => MODE_NAMES[m]).join(', ')}.`,
		);
	}

	const modelValue = textParameter(ctx, 'model', itemIndex);
	const customId = modelValue === CUSTOM_MODEL ? textParameter(ctx, 'customModelId', itemIndex) : undefined;
	if (customId === '') throw fail('Custom Model ID is empty', `Give the model id exactly as ${provider.displayName}'s documentation writes it, or pick a model from the list.`);
	const model = customId ? customModel(customId, mode) : findModel(provider.id, modelValue);
	const spec = model?.modes[mode];
	if (!model || !spec) {
		const allowed = modelsFor(provider.id, mode).map((m) => `${m.value} (${m.name})`);
		throw fail(
			`Model "${modelValue}" is not available for ${MODE_NAMES[mode]} on ${provider.displayName}`,
			`Allowed models: ${allowed.join(', ')}.`,
		);
	}

	const requireFeature = (feature: ModelFeature) => {
		if (!spec.features.includes(feature)) {
			throw fail(
				`${FEATURE_NAMES[feature]} is not supported by ${model.name} (${model.value}) on ${provider.displayName}`,
				`Remove the ${FEATURE_NAMES[feature]} option, or pick a model that takes it.`,
			);
		}
	};

	// Prompt and camera movements
	const userPrompt = textParameter(ctx, 'prompt', itemIndex);
	const movementNames = listParameter(ctx, 'cameraMovements', itemIndex, /\s*[,;\n]\s*/);
	const unknownMovement = movementNames.find((name) => !cameraMovementNamed(name));
	if (unknownMovement) {
		throw fail(`Camera Movements: "${unknownMovement}" is not a camera movement`, `Allowed: ${CAMERA_MOVEMENTS.map((m) => m.value).join(', ')}.`);
	}
	const movements = movementNames.map((name) => cameraMovementNamed(name)!);
	if (movements.length > 0) requireFeature('cameraMovements');
	if (movements.length > MAX_SIMULTANEOUS_MOVEMENTS) {
		throw fail(
			`Camera Movements: at most ${MAX_SIMULTANEOUS_MOVEMENTS} can be combined, ${movements.length} are selected`,
			'For a sequence of moves, write them into the prompt in brackets, e.g. "... [Pan left] then ... [Zoom in]".',
		);
	}
	const prompt = withCameraMovements(userPrompt, movements, provider.capabilities.cameraSyntax);
	// A subject alone says nothing of what should happen; Hailuo 3 always needs a prompt (MiniMax refuses
	// a request without text, and the prompt is what cites the references).
	const promptRequired =
		mode === 'textToVideo' || mode === 'subjectReference' || model.promptRequired === true || provider.capabilities.promptAlwaysRequired;
	if (promptRequired && !userPrompt) {
		throw fail(`Prompt is required for ${MODE_NAMES[mode]} on ${provider.displayName}${model.promptRequired ? ` with ${model.name}` : ''}`);
	}
	const maxLength = promptMaxLength(model);
	if (prompt.length > maxLength) {
		throw fail(
			`Prompt is ${prompt.length} characters long; the limit is ${maxLength}${maxLength !== PROMPT_MAX_LENGTH ? ` for ${model.name}` : ''}`,
			movements.length ? 'The count includes the camera movements written into the prompt.' : undefined,
		);
	}

	// Duration × resolution
	const duration = readDuration(ctx, customId ? undefined : model, itemIndex);
	const chosenResolution = textParameter(ctx, 'resolution', itemIndex, RESOLUTION_DEFAULT);
	const resolution = (
		chosenResolution === RESOLUTION_DEFAULT ? defaultResolution(spec) : chosenResolution
	) as Resolution;
	const durations = spec.formats[resolution];
	if (!durations?.includes(duration)) {
		throw fail(
			`${model.name} (${model.value}) cannot render ${duration} s at ${resolution} for ${MODE_NAMES[mode]}`,
			`Allowed duration × resolution: ${describeFormats(spec.formats)}.`,
		);
	}

	// Options: each one set must be taken by the model.
	const chosenOptions = ctx.getNodeParameter('options', itemIndex, {}) as GenerationOptionValues;
	const setOptions = GENERATION_OPTION_NAMES.filter((option) => chosenOptions[option] !== undefined);
	setOptions.forEach(requireFeature);
	const options = Object.fromEntries(setOptions.map((option) => [option, chosenOptions[option]])) as GenerationOptionValues;
	if (options.regenerateFrom !== undefined) checkRegeneration(options.regenerateFrom, resolution, fail);
	const aspectRatio = readAspectRatio(ctx, model, mode, itemIndex);
	const hasSound = model.sound === true && options.silentVideo !== true;
	const callbackNonce = newNonce();
	const callbackUrl = planCallbackUrl(ctx, provider, itemIndex, { model: model.value, mode, duration, resolution, nonce: callbackNonce, hasSound }, referenceKey);

	const firstFrame = mode === 'imageToVideo' || mode === 'firstLastFrame' ? await readFrame(ctx, provider, 'first', itemIndex) : undefined;
	const lastFrame = mode === 'firstLastFrame' || mode === 'lastFrame' ? await readFrame(ctx, provider, 'last', itemIndex) : undefined;
	const references = mode === 'references' ? await readReferences(ctx, provider, spec.references ?? HAILUO_3.references, itemIndex) : undefined;
	return {
		request: {
			model: model.value,
			mode,
			prompt,
			duration,
			resolution,
			...(aspectRatio ? { aspectRatio } : {}),
			...options,
			callbackUrl,
		},
		firstFrame,
		lastFrame,
		subject: mode === 'subjectReference' ? await readFrame(ctx, provider, 'subject', itemIndex) : undefined,
		references,
		pricedInputs: { ...pricedInputsOf([firstFrame, lastFrame], references, spec.references ?? HAILUO_3.references), regeneration: options.regenerateFrom !== undefined },
		hasSound,
		notice: customId
			? `Custom model ${customId}: sent as given; its modes, durations, resolutions, options and price were not checked by this node`
			: undefined,
		callbackNonce: ctx.getNodeParameter('sendResultsTo', itemIndex, 'nowhere') === 'hailuoTrigger' ? callbackNonce : undefined,
	};
}

/**
 * Regenerate at 2K (MiniMax's /v2/video_regeneration, https://github.com/MiniMax-AI/MiniMax-H3): the 768P
 * video's URL (or `mm_file://` id), and 2K, the only resolution it renders.
 */
function checkRegeneration(baseVideo: string, resolution: Resolution, fail: (message: string, description?: string) => Error): void {
	if (!/^(https?:\/\/\S+|mm_file:\/\/\S+)$/i.test(baseVideo.trim())) {
		throw fail(`Regenerate at 2K From must be the URL of a Hailuo 3 768P video, got ${JSON.stringify(baseVideo.slice(0, 80))}`, 'Map it from the preview\'s item, e.g. {{ $json.videoUrl }}.');
	}
	if (resolution !== '2K') throw fail(`Regenerate at 2K From renders at 2K only: set Resolution to 2K (it is ${resolution})`);
}

/**
 * The duration the user chose: Hailuo 3 models take a number of seconds (Duration (Seconds)), the
 * others 6 or 10 from the Duration list — the parameter each workflow was saved with. A custom model
 * (undefined here) is given the Duration list, as before Hailuo 3 (an expression may give any seconds).
 */
function readDuration(ctx: IExecuteFunctions, model: ModelSpec | undefined, itemIndex: number): Duration {
	if (!model || !takesSeconds(model)) return Number(ctx.getNodeParameter('duration', itemIndex, 6));
	const raw = ctx.getNodeParameter('durationSeconds', itemIndex, 6) as unknown;
	const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
		const durations = [...new Set(Object.values(model.modes).flatMap((spec) => Object.values(spec!.formats).flat()))];
		throw new NodeOperationError(ctx.getNode(), `Duration (Seconds) must be a whole number of seconds (${describeDurations(durations)} for ${model.name}), got ${JSON.stringify(raw ?? null)}`, { itemIndex });
	}
	return seconds;
}

/**
 * The frame shape sent to a model that takes one (Hailuo 3): text to video needs a concrete ratio;
 * with frames the video follows the images (MiniMax ignores any other value there), so `adaptive`;
 * references take the user's choice, `adaptive` by default.
 */
function readAspectRatio(ctx: IExecuteFunctions, model: ModelSpec, mode: GenerationMode, itemIndex: number): AspectRatio | undefined {
	if (!model.aspectRatios) return undefined;
	if (mode !== 'textToVideo' && mode !== 'references') return 'adaptive';
	const chosen = textParameter(ctx, 'aspectRatio', itemIndex, mode === 'textToVideo' ? '16:9' : 'adaptive') as AspectRatio;
	const allowed = model.aspectRatios.filter((ratio) => mode !== 'textToVideo' || ratio !== 'adaptive');
	if (!allowed.includes(chosen)) {
		throw new NodeOperationError(ctx.getNode(), `Aspect Ratio "${chosen}" is not taken by ${model.name} for ${MODE_NAMES[mode]}`, {
			itemIndex,
			description: `Allowed: ${allowed.join(', ')}.${mode === 'textToVideo' ? ' Text to video has no image to adapt to, so it needs a concrete ratio.' : ''}`,
		});
	}
	return chosen;
}

/** The images and reference video seconds a task's price counts; a clip given by URL at the most its kind may run. */
function pricedInputsOf(frames: Array<FrameInput | undefined>, references: PlannedReferences | undefined, limits: ReferenceLimits): PricedInputs {
	const videos = references?.video ?? [];
	const knownSeconds = videos.reduce((sum, input) => sum + ('file' in input ? (input.file.seconds ?? 0) : 0), 0);
	const unknownClips = videos.filter((input) => !('file' in input)).length;
	return {
		images: frames.filter(Boolean).length + (references?.image.length ?? 0),
		referenceVideoSeconds: unknownClips ? limits.totalSeconds : knownSeconds,
	};
}

/** The URL the provider posts the task's end to, if any: a Hailuo Trigger's with a signed reference, or the user's own. */
function planCallbackUrl(
	ctx: IExecuteFunctions,
	provider: RegisteredProvider,
	itemIndex: number,
	task: { model: string; mode: GenerationMode; duration: Duration; resolution: Resolution; nonce: string; hasSound: boolean },
	referenceKey: Buffer,
): string | undefined {
	const fail = (message: string, description?: string) => new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	const target = ctx.getNodeParameter('sendResultsTo', itemIndex, 'nowhere') as 'nowhere' | 'hailuoTrigger' | 'url';
	// Shown only for providers with callbacks: n8n gives the others the default.
	if (target === 'nowhere') return undefined;
	const label = target === 'url' ? 'Callback URL' : 'Hailuo Trigger URL';
	const url = textParameter(ctx, target === 'url' ? 'callbackUrl' : 'triggerUrl', itemIndex);
	if (!/^https?:\/\/\S+$/i.test(url) || !URL.canParse(url)) {
		throw fail(`${label} must be a URL starting with http:// or https://, got ${JSON.stringify(url)}`);
	}
	if (target === 'url') return url;

	const names = listParameter(ctx, 'carryFields', itemIndex, /\s*,\s*/);
	const json = ctx.getInputData()[itemIndex].json;
	const fields = Object.fromEntries(names.map((name) => [name, json[name] ?? null]));
	// Sound is said only when there is some, so references of silent videos stay as short as before.
	const { hasSound, ...signed } = task;
	const token = signReference({ provider: provider.id, ...signed, ...(hasSound ? { hasSound } : {}), submittedAt: new Date().toISOString(), fields }, referenceKey);
	if (token.length > REFERENCE_MAX_LENGTH) {
		const sizes = names.map((name) => `${name}: ${JSON.stringify(fields[name]).length}`).join(', ');
		throw fail(
			`Fields to Carry Along are too large for a callback URL: ${token.length} characters signed, at most ${REFERENCE_MAX_LENGTH}`,
			`Carry short fields (an ID, a caption) and look the rest up after the Hailuo Trigger. Characters per field: ${sizes}.`,
		);
	}
	return withReference(url, token);
}

async function readFrame(
	ctx: IExecuteFunctions,
	provider: Provider,
	frame: keyof typeof FRAMES,
	itemIndex: number,
): Promise<FrameInput> {
	const { label, prefix } = FRAMES[frame];
	const source = ctx.getNodeParameter(`${prefix}Source`, itemIndex, 'url') as 'url' | 'binary';
	if (source === 'url') {
		const url = textParameter(ctx, `${prefix}Url`, itemIndex);
		const problem = checkImageUrl(url, provider);
		if (problem) {
			throw new NodeOperationError(ctx.getNode(), `${label} ${problem}`, { itemIndex });
		}
		return { url };
	}
	const binaryProperty = textParameter(ctx, `${prefix}BinaryProperty`, itemIndex, 'data');
	return { image: await readImageBinary(ctx, provider, itemIndex, binaryProperty, label) };
}
