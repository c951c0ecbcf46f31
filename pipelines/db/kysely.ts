// A Kysely dialect over @duckdb/node-api (the published kysely-duckdb targets the old `duckdb`
// package, which needs a download). DuckDB speaks PostgreSQL's SQL dialect closely enough that
// Kysely's Postgres adapter and compiler apply; only the driver is ours.
import type { DuckDBConnection } from "@duckdb/node-api";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from "kysely";
import { query } from "./duckdb.ts";
import type { Database } from "./schema.ts";

class DuckDBKyselyConnection implements DatabaseConnection {
  constructor(private readonly connection: DuckDBConnection) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const rows = await query<R>(this.connection, compiled.sql, [...compiled.parameters]);
    return { rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not supported by the DuckDB Kysely driver");
  }
}

class DuckDBDriver implements Driver {
  private readonly kyselyConnection: DuckDBKyselyConnection;
  constructor(connection: DuckDBConnection) {
    this.kyselyConnection = new DuckDBKyselyConnection(connection);
  }
  async init() {}
  async acquireConnection() {
    return this.kyselyConnection;
  }
  async beginTransaction(c: DatabaseConnection) {
    await c.executeQuery({ sql: "begin transaction", parameters: [] } as unknown as CompiledQuery);
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery({ sql: "commit", parameters: [] } as unknown as CompiledQuery);
  }
  async rollbackTransaction(c: DatabaseConnection) {
    await c.executeQuery({ sql: "rollback", parameters: [] } as unknown as CompiledQuery);
  }
  async releaseConnection() {}
  async destroy() {}
}

export class DuckDBDialect implements Dialect {
  constructor(private readonly connection: DuckDBConnection) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    return new DuckDBDriver(this.connection);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

export function kyselyFor(connection: DuckDBConnection): Kysely<Database> {
  return new Kysely<Database>({ dialect: new DuckDBDialect(connection) });
}
