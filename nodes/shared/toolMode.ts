/**
 * Running as an AI Agent tool. n8n offers a node with `usableAsTool` as the node type `<type>Tool`
 * (n8n's packages/cli/src/node-types.ts), and n8n's own displayOptions key `@tool` tests the same
 * suffix (n8n-workflow's NodeHelpers): the node is a tool exactly when its type ends with "Tool".
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/**
 * A failure as the tool's answer: an item `{ error }` holding the message and its details (the allowed
 * values; for a created task, that it is billed and must not be created again), since an LLM reads a
 * failure's message only. The AI Agent v2.2 (langchain's AgentExecutor) hands the LLM an empty result
 * for a tool that throws, so a refused duration would be retried blind and a timed-out task, billed and
 * still rendering, created again (seen in a real n8n 2.40.7); answered, every Agent version shows the LLM
 * the message, as n8n's own Code and HTTP Request tools answer theirs. Outside an agent the error is
 * thrown as it is (n8n shows its message and description apart).
 */
export function failureAsToolAnswer(ctx: IExecuteFunctions, error: unknown): INodeExecutionData[][] {
	if (!runsAsTool(ctx) || !(error instanceof Error)) throw error;
	const { description } = error as Error & { description?: unknown };
	const hasDetails = typeof description === 'string' && description !== '' && !error.message.includes(description);
	return [[{ json: { error: hasDetails ? `${error.message}\n\nDetails: ${description}` : error.message } }]];
}

// ---------------------------------------------------------------- parameters as an AI Agent tool

type DisplayOptions = INodeProperties['displayOptions'];

/**
 * Shown only outside an agent (false) or only as a tool (true), by n8n's `@tool` display condition.
 * It comes first: n8n shows a parameter as soon as a `show` condition reads an expression (such as a
 * `$fromAI` model), without checking the conditions after it.
 */
function onlyAsTool(tool: boolean, displayOptions: DisplayOptions): DisplayOptions {
	return { ...displayOptions, show: { '@tool': [tool], ...displayOptions?.show } };
}

/** A parameter that makes no sense in an agent (a tool receives JSON only, never binary). */
export function outsideAgent(property: INodeProperties): INodeProperties {
	return { ...property, displayOptions: onlyAsTool(false, property.displayOptions) };
}

/** The tool's variant of a parameter: its own default (and display rules, when given). */
export function asTool(property: INodeProperties, changes: Partial<INodeProperties>): INodeProperties {
	return { ...property, ...changes, displayOptions: onlyAsTool(true, changes.displayOptions ?? property.displayOptions) };
}

/**
 * `$fromAI(key, description, type)`: the LLM is offered exactly the parameters holding one (n8n-core's
 * createNodeAsTool builds the tool's schema from them), each with its description.
 */
export function fromAI(key: string, description: string, type: 'string' | 'number'): string {
	const quoted = description.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
	return `={{ $fromAI('${key}', '${quoted}', '${type}') }}`;
}

/**
 * A parameter as the panel shows it, and as a tool the LLM's choice by default: the editor fills the
 * `$fromAI` in, so a tool dropped into an agent is offered without any clicking, and a value the user
 * sets instead stays fixed.
 */
export function choosableByAgent(
	property: INodeProperties,
	key: string,
	description: string,
	{ type = 'string', displayOptions }: { type?: 'string' | 'number'; displayOptions?: DisplayOptions } = {},
): INodeProperties[] {
	return [outsideAgent(property), asTool(property, { default: fromAI(key, description, type), ...(displayOptions ? { displayOptions } : {}) })];
}

/**
 * What the LLM reads about the tool, one text per provider (the Provider is fixed in the panel). n8n
 * adds its own Description parameter, holding the node's one-line description, only to a tool that
 * has none (convertNodeToAiTool in n8n's packages/cli/src/tool-generation/ai-tools.ts).
 */
export function toolDescriptionProperties(providers: readonly string[], text: (provider: string) => string): INodeProperties[] {
	return providers.map((provider) => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: text(provider),
		required: true,
		typeOptions: { rows: 4 },
		description: 'What the AI Agent is told this tool does and returns',
		displayOptions: { show: { '@tool': [true], provider: [provider] } },
	}));
}
