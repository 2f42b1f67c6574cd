/**
 * The model capability table: every Hailuo model each provider offers, what it can render and which
 * options it takes (source: shared/providers.md). Node dropdowns and request validation both read it,
 * so a provider change is an edit to one row here.
 */
import type { Duration, GenerationMode, ModelFeature, ProviderId, Resolution } from './types';

/** Which durations each resolution allows. */
export type Formats = Partial<Record<Resolution, Duration[]>>;

export interface ModeSpec {
	formats: Formats;
	features: ModelFeature[];
}

export interface ModelSpec {
	provider: ProviderId;
	/** The id sent to the provider. */
	value: string;
	name: string;
	modes: Partial<Record<GenerationMode, ModeSpec>>;
	/** Request fields this model does not take (its id already fixes them). */
	omits?: Array<'duration' | 'resolution'>;
}

const HAILUO: Formats = { '768P': [6, 10], '1080P': [6] };
const HAILUO_WITH_512P: Formats = { '512P': [6, 10], '768P': [6, 10], '1080P': [6] };
const SERIES_01: Formats = { '720P': [6] };
const STANDARD_768P: Formats = { '768P': [6, 10] };
const PRO_1080P: Formats = { '1080P': [6] };

const ALL_OPTIONS: ModelFeature[] = ['promptOptimizer', 'fastPretreatment', 'watermark', 'cameraMovements'];
const NO_FAST_PRETREATMENT: ModelFeature[] = ['promptOptimizer', 'watermark', 'cameraMovements'];
const PLAIN_01: ModelFeature[] = ['promptOptimizer', 'watermark'];
const ATLAS: ModelFeature[] = ['promptOptimizer', 'cameraMovements'];
const ATLAS_FAST: ModelFeature[] = ['promptOptimizer', 'fastPretreatment', 'cameraMovements'];

export const MODEL_CATALOG: readonly ModelSpec[] = [
	// MiniMax official API: one model id for every mode; resolution and duration are fields.
	{
		provider: 'minimax',
		value: 'MiniMax-Hailuo-2.3',
		name: 'Hailuo 2.3',
		modes: {
			textToVideo: { formats: HAILUO, features: ALL_OPTIONS },
			imageToVideo: { formats: HAILUO, features: ALL_OPTIONS },
		},
	},
	{
		provider: 'minimax',
		value: 'MiniMax-Hailuo-2.3-Fast',
		name: 'Hailuo 2.3 Fast',
		modes: { imageToVideo: { formats: HAILUO, features: ALL_OPTIONS } },
	},
	{
		provider: 'minimax',
		value: 'MiniMax-Hailuo-02',
		name: 'Hailuo 02',
		modes: {
			textToVideo: { formats: HAILUO, features: ALL_OPTIONS },
			imageToVideo: { formats: HAILUO_WITH_512P, features: ALL_OPTIONS },
			// fast_pretreatment is not documented for first+last frame.
			firstLastFrame: { formats: HAILUO, features: NO_FAST_PRETREATMENT },
		},
	},
	{
		provider: 'minimax',
		value: 'T2V-01-Director',
		name: 'Hailuo 01 Director',
		modes: { textToVideo: { formats: SERIES_01, features: NO_FAST_PRETREATMENT } },
	},
	{
		provider: 'minimax',
		value: 'T2V-01',
		name: 'Hailuo 01',
		modes: { textToVideo: { formats: SERIES_01, features: PLAIN_01 } },
	},
	{
		provider: 'minimax',
		value: 'I2V-01-Director',
		name: 'Hailuo 01 Director',
		modes: { imageToVideo: { formats: SERIES_01, features: NO_FAST_PRETREATMENT } },
	},
	{
		provider: 'minimax',
		value: 'I2V-01-live',
		name: 'Hailuo 01 Live',
		modes: { imageToVideo: { formats: SERIES_01, features: PLAIN_01 } },
	},
	{
		provider: 'minimax',
		value: 'I2V-01',
		name: 'Hailuo 01',
		modes: { imageToVideo: { formats: SERIES_01, features: PLAIN_01 } },
	},

	// Atlas Cloud: one id per mode and tier; the tier fixes the resolution, pro tiers the duration.
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-2.3/t2v-standard',
		name: 'Hailuo 2.3 Standard (768P)',
		modes: { textToVideo: { formats: STANDARD_768P, features: ATLAS } },
		omits: ['resolution'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-2.3/t2v-pro',
		name: 'Hailuo 2.3 Pro (1080P)',
		modes: { textToVideo: { formats: PRO_1080P, features: ATLAS } },
		omits: ['resolution', 'duration'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-2.3/i2v-standard',
		name: 'Hailuo 2.3 Standard (768P)',
		modes: { imageToVideo: { formats: STANDARD_768P, features: ATLAS } },
		omits: ['resolution'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-2.3/i2v-pro',
		name: 'Hailuo 2.3 Pro (1080P)',
		modes: { imageToVideo: { formats: PRO_1080P, features: ATLAS } },
		omits: ['resolution', 'duration'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-2.3/fast',
		name: 'Hailuo 2.3 Fast (768P)',
		modes: { imageToVideo: { formats: STANDARD_768P, features: ATLAS_FAST } },
		omits: ['resolution'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-02/t2v-standard',
		name: 'Hailuo 02 Standard (768P)',
		modes: { textToVideo: { formats: STANDARD_768P, features: ATLAS } },
		omits: ['resolution'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-02/t2v-pro',
		name: 'Hailuo 02 Pro (1080P)',
		modes: { textToVideo: { formats: PRO_1080P, features: ATLAS } },
		omits: ['resolution', 'duration'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-02/i2v-standard',
		name: 'Hailuo 02 Standard (768P)',
		modes: { imageToVideo: { formats: STANDARD_768P, features: ATLAS } },
		omits: ['resolution'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-02/i2v-pro',
		name: 'Hailuo 02 Pro (1080P)',
		modes: { imageToVideo: { formats: PRO_1080P, features: ATLAS } },
		omits: ['resolution', 'duration'],
	},
	{
		provider: 'atlasCloud',
		value: 'minimax/hailuo-02/fast',
		// 512P as on the other hosts of Hailuo 02 Fast; Atlas does not state it.
		name: 'Hailuo 02 Fast (512P)',
		modes: { imageToVideo: { formats: { '512P': [6, 10] }, features: ATLAS_FAST } },
		omits: ['resolution'],
	},

	// SeaArt: one id per family and mode; resolution and duration are fields, MiniMax-native names.
	{
		provider: 'seaArt',
		value: 'minimax_hailuo_23_t2v',
		name: 'Hailuo 2.3',
		modes: { textToVideo: { formats: HAILUO, features: ALL_OPTIONS } },
	},
	{
		provider: 'seaArt',
		value: 'minimax_hailuo_23_i2v',
		name: 'Hailuo 2.3',
		modes: { imageToVideo: { formats: HAILUO, features: ALL_OPTIONS } },
	},
	{
		provider: 'seaArt',
		value: 'minimax_hailuo_23_fast_i2v',
		name: 'Hailuo 2.3 Fast',
		modes: { imageToVideo: { formats: HAILUO, features: ALL_OPTIONS } },
	},
	{
		provider: 'seaArt',
		value: 'minimax_hailuo_02_t2v',
		name: 'Hailuo 02',
		modes: { textToVideo: { formats: HAILUO, features: ALL_OPTIONS } },
	},
	{
		provider: 'seaArt',
		value: 'minimax_hailuo_02_i2v',
		name: 'Hailuo 02',
		modes: { imageToVideo: { formats: HAILUO_WITH_512P, features: ALL_OPTIONS } },
	},

	// API in One: Hailuo 2.3 image-to-video only, in two price tiers; no optimizer switch.
	{
		provider: 'apiInOne',
		value: 'hailuo/2-3-image-to-video-standard',
		name: 'Hailuo 2.3 Standard',
		modes: { imageToVideo: { formats: HAILUO, features: ['cameraMovements'] } },
	},
	{
		provider: 'apiInOne',
		value: 'hailuo/2-3-image-to-video-pro',
		name: 'Hailuo 2.3 Pro',
		modes: { imageToVideo: { formats: HAILUO, features: ['cameraMovements'] } },
	},
];

export const MODE_NAMES: Record<GenerationMode, string> = {
	textToVideo: 'Text to Video',
	imageToVideo: 'Image to Video',
	firstLastFrame: 'First and Last Frame',
};

export const FEATURE_NAMES: Record<ModelFeature, string> = {
	promptOptimizer: 'Prompt Optimizer',
	fastPretreatment: 'Fast Pretreatment',
	watermark: 'AI Watermark',
	cameraMovements: 'Camera Movements',
};

export const PROMPT_MAX_LENGTH = 2000;

export function modelsFor(provider: ProviderId, mode?: GenerationMode): ModelSpec[] {
	return MODEL_CATALOG.filter((m) => m.provider === provider && (!mode || m.modes[mode]));
}

export function findModel(provider: ProviderId, value: string): ModelSpec | undefined {
	return MODEL_CATALOG.find((m) => m.provider === provider && m.value === value);
}

export function modesOf(provider: ProviderId): GenerationMode[] {
	const modes = new Set<GenerationMode>();
	for (const model of modelsFor(provider)) {
		for (const mode of Object.keys(model.modes) as GenerationMode[]) modes.add(mode);
	}
	return (Object.keys(MODE_NAMES) as GenerationMode[]).filter((m) => modes.has(m));
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

export function takesField(model: ModelSpec, field: 'duration' | 'resolution'): boolean {
	return !model.omits?.includes(field);
}
