/**
 * The model capability table: the union of the models each provider module declares. Node dropdowns,
 * help texts and request validation all read it, so a provider change is an edit to its own module.
 */
import { GENERATION_OPTIONS, GENERATION_OPTION_NAMES } from './generationOptions';
import { PROVIDERS, providerById } from './providers';
import type { ProviderId } from './providers';
import type { Formats, ModeSpec, ModelSpec, PriceExtras } from './providers/provider';
import type { Duration, GenerationMode, ModelFeature, Resolution } from './types';

export interface CatalogRow extends ModelSpec {
	provider: ProviderId;
}

export const MODEL_CATALOG: readonly CatalogRow[] = PROVIDERS.flatMap((provider) =>
	provider.models.map((model) => ({ ...model, provider: provider.id })),
);

export const MODE_NAMES: Record<GenerationMode, string> = {
	textToVideo: 'Text to Video',
	imageToVideo: 'Image to Video',
	firstLastFrame: 'First and Last Frame',
	lastFrame: 'Last Frame',
	references: 'References',
	subjectReference: 'Subject Reference',
};

export const FEATURE_NAMES = {
	...Object.fromEntries(GENERATION_OPTION_NAMES.map((option) => [option, GENERATION_OPTIONS[option].displayName])),
	cameraMovements: 'Camera Movements',
} as Record<ModelFeature, string>;

/** The Hailuo 2.x prompt limit; Hailuo 3 rows give their own (`promptMaxLength`). */
export const PROMPT_MAX_LENGTH = 2000;

export function promptMaxLength(model: ModelSpec): number {
	return model.promptMaxLength ?? PROMPT_MAX_LENGTH;
}

/** Resolutions from lowest to highest (their names do not sort). */
export const RESOLUTION_ORDER: readonly Resolution[] = ['480P', '512P', '720P', '768P', '1080P', '2K', '4K'];

/** The Hailuo 2.x durations, offered as a list; a model with any other takes a number of seconds (Hailuo 3). */
const LISTED_DURATIONS: readonly Duration[] = [6, 10];

/** Whether a model's durations are a range of whole seconds (Hailuo 3) rather than 6 or 10 s. */
export function takesSeconds(model: ModelSpec): boolean {
	return modeSpecs([model]).some((spec) => Object.values(spec.formats).flat().some((d) => !LISTED_DURATIONS.includes(d)));
}

export function modelsFor(provider: ProviderId, mode?: GenerationMode): ModelSpec[] {
	return providerById(provider).models.filter((m) => !mode || m.modes[mode]);
}

export function findModel(provider: ProviderId, value: string): ModelSpec | undefined {
	return providerById(provider).models.find((m) => m.value === value);
}

/** The Model list's value for "Custom Model ID": a model the host added after this node was released. */
export const CUSTOM_MODEL = '__customModelId';

/**
 * A custom model id as a catalog row: every duration at every resolution some Hailuo model offers, and
 * every option, so that only what is universal (prompt, images) is checked.
 */
export function customModel(value: string, mode: GenerationMode): ModelSpec {
	const offered = resolutionsOffered();
	const durations = [...new Set(offered.flatMap((o) => o.durations))].sort((a, b) => a - b);
	const formats = Object.fromEntries(offered.map(({ resolution }) => [resolution, durations])) as Formats;
	const features = Object.keys(FEATURE_NAMES) as ModelFeature[];
	return { value, name: `custom model ${value}`, modes: { [mode]: { formats, features } }, renderSeconds: {} };
}

/** What a task is expected to cost: from its model's published price, or unknown (`amount: null`). */
export interface CostEstimate {
	amount: number | null;
	currency: string | null;
	basis: string;
}

/**
 * What a task's inputs add to its price (Hailuo 3): its images (first, last and reference frames) and
 * the seconds of its reference videos (a clip of unknown length, given by URL, counted at the most the
 * model takes, so the estimate stays an upper bound).
 */
export interface PricedInputs {
	images: number;
	referenceVideoSeconds: number;
	/** Whether the task renders a finished video again at 2K (Regenerate at 2K From), at its own rate. */
	regeneration?: boolean;
}

const NO_INPUTS: PricedInputs = { images: 0, referenceVideoSeconds: 0 };

export function estimateCost(
	provider: ProviderId,
	model: string,
	duration: Duration,
	resolution: Resolution,
	inputs: PricedInputs = NO_INPUTS,
): CostEstimate {
	const host = providerById(provider).displayName;
	const price = findModel(provider, model)?.price;
	const perVideo = price && 'perVideo' in price ? price.perVideo[resolution]?.[duration] : undefined;
	const outputPerSecond = price && 'perSecond' in price ? price.perSecond[resolution] : undefined;
	const regenerationPerSecond = inputs.regeneration ? price?.extras?.regenerationPerSecond : undefined;
	const perSecond = regenerationPerSecond ?? outputPerSecond;
	if (!price || (perVideo === undefined && perSecond === undefined)) {
		return { amount: null, currency: null, basis: `No published ${host} price is known for ${model} at ${resolution}, ${duration} s` };
	}
	const rate =
		perVideo !== undefined
			? `$${perVideo} per ${duration} s video at ${resolution}`
			: `$${perSecond} a second${regenerationPerSecond !== undefined ? ' to regenerate' : ''} at ${resolution}, ${duration} s`;
	// Input images are counted on a regeneration too (it sends the original inputs again; the page does not say
	// whether they are billed), so the estimate stays an upper bound.
	const extras = extraCharges(price.extras, outputPerSecond, resolution, inputs);
	const amount = (perVideo ?? perSecond! * duration) + extras.reduce((sum, extra) => sum + extra.amount, 0);
	return {
		amount: Math.round(amount * 10_000) / 10_000,
		currency: price.currency,
		basis: `${host} price of ${price.asOf}: ${[rate, ...extras.map((extra) => extra.text)].join(' + ')} (${price.source})`,
	};
}

/** The input charges of a price, each with how it was counted. */
function extraCharges(
	extras: PriceExtras | undefined,
	perSecond: number | undefined,
	resolution: Resolution,
	inputs: PricedInputs,
): Array<{ amount: number; text: string }> {
	const charges: Array<{ amount: number; text: string }> = [];
	const billedImages = Math.max(0, inputs.images - (extras?.freeImages ?? 0));
	if (extras?.perImage && billedImages > 0) {
		charges.push({ amount: billedImages * extras.perImage, text: `$${extras.perImage} for each of ${billedImages} input image(s) beyond the ${extras.freeImages ?? 0} free` });
	}
	const rate = extras?.referenceVideoPerSecond;
	const videoRate = rate === 'outputRate' ? perSecond : typeof rate === 'object' ? rate[resolution] : rate;
	if (videoRate && inputs.referenceVideoSeconds > 0) {
		const seconds = Math.ceil(inputs.referenceVideoSeconds);
		charges.push({ amount: seconds * videoRate, text: `$${videoRate} a second for ${seconds} s of reference video` });
	}
	return charges;
}

export function modesOf(provider: ProviderId): GenerationMode[] {
	const modes = new Set(modelsFor(provider).flatMap((model) => Object.keys(model.modes)));
	return (Object.keys(MODE_NAMES) as GenerationMode[]).filter((m) => modes.has(m));
}

/** The mode specs of the given rows. */
function modeSpecs(rows: readonly ModelSpec[]): ModeSpec[] {
	return rows.flatMap((row) => Object.values(row.modes) as ModeSpec[]);
}

/** The providers with at least one model taking the feature, e.g. for "(MiniMax and SeaArt)". */
export function providersWithFeature(feature: ModelFeature): ProviderId[] {
	return PROVIDERS.filter((p) => modeSpecs(p.models).some((spec) => spec.features.includes(feature))).map((p) => p.id);
}

/** A model's family as users name it, without host tiers: "Hailuo 2.3 Standard (768P)" → "Hailuo 2.3". */
function familyOf(model: ModelSpec): string {
	return model.name.replace(/\s*\(.*\)$/, '').replace(/ (Standard|Pro)$/, '');
}

function families(test: (spec: ModeSpec) => boolean): string[] {
	return [...new Set(MODEL_CATALOG.filter((row) => modeSpecs([row]).some(test)).map(familyOf))];
}

/** The model families that take a feature on some host, e.g. for the prompt's help text. */
export function familiesWith(feature: ModelFeature): string[] {
	return families((spec) => spec.features.includes(feature));
}

/** The model families that render a resolution on some host. */
export function familiesAt(resolution: Resolution): string[] {
	return families((spec) => spec.formats[resolution] !== undefined);
}

/** Every resolution some model renders, lowest first, with the durations offered at it. */
export function resolutionsOffered(): Array<{ resolution: Resolution; durations: Duration[] }> {
	const offered = new Map<Resolution, Set<Duration>>();
	for (const spec of modeSpecs(MODEL_CATALOG)) {
		for (const [resolution, durations] of Object.entries(spec.formats) as Array<[Resolution, Duration[]]>) {
			const set = offered.get(resolution) ?? new Set<Duration>();
			durations.forEach((d) => set.add(d));
			offered.set(resolution, set);
		}
	}
	return [...offered]
		.map(([resolution, durations]) => ({ resolution, durations: [...durations].sort((a, b) => a - b) }))
		.sort((a, b) => RESOLUTION_ORDER.indexOf(a.resolution) - RESOLUTION_ORDER.indexOf(b.resolution));
}

/** The resolution used when the user leaves it on "model default": 768P where offered, as the providers do. */
export function defaultResolution(spec: ModeSpec): Resolution {
	const offered = Object.keys(spec.formats) as Resolution[];
	return offered.includes('768P') ? '768P' : offered[0];
}

/** "768P: 6 or 10 s; 1080P: 6 s", "768P: 4–15 s; 2K: 4–15 s", for error messages and hints. */
export function describeFormats(formats: Formats): string {
	return (Object.entries(formats) as Array<[Resolution, Duration[]]>)
		.map(([resolution, durations]) => `${resolution}: ${describeDurations(durations)} s`)
		.join('; ');
}

/** "6 or 10", "4–15": runs of three or more whole seconds as a range. */
export function describeDurations(durations: Duration[]): string {
	const runs: Duration[][] = [];
	for (const d of [...durations].sort((a, b) => a - b)) {
		const run = runs.at(-1);
		if (run && d === run.at(-1)! + 1) run.push(d);
		else runs.push([d]);
	}
	const parts = runs.flatMap((run) => (run.length >= 3 ? [`${run[0]}–${run.at(-1)}`] : run.map(String)));
	return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}` : parts[0];
}

/** Without a known model, resolution or duration: a Hailuo 768P clip of 6 s. */
const FALLBACK_RENDER_SECONDS = 90;

/** How long a task typically renders, from its model's row; a fallback for tasks of unknown models. */
export function typicalRenderMs(task: { provider: ProviderId; model: string; resolution: Resolution; duration: Duration }): number {
	const seconds = findModel(task.provider, task.model)?.renderSeconds[task.resolution]?.[task.duration];
	return (seconds ?? FALLBACK_RENDER_SECONDS) * 1000;
}

/** A provider's cheapest and dearest video (published prices) and quickest and slowest typical render, for the tool descriptions. */
export function providerRanges(provider: ProviderId): { cost?: string; renderMinutes: string } {
	const costs: CostEstimate[] = [];
	const renders: number[] = [];
	for (const model of modelsFor(provider)) {
		for (const spec of Object.values(model.modes)) {
			for (const [resolution, durations] of Object.entries(spec!.formats) as Array<[Resolution, Duration[]]>) {
				for (const duration of durations) {
					costs.push(estimateCost(provider, model.value, duration, resolution));
					renders.push(typicalRenderMs({ provider, model: model.value, resolution, duration }) / 60_000);
				}
			}
		}
	}
	const minutes = (value: number) => Math.max(1, Math.round(value));
	return {
		cost: priceRange(costs),
		renderMinutes: `${minutes(Math.min(...renders))}–${minutes(Math.max(...renders))}`,
	};
}

/** "$0.1–$1.95" (or one price) over the estimates with a published price; undefined without any. */
export function priceRange(estimates: CostEstimate[]): string | undefined {
	const priced = estimates.filter((estimate) => estimate.amount !== null);
	if (priced.length === 0) return undefined;
	const unit = priced[0].currency === 'USD' ? '$' : `${priced[0].currency} `;
	const amounts = priced.map((estimate) => estimate.amount!);
	const [low, high] = [Math.min(...amounts), Math.max(...amounts)];
	return high > low ? `${unit}${low}–${unit}${high}` : `${unit}${low}`;
}
