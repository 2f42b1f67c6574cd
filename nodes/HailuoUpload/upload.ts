/** Hailuo Upload: an input image binary becomes a URL the chosen provider accepts. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { imageReference, readImageBinary } from '../shared/imageInput';
import { failedItemOutput, nodeErrorFor } from '../shared/itemErrors';
import { textParameter } from '../shared/parameterValues';
import { providerById } from '../shared/providers';
import type { ProviderId } from '../shared/providers';
import { ProviderConnection } from '../shared/transport';

export async function upload(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const provider = providerById(this.getNodeParameter('provider', 0) as ProviderId);
	const connection = await ProviderConnection.open(this, provider);
	const output: INodeExecutionData[] = [];

	for (let i = 0; i < items.length; i++) {
		const binaryProperty = textParameter(this, 'binaryPropertyName', i, 'data');
		try {
			const image = await readImageBinary(this, provider, i, binaryProperty, 'Image');
			const reference = await imageReference(connection, image);
			output.push({
				json: {
					...items[i].json,
					url: reference.url,
					method: reference.method,
					provider: provider.id,
					mimeType: image.mimeType,
					fileSize: image.data.length,
					fileName: image.fileName,
					width: image.width,
					height: image.height,
				},
				pairedItem: { item: i },
			});
		} catch (error) {
			if (!this.continueOnFail()) throw nodeErrorFor(this, error, i);
			output.push(failedItemOutput(this, error, i, items[i].json, { provider: provider.id }));
		}
	}
	return [output];
}
