/**
 * The options table: one row per Hailuo Generate option (its Options collection). The option's
 * parameter description (properties.ts), its field in the generation request and its feature in the
 * model table (types.ts), its name in errors (catalog.ts) and the check that the chosen model takes
 * it (validation.ts) all derive from its row. A new option is a row here, the models that take it
 * listed in the provider modules, and its wire name in the modules that send it.
 */

/** An option as the node shows it: a switch, a choice among values, or a text. */
type OptionRow = { displayName: string; description: string } & (
	| { type: 'boolean'; default: boolean }
	| { type: 'string'; default: string; placeholder?: string }
	| { type: 'options'; default: string; options: Array<{ name: string; value: string; description?: string }> }
);

/** In the order validation checks them (and names the first the model does not take). */
export const GENERATION_OPTIONS = {
	promptOptimizer: {
		displayName: 'Prompt Optimizer',
		type: 'boolean',
		default: true,
		description: 'Whether the provider may rewrite the prompt for better results. Turn off for exact camera control',
	},
	fastPretreatment: {
		displayName: 'Fast Pretreatment',
		type: 'boolean',
		default: false,
		description: 'Whether to shorten prompt optimisation',
	},
	watermark: {
		displayName: 'AI Watermark',
		type: 'boolean',
		default: false,
		description: 'Whether to add the AI-generated watermark',
	},
	silentVideo: {
		displayName: 'Silent Video',
		type: 'boolean',
		default: false,
		description: 'Whether to make the video without sound. Hailuo 3 videos have native stereo sound by default',
	},
	promptExpansion: {
		displayName: 'Prompt Expansion',
		type: 'options',
		default: 'balanced',
		options: [
			{ name: 'Balanced', value: 'balanced', description: "The host's default" },
			{ name: 'Quality', value: 'quality', description: 'A longer rewrite for more detail' },
			{ name: 'Disabled', value: 'disabled', description: 'Send the prompt as written' },
		],
		description: 'How Hailuo 3 Max rewrites the prompt before rendering',
	},
	regenerateFrom: {
		displayName: 'Regenerate at 2K From',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.videoUrl }}',
		description:
			'The URL of a Hailuo 3 768P video made from this same prompt and these images (e.g. the preview you keep): it is rendered again at 2K, for less than a new 2K video. Set Resolution to 2K',
	},
} satisfies Record<string, OptionRow>;

export type GenerationOption = keyof typeof GENERATION_OPTIONS;

export const GENERATION_OPTION_NAMES = Object.keys(GENERATION_OPTIONS) as GenerationOption[];

type ValueOf<Row> = Row extends { type: 'boolean' } ? boolean : string;

/** The options of a generation request: those the user set, each with its value. */
export type GenerationOptionValues = { [Name in GenerationOption]?: ValueOf<(typeof GENERATION_OPTIONS)[Name]> };
