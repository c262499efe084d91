// Turns a view (a class whose getters read an upstream object) into the plain object it stands for, for JSON and test output; never on the request path.

/**
 * Every getter the view's class declares, read once, into a plain object.
 * Views keep their upstream object in a private field, so without this
 * JSON.stringify would print `{}`; with it, a view serialises exactly as the
 * graph shows it (nested views through their own `toJSON`), and nothing the
 * view does not expose (a source's clientSecret) can appear.
 */
export function plainCopy(view: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  const descriptors = Object.getOwnPropertyDescriptors(Object.getPrototypeOf(view) as object);
  for (const [name, descriptor] of Object.entries(descriptors)) {
    if (descriptor.get !== undefined) copy[name] = (view as Record<string, unknown>)[name];
  }
  return copy;
}
