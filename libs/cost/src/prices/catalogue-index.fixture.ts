import type { Catalogue } from '../pricing/catalogue.types';
import { PriceIndex } from './price-resolution';

/** For specs: the production price index over a catalogue as the sync would store it (catalogue rows only). */
export function catalogueIndex(catalogue: Catalogue): PriceIndex {
  return new PriceIndex(
    catalogue.providers,
    catalogue.prices.map((row, i) => ({ ...row, id: `catalogue-${i}`, source: 'catalogue', ownerId: null, createdAt: row.effectiveFrom })),
  );
}
