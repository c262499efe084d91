// Calls plain field resolvers (parent, context, info only) directly instead of through type-graphql's per-call wrapper.
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type ParamKind = 'root' | 'context' | 'info';

/** What a direct call hands the method for each parameter position. */
type ParamSource = (root: unknown, context: unknown, info: unknown) => unknown;

const SOURCES: Readonly<Record<ParamKind, ParamSource>> = {
  root: (root) => root,
  context: (_root, context) => context,
  info: (_root, _context, info) => info,
};

/** Which kind each source stands for, to pick a call shape without indirection. */
const KIND_OF: ReadonlyMap<ParamSource, ParamKind> = new Map(Object.entries(SOURCES).map(([kind, source]) => [source, kind as ParamKind]));

/**
 * type-graphql runs every resolver call through a generic wrapper: it builds
 * a resolver-data object, looks the class instance up, sorts and maps the
 * parameter list (V8's sort allocates on each call) and checks for promises.
 * On the 50-order page that is ~350 calls per request, all of them field
 * resolvers taking only `@Root`, `@Ctx` and `@Info`.
 *
 * For exactly those field resolvers — declared in a resolver class, no
 * arguments to convert or validate, no middleware, no roles, a parent that
 * type-graphql would pass as it is (see `resolvers/index.ts`) — this replaces
 * the wrapper with a direct call, the parameter order worked out once. Every
 * other resolver keeps type-graphql's wrapper. Returns how many were replaced.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema, resolverClasses: readonly Function[]): number {
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, unknown>>();
  let replaced = 0;
  for (const metadata of storage.fieldResolvers) {
    if (metadata.kind !== 'external' || !resolverClasses.includes(metadata.target)) continue;
    if ((metadata.middlewares?.length ?? 0) > 0 || metadata.roles !== undefined) continue;
    const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
    const sources: ParamSource[] = [];
    for (const param of params) {
      const direct = param.kind === 'root' ? param.propertyName === undefined && param.getType === undefined
        : param.kind === 'context' ? param.propertyName === undefined
          : param.kind === 'info';
      if (!direct) break;
      sources.push(SOURCES[param.kind as ParamKind]);
    }
    if (sources.length !== params.length) continue;
    const objectClass = metadata.getObjectType?.();
    const typeName = storage.objectTypes.find((objectType) => objectType.target === objectClass)?.name;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[metadata.schemaName] : undefined;
    if (field === undefined) continue;
    let instance = instances.get(metadata.target);
    if (instance === undefined) {
      // Resolver classes are stateless; type-graphql's default container also keeps one instance per class.
      instance = new (metadata.target as new () => Record<string, unknown>)();
      instances.set(metadata.target, instance);
    }
    field.resolve = directCall(instance, metadata.methodName, sources);
    replaced += 1;
  }
  return replaced;
}

function directCall(instance: Record<string, unknown>, methodName: string, sources: readonly ParamSource[]): GraphQLFieldResolver<unknown, unknown> {
  const method = instance[methodName];
  if (typeof method !== 'function') throw new TypeError(`resolver method ${methodName} is not a function`);
  // The gateway's own orders first, each a closure of its own: a shared call
  // site for `sources[i](...)` would see every kind of parameter and stay slow.
  const order = sources.map((source) => KIND_OF.get(source)).join(',');
  if (order === 'root') return (root) => method.call(instance, root);
  if (order === 'root,context') return (root, _args, context) => method.call(instance, root, context);
  if (order === 'root,context,info') return (root, _args, context, info) => method.call(instance, root, context, info);
  const [first, second, third] = sources;
  // Fixed arities, so no argument array is built per call.
  if (sources.length === 1 && first !== undefined) return (root, _args, context, info) => method.call(instance, first(root, context, info));
  if (sources.length === 2 && first !== undefined && second !== undefined) {
    return (root, _args, context, info) => method.call(instance, first(root, context, info), second(root, context, info));
  }
  if (sources.length === 3 && first !== undefined && second !== undefined && third !== undefined) {
    return (root, _args, context, info) => method.call(instance, first(root, context, info), second(root, context, info), third(root, context, info));
  }
  return (root, _args, context, info) => method.apply(instance, sources.map((source) => source(root, context, info)));
}
