/**
 * Generated code by the list of names it was made for. A thread that runs
 * several plans with the same names (a folder run's assumption sets, what-if
 * variants, rare-event estimates on worker threads kept from one run to the
 * next) then gives them one hidden class and one setter: a constructor or
 * setter generated per plan gave every plan's records a map of their own,
 * and the model's property loads, seeing several maps, went polymorphic (the
 * flagship ran ~25% slower on threads that had run its six assumption sets).
 */
export function cached<T>(cache: Map<string, T>, names: readonly string[], make: () => T): T {
  const key = names.join('\u0000');
  let f = cache.get(key);
  if (f === undefined) cache.set(key, (f = make()));
  return f;
}
