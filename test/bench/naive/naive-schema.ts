// Builds the naive gateway's schema: the contract SDL (schema/schema.graphql) with the naive resolvers attached.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type GraphQLSchema, buildSchema, isObjectType } from 'graphql';

import type { NaiveResolverMap } from './naive-resolvers';

/** The contract SDL, found from `test/bench/naive/` and from `dist/test/bench/naive/`. */
export function readContractSdl(): string {
  for (const up of [['..', '..', '..'], ['..', '..', '..', '..']]) {
    try {
      return readFileSync(join(__dirname, ...up, 'schema', 'schema.graphql'), 'utf8');
    } catch {
      // try the next depth
    }
  }
  throw new Error('schema/schema.graphql not found above test/bench/naive');
}

/**
 * The same contract schema as the gateway, built with graphql-js `buildSchema`,
 * with `resolvers` set on their fields.
 *
 * @throws Error when a resolver names a type or field the contract lacks.
 */
export function buildNaiveSchema(resolvers: NaiveResolverMap): GraphQLSchema {
  const schema = buildSchema(readContractSdl());
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`the contract has no object type ${typeName}`);
    const typeFields = type.getFields();
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = typeFields[fieldName];
      if (field === undefined) throw new Error(`the contract has no field ${typeName}.${fieldName}`);
      field.resolve = resolve;
    }
  }
  return schema;
}
