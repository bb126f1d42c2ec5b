/** `someColumnName` → `some_column_name`, as MikroORM's underscore naming maps properties to columns. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/**
 * A table row as raw SQL returns it, derived from the table's entity so each row type is declared
 * once (in the entity). Set-based statements that return whole or partial rows type them with this.
 */
export type RowOf<E> = { [K in keyof E as K extends string ? SnakeCase<K> : never]: E[K] };
