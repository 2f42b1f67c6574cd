/** Hailuo Upload: an input image binary becomes a URL the chosen provider accepts. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { imageReference } from '../shared/imageUrl';
import { errorItem, itemError } from '../shared/items';
import { textParameter } from '../shared/properties';
import { PROVIDERS } from '../shared/providers';
import { readImageBinary } from '../shared/request';
import { ProviderClient } from '../shared/transport';
import type { ProviderId } from '../shared/types';

export async function upload(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const provider = PROVIDERS[this.getNodeParameter('provider', 0) as ProviderId];
	const client = await ProviderClient.connect(this, provider);
	const output: INodeExecutionData[] = [];

	for (let i = 0; i < items.length; i++) {
		const binaryProperty = textParameter(this, 'binaryPropertyName', i, 'data');
		try {
			const image = await readImageBinary(this, provider, i, binaryProperty, 'Image');
			const reference = await imageReference(client, image);
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
			if (!this.continueOnFail()) throw itemError(this, error, i);
			output.push(errorItem(this, error, i, items[i].json, { provider: provider.id }));
		}
	}
	return [output];
}
