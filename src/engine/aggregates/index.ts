/** The aggregate registry of one engine instance, built from every family's declarations. */
import { argExtremeAggregates } from './arg-extremes.js';
import { basicAggregates } from './basic.js';
import { collectionAggregates } from './collections.js';
import { percentileAggregates } from './percentiles.js';
import { AggregateRegistry } from './registry.js';
import { schemaAggregates } from './schema.js';
import { sketchAggregates } from './sketches.js';
import { statisticsAggregates } from './statistics.js';

export function createAggregateRegistry(): AggregateRegistry {
  return new AggregateRegistry([
    argExtremeAggregates,
    basicAggregates,
    collectionAggregates,
    percentileAggregates,
    schemaAggregates,
    sketchAggregates,
    statisticsAggregates,
  ]);
}
