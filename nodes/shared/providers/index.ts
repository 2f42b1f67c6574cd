/**
 * The provider registry: the one list of provider modules. The provider id type, the catalog, the
 * node parameters and the tests' provider lists are all derived from it.
 */
import { apiInOne } from './apiInOne';
import { atlasCloud } from './atlasCloud';
import { fal } from './fal';
import { kie } from './kie';
import { minimax } from './minimax';
import { replicate } from './replicate';
import type { Provider, TaskRef } from './provider';
import { seaArt } from './seaArt';
import { waveSpeed } from './waveSpeed';
import type { Duration, GenerationMode, Resolution } from '../types';

export const PROVIDERS = [minimax, atlasCloud, seaArt, apiInOne, fal, replicate, waveSpeed, kie] as const;

export type ProviderId = (typeof PROVIDERS)[number]['id'];

/** A provider module of the registry, its id typed as one of the registered ids. */
export type RegisteredProvider = Provider & { id: ProviderId };

export const PROVIDER_IDS: ProviderId[] = PROVIDERS.map((provider) => provider.id);

export function isProviderId(value: unknown): value is ProviderId {
	return PROVIDER_IDS.includes(value as ProviderId);
}

/**
 * What Generate outputs and Wait for Result reads back: a task at a registered provider, enough to find
 * it again (the provider's TaskRef, with the `taskUrls` it returned at create where it did).
 */
export interface TaskHandle extends TaskRef {
	provider: ProviderId;
	mode: GenerationMode;
	duration: Duration;
	resolution: Resolution;
}

/** The provider module for an id the node parameters guarantee. */
export function providerById(id: ProviderId): RegisteredProvider {
	return PROVIDERS.find((provider) => provider.id === id)!;
}
