/**
 * Hailuo camera commands: written into the prompt in square brackets. Up to three in one bracket
 * move the camera at the same time. MiniMax's English docs use English words, its Chinese docs
 * (and SeaArt, which follows them) the Chinese words; each provider says which it expects.
 */

export type CameraSyntax = 'english' | 'chinese';

export const CAMERA_MOVEMENTS = [
	{ value: 'truckLeft', english: 'Truck left', chinese: '左移' },
	{ value: 'truckRight', english: 'Truck right', chinese: '右移' },
	{ value: 'panLeft', english: 'Pan left', chinese: '左摇' },
	{ value: 'panRight', english: 'Pan right', chinese: '右摇' },
	{ value: 'pushIn', english: 'Push in', chinese: '推进' },
	{ value: 'pullOut', english: 'Pull out', chinese: '拉远' },
	{ value: 'pedestalUp', english: 'Pedestal up', chinese: '上升' },
	{ value: 'pedestalDown', english: 'Pedestal down', chinese: '下降' },
	{ value: 'tiltUp', english: 'Tilt up', chinese: '上摇' },
	{ value: 'tiltDown', english: 'Tilt down', chinese: '下摇' },
	{ value: 'zoomIn', english: 'Zoom in', chinese: '变焦推近' },
	{ value: 'zoomOut', english: 'Zoom out', chinese: '变焦拉远' },
	{ value: 'shake', english: 'Shake', chinese: '晃动' },
	{ value: 'trackingShot', english: 'Tracking shot', chinese: '跟随' },
	{ value: 'staticShot', english: 'Static shot', chinese: '固定' },
] as const;

export type CameraMovement = (typeof CAMERA_MOVEMENTS)[number]['value'];

/** MiniMax combines at most three movements in one bracket. */
export const MAX_SIMULTANEOUS_MOVEMENTS = 3;

/** A movement by its value or its English name, in any case ("panLeft", "Pan left"): what an LLM or an expression may write. */
export function cameraMovementNamed(text: string): CameraMovement | undefined {
	const key = text.replace(/[\s_-]+/g, '').toLowerCase();
	return CAMERA_MOVEMENTS.find((m) => m.value.toLowerCase() === key)?.value;
}

/** Appends the movements as one bracket, e.g. "A cat jumps [Pan left,Pedestal up]". */
export function withCameraMovements(
	prompt: string,
	movements: CameraMovement[],
	syntax: CameraSyntax,
): string {
	if (movements.length === 0) return prompt;
	const words = movements.map((value) => CAMERA_MOVEMENTS.find((m) => m.value === value)![syntax]);
	const bracket = `[${words.join(',')}]`;
	return prompt.trim() ? `${prompt.trimEnd()} ${bracket}` : bracket;
}
