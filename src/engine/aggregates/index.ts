/** The aggregate registry of one engine instance, built from every family's declarations. */
import { basicAggregates } from './basic.js';
import { collectionAggregates } from './collections.js';
import { AggregateRegistry } from './registry.js';

export function createAggregateRegistry(): AggregateRegistry {
  return new AggregateRegistry([basicAggregates, collectionAggregates]);
}
