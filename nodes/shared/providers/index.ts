/** The provider registry: adding a provider means adding its module here (and a credential). */
import type { ProviderId } from '../types';
import { apiInOne } from './apiInOne';
import { atlasCloud } from './atlasCloud';
import { minimax } from './minimax';
import type { HailuoProvider } from './provider';
import { seaArt } from './seaArt';

export const PROVIDERS: Record<ProviderId, HailuoProvider> = { minimax, atlasCloud, seaArt, apiInOne };

export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];
