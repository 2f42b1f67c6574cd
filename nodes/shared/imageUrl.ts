/** Turns an image into something a provider's create call accepts. */
import { toDataUrl } from './image';
import type { FrameInput } from './request';
import type { ProviderClient } from './transport';
import type { ImageFile } from './types';

export interface ImageReference {
	url: string;
	/** `upload`: the provider's upload endpoint; `dataUrl`: inlined, for providers without one. */
	method: 'upload' | 'dataUrl';
}

export async function imageReference(client: ProviderClient, image: ImageFile): Promise<ImageReference> {
	const { provider } = client;
	if (provider.uploadImage) return { url: await provider.uploadImage(client, image), method: 'upload' };
	return { url: toDataUrl(image.data, image.mimeType), method: 'dataUrl' };
}

export async function frameUrl(client: ProviderClient, frame: FrameInput | undefined): Promise<string | undefined> {
	if (!frame) return undefined;
	return 'url' in frame ? frame.url : (await imageReference(client, frame.image)).url;
}
