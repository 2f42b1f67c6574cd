/**
 * Running as an AI Agent tool. n8n offers a node with `usableAsTool` as the node type `<type>Tool`
 * (n8n's packages/cli/src/node-types.ts), and n8n's own displayOptions key `@tool` tests the same
 * suffix (n8n-workflow's NodeHelpers): the node is a tool exactly when its type ends with "Tool".
 */
import type { IExecuteFunctions } from 'n8n-workflow';

export function runsAsTool(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/**
 * The AI Agent v3 hands the LLM a failed tool's error message only (v2.2: nothing), so as a tool the
 * message carries the description too: the allowed values, and for a created task that it is billed
 * and must not be created again (in the form n8n's own tool wrapper uses for the v1/v2 agents). Elsewhere
 * n8n shows both, and errors stay as they are.
 */
export function errorForAgent(ctx: IExecuteFunctions, error: unknown): unknown {
	if (!runsAsTool(ctx) || !(error instanceof Error)) return error;
	const { description } = error as Error & { description?: unknown };
	if (typeof description === 'string' && description && !error.message.includes(description)) {
		error.message = `${error.message}\n\nDetails: ${description}`;
	}
	return error;
}
