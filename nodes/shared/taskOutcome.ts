/**
 * How a task's end reads in an output item, the same from Wait for Result, Generate's wait mode and
 * the Hailuo Trigger: a finished task's fields, or the error of a task that ended without a video.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TaskHandle } from './providers';
import type { ProviderApiError, ProviderConnection } from './transport';
import type { TaskSnapshot } from './types';

/** The output fields of a finished task (merged into the item's own fields by the node). */
export function successJson(handle: TaskHandle, snapshot: TaskSnapshot, completedAt: string): IDataObject {
	const submitted = Date.parse(handle.submittedAt);
	return {
		...handle,
		status: snapshot.state,
		providerStatus: snapshot.providerStatus,
		videoUrl: snapshot.videoUrl ?? null,
		width: snapshot.width ?? null,
		height: snapshot.height ?? null,
		timings: {
			submittedAt: handle.submittedAt,
			completedAt,
			elapsedSeconds: Number.isNaN(submitted)
				? null
				: Math.round((Date.parse(completedAt) - submitted) / 100) / 10,
		},
	};
}

/** The error of a task the provider reports failed or cancelled, in the provider's words. */
export function endedWithoutVideo(connection: ProviderConnection, handle: TaskHandle, snapshot: TaskSnapshot): ProviderApiError {
	const reason = snapshot.failure ?? { message: `the provider reported ${snapshot.providerStatus}`, kind: 'unknown' as const };
	const ended = snapshot.state === 'cancelled' ? 'was cancelled' : 'failed';
	return connection.error({ ...reason, message: `Task ${handle.taskId} ${ended}: ${reason.message}` });
}
