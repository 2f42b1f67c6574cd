/**
 * The model capability table: the union of the models each provider module declares. Node dropdowns,
 * help texts and request validation all read it, so a provider change is an edit to its own module.
 */
import { GENERATION_OPTIONS, GENERATION_OPTION_NAMES } from './generationOptions';
import { PROVIDERS, providerById } from './providers';
import type { ProviderId } from './providers';
import type { Formats, ModeSpec, ModelSpec } from './providers/provider';
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

export const PROMPT_MAX_LENGTH = 2000;

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

export function estimateCost(provider: ProviderId, model: string, duration: Duration, resolution: Resolution): CostEstimate {
	const host = providerById(provider).displayName;
	const price = findModel(provider, model)?.price;
	const perVideo = price && 'perVideo' in price ? price.perVideo[resolution]?.[duration] : undefined;
	const perSecond = price && 'perSecond' in price ? price.perSecond[resolution] : undefined;
	if (!price || (perVideo === undefined && perSecond === undefined)) {
		return { amount: null, currency: null, basis: `No published ${host} price is known for ${model} at ${resolution}, ${duration} s` };
	}
	const rate = perVideo !== undefined ? `$${perVideo} per ${duration} s video at ${resolution}` : `$${perSecond} a second at ${resolution}, ${duration} s`;
	return {
		amount: perVideo ?? Math.round(perSecond! * duration * 10_000) / 10_000,
		currency: price.currency,
		basis: `${host} price of ${price.asOf}: ${rate} (${price.source})`,
	};
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
		.sort((a, b) => parseInt(a.resolution) - parseInt(b.resolution));
}

/** The resolution used when the user leaves it on "model default": 768P where offered, as the providers do. */
export function defaultResolution(spec: ModeSpec): Resolution {
	const offered = Object.keys(spec.formats) as Resolution[];
	return offered.includes('768P') ? '768P' : offered[0];
}

/** "768P: 6 or 10 s; 1080P: 6 s", for error messages and hints. */
export function describeFormats(formats: Formats): string {
	return (Object.entries(formats) as Array<[Resolution, Duration[]]>)
		.map(([resolution, durations]) => `${resolution}: ${durations.join(' or ')} s`)
		.join('; ');
}

/** Without a known model, resolution or duration: a Hailuo 768P clip of 6 s. */
const FALLBACK_RENDER_SECONDS = 90;

/** How long a task typically renders, from its model's row; a fallback for tasks of unknown models. */
export function typicalRenderMs(task: { provider: ProviderId; model: string; resolution: Resolution; duration: Duration }): number {
	const seconds = findModel(task.provider, task.model)?.renderSeconds[task.resolution]?.[task.duration];
	return (seconds ?? FALLBACK_RENDER_SECONDS) * 1000;
}
