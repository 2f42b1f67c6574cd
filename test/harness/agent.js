// Nodes as AI Agent tools, the way n8n 2.40 runs them, on n8n-core's public engine:
// - `asTool` builds the `<type>Tool` variant n8n derives from a node with `usableAsTool` (n8n's
//   packages/cli/src/node-types.ts getByNameAndVersion and tool-generation/ai-tools.ts convertNodeToAiTool:
//   the node's own properties, name + "Tool", no inputs, one ai_tool output, a Tool Description field).
// - `TestAgent` stands in for the AI Agent v3 (@n8n/n8n-nodes-langchain agents/Agent/agents/ToolsAgent/V3):
//   it asks n8n-core for its connected tools (the schema and description an LLM is offered, built by
//   n8n-core's createNodeAsTool from the `$fromAI` parameters), then asks the engine to run the scripted
//   tool calls (an EngineRequest, as V3's createEngineRequests does) and reports what each call's
//   observation would be (utils/agent-execution/buildSteps.js buildObservation: the first output's
//   items as JSON, else the error's message only); with `asV2`, the AI Agent v2.2, which invokes the tool
//   objects itself (an empty observation for a tool that throws).
'use strict';

const { zodToJsonSchema } = require('zod-to-json-schema');

const AGENT_TYPE = 'test.agent';

function asTool(nodeType) {
	const base = nodeType.description;
	const toolDescription = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: base.description,
		required: true,
		typeOptions: { rows: 2 },
	};
	const properties = base.properties.some((p) => p.name === 'toolDescription') ? base.properties : [...base.properties, toolDescription];
	const description = { ...base, name: `${base.name}Tool`, displayName: `${base.displayName} Tool`, inputs: [], outputs: ['ai_tool'], properties };
	delete description.usableAsTool;
	return Object.create(nodeType, { description: { value: description } });
}

/** What the LLM gets back from one tool call. */
function observation(taskData) {
	const items = taskData?.data?.ai_tool?.[0]?.map((item) => item?.json);
	if (items && items.length > 0) return JSON.stringify(items);
	if (taskData?.error) return JSON.stringify({ error: taskData.error.message ?? 'Unknown error', ...(taskData.error.name ? { errorType: taskData.error.name } : {}) });
	return JSON.stringify('');
}

class TestAgent {
	description = {
		displayName: 'Test Agent',
		name: 'testAgent',
		group: ['transform'],
		version: 1,
		description: 'Offers its tools to a scripted LLM',
		defaults: { name: 'Agent' },
		inputs: ['main', 'ai_tool'],
		outputs: ['main'],
		properties: [
			// [{ tool: node name, input: the LLM's arguments }]
			{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' },
			// The AI Agent v2.2 (langchain's AgentExecutor, agents/ToolsAgent/V2) calls the tool objects itself
			// and hands the LLM an empty observation for a tool that throws.
			{ displayName: 'As Agent V2', name: 'asV2', type: 'boolean', default: false },
		],
	};

	async execute(response) {
		if (response?.actionResponses?.length) {
			const calls = response.actionResponses.map((r) => ({ tool: r.action.nodeName, input: r.action.input, observation: observation(r.data) }));
			return [[{ json: { tools: response.metadata.tools, calls } }]];
		}
		const connected = (await this.getInputConnectionData('ai_tool', 0)) ?? [];
		const tools = [connected].flat().map((tool) => ({ name: tool.name, description: tool.description, parameters: zodToJsonSchema(tool.schema) }));
		const calls = JSON.parse(this.getNodeParameter('calls', 0));
		if (calls.length === 0) return [[{ json: { tools, calls: [] } }]];
		if (this.getNodeParameter('asV2', 0)) {
			const byName = new Map([connected].flat().map((tool) => [tool.name, tool]));
			const observed = [];
			for (const call of calls) {
				const observation = await byName.get(call.tool.replace(/ /g, '_')).invoke(call.input).catch(() => '');
				observed.push({ tool: call.tool, input: call.input, observation });
			}
			return [[{ json: { tools, calls: observed } }]];
		}
		return {
			actions: calls.map((call, index) => ({
				actionType: 'ExecutionNodeAction',
				nodeName: call.tool,
				input: call.input,
				type: 'ai_tool',
				id: `call_${index}`,
				metadata: { itemIndex: 0 },
			})),
			metadata: { tools },
		};
	}
}

/** Start → Agent, with each tool node connected to the Agent's ai_tool input. */
function agentWorkflow(tools, calls, startNode, { asV2 = false } = {}) {
	const agent = { id: 'agent', name: 'Agent', type: AGENT_TYPE, typeVersion: 1, position: [220, 0], parameters: { calls: JSON.stringify(calls), asV2 } };
	const connections = { [startNode.name]: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] } };
	for (const tool of tools) connections[tool.name] = { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] };
	return { id: 'test', name: 'test', nodes: [startNode, agent, ...tools], connections, settings: { executionOrder: 'v1' } };
}

module.exports = { AGENT_TYPE, TestAgent, asTool, agentWorkflow };
