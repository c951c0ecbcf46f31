// Row types of the sample files, taken from the contracts so that a misspelt column fails to compile.
import type { ZodType } from "zod";
import type { ReportRow } from "../contracts/report.ts";

/** A contract row, every column optional, plus the code_operateur that operator tables carry. */
export type OperatorRow<R extends { schema: ZodType }> = Partial<ReportRow<R>> & { code_operateur?: string };
