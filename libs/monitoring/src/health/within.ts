/** `promise`, or a rejection after `ms`: a health check answers even while PostgreSQL hangs. */
export function within<T>(ms: number, promise: Promise<T>, message = `timed out after ${ms} ms`): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref())]);
}
